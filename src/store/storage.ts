import type { PersistStorage, StorageValue } from 'zustand/middleware';
import { parseStoredText, type PersistedState } from '../domain/persistence/persisted.ts';
import type { Problem } from '../domain/validation.ts';
import { usePersistenceStatus } from './persistence-status.ts';

export class PersistLoadError extends Error {
  override name = 'PersistLoadError';
  constructor(readonly problems: readonly Problem[]) {
    super(problems.map((p) => `${p.path}: ${p.message}`).join('; '));
  }
}

export interface GuardedStorage extends PersistStorage<PersistedState> {
  /** The raw text read at the last load, kept so a failed load can back it up untouched. */
  readonly lastRaw: () => string | null;
  readonly backingStore: () => Storage;
}

function describe(e: unknown): string {
  if (e instanceof DOMException && e.name === 'QuotaExceededError') {
    return 'the browser’s storage for this site is full';
  }
  return e instanceof Error ? e.message : String(e);
}

/**
 * localStorage behind zustand's persist, with the failure paths made visible: a read that cannot
 * be parsed is reported (not dropped), and a write that fails is reported (not swallowed).
 */
export function createGuardedStorage(getStorage: () => Storage): GuardedStorage {
  let lastRaw: string | null = null;
  return {
    lastRaw: () => lastRaw,
    backingStore: getStorage,
    getItem(name): StorageValue<PersistedState> | null {
      let raw: string | null;
      try {
        raw = getStorage().getItem(name);
      } catch (e) {
        throw new PersistLoadError([
          { source: 'saved data', path: '(root)', message: `could not be read: ${describe(e)}` },
        ]);
      }
      lastRaw = raw;
      if (raw === null) return null;
      const envelope = parseStoredText(raw);
      if (!envelope.ok) throw new PersistLoadError(envelope.problems);
      // Validated against the schema after migration, in the store's merge step.
      return envelope.value as StorageValue<PersistedState>;
    },
    setItem(name, value) {
      if (usePersistenceStatus.getState().writesSuspended) return;
      try {
        getStorage().setItem(name, JSON.stringify(value));
        if (usePersistenceStatus.getState().writeError !== null) {
          usePersistenceStatus.setState({ writeError: null });
        }
      } catch (e) {
        usePersistenceStatus.setState({
          writeError: `Your last change could not be saved: ${describe(e)}. It exists only in this tab until saving works again; download the assessment to keep a copy.`,
        });
      }
    },
    removeItem(name) {
      getStorage().removeItem(name);
    },
  };
}
