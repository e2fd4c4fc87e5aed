import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { useShallow } from 'zustand/react/shallow';
import type { Assessment } from '../domain/assessment/schema.ts';
import type { Catalogue } from '../domain/catalogue/schema.ts';
import { checkAgainstCatalogue } from '../domain/assessment/import.ts';
import { carryMergedAnswers } from '../domain/catalogue/migrate.ts';
import { MIGRATIONS, PERSISTED_VERSION } from '../domain/persistence/persisted.ts';
import { limitProblems, type Problem } from '../domain/validation.ts';
import { sha256Hex } from '../lib/sha256.ts';
import { bundledCatalogue, catalogueLookup } from './catalogue.ts';
import { browserBackend } from './backend.ts';
import { BACKUP_KEY_PREFIX, followSaves, persistOptions, STORAGE_KEY } from './persist-options.ts';
import { usePersistenceStatus } from './persistence-status.ts';
import { createAnswersSlice } from './slices/answers.ts';
import { createAssessmentsSlice, newAssessment as blankAssessment } from './slices/assessments.ts';
import { createFrameworksSlice } from './slices/frameworks.ts';
import { createUndoSlice } from './slices/undo.ts';
import { createWorkshopSlice } from './slices/workshop.ts';
import { createGuardedStorage } from './storage.ts';
import type { AppState, AppStoreOptions, CatalogueLookup, SliceDeps } from './types.ts';

export { BACKUP_KEY_PREFIX, STORAGE_KEY } from './persist-options.ts';
export { UNDO_DEPTH } from './slices/undo.ts';
export type {
  AppActions,
  AppState,
  AppStoreOptions,
  CatalogueLookup,
  FileSource,
} from './types.ts';
export type { AssessmentImportResult, DeleteResult } from './slices/assessments.ts';
export type { ParticipantsImportResult } from './slices/workshop.ts';
export type { UndoEntry, UndoState } from './slices/undo.ts';

/** An empty assessment, against the built-in catalogue unless given another. */
export function newAssessment(
  id: string,
  now: Date,
  name = 'My assessment',
  catalogue: Catalogue = bundledCatalogue,
): Assessment {
  return blankAssessment(id, now, name, catalogue);
}

/** The app's one store: its slices combined once, saved and loaded by the persistence options. */
export function createAppStore({
  now = () => new Date(),
  storage = createGuardedStorage(
    browserBackend({
      stateKey: STORAGE_KEY,
      backupPrefix: BACKUP_KEY_PREFIX,
      now,
      localStorage: () => window.localStorage,
    }),
  ),
  newId = () => crypto.randomUUID(),
  catalogues = catalogueLookup,
  digest = sha256Hex,
  persistence = { version: PERSISTED_VERSION, migrations: MIGRATIONS },
  followOtherTabs = true,
}: AppStoreOptions = {}) {
  const deps: SliceDeps = { now, newId, catalogues, digest };
  const store = create<AppState>()(
    persist(
      (...a) => ({
        ...createAssessmentsSlice(deps)(...a),
        ...createAnswersSlice(deps)(...a),
        ...createWorkshopSlice(deps)(...a),
        ...createFrameworksSlice(deps)(...a),
        ...createUndoSlice(deps)(...a),
      }),
      persistOptions({ storage, now, persistence }),
    ),
  );
  followSaves(
    {
      get: () => {
        const { assessments, activeAssessmentId } = store.getState();
        return { assessments, activeAssessmentId };
      },
      set: (state) => store.setState(state),
    },
    storage,
    followOtherTabs,
  );
  // Once the saved state and the team's catalogues are both loaded, say which saved answers no
  // longer fit their catalogue; a load that only validated the shape would pass them silently.
  const review = (): void => {
    void catalogues.ready().then(() => {
      const carried = carrySavedAnswers(store.getState().assessments, catalogues);
      if (carried !== null) store.setState({ assessments: carried });
      const problems = savedAnswersToReview(store.getState().assessments, catalogues);
      usePersistenceStatus.setState({ toReview: problems });
    });
  };
  if (store.persist.hasHydrated()) review();
  else store.persist.onFinishHydration(review);
  return store;
}

/**
 * Saved assessments made with an older version of their catalogue, with the answers of controls
 * that version merged or split carried to the new control (lowest level, flagged to revisit), as
 * an imported file's are; null when nothing was carried. A control already answered is never
 * overwritten, so loading again carries nothing more (one the team cleared since would be carried
 * again, as importing the file again would).
 */
export function carrySavedAnswers(
  assessments: Readonly<Record<string, Assessment>>,
  catalogues: CatalogueLookup,
): Record<string, Assessment> | null {
  let next: Record<string, Assessment> | null = null;
  for (const [id, a] of Object.entries(assessments)) {
    const catalogue = catalogues.byId(a.catalogue.id);
    if (!catalogue) continue;
    const { assessment, carried } = carryMergedAnswers(a, catalogue);
    if (!carried.some((c) => c.level !== undefined)) continue;
    next ??= { ...assessments };
    next[id] = assessment;
  }
  return next;
}

/** Answers to controls a catalogue lacks and levels above its scale, in every saved assessment. */
export function savedAnswersToReview(
  assessments: Readonly<Record<string, Assessment>>,
  catalogues: CatalogueLookup,
): Problem[] {
  return limitProblems(
    Object.values(assessments).flatMap((a) => {
      const catalogue = catalogues.byId(a.catalogue.id);
      return catalogue ? checkAgainstCatalogue(a, catalogue, `saved assessment “${a.name}”`) : [];
    }),
  );
}

export type AppStore = ReturnType<typeof createAppStore>;

export const useAppStore: AppStore = createAppStore();

export function selectActiveAssessment(state: AppState): Assessment | undefined {
  return state.activeAssessmentId === null
    ? undefined
    : state.assessments[state.activeAssessmentId];
}

/** The open assessment as it is now, without subscribing: for a value taken once, not shown live. */
export function peekActiveAssessment(): Assessment | undefined {
  return selectActiveAssessment(useAppStore.getState());
}

/**
 * Subscribes to a value computed from the state that changes only when its parts do (compared one
 * level deep), so a new object with the same numbers does not re-render.
 */
export function useAppStoreShallow<T>(selector: (state: AppState) => T): T {
  return useAppStore(useShallow(selector));
}
