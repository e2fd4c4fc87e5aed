import type { StateCreator } from 'zustand';
import type { Catalogue } from '../domain/catalogue/schema.ts';
import type { MigrationStep } from '../domain/persistence/persisted.ts';
import type { AnswersActions } from './slices/answers.ts';
import type { AssessmentsActions, AssessmentsSlice } from './slices/assessments.ts';
import type { FrameworksActions } from './slices/frameworks.ts';
import type { UndoSlice } from './slices/undo.ts';
import type { WorkshopActions } from './slices/workshop.ts';
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

/** The whole state: each slice's part, combined once in app-store.ts. */
export type AppActions = AssessmentsActions &
  AnswersActions &
  WorkshopActions &
  FrameworksActions &
  Pick<UndoSlice, 'undo'>;

export type AppState = AssessmentsSlice &
  AnswersActions &
  WorkshopActions &
  FrameworksActions &
  UndoSlice;

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
