import { create } from 'zustand';
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

export interface PersistenceStatus {
  readonly loadFailure: LoadFailure | null;
  readonly writeError: string | null;
  /**
   * Set when saved data could not be read and could not be backed up either: saving then would
   * destroy the only copy, so nothing is written until the user decides.
   */
  readonly writesSuspended: boolean;
}

/** Kept apart from the persisted store, so reporting a failed write never triggers another write. */
export const usePersistenceStatus = create<PersistenceStatus>(() => ({
  loadFailure: null,
  writeError: null,
  writesSuspended: false,
}));

/** The user chose to save over the data that could not be read (it has been offered as a download). */
export function resumeSaving(): void {
  usePersistenceStatus.setState({ writesSuspended: false });
}

export function dismissLoadFailure(): void {
  usePersistenceStatus.setState({ loadFailure: null });
}
