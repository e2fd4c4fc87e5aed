import { activeAfterDelete, importedAs } from '../../domain/assessment/changes.ts';
import {
  checkAgainstCatalogue,
  fundsAgainstCatalogue,
  MAX_ASSESSMENT_FILE_BYTES,
  parseAssessmentFile,
} from '../../domain/assessment/import.ts';
import {
  assessmentFileSchema,
  assessmentSchema,
  type Assessment,
  type AssessmentFile,
} from '../../domain/assessment/schema.ts';
import type { CatalogueDiff } from '../../domain/assessment/export.ts';
import type { Catalogue } from '../../domain/catalogue/schema.ts';
import { applyCatalogueUpdate } from '../../domain/catalogue/update.ts';
import { MAX_STATE_BACKUP_BYTES, parseStateBackup } from '../../domain/persistence/backup.ts';
import type { PersistedState } from '../../domain/persistence/persisted.ts';
import { BLANK_ASSESSMENT_NAME, isBlank } from '../../domain/persistence/merge.ts';
import { problemsFromZod, type Problem } from '../../domain/validation.ts';
import type { FileSource, Slice, SliceDeps } from '../types.ts';
import { activeOf, assertValid, tooLarge } from './shared.ts';

/** One assessment a state backup brought in. */
export interface BackupEntryImported {
  readonly id: string;
  readonly name: string;
  /** True when its id was taken, so it was stored as a copy. */
  readonly renamed: boolean;
}

/** What an assessment file (or state backup) import did, for the screen to say. */
export type AssessmentImportResult =
  | { readonly ok: false; readonly problems: readonly Problem[] }
  | {
      readonly ok: true;
      /** A state backup: each assessment it held that passed the checks, and what was left out. */
      readonly backup: {
        readonly imported: readonly BackupEntryImported[];
        readonly skipped: readonly Problem[];
        readonly warnings: readonly Problem[];
      };
    }
  | {
      readonly ok: true;
      readonly backup?: undefined;
      readonly id: string;
      /** The name it was stored under. */
      readonly name: string;
      /** True when its id was taken, so it was stored as a copy. */
      readonly renamed: boolean;
      readonly warnings: readonly Problem[];
      readonly diff: CatalogueDiff;
      /** The catalogue version the file was made against, and the one it was checked against. */
      readonly from: string;
      readonly to: string;
    };

export interface DeleteResult {
  readonly deletedName: string;
  /** The assessment now open. */
  readonly nextName: string;
}

export interface AssessmentsActions {
  /**
   * Adds a validated assessment and opens it; returns false and changes nothing if the id is
   * taken. This, createAssessment and importAssessment replace the open assessment when it is the
   * untouched blank one a first visit starts on.
   */
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
  /**
   * Deletes an assessment. The app always keeps one: deleting the last starts a fresh one.
   * Returns the names deleted and now open, or null if there was no assessment `id`.
   */
  deleteAssessment: (id: string) => DeleteResult | null;
  /**
   * Adds an assessment from a parsed file and opens it. An id that is already stored is never
   * overwritten: the file is stored under a new id, its name marked "(imported)". Returns the id.
   */
  importAssessment: (file: AssessmentFile) => string;
  /**
   * Reads, checks and imports an assessment file against the catalogues loaded here. A file that
   * fails any check changes nothing. A state backup (what the app stores, as the banner offers it
   * for download) imports each valid assessment it holds, as a file would, and reports the rest.
   */
  importAssessmentFile: (file: FileSource) => Promise<AssessmentImportResult>;
  setActiveAssessment: (id: string) => void;
  /**
   * Brings every assessment made with `next`'s catalogue id to that version, once the user has
   * agreed to what it does: answers above the new scale are flagged for review, never rescored.
   */
  updateCatalogue: (next: Catalogue) => void;
}

/** The assessments, and which is open: the part of the state that is saved. */
export type AssessmentsSlice = PersistedState & AssessmentsActions;

export function newAssessment(
  id: string,
  now: Date,
  name: string,
  catalogue: Catalogue,
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

function checkName(what: string, name: string): void {
  const checked = assessmentSchema.shape.name.safeParse(name);
  assertValid(what, checked.success ? [] : problemsFromZod('name', checked.error));
}

/** The list of assessments and which one is open; the app always has one. */
export const createAssessmentsSlice =
  ({ now, newId, catalogues }: SliceDeps): Slice<AssessmentsSlice> =>
  (set, get) => {
    const fresh = (): Assessment =>
      newAssessment(newId(), now(), BLANK_ASSESSMENT_NAME, catalogues.bundled);
    const first = fresh();
    const open = (assessment: Assessment, { replaceBlank = false } = {}): void => {
      set((state) => {
        const current =
          state.activeAssessmentId === null
            ? undefined
            : state.assessments[state.activeAssessmentId];
        // The untouched assessment a first visit opens holds nothing anyone could lose: the first
        // assessment the user starts, imports or loads takes its place, so no empty "My
        // assessment" is left behind beside it.
        const kept =
          replaceBlank && current !== undefined && current.id !== assessment.id && isBlank(current)
            ? Object.fromEntries(
                Object.entries(state.assessments).filter(([id]) => id !== current.id),
              )
            : state.assessments;
        return {
          assessments: { ...kept, [assessment.id]: assessment },
          activeAssessmentId: assessment.id,
        };
      });
    };
    return {
      assessments: { [first.id]: first },
      activeAssessmentId: first.id,
      addAssessment: (assessment) => {
        if (Object.hasOwn(get().assessments, assessment.id)) return false;
        open(assessment, { replaceBlank: true });
        return true;
      },
      createAssessment: (name, catalogue = catalogues.bundled) => {
        checkName('the new assessment', name);
        const assessment = newAssessment(newId(), now(), name.trim(), catalogue);
        open(assessment, { replaceBlank: true });
        return assessment.id;
      },
      renameAssessment: (id, name) => {
        checkName('the new name', name);
        set((state) => {
          const current = state.assessments[id];
          if (current === undefined) return state;
          const next = { ...current, name: name.trim(), updatedAt: now().toISOString() };
          return { assessments: { ...state.assessments, [id]: next } };
        });
      },
      duplicateAssessment: (id, name) => {
        checkName('the name of the copy', name);
        const source = get().assessments[id];
        if (source === undefined) return null;
        const stamp = now().toISOString();
        const copy: Assessment = {
          ...structuredClone(source),
          id: newId(),
          name: name.trim(),
          createdAt: stamp,
          updatedAt: stamp,
        };
        open(copy);
        return copy.id;
      },
      deleteAssessment: (id) => {
        const state = get();
        const deleted = state.assessments[id];
        if (deleted === undefined) return null;
        const order = Object.keys(state.assessments);
        const assessments = Object.fromEntries(
          Object.entries(state.assessments).filter(([key]) => key !== id),
        );
        const next = activeAfterDelete(order, state.activeAssessmentId, id);
        if (next === null) {
          const replacement = fresh();
          set({
            assessments: { [replacement.id]: replacement },
            activeAssessmentId: replacement.id,
          });
        } else {
          set({ assessments, activeAssessmentId: next });
        }
        return { deletedName: deleted.name, nextName: activeOf(get())?.name ?? '' };
      },
      importAssessment: (file) => {
        const parsed = assessmentFileSchema.safeParse(file);
        const catalogue = catalogues.byId(file.assessment.catalogue.id);
        assertValid(
          'the imported assessment',
          !parsed.success
            ? problemsFromZod('import', parsed.error)
            : catalogue
              ? [
                  ...checkAgainstCatalogue(file.assessment, catalogue, 'import', ['assessment']),
                  // The file import checks funds when it parses; a file handed in directly is held
                  // to the same rule, so no path into the store can save a pool it cannot hold.
                  ...fundsAgainstCatalogue(file.assessment, catalogue, 'import', ['assessment']),
                ]
              : [],
        );
        const assessment = importedAs(
          file.assessment,
          (id) => Object.hasOwn(get().assessments, id),
          newId,
        );
        open(assessment, { replaceBlank: true });
        return assessment.id;
      },
      importAssessmentFile: async (file) => {
        // At the door, the larger limit of a backup of saved data; a single assessment file is held
        // to its own limit when it is read as one.
        const large = tooLarge(file, Math.max(MAX_ASSESSMENT_FILE_BYTES, MAX_STATE_BACKUP_BYTES));
        if (large.length > 0) return { ok: false, problems: large };
        // A team's own catalogues are checked after start-up; a file made against one needs it.
        await catalogues.ready();
        const text = await file.text();
        const backup = parseStateBackup(text, file.name, catalogues.all());
        if (backup !== undefined) {
          if (!backup.ok) return { ok: false, problems: backup.problems };
          const imported = backup.value.assessments.map(({ file: one }) => {
            const id = get().importAssessment(one);
            const name = get().assessments[id]?.name ?? one.assessment.name;
            return { id, name, renamed: id !== one.assessment.id };
          });
          const warnings = backup.value.assessments.flatMap((a) => a.warnings);
          return { ok: true, backup: { imported, skipped: backup.value.skipped, warnings } };
        }
        const result = parseAssessmentFile(text, file.name, catalogues.all());
        if (!result.ok) return { ok: false, problems: result.problems };
        const { file: parsed, warnings, diff, catalogue: against } = result.value;
        const id = get().importAssessment(parsed);
        return {
          ok: true,
          id,
          name: get().assessments[id]?.name ?? parsed.assessment.name,
          renamed: id !== parsed.assessment.id,
          warnings,
          diff,
          from: parsed.assessment.catalogue.version,
          to: against.meta.version,
        };
      },
      updateCatalogue: (next) => {
        const at = now().toISOString();
        set((state) => ({
          assessments: Object.fromEntries(
            Object.entries(state.assessments).map(([id, a]) => [
              id,
              a.catalogue.id === next.meta.id ? applyCatalogueUpdate(a, next, at) : a,
            ]),
          ),
        }));
      },
      setActiveAssessment: (id) => {
        set((state) => (Object.hasOwn(state.assessments, id) ? { activeAssessmentId: id } : state));
      },
    };
  };
