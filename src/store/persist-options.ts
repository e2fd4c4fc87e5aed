import type { PersistOptions } from 'zustand/middleware';
import {
  migratePersisted,
  restorePersisted,
  type MigrationStep,
  type PersistedState,
} from '../domain/persistence/persisted.ts';
import type { Problem } from '../domain/validation.ts';
import { hasUnsavedChanges, usePersistenceStatus } from './persistence-status.ts';
import { PersistLoadError, STORAGE_KEY, type GuardedStorage } from './storage.ts';
import type { AppState } from './types.ts';

export { STORAGE_KEY };
export const BACKUP_KEY_PREFIX = 'opsready:backup:';

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

/**
 * Copies the stored text aside before anything can overwrite it, and tells the user. The same
 * text is backed up once, however often the page is reloaded. Saving waits until the copy is
 * made, and stays paused if it cannot be.
 */
async function reportLoadProblems(
  storage: GuardedStorage,
  now: () => Date,
  problems: readonly Problem[],
  partial: boolean,
): Promise<void> {
  const raw = storage.lastRaw();
  let backupKey: string | null = null;
  if (raw !== null) {
    usePersistenceStatus.setState({ writesSuspended: true });
    const backend = storage.backend;
    try {
      for (const key of await backend.keys()) {
        if (key.startsWith(BACKUP_KEY_PREFIX) && (await backend.read(key)) === raw) {
          backupKey = key;
          break;
        }
      }
      if (backupKey === null) {
        const key = `${BACKUP_KEY_PREFIX}${now().toISOString()}`;
        await backend.write(key, raw);
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
}

/**
 * How the store is saved and loaded: what is saved, how older versions are migrated, and what
 * happens to data that cannot be read (backed up and reported, never silently dropped). The
 * app is shown once `loaded` is set in the persistence status: after the load, and after any
 * backup the load needed.
 */
export function persistOptions({
  storage,
  now,
  persistence,
}: {
  readonly storage: GuardedStorage;
  readonly now: () => Date;
  readonly persistence: { readonly version: number; readonly migrations: readonly MigrationStep[] };
}): PersistOptions<AppState, PersistedState> {
  // Reports started during this load, awaited before the app is shown.
  let reports: Promise<void>[] = [];
  const report = (problems: readonly Problem[], partial: boolean): void => {
    reports.push(reportLoadProblems(storage, now, problems, partial));
  };
  const finish = (): void => {
    const pending = reports;
    reports = [];
    void Promise.all(pending).then(() => usePersistenceStatus.setState({ loaded: true }));
  };
  return {
    name: STORAGE_KEY,
    version: persistence.version,
    storage,
    // The persistence policy: assessments and the open one are saved; nothing else is.
    partialize: (state): PersistedState => ({
      assessments: state.assessments,
      activeAssessmentId: state.activeAssessmentId,
    }),
    migrate: async (stored, version) => {
      const result = migratePersisted(stored, version, persistence.migrations, persistence.version);
      if (!result.ok) throw new PersistLoadError(result.problems);
      // Keep the pre-migration text under its own version: a migration bug must never cost
      // a user their answers. A failure here aborts the load, which then suspends saving.
      const raw = storage.lastRaw();
      const key = `${STORAGE_KEY}:from-v${version}`;
      if (raw !== null && (await storage.backend.read(key)) === null) {
        await storage.backend.write(key, raw);
      }
      const { state, dropped } = result.value;
      if (dropped.length > 0) report(dropped, Object.keys(state.assessments).length > 0);
      return state;
    },
    merge: (stored, current) => {
      if (stored === undefined) return current;
      const result = restorePersisted(stored);
      if (!result.ok) throw new PersistLoadError(result.problems);
      const { state, dropped } = result.value;
      if (dropped.length > 0) report(dropped, Object.keys(state.assessments).length > 0);
      // Nothing usable was stored: start from the fresh assessment rather than from nothing.
      if (Object.keys(state.assessments).length === 0) return current;
      return { ...current, ...state };
    },
    onRehydrateStorage: () => (_state, error) => {
      if (error !== undefined) report(problemsOf(error), false);
      finish();
    },
  };
}

/** Closing or reloading now would lose a change: the browser asks the user first. */
function warnBeforeLeaving(event: BeforeUnloadEvent): void {
  if (!hasUnsavedChanges()) return;
  event.preventDefault();
  // Deprecated, but Chromium before 119 and older Safari ask only when it is set as well.
  // eslint-disable-next-line @typescript-eslint/no-deprecated
  event.returnValue = '';
}

/**
 * Keeps this tab in step with what is saved: changes another tab saved are merged into this tab's
 * state (its own unsaved changes kept), whether a write found them or another tab announced them.
 */
export function followSaves(
  live: { readonly get: () => PersistedState; readonly set: (state: PersistedState) => void },
  storage: GuardedStorage,
  followOtherTabs: boolean,
): void {
  storage.onReconciled((update) => {
    const next = update(live.get());
    if (next !== undefined) live.set(next);
  });
  if (typeof window !== 'undefined') window.addEventListener('beforeunload', warnBeforeLeaving);
  if (!followOtherTabs) return;
  // Another tab saved: take its changes, so this tab's next write starts from them.
  storage.onOtherTabSaved(() => void storage.refresh());
  if (typeof window === 'undefined') return;
  // Where the state is in localStorage (IndexedDB could not be opened), the browser's own event.
  window.addEventListener('storage', (event) => {
    if (event.key !== STORAGE_KEY || event.newValue === null) return;
    void storage.refresh();
  });
}
