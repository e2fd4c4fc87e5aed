import type { StateCreator } from 'zustand';
import type { CatalogueDiff } from '../domain/assessment/export.ts';
import type { AnswerChoice, MetaFlag } from '../domain/assessment/changes.ts';
import type {
  Answer,
  Assessment,
  AssessmentDetails,
  AssessmentFile,
  ControlMeta,
} from '../domain/assessment/schema.ts';
import type { Catalogue } from '../domain/catalogue/schema.ts';
import type { MigrationStep, PersistedState } from '../domain/persistence/persisted.ts';
import type { ThreatProfile } from '../domain/threat/profile.ts';
import type { Problem } from '../domain/validation.ts';
import type { ParticipantRole, Workshop } from '../domain/workshop/schema.ts';
import type { GuardedStorage } from './storage.ts';

/** A file picked by the user, or anything read like one: the store reads it only when small enough. */
export interface FileSource {
  readonly name: string;
  readonly size: number;
  readonly text: () => Promise<string>;
}

/**
 * The catalogues an assessment can be checked against, passed to the store rather than read from
 * a module, so a test can give it its own.
 */
export interface CatalogueLookup {
  /** The built-in catalogue: new assessments use it, and it sets the scale when none is found. */
  readonly bundled: Catalogue;
  readonly byId: (id: string) => Catalogue | undefined;
  /** Every catalogue that validated, the built-in one first. */
  readonly all: () => readonly Catalogue[];
  /** Settles when a team's own stored catalogues have been checked after start-up. */
  readonly ready: () => Promise<void>;
}

/** What an assessment file import did, for the screen to say. */
export type AssessmentImportResult =
  | { readonly ok: false; readonly problems: readonly Problem[] }
  | {
      readonly ok: true;
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

/** What a participants import did: all the files are added, or none. */
export interface ParticipantsImportResult {
  /** The names added; empty when anything went wrong. */
  readonly added: readonly string[];
  readonly problems: readonly Problem[];
  readonly warnings: readonly Problem[];
}

export interface DeleteResult {
  readonly deletedName: string;
  /** The assessment now open. */
  readonly nextName: string;
}

export interface AssessmentsActions {
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
   * fails any check changes nothing.
   */
  importAssessmentFile: (file: FileSource) => Promise<AssessmentImportResult>;
  setActiveAssessment: (id: string) => void;
}

export interface AnswersActions {
  /** Sets or clears (null) the answer to one control of the active assessment. */
  setAnswer: (controlId: string, answer: Answer | null) => void;
  /** Answers one control with a level or N/A, keeping the notes its answer had. */
  chooseAnswer: (controlId: string, choice: AnswerChoice) => void;
  /** Replaces the notes of an answered control (blank removes them); unanswered, does nothing. */
  setNotes: (controlId: string, notes: string) => void;
  /** Sets or clears (null) the per-control meta (target, owner, evidence, …) of the active assessment. */
  setMeta: (controlId: string, meta: ControlMeta | null) => void;
  /** Switches a flag (revisit, evidence requested) of one control of the active assessment. */
  toggleFlag: (controlId: string, flag: MetaFlag) => void;
  /** Sets who owes what for one control; blank removes it. */
  setFollowUp: (controlId: string, followUp: string) => void;
  updateDetails: (details: AssessmentDetails) => void;
  /**
   * Picks the threat profile of the active assessment: a catalogue profile by id, or a profile the
   * team edited, which is saved with the assessment.
   */
  setProfile: (choice: { profileId: string } | { customProfile: ThreatProfile }) => void;
}

export interface WorkshopActions {
  /**
   * Changes the workshop of the active assessment (an empty one on first use). The result is
   * validated, including its control ids against the assessment's catalogue, before it is saved.
   */
  updateWorkshop: (change: (workshop: Workshop) => Workshop) => void;
  /** Sets the agreed answer to a control and records who agreed it, and when. */
  agree: (controlId: string, answer: Answer, by: readonly string[]) => void;
  /** Agrees a level or N/A for a control, keeping the notes its answer had. */
  agreeChoice: (controlId: string, choice: AnswerChoice, by: readonly string[]) => void;
  /**
   * Reads participants' exported files and adds them to the active assessment's workshop: all of
   * them, or none when any file fails or was imported before.
   */
  importParticipants: (
    files: readonly FileSource[],
    role: ParticipantRole,
  ) => Promise<ParticipantsImportResult>;
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

export interface UndoState {
  readonly history: readonly UndoEntry[];
}

export interface UndoSlice extends UndoState {
  /** Reverses the most recent answer or meta change still on the history. */
  undo: () => UndoEntry | null;
}

/** The assessments, and which is open: the part of the state that is saved. */
export type AssessmentsSlice = PersistedState & AssessmentsActions;

export type AppActions = AssessmentsActions &
  AnswersActions &
  WorkshopActions &
  Pick<UndoSlice, 'undo'>;

export type AppState = AssessmentsSlice & AnswersActions & WorkshopActions & UndoSlice;

export interface AppStoreOptions {
  readonly storage?: GuardedStorage;
  readonly now?: () => Date;
  readonly newId?: () => string;
  /** The catalogues assessments are checked against; the app's own unless a test gives others. */
  readonly catalogues?: CatalogueLookup;
  /** The SHA-256 recorded with each participant file, so the same file cannot count twice. */
  readonly digest?: (text: string) => Promise<string>;
  /** Lets tests exercise the migration path before a real migration exists. */
  readonly persistence?: {
    readonly version: number;
    readonly migrations: readonly MigrationStep[];
  };
  /** Follow changes other tabs save, so a stale tab never writes over newer answers. */
  readonly followOtherTabs?: boolean;
}

/** What every slice is given: the clock, ids and catalogues, the same for the whole store. */
export interface SliceDeps {
  readonly now: () => Date;
  readonly newId: () => string;
  readonly catalogues: CatalogueLookup;
  readonly digest: (text: string) => Promise<string>;
}

/** A slice of the one persisted store; each sees the whole state through `get`. */
export type Slice<T> = StateCreator<AppState, [['zustand/persist', unknown]], [], T>;
