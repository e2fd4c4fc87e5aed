import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { PersistenceBanner } from '../../src/components/PersistenceBanner.tsx';
import { PERSISTED_VERSION } from '../../src/domain/persistence/persisted.ts';
import {
  BACKUP_KEY_PREFIX,
  createAppStore,
  selectActiveAssessment,
  STORAGE_KEY,
} from '../../src/store/app-store.ts';
import { usePersistenceStatus } from '../../src/store/persistence-status.ts';
import { createGuardedStorage } from '../../src/store/storage.ts';

const NOW = new Date('2026-11-25T12:00:00.000Z');
let ids = 0;
const options = (storage: Storage = window.localStorage) => ({
  storage: createGuardedStorage(() => storage),
  now: () => NOW,
  newId: () => `id-${++ids}`,
});

/** A Storage whose writes fail, like a full quota or a locked-down private window. */
function failingStorage(failOn: (key: string) => boolean): Storage {
  const inner = window.localStorage;
  return {
    get length() {
      return inner.length;
    },
    clear: () => inner.clear(),
    key: (i) => inner.key(i),
    getItem: (k) => inner.getItem(k),
    removeItem: (k) => inner.removeItem(k),
    setItem: (k, v) => {
      if (failOn(k)) throw new DOMException('quota', 'QuotaExceededError');
      inner.setItem(k, v);
    },
  };
}

const backups = () =>
  Object.keys(window.localStorage).filter((k) => k.startsWith(BACKUP_KEY_PREFIX));

describe('saving and reloading', () => {
  it('keeps every answer across a reload', () => {
    const first = createAppStore(options());
    first.getState().setAnswer('KEY-01', { status: 'level', level: 2, notes: 'Ledger for all' });
    first.getState().setAnswer('CUS-01', { status: 'na', justification: 'No hot wallets.' });

    const reloaded = createAppStore(options());
    expect(selectActiveAssessment(reloaded.getState())?.answers).toEqual({
      'KEY-01': { status: 'level', level: 2, notes: 'Ledger for all' },
      'CUS-01': { status: 'na', justification: 'No hot wallets.' },
    });
    const stored = JSON.parse(window.localStorage.getItem(STORAGE_KEY) ?? '{}') as {
      version: number;
    };
    expect(stored.version).toBe(PERSISTED_VERSION);
    expect(usePersistenceStatus.getState().loadFailure).toBeNull();
  });
});

describe('saved data that cannot be loaded', () => {
  it.each([
    ['corrupt JSON', '{"state": {"assessments": ', 'not valid JSON'],
    [
      'an invalid answer',
      JSON.stringify({
        version: PERSISTED_VERSION,
        state: { assessments: { a: { id: 'a' } }, activeAssessmentId: 'a' },
      }),
      'assessments.a.name',
    ],
    [
      'a newer data version',
      JSON.stringify({ version: PERSISTED_VERSION + 1, state: {} }),
      'saved by a newer version of OpsReady',
    ],
  ])('is backed up untouched and reported: %s', (_what, raw, expected) => {
    window.localStorage.setItem(STORAGE_KEY, raw);
    const store = createAppStore(options());

    const failure = usePersistenceStatus.getState().loadFailure;
    expect(failure?.problems.map((p) => `${p.path}: ${p.message}`).join('\n')).toContain(expected);
    expect(failure?.backupKey).toBe(`${BACKUP_KEY_PREFIX}${NOW.toISOString()}`);
    expect(window.localStorage.getItem(failure?.backupKey ?? '')).toBe(raw);
    // Nothing was written over the original until the user changes something.
    expect(window.localStorage.getItem(STORAGE_KEY)).toBe(raw);
    expect(selectActiveAssessment(store.getState())?.answers).toEqual({});

    render(<PersistenceBanner />);
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Your saved assessments could not be loaded',
    );
    expect(screen.getByRole('alert')).toHaveTextContent(failure?.backupKey ?? 'missing');
  });

  it('pauses saving when even the backup cannot be written', () => {
    const raw = '{"broken": ';
    window.localStorage.setItem(STORAGE_KEY, raw);
    const storage = failingStorage((key) => key.startsWith(BACKUP_KEY_PREFIX));
    const store = createAppStore(options(storage));

    expect(usePersistenceStatus.getState()).toMatchObject({
      writesSuspended: true,
      loadFailure: { backupKey: null, raw },
    });
    store.getState().setAnswer('KEY-01', { status: 'level', level: 1 });
    expect(window.localStorage.getItem(STORAGE_KEY)).toBe(raw);
    expect(backups()).toEqual([]);

    render(<PersistenceBanner />);
    expect(screen.getByRole('button', { name: 'Download the saved data' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /Resume saving/ })).toBeInTheDocument();
  });
});

describe('a write that fails', () => {
  it('is shown to the user, not swallowed, and clears once a write succeeds', () => {
    let full = true;
    const store = createAppStore(options(failingStorage((key) => key === STORAGE_KEY && full)));
    store.getState().setAnswer('KEY-01', { status: 'level', level: 1 });

    expect(usePersistenceStatus.getState().writeError).toContain('storage for this site is full');
    render(<PersistenceBanner />);
    expect(screen.getByRole('alert')).toHaveTextContent('Not saved');

    full = false;
    store.getState().setAnswer('KEY-01', { status: 'level', level: 2 });
    expect(usePersistenceStatus.getState().writeError).toBeNull();
  });
});
