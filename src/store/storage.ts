import type { PersistStorage, StorageValue } from 'zustand/middleware';
import {
  differences,
  mergeReporting,
  sameValue,
  withAnswer,
  withDetails,
  type AnswerConflict,
} from '../domain/persistence/merge.ts';
import {
  parseStoredText,
  PERSISTED_VERSION,
  persistedStateSchema,
  type PersistedState,
} from '../domain/persistence/persisted.ts';
import type { Problem } from '../domain/validation.ts';
import type { Decision, StateBackend } from './backend.ts';
import { conflictKey, usePersistenceStatus, type ShownConflict } from './persistence-status.ts';

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
  readonly backend: StateBackend;
  /** Called when what is saved holds changes this tab does not show yet, with how to take them in. */
  readonly onReconciled: (listener: (update: LiveUpdate) => void) => void;
  /** Another tab saved: merge what it saved into this tab, keeping this tab's unsaved changes. */
  readonly refresh: () => Promise<void>;
  /** Tells `listener` whenever another tab announces a save. */
  readonly onOtherTabSaved: (listener: () => void) => void;
  /** Resolves once every change asked for so far has been written (or has failed and said so). */
  readonly flush: () => Promise<void>;
}

/** How tabs tell each other to re-read. Null where the browser has no BroadcastChannel. */
export interface TabChannel {
  readonly announce: () => void;
  readonly onAnnounce: (listener: () => void) => void;
}

export function browserChannel(name: string): TabChannel | null {
  if (typeof BroadcastChannel === 'undefined') return null;
  const channel = new BroadcastChannel(name);
  return {
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

/** What one write decided, applied once the backend has committed it. */
interface Written {
  readonly wrote: boolean;
  readonly synced: NonNullable<Synced>;
  readonly merged: StorageValue<PersistedState> | null;
  readonly conflicts: readonly AnswerConflict[];
}

/**
 * The saved state behind zustand's persist, with the failure paths made visible: a read that
 * cannot be parsed is reported (not dropped), and a write that fails is reported (not swallowed).
 *
 * Each write re-reads what is saved and merges three ways with what this tab last read or wrote,
 * inside one backend transaction, so another tab's answers are never written over. Within the
 * tab, writes and re-reads run one at a time in order: a re-read never lands between a write and
 * the bookkeeping of what that write saved.
 */
export function createGuardedStorage(
  backend: StateBackend,
  channel: TabChannel | null = browserChannel(STORAGE_KEY),
): GuardedStorage {
  let lastRaw: string | null = null;
  // What this tab last read or wrote: the base of a three-way merge when another tab wrote since.
  let synced: Synced = null;
  // The latest state this tab asked to save, and the one still waiting its turn.
  let latest: StorageValue<PersistedState> | null = null;
  // With the saved state it was made from: another tab's save can be taken into the live state
  // (moving `synced` on) while this value waits, and the value must still be merged against what
  // it was made from, or that tab's answers would be written over.
  let queued: { value: StorageValue<PersistedState>; from: Synced } | null = null;
  let writing = false;
  // The tab's storage work, one task after another.
  let tail: Promise<void> = Promise.resolve();
  const serially = (task: () => Promise<void>): Promise<void> => {
    tail = tail.then(task, task);
    return tail;
  };
  let reconciled: (update: LiveUpdate) => void = () => undefined;
  // Until the store listens, a merge cannot reach the live state (see drain).
  let listening = false;

  const show = (conflicts: readonly ShownConflict[]): void => {
    if (conflicts.length === 0) return;
    const key = (c: ShownConflict) => conflictKey(c);
    const fresh = new Set(conflicts.map(key));
    usePersistenceStatus.setState((s) => ({
      conflicts: [...s.conflicts.filter((c) => !fresh.has(key(c))), ...conflicts],
    }));
  };

  const offer = (conflicts: readonly AnswerConflict[]): void =>
    show(
      conflicts.map((c) => ({
        ...c,
        takeOther: () =>
          reconciled((now) =>
            c.kind === 'answer'
              ? withAnswer(now, c.assessmentId, c.controlId, c.other)
              : withDetails(now, c.assessmentId, c.controlId, c.other),
          ),
      })),
    );

  /**
   * Takes `stored` (saved by another tab since `base`) into the live state, keeping local edits.
   * False when nothing listens yet, so the live state does not hold it.
   */
  const takeIn = (base: PersistedState, stored: PersistedState): boolean => {
    reconciled((live) => {
      const { state, conflicts } = mergeReporting(base, live, stored);
      offer(conflicts);
      return sameValue(state, live) ? undefined : state;
    });
    return listening;
  };

  const clearWriteError = (): void => {
    if (usePersistenceStatus.getState().writeError !== null) {
      usePersistenceStatus.setState({ writeError: null, unsaved: [], saveAgain: null });
    }
  };

  /**
   * Decides one write from what is saved now (`current`): nothing to write, this tab's value, or
   * the value merged with what another tab saved since `from`. Pure apart from its arguments, as
   * it runs inside the backend's transaction.
   */
  const decide = (
    current: string | null,
    value: StorageValue<PersistedState>,
    from: Synced,
  ): Decision<Written | null> => {
    // Nothing saved changed here since the last read or write (only state that is not saved,
    // such as the undo history): nothing to write, unless the saved copy has gone.
    if (
      current !== null &&
      synced !== null &&
      synced.value.version === value.version &&
      sameValue(value.state, synced.value.state)
    ) {
      return { write: null, result: null };
    }
    const stored =
      current === null || current === from?.raw ? null : readState(current, value.version ?? 0);
    const base = from !== null && from.value.version === value.version ? from : null;
    let next = value;
    let conflicts: readonly AnswerConflict[] = [];
    if (stored !== null && (base !== null || from === null)) {
      // Nothing read here yet means this tab started from nothing: merge against nothing, so
      // an assessment another tab saved meanwhile is kept beside this tab's.
      const merged = mergeReporting(base?.value.state ?? EMPTY, value.state, stored);
      conflicts = merged.conflicts;
      next = { ...value, state: merged.state };
    }
    if (stored !== null && current !== null && sameValue(next.state, stored)) {
      return {
        write: null,
        result: { wrote: false, synced: { raw: current, value: next }, merged: next, conflicts },
      };
    }
    const text = JSON.stringify(next);
    return {
      write: text,
      result: {
        wrote: true,
        synced: { raw: text, value: next },
        merged: next === value ? null : next,
        conflicts,
      },
    };
  };

  const failed = (e: unknown, value: StorageValue<PersistedState>): void => {
    usePersistenceStatus.setState({
      writeError: `Your last change could not be saved: ${describe(e)}. It exists only in this tab until saving works again; download the assessment to keep a copy.`,
      unsaved: differences(synced?.value.state ?? null, value.state),
      saveAgain: () => {
        if (latest !== null) save(STORAGE_KEY, latest);
      },
    });
  };

  /** Writes whatever is queued, one value at a time, until nothing is. */
  const drain = (name: string): void => {
    if (writing) return;
    writing = true;
    usePersistenceStatus.setState({ pending: true });
    void serially(async () => {
      let wrote = false;
      // The last write of this loop that saved this tab's value as it was, and what was saved
      // before it.
      let own: { readonly before: Synced } | null = null;
      while (queued !== null) {
        const next = queued;
        queued = null;
        const { value } = next;
        // Queued while this tab's own write was under way: the value was made from the live state,
        // which held that write already, so what that write saved is its base. Without this, each
        // answer given during a write read back, parsed and merged the tab's own last save.
        const from = own !== null && next.from === own.before ? synced : next.from;
        own = null;
        let outcome: Written | null;
        try {
          outcome = await backend.update(name, (current) => decide(current, value, from));
        } catch (e) {
          failed(e, value);
          continue;
        }
        clearWriteError();
        if (outcome === null) continue;
        const before = synced;
        synced = outcome.synced;
        wrote = wrote || outcome.wrote;
        offer(outcome.conflicts);
        // At once, before the next write: its base is what was just written, so the live state
        // must already hold it or its difference would read as this tab undoing it.
        const tookIn = outcome.merged !== null && takeIn(value.state, outcome.merged.state);
        // Saved as it was, or merged and taken into the live state: either way the live state a
        // value queued meanwhile came from now holds what was saved. After a merge too: when the
        // merge changed nothing on screen, nothing is queued again, and the queued value kept the
        // old base; against it, an answer cleared during the write read as the other tab's
        // answer and came back. A merge nobody took in does not count: the live state lacks the
        // other tab's changes, and on this base they would read as undone.
        if ((outcome.wrote && outcome.merged === null) || tookIn) own = { before };
      }
      writing = false;
      usePersistenceStatus.setState({ pending: false });
      if (wrote) channel?.announce();
    });
  };

  const save = (name: string, value: StorageValue<PersistedState>): void => {
    if (usePersistenceStatus.getState().writesSuspended) return;
    latest = value;
    queued = { value, from: synced };
    drain(name);
  };

  const refresh = (): Promise<void> =>
    serially(async () => {
      if (usePersistenceStatus.getState().writesSuspended) return;
      let current: string | null;
      try {
        current = await backend.read(STORAGE_KEY);
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
    });

  return {
    lastRaw: () => lastRaw,
    backend,
    onReconciled: (listener) => {
      reconciled = listener;
      listening = true;
    },
    onOtherTabSaved: (listener) => channel?.onAnnounce(listener),
    refresh,
    flush: async () => {
      // A task may queue another write as it finishes (a merge taken in); wait for those too.
      while (writing || queued !== null) await tail;
      await tail;
    },
    async getItem(name): Promise<StorageValue<PersistedState> | null> {
      let raw: string | null;
      try {
        raw = await backend.read(name);
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
    async removeItem(name) {
      await backend.remove(name);
    },
  };
}
