import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import v1Fixture from '../fixtures/persisted/v1.json';
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
  followOtherTabs: false,
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
    ['corrupt JSON', '{"state": {"assessments": ', 'not valid JSON', 'Your saved'],
    [
      'an invalid answer',
      JSON.stringify({
        version: PERSISTED_VERSION,
        state: { assessments: { a: { id: 'a' } }, activeAssessmentId: 'a' },
      }),
      'assessments.a.name',
      'Your saved',
    ],
    [
      'a newer data version',
      JSON.stringify({ version: PERSISTED_VERSION + 1, state: {} }),
      'saved by a newer version of OpsReady',
      'Your saved',
    ],
  ])('is backed up untouched and reported: %s', (_what, raw, expected, heading) => {
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
      `${heading} assessments could not be loaded`,
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

describe('migrating saved data', () => {
  it('runs the real v1 → v2 step, keeps the old text aside, and saves the new version', () => {
    const raw = JSON.stringify(v1Fixture);
    window.localStorage.setItem(STORAGE_KEY, raw);
    const store = createAppStore(options());

    const active = selectActiveAssessment(store.getState());
    expect(active?.name).toBe('My assessment');
    expect(active?.meta).toEqual({});
    expect(active?.answers['KEY-01']).toMatchObject({ status: 'level', level: 1 });
    expect(window.localStorage.getItem(`${STORAGE_KEY}:from-v1`)).toBe(raw);
    const saved = JSON.parse(window.localStorage.getItem(STORAGE_KEY) ?? '{}') as {
      version: number;
    };
    expect(saved.version).toBe(PERSISTED_VERSION);
    expect(usePersistenceStatus.getState().loadFailure).toBeNull();
  });
});

describe('partly damaged saved data', () => {
  it('loads the readable assessments, backs up the text once and lists what was left out', () => {
    const v1 = structuredClone(v1Fixture) as unknown as {
      state: { assessments: Record<string, unknown>; activeAssessmentId: string };
      version: number;
    };
    v1.state.assessments.broken = { id: 'broken', name: '' };
    const raw = JSON.stringify(v1);
    window.localStorage.setItem(STORAGE_KEY, raw);

    const store = createAppStore(options());
    expect(Object.keys(store.getState().assessments)).toEqual([v1.state.activeAssessmentId]);
    const failure = usePersistenceStatus.getState().loadFailure;
    expect(failure?.partial).toBe(true);
    expect(failure?.problems.map((p) => p.path)).toContain('assessments.broken.name');
    expect(window.localStorage.getItem(failure?.backupKey ?? '')).toBe(raw);

    // Loading the same text again does not pile up another copy.
    createAppStore(options());
    expect(backups()).toHaveLength(1);

    render(<PersistenceBanner />);
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Some saved assessments could not be loaded',
    );
  });
});

describe('the store guards what it saves', () => {
  it('refuses details that could not be loaded again', () => {
    const store = createAppStore(options());
    const tooMany = Array.from({ length: 51 }, (_, i) => `Assessor ${i}`);
    expect(() =>
      store
        .getState()
        .updateDetails({ name: 'Q3', organisation: '', scope: '', assessors: tooMany }),
    ).toThrow(/expected at most 50 assessors/);
    expect(selectActiveAssessment(store.getState())?.name).toBe('My assessment');
  });

  it('refuses a level above the scale', () => {
    const store = createAppStore(options());
    expect(() => store.getState().setAnswer('KEY-01', { status: 'level', level: 9 })).toThrow(
      /above the top of the scale/,
    );
  });
});

describe('two tabs on the same data', () => {
  it('follows what the other tab saved, so a stale tab cannot write over it', () => {
    const here = createAppStore({ ...options(), followOtherTabs: true });
    const id = here.getState().activeAssessmentId ?? '';
    // The other tab: same data, one more answer, saved to storage.
    const there = JSON.parse(window.localStorage.getItem(STORAGE_KEY) ?? '{}') as {
      state: { assessments: Record<string, { answers: Record<string, unknown> }> };
    };
    const theirs = there.state.assessments[id];
    if (!theirs) throw new Error('missing assessment');
    theirs.answers['SIG-02'] = { status: 'level', level: 3 };
    const newValue = JSON.stringify(there);
    window.localStorage.setItem(STORAGE_KEY, newValue);
    window.dispatchEvent(new StorageEvent('storage', { key: STORAGE_KEY, newValue }));

    expect(selectActiveAssessment(here.getState())?.answers['SIG-02']).toEqual({
      status: 'level',
      level: 3,
    });
    here.getState().setAnswer('KEY-01', { status: 'level', level: 1 });
    const saved = JSON.parse(window.localStorage.getItem(STORAGE_KEY) ?? '{}') as typeof there;
    expect(Object.keys(saved.state.assessments[id]?.answers ?? {}).sort()).toEqual([
      'KEY-01',
      'SIG-02',
    ]);
  });
});

describe('two tabs that have not yet seen each other’s writes', () => {
  it('merges per answer instead of writing over the other tab', async () => {
    const first = createAppStore(options());
    first.getState().setAnswer('KEY-01', { status: 'level', level: 2 });
    // The second tab opens the same saved state.
    const second = createAppStore(options());
    expect(selectActiveAssessment(second.getState())?.answers['KEY-01']).toBeDefined();
    first.getState().setAnswer('SIG-01', { status: 'level', level: 1 });
    // The second tab missed that write and answers another control.
    second.getState().setAnswer('IR-01', { status: 'level', level: 3 });

    const saved = JSON.parse(window.localStorage.getItem(STORAGE_KEY) ?? '{}') as {
      state: { assessments: Record<string, { answers: Record<string, unknown> }> };
    };
    const answers = Object.values(saved.state.assessments)[0]?.answers;
    expect(answers).toEqual({
      'KEY-01': { status: 'level', level: 2 },
      'SIG-01': { status: 'level', level: 1 },
      'IR-01': { status: 'level', level: 3 },
    });
    // And the second tab now shows the first tab's answer too.
    await vi.waitFor(() =>
      expect(selectActiveAssessment(second.getState())?.answers['SIG-01']).toEqual({
        status: 'level',
        level: 1,
      }),
    );
  });
});

describe('two tabs that changed the same answer at the same time', () => {
  it('keeps this tab’s answer, shows both, and takes the other one in one click', async () => {
    const user = userEvent.setup();
    const first = createAppStore(options());
    first.getState().setAnswer('SIG-01', { status: 'level', level: 2 });
    const second = createAppStore(options());
    first.getState().setAnswer('KEY-01', { status: 'level', level: 1 });
    // The second tab has not seen that write and answers the same control differently.
    second.getState().setAnswer('KEY-01', { status: 'level', level: 3 });

    const saved = () =>
      (
        JSON.parse(window.localStorage.getItem(STORAGE_KEY) ?? '{}') as {
          state: { assessments: Record<string, { answers: Record<string, unknown> }> };
        }
      ).state.assessments;
    expect(Object.values(saved())[0]?.answers['KEY-01']).toEqual({ status: 'level', level: 3 });
    expect(usePersistenceStatus.getState().conflicts).toMatchObject([
      {
        controlId: 'KEY-01',
        kept: { status: 'level', level: 3 },
        other: { status: 'level', level: 1 },
      },
    ]);

    render(<PersistenceBanner />);
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Answered differently in another tab');
    expect(alert).toHaveTextContent(
      'KEY-01 in “My assessment”: this tab Level 3 (kept), the other tab Level 1.',
    );
    await user.click(
      screen.getByRole('button', { name: 'Use the other tab’s answer (Level 1) for KEY-01' }),
    );
    expect(selectActiveAssessment(second.getState())?.answers['KEY-01']).toEqual({
      status: 'level',
      level: 1,
    });
    expect(Object.values(saved())[0]?.answers).toEqual({
      'SIG-01': { status: 'level', level: 2 },
      'KEY-01': { status: 'level', level: 1 },
    });
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('is no conflict when both tabs gave the same answer, or different controls', () => {
    const first = createAppStore(options());
    first.getState().setAnswer('SIG-01', { status: 'level', level: 2 });
    const second = createAppStore(options());
    first.getState().setAnswer('KEY-01', { status: 'level', level: 1 });
    first.getState().setAnswer('IR-01', { status: 'level', level: 2 });
    second.getState().setAnswer('KEY-01', { status: 'level', level: 1 });
    second.getState().setAnswer('CUS-01', { status: 'level', level: 0 });
    expect(usePersistenceStatus.getState().conflicts).toEqual([]);
    expect(Object.keys(selectActiveAssessment(second.getState())?.answers ?? {}).sort()).toEqual([
      'CUS-01',
      'IR-01',
      'KEY-01',
      'SIG-01',
    ]);
  });
});

describe('leaving the page while a change is not saved', () => {
  const leave = (): Event => {
    const event = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(event);
    return event;
  };

  it('asks first, names what is unsaved, and saves it all once space is freed', async () => {
    const user = userEvent.setup();
    let full = false;
    const store = createAppStore(options(failingStorage((key) => key === STORAGE_KEY && full)));
    store.getState().setAnswer('SIG-01', { status: 'level', level: 2 });
    expect(leave().defaultPrevented).toBe(false);

    full = true;
    store.getState().setAnswer('KEY-01', { status: 'level', level: 1 });
    store.getState().setAnswer('IR-01', { status: 'na', justification: 'No incidents yet.' });
    expect(leave().defaultPrevented).toBe(true);
    render(<PersistenceBanner />);
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Unsaved in this tab:“My assessment”: answers to IR-01, KEY-01',
    );

    full = false;
    await user.click(screen.getByRole('button', { name: 'Try saving again' }));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(leave().defaultPrevented).toBe(false);
    const reloaded = createAppStore(options());
    expect(selectActiveAssessment(reloaded.getState())?.answers).toEqual({
      'SIG-01': { status: 'level', level: 2 },
      'KEY-01': { status: 'level', level: 1 },
      'IR-01': { status: 'na', justification: 'No incidents yet.' },
    });
  });
});
