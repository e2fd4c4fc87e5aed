import type { PersistStorage, StorageValue } from 'zustand/middleware';
import {
  differences,
  mergeReporting,
  sameValue,
  withAnswer,
  type AnswerConflict,
} from '../domain/persistence/merge.ts';
import {
  parseStoredText,
  PERSISTED_VERSION,
  persistedStateSchema,
  type PersistedState,
} from '../domain/persistence/persisted.ts';
import type { Problem } from '../domain/validation.ts';
import { usePersistenceStatus, type ShownConflict } from './persistence-status.ts';

export const STORAGE_KEY = 'opsready:state';

export class PersistLoadError extends Error {
  override name = 'PersistLoadError';
  constructor(readonly problems: readonly Problem[]) {
    super(problems.map((p) => `${p.path}: ${p.message}`).join('; '));
  }
}

/** Changes the live state to take in what another tab saved; undefined when nothing changes. */
export type LiveUpdate = (live: PersistedState) => PersistedState | undefined;

export interface GuardedStorage extends PersistStorage<PersistedState> {
  /** The raw text read at the last load, kept so a failed load can back it up untouched. */
  readonly lastRaw: () => string | null;
  readonly backingStore: () => Storage;
  /** Called when what is saved holds changes this tab does not show yet, with how to take them in. */
  readonly onReconciled: (listener: (update: LiveUpdate) => void) => void;
  /** Another tab saved: merge what it saved into this tab, keeping this tab's unsaved changes. */
  readonly refresh: () => void;
  /** Tells `listener` whenever another tab announces a save (only where tabs can be coordinated). */
  readonly onOtherTabSaved: (listener: () => void) => void;
}

/**
 * How tabs take turns: a lock held across read, merge and write, so no two tabs interleave, and a
 * channel to tell the others to re-read. Null where the browser has neither (then the `storage`
 * event and the merge at write time are all there is).
 */
export interface TabCoordination {
  readonly exclusive: (write: () => void) => Promise<void>;
  readonly announce: () => void;
  readonly onAnnounce: (listener: () => void) => void;
}

export function browserCoordination(name: string): TabCoordination | null {
  if (
    typeof navigator === 'undefined' ||
    !('locks' in navigator) ||
    typeof BroadcastChannel === 'undefined'
  ) {
    return null;
  }
  const channel = new BroadcastChannel(name);
  return {
    exclusive: (write) => navigator.locks.request(name, () => write()),
    announce: () => channel.postMessage('saved'),
    onAnnounce: (listener) => channel.addEventListener('message', () => listener()),
  };
}

function describe(e: unknown): string {
  if (e instanceof DOMException && e.name === 'QuotaExceededError') {
    return 'the browser’s storage for this site is full';
  }
  return e instanceof Error ? e.message : String(e);
}

const EMPTY: PersistedState = { assessments: {}, activeAssessmentId: null };

/** Stored text as state of the given version, or null when it is not (the load path reports it). */
/** What a tab last read or wrote, raw and parsed; null before the first. */
type Synced = { raw: string; value: StorageValue<PersistedState> } | null;

function readState(raw: string, version: number): PersistedState | null {
  const envelope = parseStoredText(raw);
  if (!envelope.ok || envelope.value.version !== version) return null;
  const state = persistedStateSchema.safeParse(envelope.value.state);
  return state.success ? state.data : null;
}

/**
 * localStorage behind zustand's persist, with the failure paths made visible: a read that cannot
 * be parsed is reported (not dropped), and a write that fails is reported (not swallowed). Each
 * write re-reads what is stored, inside the cross-tab lock where there is one, and merges three
 * ways with what this tab last read or wrote, so another tab's answers are never written over.
 */
export function createGuardedStorage(
  getStorage: () => Storage,
  coordination: TabCoordination | null = browserCoordination(STORAGE_KEY),
): GuardedStorage {
  let lastRaw: string | null = null;
  // What this tab last read or wrote: the base of a three-way merge when another tab wrote since.
  let synced: Synced = null;
  // The latest state this tab asked to save, and the one still waiting for the lock.
  let latest: StorageValue<PersistedState> | null = null;
  // With the saved state it was made from: another tab's save can be taken into the live state
  // (moving `synced` on) while this value waits for the lock, and the value must still be merged
  // against what it was made from, or that tab's answers would be written over.
  let queued: { value: StorageValue<PersistedState>; from: Synced } | null = null;
  let writing = false;
  let reconciled: (update: LiveUpdate) => void = () => undefined;

  const show = (conflicts: readonly ShownConflict[]): void => {
    if (conflicts.length === 0) return;
    const key = (c: ShownConflict) => `${c.assessmentId}\n${c.controlId}`;
    const fresh = new Set(conflicts.map(key));
    usePersistenceStatus.setState((s) => ({
      conflicts: [...s.conflicts.filter((c) => !fresh.has(key(c))), ...conflicts],
    }));
  };

  const offer = (conflicts: readonly AnswerConflict[]): void =>
    show(
      conflicts.map((c) => ({
        ...c,
        takeOther: () => reconciled((now) => withAnswer(now, c.assessmentId, c.controlId, c.other)),
      })),
    );

  /** Takes `stored` (saved by another tab since `base`) into the live state, keeping local edits. */
  const takeIn = (base: PersistedState, stored: PersistedState): void => {
    reconciled((live) => {
      const { state, conflicts } = mergeReporting(base, live, stored);
      offer(conflicts);
      return sameValue(state, live) ? undefined : state;
    });
  };

  /** One write: re-read, merge if another tab wrote since `synced`, write. Runs inside the lock. */
  const writeNow = (
    name: string,
    value: StorageValue<PersistedState>,
    from: Synced = synced,
  ): boolean => {
    try {
      const current = getStorage().getItem(name);
      // Nothing saved changed here since the last read or write (only state that is not saved,
      // such as the undo history): nothing to write, unless the saved copy has gone.
      if (
        current !== null &&
        synced !== null &&
        synced.value.version === value.version &&
        sameValue(value.state, synced.value.state)
      ) {
        if (usePersistenceStatus.getState().writeError !== null) {
          usePersistenceStatus.setState({ writeError: null, unsaved: [], saveAgain: null });
        }
        return false;
      }
      const stored =
        current === null || current === from?.raw ? null : readState(current, value.version ?? 0);
      const base = from !== null && from.value.version === value.version ? from : null;
      let next = value;
      if (stored !== null && (base !== null || from === null)) {
        // Nothing read here yet means this tab started from nothing: merge against nothing, so
        // an assessment another tab saved meanwhile is kept beside this tab's.
        const merged = mergeReporting(base?.value.state ?? EMPTY, value.state, stored);
        offer(merged.conflicts);
        next = { ...value, state: merged.state };
      }
      let wrote = false;
      let text: string;
      if (stored !== null && sameValue(next.state, stored)) {
        text = current ?? '';
      } else {
        text = JSON.stringify(next);
        getStorage().setItem(name, text);
        wrote = true;
      }
      synced = { raw: text, value: next };
      if (usePersistenceStatus.getState().writeError !== null) {
        usePersistenceStatus.setState({ writeError: null, unsaved: [], saveAgain: null });
      }
      // At once, before any other write: the next one's base is what was just written, so the
      // live state must already hold it or its difference would read as this tab undoing it.
      if (next !== value) takeIn(value.state, next.state);
      return wrote;
    } catch (e) {
      usePersistenceStatus.setState({
        writeError: `Your last change could not be saved: ${describe(e)}. It exists only in this tab until saving works again; download the assessment to keep a copy.`,
        unsaved: differences(synced?.value.state ?? null, value.state),
        saveAgain: () => {
          if (latest !== null) save(name, latest);
        },
      });
      return false;
    }
  };

  const drain = (name: string): void => {
    if (writing || coordination === null) return;
    writing = true;
    usePersistenceStatus.setState({ pending: true });
    let wrote = false;
    coordination
      .exclusive(() => {
        while (queued !== null) {
          const { value, from } = queued;
          queued = null;
          wrote = writeNow(name, value, from) || wrote;
        }
        if (wrote) coordination.announce();
      })
      .catch((e: unknown) => {
        usePersistenceStatus.setState({
          writeError: `Your last change could not be saved: ${describe(e)}.`,
        });
      })
      .finally(() => {
        writing = false;
        if (queued !== null) drain(name);
        else usePersistenceStatus.setState({ pending: false });
      });
  };

  const save = (name: string, value: StorageValue<PersistedState>): void => {
    if (usePersistenceStatus.getState().writesSuspended) return;
    latest = value;
    if (coordination === null) {
      writeNow(name, value);
      return;
    }
    queued = { value, from: synced };
    drain(name);
  };

  return {
    lastRaw: () => lastRaw,
    backingStore: getStorage,
    onReconciled: (listener) => {
      reconciled = listener;
    },
    onOtherTabSaved: (listener) => coordination?.onAnnounce(listener),
    refresh() {
      if (usePersistenceStatus.getState().writesSuspended) return;
      let current: string | null;
      try {
        current = getStorage().getItem(STORAGE_KEY);
      } catch {
        return;
      }
      if (current === null || current === synced?.raw) return;
      const version = latest?.version ?? synced?.value.version ?? PERSISTED_VERSION;
      const stored = readState(current, version);
      if (stored === null) return;
      // A tab that found nothing saved at start has seen none of it: all of it is news.
      const base = synced !== null && synced.value.version === version ? synced.value.state : EMPTY;
      synced = { raw: current, value: { state: stored, version } };
      takeIn(base, stored);
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
      save(name, value);
    },
    removeItem(name) {
      getStorage().removeItem(name);
    },
  };
}
