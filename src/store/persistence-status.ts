import { create } from 'zustand';
import type { AnswerConflict, Difference } from '../domain/persistence/merge.ts';
import type { Problem } from '../domain/validation.ts';

export interface LoadFailure {
  readonly problems: readonly Problem[];
  /** Where the unreadable data was copied, or null if even that copy failed. */
  readonly backupKey: string | null;
  /** The text as it was found, so the user can download it whatever happened to the backup. */
  readonly raw: string | null;
  /** True when the readable assessments were loaded and only the listed ones were left out. */
  readonly partial: boolean;
}

/** A conflict the merge decided, with the one action that reverses its choice. */
export type ShownConflict = AnswerConflict & { readonly takeOther: () => void };

/** One conflict per control and kind: a newer one on the same control replaces the older. */
export function conflictKey(c: AnswerConflict): string {
  return `${c.assessmentId}\n${c.controlId}\n${c.kind}`;
}

export interface PersistenceStatus {
  /** The saved state has been read (or found unreadable and backed up): the app can be shown. */
  readonly loaded: boolean;
  readonly loadFailure: LoadFailure | null;
  readonly writeError: string | null;
  /** A change is waiting for its turn to be written. */
  readonly pending: boolean;
  /** What this tab holds that is not saved, while a write is failing. */
  readonly unsaved: readonly Difference[];
  /** Writes the unsaved state again, once the user has freed space; null while nothing failed. */
  readonly saveAgain: (() => void) | null;
  /**
   * Saved answers that no longer fit their catalogue (an answer to a control it lacks, a level
   * above its scale). Nothing is dropped: they are listed so the team can answer them again.
   */
  readonly toReview: readonly Problem[];
  /** Answers another tab changed differently at the same time; this tab's were kept. */
  readonly conflicts: readonly ShownConflict[];
  /**
   * Set when saved data could not be read and could not be backed up either: saving then would
   * destroy the only copy, so nothing is written until the user decides.
   */
  readonly writesSuspended: boolean;
}

/** Kept apart from the persisted store, so reporting a failed write never triggers another write. */
export const usePersistenceStatus = create<PersistenceStatus>(() => ({
  loaded: false,
  loadFailure: null,
  writeError: null,
  pending: false,
  unsaved: [],
  saveAgain: null,
  conflicts: [],
  toReview: [],
  writesSuspended: false,
}));

/** Leaving now would lose a change: one still waiting to be written, or one that failed. */
export function hasUnsavedChanges(): boolean {
  const status = usePersistenceStatus.getState();
  return status.pending || status.writeError !== null;
}

export function dismissConflict(conflict: AnswerConflict): void {
  const key = conflictKey(conflict);
  usePersistenceStatus.setState((s) => ({
    conflicts: s.conflicts.filter((c) => conflictKey(c) !== key),
  }));
}

/** The user chose to save over the data that could not be read (it has been offered as a download). */
export function resumeSaving(): void {
  usePersistenceStatus.setState({ writesSuspended: false });
}

export function dismissLoadFailure(): void {
  usePersistenceStatus.setState({ loadFailure: null });
}

export function dismissReview(): void {
  usePersistenceStatus.setState({ toReview: [] });
}
