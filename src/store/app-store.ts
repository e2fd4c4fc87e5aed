import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { checkAgainstCatalogue } from '../domain/assessment/import.ts';
import {
  answerSchema,
  assessmentDetailsSchema,
  assessmentFileSchema,
  assessmentSchema,
  controlMetaSchema,
  type Answer,
  type Assessment,
  type AssessmentDetails,
  type AssessmentFile,
  type ControlMeta,
} from '../domain/assessment/schema.ts';
import { maxLevel, type Catalogue } from '../domain/catalogue/schema.ts';
import { threatProfileSchema, type ThreatProfile } from '../domain/threat/profile.ts';
import {
  agreementSchema,
  EMPTY_WORKSHOP,
  workshopSchema,
  type Workshop,
} from '../domain/workshop/schema.ts';
import {
  MIGRATIONS,
  migratePersisted,
  PERSISTED_VERSION,
  restorePersisted,
  type MigrationStep,
  type PersistedState,
} from '../domain/persistence/persisted.ts';
import { formatProblems, problemsFromZod, type Problem } from '../domain/validation.ts';
import { bundledCatalogue, catalogueById } from './catalogue.ts';
import { usePersistenceStatus } from './persistence-status.ts';
import { createGuardedStorage, PersistLoadError, type GuardedStorage } from './storage.ts';

export const STORAGE_KEY = 'opsready:state';
export const BACKUP_KEY_PREFIX = 'opsready:backup:';

export interface AppActions {
  /** Sets or clears (null) the answer to one control of the active assessment. */
  setAnswer: (controlId: string, answer: Answer | null) => void;
  updateDetails: (details: AssessmentDetails) => void;
  /** Sets or clears (null) the per-control meta (target, owner, evidence, …) of the active assessment. */
  setMeta: (controlId: string, meta: ControlMeta | null) => void;
  /**
   * Picks the threat profile of the active assessment: a catalogue profile by id, or a profile the
   * team edited, which is saved with the assessment.
   */
  setProfile: (choice: { profileId: string } | { customProfile: ThreatProfile }) => void;
  /** Adds a validated assessment; returns false and changes nothing if the id is taken. */
  addAssessment: (assessment: Assessment) => boolean;
  /** Starts an empty assessment (against the built-in catalogue unless given one) and opens it. */
  createAssessment: (name: string, catalogue?: Catalogue) => string;
  /** Renames an assessment; the name is trimmed and must be 1–200 characters. */
  renameAssessment: (id: string, name: string) => void;
  /**
   * Copies an assessment's answers, meta, catalogue, details and profile under a new id and name,
   * and opens the copy. Returns its id, or null if there is no assessment `id`.
   */
  duplicateAssessment: (id: string, name: string) => string | null;
  /** Deletes an assessment. The app always keeps one: deleting the last starts a fresh one. */
  deleteAssessment: (id: string) => void;
  /**
   * Adds an assessment from a parsed file and opens it. An id that is already stored is never
   * overwritten: the file is stored under a new id, its name marked "(imported)". Returns the id.
   */
  importAssessment: (file: AssessmentFile) => string;
  setActiveAssessment: (id: string) => void;
  /**
   * Changes the workshop of the active assessment (an empty one on first use). The result is
   * validated, including its control ids against the assessment's catalogue, before it is saved.
   */
  updateWorkshop: (change: (workshop: Workshop) => Workshop) => void;
  /** Sets the agreed answer to a control and records who agreed it, and when. */
  agree: (controlId: string, answer: Answer, by: readonly string[]) => void;
  /** Reverses the most recent answer or meta change still on the history. */
  undo: () => UndoEntry | null;
}

/**
 * One reversible change: the value a control had before. Undo puts back that one value, so it
 * cannot wipe out changes made since to other controls, here or in another tab.
 */
export interface UndoEntry {
  readonly assessmentId: string;
  readonly controlId: string;
  readonly kind: 'answer' | 'meta';
  readonly before: Answer | ControlMeta | undefined;
}

/** How many changes undo can reach back; kept in memory only, for this tab's session. */
export const UNDO_DEPTH = 50;

export interface UndoState {
  readonly history: readonly UndoEntry[];
}

export type AppState = PersistedState & AppActions & UndoState;

export interface AppStoreOptions {
  readonly storage?: GuardedStorage;
  readonly now?: () => Date;
  readonly newId?: () => string;
  /** Lets tests exercise the migration path before a real migration exists. */
  readonly persistence?: {
    readonly version: number;
    readonly migrations: readonly MigrationStep[];
  };
  /** Follow changes other tabs save, so a stale tab never writes over newer answers. */
  readonly followOtherTabs?: boolean;
}

export function newAssessment(
  id: string,
  now: Date,
  name = 'My assessment',
  catalogue: Catalogue = bundledCatalogue,
): Assessment {
  const stamp = now.toISOString();
  return {
    id,
    name,
    organisation: '',
    scope: '',
    assessors: [],
    catalogue: { id: catalogue.meta.id, version: catalogue.meta.version },
    createdAt: stamp,
    updatedAt: stamp,
    answers: {},
    meta: {},
  };
}

/**
 * Problems in a workshop against the assessment's catalogue. Only the workshop's own: an answer the
 * catalogue has since dropped is the import's business and must not block every workshop change.
 */
function workshopProblems(assessment: Assessment, workshop: Workshop): Problem[] {
  const catalogue = catalogueById(assessment.catalogue.id);
  if (!catalogue) return [];
  return checkAgainstCatalogue({ ...assessment, workshop }, catalogue, 'workshop').filter((p) =>
    p.path.startsWith('workshop'),
  );
}

/** The store refuses to hold what it could not load again: that would lose data on reload. */
function assertValid(what: string, problems: readonly Problem[]): void {
  if (problems.length > 0) throw new Error(`Refused to save ${what}:\n${formatProblems(problems)}`);
}

function problemsOf(error: unknown): readonly Problem[] {
  if (error instanceof PersistLoadError) return error.problems;
  return [
    {
      source: 'saved data',
      path: '(root)',
      message: error instanceof Error ? error.message : String(error),
    },
  ];
}

export function createAppStore({
  storage = createGuardedStorage(() => window.localStorage),
  now = () => new Date(),
  newId = () => crypto.randomUUID(),
  persistence = { version: PERSISTED_VERSION, migrations: MIGRATIONS },
  followOtherTabs = true,
}: AppStoreOptions = {}) {
  const first = newAssessment(newId(), now());

  /**
   * Copies the stored text aside before anything can overwrite it, and tells the user. The same
   * text is backed up once, however often the page is reloaded.
   */
  const reportLoadProblems = (problems: readonly Problem[], partial: boolean): void => {
    const raw = storage.lastRaw();
    let backupKey: string | null = null;
    if (raw !== null) {
      const store = storage.backingStore();
      try {
        backupKey =
          Object.keys(store).find(
            (key) => key.startsWith(BACKUP_KEY_PREFIX) && store.getItem(key) === raw,
          ) ?? null;
        if (backupKey === null) {
          const key = `${BACKUP_KEY_PREFIX}${now().toISOString()}`;
          store.setItem(key, raw);
          backupKey = key;
        }
      } catch {
        backupKey = null;
      }
    }
    usePersistenceStatus.setState({
      loadFailure: { problems, backupKey, raw, partial },
      writesSuspended: raw !== null && backupKey === null,
    });
  };

  const store = create<AppState>()(
    persist(
      (set, get) => {
        /** Puts the control's current value on the undo history before it changes. */
        const remember = (controlId: string, kind: UndoEntry['kind']): void => {
          const state = get();
          const id = state.activeAssessmentId;
          const current = id === null ? undefined : state.assessments[id];
          if (id === null || !current) return;
          const before = kind === 'answer' ? current.answers[controlId] : current.meta[controlId];
          const entry: UndoEntry = { assessmentId: id, controlId, kind, before };
          set((s) => ({ history: [...s.history, entry].slice(-UNDO_DEPTH) }));
        };
        /** A level or target above the top of the active assessment's catalogue scale. */
        const aboveScale = (controlId: string, path: string, value: number): Problem[] => {
          const state = get();
          const active = state.assessments[state.activeAssessmentId ?? ''];
          const top = maxLevel((active && catalogueById(active.catalogue.id)) ?? bundledCatalogue);
          return value > top
            ? [{ source: controlId, path, message: `above the top of the scale (${String(top)})` }]
            : [];
        };
        /** Refuses an answer the schema or the catalogue's scale would not load again. */
        const checkAnswer = (controlId: string, answer: Answer): void => {
          const parsed = answerSchema.safeParse(answer);
          assertValid(
            `the answer to ${controlId}`,
            !parsed.success
              ? problemsFromZod(controlId, parsed.error)
              : answer.status === 'level'
                ? aboveScale(controlId, 'level', answer.level)
                : [],
          );
        };
        const updateActive = (change: (a: Assessment) => Assessment): void => {
          set((state) => {
            const id = state.activeAssessmentId;
            const current = id === null ? undefined : state.assessments[id];
            if (id === null || current === undefined) return state;
            const next = { ...change(current), updatedAt: now().toISOString() };
            return { assessments: { ...state.assessments, [id]: next } };
          });
        };
        return {
          assessments: { [first.id]: first },
          activeAssessmentId: first.id,
          history: [],
          undo: () => {
            // Entries for assessments deleted since are dropped, not reported as undone.
            const live = get().history.filter((e) =>
              Object.hasOwn(get().assessments, e.assessmentId),
            );
            if (live.length !== get().history.length) set({ history: live });
            const entry = live[live.length - 1];
            if (!entry) return null;
            set((state) => {
              const target = state.assessments[entry.assessmentId];
              const rest = { history: state.history.slice(0, -1) };
              if (!target) return rest;
              const field = entry.kind === 'answer' ? 'answers' : 'meta';
              const values: Record<string, unknown> = Object.fromEntries(
                Object.entries(target[field]).filter(([id]) => id !== entry.controlId),
              );
              if (entry.before !== undefined) values[entry.controlId] = entry.before;
              const restored = { ...target, [field]: values, updatedAt: now().toISOString() };
              return {
                ...rest,
                activeAssessmentId: entry.assessmentId,
                assessments: { ...state.assessments, [entry.assessmentId]: restored },
              };
            });
            return entry;
          },
          setAnswer: (controlId, answer) => {
            if (answer !== null) checkAnswer(controlId, answer);
            remember(controlId, 'answer');
            updateActive((a) => {
              const answers = Object.fromEntries(
                Object.entries(a.answers).filter(([id]) => id !== controlId),
              );
              if (answer !== null) answers[controlId] = answer;
              return { ...a, answers };
            });
          },
          setMeta: (controlId, meta) => {
            if (meta !== null) {
              const parsed = controlMetaSchema.safeParse(meta);
              assertValid(
                `the details of ${controlId}`,
                !parsed.success
                  ? problemsFromZod(controlId, parsed.error)
                  : meta.target !== undefined
                    ? aboveScale(controlId, 'target', meta.target)
                    : [],
              );
            }
            remember(controlId, 'meta');
            updateActive((a) => {
              const next = Object.fromEntries(
                Object.entries(a.meta).filter(([id]) => id !== controlId),
              );
              // An empty record carries nothing; dropping it keeps exports small.
              if (meta !== null && Object.keys(meta).length > 0) next[controlId] = meta;
              return { ...a, meta: next };
            });
          },
          updateDetails: (details) => {
            const parsed = assessmentDetailsSchema.safeParse(details);
            assertValid(
              'the assessment details',
              parsed.success ? [] : problemsFromZod('details', parsed.error),
            );
            if (parsed.success) updateActive((a) => ({ ...a, ...parsed.data }));
          },
          setProfile: (choice) => {
            if ('customProfile' in choice) {
              const parsed = threatProfileSchema.safeParse(choice.customProfile);
              assertValid(
                'the edited threat profile',
                parsed.success ? [] : problemsFromZod('profile', parsed.error),
              );
              if (!parsed.success) return;
              updateActive(({ profileId: _, ...a }) => ({ ...a, customProfile: parsed.data }));
            } else {
              const parsed = assessmentSchema.shape.profileId.safeParse(choice.profileId);
              assertValid(
                'the threat profile choice',
                parsed.success ? [] : problemsFromZod('profileId', parsed.error),
              );
              updateActive(({ customProfile: _, ...a }) => ({ ...a, profileId: choice.profileId }));
            }
          },
          updateWorkshop: (change) => {
            const state = get();
            const active = state.assessments[state.activeAssessmentId ?? ''];
            if (!active) return;
            const parsed = workshopSchema.safeParse(change(active.workshop ?? EMPTY_WORKSHOP));
            if (!parsed.success) {
              assertValid('the workshop', problemsFromZod('workshop', parsed.error));
              return;
            }
            assertValid('the workshop', workshopProblems(active, parsed.data));
            updateActive((a) => ({ ...a, workshop: parsed.data }));
          },
          agree: (controlId, answer, by) => {
            const state = get();
            const active = state.assessments[state.activeAssessmentId ?? ''];
            if (!active) return;
            checkAnswer(controlId, answer);
            const agreement = agreementSchema.safeParse({
              by: [...by],
              at: now().toISOString(),
              answer,
            });
            if (!agreement.success) {
              assertValid(
                `the agreement on ${controlId}`,
                problemsFromZod(controlId, agreement.error),
              );
              return;
            }
            const base = active.workshop ?? EMPTY_WORKSHOP;
            const workshop = {
              ...base,
              agreements: { ...base.agreements, [controlId]: agreement.data },
            };
            assertValid('the workshop', workshopProblems(active, workshop));
            // The answer and who agreed it are saved together, or neither is.
            remember(controlId, 'answer');
            updateActive((a) => ({
              ...a,
              answers: { ...a.answers, [controlId]: answer },
              workshop,
            }));
          },
          addAssessment: (assessment) => {
            let added = false;
            set((state) => {
              if (Object.hasOwn(state.assessments, assessment.id)) return state;
              added = true;
              return {
                assessments: { ...state.assessments, [assessment.id]: assessment },
                activeAssessmentId: assessment.id,
              };
            });
            return added;
          },
          createAssessment: (name, catalogue) => {
            const checked = assessmentSchema.shape.name.safeParse(name);
            assertValid(
              'the new assessment',
              checked.success ? [] : problemsFromZod('name', checked.error),
            );
            const assessment = newAssessment(newId(), now(), name.trim(), catalogue);
            set((state) => ({
              assessments: { ...state.assessments, [assessment.id]: assessment },
              activeAssessmentId: assessment.id,
            }));
            return assessment.id;
          },
          renameAssessment: (id, name) => {
            const checked = assessmentSchema.shape.name.safeParse(name);
            assertValid(
              'the new name',
              checked.success ? [] : problemsFromZod('name', checked.error),
            );
            set((state) => {
              const current = state.assessments[id];
              if (current === undefined) return state;
              const next = { ...current, name: name.trim(), updatedAt: now().toISOString() };
              return { assessments: { ...state.assessments, [id]: next } };
            });
          },
          duplicateAssessment: (id, name) => {
            const checked = assessmentSchema.shape.name.safeParse(name);
            assertValid(
              'the name of the copy',
              checked.success ? [] : problemsFromZod('name', checked.error),
            );
            const source = store.getState().assessments[id];
            if (source === undefined) return null;
            const stamp = now().toISOString();
            const copy: Assessment = {
              ...structuredClone(source),
              id: newId(),
              name: name.trim(),
              createdAt: stamp,
              updatedAt: stamp,
            };
            set((state) => ({
              assessments: { ...state.assessments, [copy.id]: copy },
              activeAssessmentId: copy.id,
            }));
            return copy.id;
          },
          deleteAssessment: (id) => {
            set((state) => {
              if (!Object.hasOwn(state.assessments, id)) return state;
              const order = Object.keys(state.assessments);
              const assessments = Object.fromEntries(
                Object.entries(state.assessments).filter(([key]) => key !== id),
              );
              if (Object.keys(assessments).length === 0) {
                const fresh = newAssessment(newId(), now());
                return { assessments: { [fresh.id]: fresh }, activeAssessmentId: fresh.id };
              }
              if (state.activeAssessmentId !== id) return { assessments };
              // The neighbour in the list, so the picker stays roughly where the user was.
              const at = order.indexOf(id);
              const next = order[at + 1] ?? order[at - 1] ?? Object.keys(assessments)[0] ?? null;
              return { assessments, activeAssessmentId: next };
            });
          },
          importAssessment: (file) => {
            const parsed = assessmentFileSchema.safeParse(file);
            const catalogue = catalogueById(file.assessment.catalogue.id);
            assertValid(
              'the imported assessment',
              !parsed.success
                ? problemsFromZod('import', parsed.error)
                : catalogue
                  ? checkAgainstCatalogue(file.assessment, catalogue, 'import', ['assessment'])
                  : [],
            );
            const suffix = ' (imported)';
            let id = '';
            set((state) => {
              const clash = Object.hasOwn(state.assessments, file.assessment.id);
              const assessment: Assessment = clash
                ? {
                    ...file.assessment,
                    id: newId(),
                    name: `${file.assessment.name.slice(0, 200 - suffix.length).trimEnd()}${suffix}`,
                  }
                : file.assessment;
              id = assessment.id;
              return {
                assessments: { ...state.assessments, [assessment.id]: assessment },
                activeAssessmentId: assessment.id,
              };
            });
            return id;
          },
          setActiveAssessment: (id) => {
            set((state) =>
              Object.hasOwn(state.assessments, id) ? { activeAssessmentId: id } : state,
            );
          },
        };
      },
      {
        name: STORAGE_KEY,
        version: persistence.version,
        storage,
        // The persistence policy: assessments and the open one are saved; nothing else is.
        partialize: (state): PersistedState => ({
          assessments: state.assessments,
          activeAssessmentId: state.activeAssessmentId,
        }),
        migrate: (stored, version) => {
          const result = migratePersisted(
            stored,
            version,
            persistence.migrations,
            persistence.version,
          );
          if (!result.ok) throw new PersistLoadError(result.problems);
          // Keep the pre-migration text under its own version: a migration bug must never cost
          // a user their answers. A failure here aborts the load, which then suspends saving.
          const raw = storage.lastRaw();
          const key = `${STORAGE_KEY}:from-v${version}`;
          if (raw !== null && storage.backingStore().getItem(key) === null) {
            storage.backingStore().setItem(key, raw);
          }
          const { state, dropped } = result.value;
          if (dropped.length > 0) {
            reportLoadProblems(dropped, Object.keys(state.assessments).length > 0);
          }
          return state;
        },
        merge: (stored, current) => {
          if (stored === undefined) return current;
          const result = restorePersisted(stored);
          if (!result.ok) throw new PersistLoadError(result.problems);
          const { state, dropped } = result.value;
          if (dropped.length > 0) {
            reportLoadProblems(dropped, Object.keys(state.assessments).length > 0);
          }
          // Nothing usable was stored: start from the fresh assessment rather than from nothing.
          if (Object.keys(state.assessments).length === 0) return current;
          return { ...current, ...state };
        },
        onRehydrateStorage: () => (_state, error) => {
          if (error !== undefined) reportLoadProblems(problemsOf(error), false);
        },
      },
    ),
  );

  // A write that merged in another tab's unseen changes: load the merged result into this tab.
  storage.onMerged(() => void store.persist.rehydrate());
  if (followOtherTabs && typeof window !== 'undefined') {
    // Another tab saved: take its state, so this tab's next write cannot undo that tab's work.
    window.addEventListener('storage', (event) => {
      if (event.key !== STORAGE_KEY || event.newValue === null) return;
      // While this tab's changes could not be saved, taking the other tab's state would discard
      // them; the next successful write merges them with it instead.
      const status = usePersistenceStatus.getState();
      if (status.writeError !== null || status.writesSuspended) return;
      void store.persist.rehydrate();
    });
  }
  return store;
}

export type AppStore = ReturnType<typeof createAppStore>;

export const useAppStore: AppStore = createAppStore();

export function selectActiveAssessment(state: AppState): Assessment | undefined {
  return state.activeAssessmentId === null
    ? undefined
    : state.assessments[state.activeAssessmentId];
}
