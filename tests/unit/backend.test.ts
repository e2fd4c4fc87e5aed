import 'fake-indexeddb/auto';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  browserBackend,
  indexedDbBackend,
  moveFromLocalStorage,
  storageBackend,
  type StateBackend,
} from '../../src/store/backend.ts';
import { BACKUP_KEY_PREFIX, STORAGE_KEY } from '../../src/store/persist-options.ts';
import { repoRoot } from '../fixtures/catalogue.ts';
import { memoryStorage } from '../fixtures/storage.ts';

const NOW = new Date('2026-12-01T10:00:00.000Z');
const options = { stateKey: STORAGE_KEY, backupPrefix: BACKUP_KEY_PREFIX, now: () => NOW };
let databases = 0;
const freshDb = () => indexedDbBackend(`backend-test-${String(++databases)}`);

const fixtureDir = `${repoRoot}tests/fixtures/persisted/`;
const fixtures = readdirSync(fixtureDir)
  .filter((f) => f.endsWith('.json'))
  .sort();

describe('IndexedDB backend', () => {
  it('reads, writes, lists and removes text', async () => {
    const db = freshDb();
    expect(await db.read('k')).toBeNull();
    await db.write('k', 'hello');
    await db.write('other', 'x');
    expect(await db.read('k')).toBe('hello');
    expect((await db.keys()).sort()).toEqual(['k', 'other']);
    await db.remove('k');
    expect(await db.keys()).toEqual(['other']);
  });

  it('runs read-modify-write from two connections one after another, losing no update', async () => {
    const name = `backend-test-${String(++databases)}`;
    const tabs = [indexedDbBackend(name), indexedDbBackend(name)] as const;
    const increment = (db: StateBackend) =>
      db.update('count', (current) => {
        const next = Number(current ?? '0') + 1;
        return { write: String(next), result: next };
      });
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => increment(tabs[i % 2 === 0 ? 0 : 1])),
    );
    expect(await tabs[0].read('count')).toBe('50');
    // Each update saw the one before it: every intermediate count was returned exactly once.
    expect([...results].sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });

  it('leaves the stored text alone when the decision is to write nothing', async () => {
    const db = freshDb();
    await db.write('k', 'kept');
    expect(await db.update('k', (current) => ({ write: null, result: current }))).toBe('kept');
    expect(await db.read('k')).toBe('kept');
  });
});

describe('moving what older versions saved in localStorage', () => {
  it.each(fixtures)(
    'moves the frozen %s state byte for byte, with its backups, and empties localStorage',
    async (fixture) => {
      const raw = readFileSync(`${fixtureDir}${fixture}`, 'utf8');
      const local = memoryStorage();
      local.setItem(STORAGE_KEY, raw);
      local.setItem(`${STORAGE_KEY}:from-v1`, '{"old": true}');
      local.setItem(`${BACKUP_KEY_PREFIX}2026-11-01T00:00:00.000Z`, 'unreadable text');
      local.setItem('opsready:catalogues', '{"team": true}');
      local.setItem('someone-else', 'not ours');
      const db = freshDb();

      const report = await moveFromLocalStorage(local, db, options);

      expect(await db.read(STORAGE_KEY)).toBe(raw);
      expect(await db.read(`${STORAGE_KEY}:from-v1`)).toBe('{"old": true}');
      expect(await db.read(`${BACKUP_KEY_PREFIX}2026-11-01T00:00:00.000Z`)).toBe('unreadable text');
      expect(report.moved).toHaveLength(3);
      expect(report.moved.at(-1)).toBe(STORAGE_KEY);
      expect(report.keptBeside).toEqual([]);
      // Team catalogues and other sites' keys are not this move's business.
      expect(local.length).toBe(2);
      expect([local.key(0), local.key(1)].sort()).toEqual(['opsready:catalogues', 'someone-else']);
    },
  );

  it('never writes over text IndexedDB already holds: the older copy is kept beside it', async () => {
    const local = memoryStorage();
    local.setItem(STORAGE_KEY, 'from localStorage');
    const db = freshDb();
    await db.write(STORAGE_KEY, 'already in IndexedDB');

    const report = await moveFromLocalStorage(local, db, options);

    expect(await db.read(STORAGE_KEY)).toBe('already in IndexedDB');
    const beside = `${BACKUP_KEY_PREFIX}localStorage:${STORAGE_KEY}:${NOW.toISOString()}`;
    expect(await db.read(beside)).toBe('from localStorage');
    expect(report.keptBeside).toEqual([STORAGE_KEY]);
    expect(local.getItem(STORAGE_KEY)).toBeNull();
  });

  it('keeps the localStorage copy when the copy in IndexedDB cannot be confirmed', async () => {
    const local = memoryStorage();
    local.setItem(STORAGE_KEY, 'the only copy');
    const inner = freshDb();
    const lossy: StateBackend = { ...inner, read: () => Promise.resolve('something else') };

    await expect(moveFromLocalStorage(local, lossy, options)).rejects.toThrow(/does not match/);
    expect(local.getItem(STORAGE_KEY)).toBe('the only copy');
  });
});

describe('the browser backend', () => {
  it('moves localStorage into IndexedDB once, then works on IndexedDB', async () => {
    const local = memoryStorage();
    const raw = readFileSync(`${fixtureDir}v4.json`, 'utf8');
    local.setItem(STORAGE_KEY, raw);
    const db = freshDb();
    const moved: string[][] = [];
    const backend = browserBackend({
      ...options,
      localStorage: () => local,
      indexedDb: () => db,
      onMoved: (r) => moved.push([...r.moved]),
    });
    expect(await backend.read(STORAGE_KEY)).toBe(raw);
    expect(await backend.chosen).toBe(db);
    expect(moved).toEqual([[STORAGE_KEY]]);
    expect(local.getItem(STORAGE_KEY)).toBeNull();
  });

  it('falls back to localStorage where IndexedDB cannot be opened', async () => {
    const local = memoryStorage();
    local.setItem(STORAGE_KEY, 'saved');
    const broken: StateBackend = {
      ...freshDb(),
      keys: () => Promise.reject(new DOMException('blocked', 'InvalidStateError')),
    };
    const backend = browserBackend({
      ...options,
      localStorage: () => local,
      indexedDb: () => broken,
    });
    expect(await backend.read(STORAGE_KEY)).toBe('saved');
    expect((await backend.chosen).label).toBe('localStorage');
    await backend.write(STORAGE_KEY, 'changed');
    expect(local.getItem(STORAGE_KEY)).toBe('changed');
  });

  it('stays on localStorage when the move failed before the state was moved', async () => {
    const local = memoryStorage();
    local.setItem(STORAGE_KEY, 'the state');
    const inner = freshDb();
    const failing: StateBackend = {
      ...inner,
      update: () => Promise.reject(new DOMException('full', 'QuotaExceededError')),
    };
    const backend = browserBackend({
      ...options,
      localStorage: () => local,
      indexedDb: () => failing,
    });
    expect(await backend.read(STORAGE_KEY)).toBe('the state');
    expect((await backend.chosen).label).toBe('localStorage');
  });
});

describe('the localStorage backend', () => {
  it('runs an update inside the cross-tab lock when there is one', async () => {
    const local = memoryStorage();
    const held: string[] = [];
    const backend = storageBackend(
      () => local,
      (name, task) => {
        held.push(name);
        return Promise.resolve(task());
      },
    );
    await backend.update('k', () => ({ write: 'v', result: null }));
    expect(held).toEqual(['localStorage:k']);
    expect(local.getItem('k')).toBe('v');
  });
});
