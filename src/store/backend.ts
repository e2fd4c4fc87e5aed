import { createStore, promisifyRequest, type UseStore } from 'idb-keyval';

/** What a read-modify-write decided: the text to write (null: leave it), and what to report. */
export interface Decision<T> {
  readonly write: string | null;
  readonly result: T;
}

/**
 * Where saved state lives, as text under string keys. Every operation is asynchronous, and
 * `update` is the one way to change what another tab may be changing at the same moment.
 */
export interface StateBackend {
  /** How the user would name it, in messages. */
  readonly label: string;
  read(key: string): Promise<string | null>;
  /**
   * Reads `key`, lets `decide` (synchronous) choose what to write, and writes it, with no other
   * tab's write in between: the decision is made on exactly what it replaces.
   */
  update<T>(key: string, decide: (current: string | null) => Decision<T>): Promise<T>;
  write(key: string, text: string): Promise<void>;
  remove(key: string): Promise<void>;
  keys(): Promise<string[]>;
}

export const DATABASE_NAME = 'opsready';
export const OBJECT_STORE_NAME = 'state';

function asText(value: unknown): string | null {
  if (value === undefined) return null;
  // Only this app writes here, and only text; anything else is kept readable for the load report
  // rather than dropped.
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * IndexedDB through idb-keyval. A readwrite transaction on the object store is atomic and the
 * browser runs overlapping ones one after another, across tabs, so `update` needs no lock of its
 * own. `decide` runs inside the transaction (it must not await anything), which is what makes
 * the read and the write one step.
 */
export function indexedDbBackend(
  database: string = DATABASE_NAME,
  objectStore: string = OBJECT_STORE_NAME,
): StateBackend {
  const store: UseStore = createStore(database, objectStore);
  return {
    label: 'IndexedDB',
    read: (key) => store('readonly', (s) => promisifyRequest(s.get(key)).then(asText)),
    update: (key, decide) =>
      store('readwrite', (s) =>
        promisifyRequest(s.get(key)).then((current: unknown) => {
          const { write, result } = decide(asText(current));
          if (write !== null) s.put(write, key);
          return promisifyRequest(s.transaction).then(() => result);
        }),
      ),
    write: (key, text) =>
      store('readwrite', (s) => {
        s.put(text, key);
        return promisifyRequest(s.transaction);
      }),
    remove: (key) =>
      store('readwrite', (s) => {
        s.delete(key);
        return promisifyRequest(s.transaction);
      }),
    keys: () =>
      store('readonly', (s) =>
        promisifyRequest(s.getAllKeys()).then((keys) => keys.filter((k) => typeof k === 'string')),
      ),
  };
}

/**
 * localStorage (or any Storage), where IndexedDB cannot be opened. Reads and writes are
 * synchronous, so `update` is atomic within a tab; across tabs it holds a Web Lock where the
 * browser has one.
 */
export function storageBackend(
  getStorage: () => Storage,
  lock: Lock | null = browserLock(),
  label = 'localStorage',
): StateBackend {
  // Synchronous calls as promises, a throw (a full quota) as a rejection.
  const run = <T>(task: () => T): Promise<T> => new Promise((resolve) => resolve(task()));
  return {
    label,
    read: (key) => run(() => getStorage().getItem(key)),
    update: (key, decide) => {
      const step = () => {
        const { write, result } = decide(getStorage().getItem(key));
        if (write !== null) getStorage().setItem(key, write);
        return result;
      };
      return lock === null ? run(step) : lock(`${label}:${key}`, step);
    },
    write: (key, text) => run(() => getStorage().setItem(key, text)),
    remove: (key) => run(() => getStorage().removeItem(key)),
    keys: () => run(() => storageKeys(getStorage())),
  };
}

/** Runs `task` while holding the named lock, for every tab of this site. */
export type Lock = <T>(name: string, task: () => T) => Promise<T>;

/** Through the Storage interface itself, which every implementation has (not only the browser's). */
function storageKeys(storage: Storage): string[] {
  return Array.from({ length: storage.length }, (_, i) => storage.key(i)).filter(
    (key): key is string => key !== null,
  );
}

function browserLock(): Lock | null {
  if (typeof navigator === 'undefined' || !('locks' in navigator)) return null;
  return (name, task) => navigator.locks.request(name, () => task());
}

/** True when this browser can open IndexedDB at all (private modes of some browsers cannot). */
async function indexedDbWorks(backend: StateBackend): Promise<boolean> {
  if (typeof indexedDB === 'undefined') return false;
  try {
    await backend.keys();
    return true;
  } catch {
    return false;
  }
}

/** Keys this app kept in localStorage before it moved to IndexedDB (team catalogues stay there). */
export function isMovableKey(key: string, stateKey: string, backupPrefix: string): boolean {
  return key === stateKey || key.startsWith(`${stateKey}:`) || key.startsWith(backupPrefix);
}

export interface MoveReport {
  /** Keys copied from localStorage and then removed there. */
  readonly moved: readonly string[];
  /** Keys IndexedDB already held with other text: the localStorage text was kept beside it. */
  readonly keptBeside: readonly string[];
}

/**
 * Moves what earlier versions saved in localStorage into IndexedDB, byte for byte: each key is
 * copied (never over a key IndexedDB already holds with other text; that text is kept under a
 * backup key instead), read back and compared, and only then removed from localStorage. A
 * failure at any step leaves the localStorage copy where it was.
 */
export async function moveFromLocalStorage(
  from: Storage,
  to: StateBackend,
  options: { readonly stateKey: string; readonly backupPrefix: string; readonly now: () => Date },
): Promise<MoveReport> {
  // The state itself last: if a backup cannot be moved, the state is still in localStorage and
  // the app keeps working from there.
  const keys = storageKeys(from)
    .filter((k) => isMovableKey(k, options.stateKey, options.backupPrefix))
    .sort((a, b) => Number(a === options.stateKey) - Number(b === options.stateKey));
  const moved: string[] = [];
  const keptBeside: string[] = [];
  for (const key of keys) {
    const text = from.getItem(key);
    if (text === null) continue;
    const target = await to.update(key, (current) =>
      current === null || current === text
        ? { write: current === null ? text : null, result: key }
        : { write: null, result: null },
    );
    let landed = target;
    if (landed === null) {
      landed = `${options.backupPrefix}localStorage:${key}:${options.now().toISOString()}`;
      await to.write(landed, text);
      keptBeside.push(key);
    }
    if ((await to.read(landed)) !== text) {
      throw new Error(`the copy of ${key} in IndexedDB does not match the original`);
    }
    from.removeItem(key);
    moved.push(key);
  }
  return { moved, keptBeside };
}

/**
 * The browser's backend: IndexedDB, with what older versions left in localStorage moved into it
 * first; localStorage itself where IndexedDB cannot be opened. Every call waits for that choice.
 */
export function browserBackend(options: {
  readonly stateKey: string;
  readonly backupPrefix: string;
  readonly now: () => Date;
  readonly localStorage: () => Storage;
  readonly indexedDb?: () => StateBackend;
  readonly onMoved?: (report: MoveReport) => void;
}): StateBackend & { readonly chosen: Promise<StateBackend> } {
  const chosen = (async (): Promise<StateBackend> => {
    const idb = (options.indexedDb ?? indexedDbBackend)();
    if (!(await indexedDbWorks(idb))) return storageBackend(options.localStorage);
    let legacy: Storage | null = null;
    try {
      legacy = options.localStorage();
    } catch {
      legacy = null;
    }
    if (legacy === null) return idb;
    try {
      const report = await moveFromLocalStorage(legacy, idb, options);
      if (report.moved.length > 0) options.onMoved?.(report);
      return idb;
    } catch {
      // Whatever did not move is still in localStorage: carry on there rather than lose sight of it.
      return legacy.getItem(options.stateKey) === null ? idb : storageBackend(() => legacy);
    }
  })();
  return {
    chosen,
    label: 'browser storage',
    read: async (key) => (await chosen).read(key),
    update: async (key, decide) => (await chosen).update(key, decide),
    write: async (key, text) => (await chosen).write(key, text),
    remove: async (key) => (await chosen).remove(key),
    keys: async () => (await chosen).keys(),
  };
}
