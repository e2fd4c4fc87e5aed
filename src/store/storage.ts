import type { PersistStorage, StorageValue } from 'zustand/middleware';
import { mergeConcurrent } from '../domain/persistence/merge.ts';
import {
  parseStoredText,
  persistedStateSchema,
  type PersistedState,
} from '../domain/persistence/persisted.ts';
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
  /** Called after a write had to merge in another tab's changes, so the store can show them. */
  readonly onMerged: (listener: () => void) => void;
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
  // What this tab last read or wrote: the base of a three-way merge when another tab wrote since.
  let synced: { raw: string; value: StorageValue<PersistedState> } | null = null;
  let merged = (): void => undefined;

  /** The value to write: this tab's, or merged with another tab's write this tab has not seen. */
  const reconcile = (
    name: string,
    value: StorageValue<PersistedState>,
  ): { value: StorageValue<PersistedState>; merged: boolean } => {
    const base = synced;
    if (base === null) return { value, merged: false };
    const current = getStorage().getItem(name);
    if (current === null || current === base.raw) return { value, merged: false };
    const envelope = parseStoredText(current);
    if (!envelope.ok || envelope.value.version !== value.version) return { value, merged: false };
    if (base.value.version !== value.version) return { value, merged: false };
    const stored = persistedStateSchema.safeParse(envelope.value.state);
    const baseState = persistedStateSchema.safeParse(base.value.state);
    if (!stored.success || !baseState.success) return { value, merged: false };
    return {
      value: {
        state: mergeConcurrent(baseState.data, value.state, stored.data),
        version: value.version,
      },
      merged: true,
    };
  };

  return {
    lastRaw: () => lastRaw,
    backingStore: getStorage,
    onMerged: (listener) => {
      merged = listener;
    },
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
      synced = { raw, value: envelope.value as StorageValue<PersistedState> };
      // Validated against the schema after migration, in the store's merge step.
      return envelope.value as StorageValue<PersistedState>;
    },
    setItem(name, value) {
      if (usePersistenceStatus.getState().writesSuspended) return;
      try {
        const next = reconcile(name, value);
        const text = JSON.stringify(next.value);
        getStorage().setItem(name, text);
        synced = { raw: text, value: next.value };
        if (usePersistenceStatus.getState().writeError !== null) {
          usePersistenceStatus.setState({ writeError: null });
        }
        if (next.merged) merged();
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
