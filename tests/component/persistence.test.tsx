import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import v1Fixture from '../fixtures/persisted/v1.json';
import { PersistenceBanner } from '../../src/components/PersistenceBanner.tsx';
import { PERSISTED_VERSION } from '../../src/domain/persistence/persisted.ts';
import {
  BACKUP_KEY_PREFIX,
  createAppStore,
  selectActiveAssessment,
  STORAGE_KEY,
} from '../../src/store/app-store.ts';
import { indexedDbBackend, type StateBackend } from '../../src/store/backend.ts';
import { usePersistenceStatus } from '../../src/store/persistence-status.ts';
import { createGuardedStorage, type GuardedStorage } from '../../src/store/storage.ts';

const NOW = new Date('2026-11-25T12:00:00.000Z');
let ids = 0;
let databases = 0;
// Each test has a database of its own, as each browser profile would: the real IndexedDB code
// (fake-indexeddb underneath), with its transactions.
let backend: StateBackend;
beforeEach(() => {
  backend = indexedDbBackend(`persistence-test-${String(++databases)}`);
});

/** A tab: its store, and its storage, whose writes the test can wait for. */
async function openTab(
  over: StateBackend = backend,
  followOtherTabs = false,
): Promise<{ store: ReturnType<typeof createAppStore>; storage: GuardedStorage }> {
  const storage = createGuardedStorage(over, null);
  usePersistenceStatus.setState({ loaded: false });
  const store = createAppStore({
    storage,
    now: () => NOW,
    newId: () => `id-${++ids}`,
    followOtherTabs,
  });
  await vi.waitFor(() => expect(usePersistenceStatus.getState().loaded).toBe(true));
  return { store, storage };
}

/** A backend whose writes fail, like a full quota or a locked-down private window. */
function failing(inner: StateBackend, failOn: (key: string) => boolean): StateBackend {
  const full = (key: string) => {
    if (failOn(key)) throw new DOMException('quota', 'QuotaExceededError');
  };
  return {
    ...inner,
    update: async (key, decide) => {
      full(key);
      return inner.update(key, decide);
    },
    write: async (key, text) => {
      full(key);
      return inner.write(key, text);
    },
  };
}

const backups = async () => (await backend.keys()).filter((k) => k.startsWith(BACKUP_KEY_PREFIX));

async function savedJson<T>(): Promise<T> {
  return JSON.parse((await backend.read(STORAGE_KEY)) ?? '{}') as T;
}

interface SavedAnswers {
  state: { assessments: Record<string, { answers: Record<string, unknown> }> };
}

describe('saving and reloading', () => {
  it('keeps every answer across a reload, in IndexedDB', async () => {
    const first = await openTab();
    first.store
      .getState()
      .setAnswer('KEY-01', { status: 'level', level: 2, notes: 'Ledger for all' });
    first.store.getState().setAnswer('CUS-01', { status: 'na', justification: 'No hot wallets.' });
    await first.storage.flush();

    const reloaded = await openTab();
    expect(selectActiveAssessment(reloaded.store.getState())?.answers).toEqual({
      'KEY-01': { status: 'level', level: 2, notes: 'Ledger for all' },
      'CUS-01': { status: 'na', justification: 'No hot wallets.' },
    });
    expect((await savedJson<{ version: number }>()).version).toBe(PERSISTED_VERSION);
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
  ])('is backed up untouched and reported: %s', async (_what, raw, expected, heading) => {
    await backend.write(STORAGE_KEY, raw);
    const { store, storage } = await openTab();

    const failure = usePersistenceStatus.getState().loadFailure;
    expect(failure?.problems.map((p) => `${p.path}: ${p.message}`).join('\n')).toContain(expected);
    expect(failure?.backupKey).toBe(`${BACKUP_KEY_PREFIX}${NOW.toISOString()}`);
    expect(await backend.read(failure?.backupKey ?? '')).toBe(raw);
    // Nothing was written over the original until the user changes something.
    await storage.flush();
    expect(await backend.read(STORAGE_KEY)).toBe(raw);
    expect(selectActiveAssessment(store.getState())?.answers).toEqual({});

    render(<PersistenceBanner />);
    expect(screen.getByRole('alert')).toHaveTextContent(
      `${heading} assessments could not be loaded`,
    );
    expect(screen.getByRole('alert')).toHaveTextContent(failure?.backupKey ?? 'missing');
  });

  it('pauses saving when even the backup cannot be written', async () => {
    const raw = '{"broken": ';
    await backend.write(STORAGE_KEY, raw);
    const { store, storage } = await openTab(
      failing(backend, (key) => key.startsWith(BACKUP_KEY_PREFIX)),
    );

    expect(usePersistenceStatus.getState()).toMatchObject({
      writesSuspended: true,
      loadFailure: { backupKey: null, raw },
    });
    store.getState().setAnswer('KEY-01', { status: 'level', level: 1 });
    await storage.flush();
    expect(await backend.read(STORAGE_KEY)).toBe(raw);
    expect(await backups()).toEqual([]);

    render(<PersistenceBanner />);
    expect(screen.getByRole('button', { name: 'Download the saved data' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /Resume saving/ })).toBeInTheDocument();
  });
});

describe('a write that fails', () => {
  it('is shown to the user, not swallowed, and clears once a write succeeds', async () => {
    let full = true;
    const { store, storage } = await openTab(
      failing(backend, (key) => key === STORAGE_KEY && full),
    );
    store.getState().setAnswer('KEY-01', { status: 'level', level: 1 });
    await storage.flush();

    expect(usePersistenceStatus.getState().writeError).toContain('storage for this site is full');
    render(<PersistenceBanner />);
    expect(screen.getByRole('alert')).toHaveTextContent('Not saved');

    full = false;
    store.getState().setAnswer('KEY-01', { status: 'level', level: 2 });
    await storage.flush();
    expect(usePersistenceStatus.getState().writeError).toBeNull();
  });
});

describe('migrating saved data', () => {
  it('runs the real v1 → v2 step, keeps the old text aside, and saves the new version', async () => {
    const raw = JSON.stringify(v1Fixture);
    await backend.write(STORAGE_KEY, raw);
    const { store, storage } = await openTab();

    const active = selectActiveAssessment(store.getState());
    expect(active?.name).toBe('My assessment');
    expect(active?.meta).toEqual({});
    expect(active?.answers['KEY-01']).toMatchObject({ status: 'level', level: 1 });
    expect(await backend.read(`${STORAGE_KEY}:from-v1`)).toBe(raw);
    await storage.flush();
    expect((await savedJson<{ version: number }>()).version).toBe(PERSISTED_VERSION);
    expect(usePersistenceStatus.getState().loadFailure).toBeNull();
  });
});

describe('partly damaged saved data', () => {
  it('loads the readable assessments, backs up the text once and lists what was left out', async () => {
    const v1 = structuredClone(v1Fixture) as unknown as {
      state: { assessments: Record<string, unknown>; activeAssessmentId: string };
      version: number;
    };
    v1.state.assessments.broken = { id: 'broken', name: '' };
    const raw = JSON.stringify(v1);
    await backend.write(STORAGE_KEY, raw);

    const { store, storage } = await openTab();
    expect(Object.keys(store.getState().assessments)).toEqual([v1.state.activeAssessmentId]);
    const failure = usePersistenceStatus.getState().loadFailure;
    expect(failure?.partial).toBe(true);
    expect(failure?.problems.map((p) => p.path)).toContain('assessments.broken.name');
    expect(await backend.read(failure?.backupKey ?? '')).toBe(raw);
    await storage.flush();

    // Loading the same text again does not pile up another copy.
    await backend.write(STORAGE_KEY, raw);
    await openTab();
    expect(await backups()).toHaveLength(1);

    render(<PersistenceBanner />);
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Some saved assessments could not be loaded',
    );
  });
});

describe('the store guards what it saves', () => {
  it('refuses details that could not be loaded again', async () => {
    const { store } = await openTab();
    const tooMany = Array.from({ length: 51 }, (_, i) => `Assessor ${i}`);
    expect(() =>
      store
        .getState()
        .updateDetails({ name: 'Q3', organisation: '', scope: '', assessors: tooMany }),
    ).toThrow(/expected at most 50 assessors/);
    expect(selectActiveAssessment(store.getState())?.name).toBe('My assessment');
  });

  it('refuses a level above the scale', async () => {
    const { store } = await openTab();
    expect(() => store.getState().setAnswer('KEY-01', { status: 'level', level: 9 })).toThrow(
      /above the top of the scale/,
    );
  });
});

describe('two tabs on the same data', () => {
  it('follows what the other tab saved, so a stale tab cannot write over it', async () => {
    const here = await openTab(backend, true);
    here.store.getState().setAnswer('CUS-01', { status: 'level', level: 2 });
    await here.storage.flush();
    const id = here.store.getState().activeAssessmentId ?? '';
    // The other tab: same data, one more answer, saved.
    const there = await savedJson<SavedAnswers>();
    const theirs = there.state.assessments[id];
    if (!theirs) throw new Error('missing assessment');
    theirs.answers['SIG-02'] = { status: 'level', level: 3 };
    await backend.write(STORAGE_KEY, JSON.stringify(there));
    // What the other tab's announcement does here.
    await here.storage.refresh();

    expect(selectActiveAssessment(here.store.getState())?.answers['SIG-02']).toEqual({
      status: 'level',
      level: 3,
    });
    here.store.getState().setAnswer('KEY-01', { status: 'level', level: 1 });
    await here.storage.flush();
    const saved = await savedJson<SavedAnswers>();
    expect(Object.keys(saved.state.assessments[id]?.answers ?? {}).sort()).toEqual([
      'CUS-01',
      'KEY-01',
      'SIG-02',
    ]);
  });
});

describe('two tabs that have not yet seen each other’s writes', () => {
  it('merges per answer instead of writing over the other tab', async () => {
    const first = await openTab();
    first.store.getState().setAnswer('KEY-01', { status: 'level', level: 2 });
    await first.storage.flush();
    // The second tab opens the same saved state.
    const second = await openTab();
    expect(selectActiveAssessment(second.store.getState())?.answers['KEY-01']).toBeDefined();
    first.store.getState().setAnswer('SIG-01', { status: 'level', level: 1 });
    // The second tab has not seen that write and answers another control, at the same moment.
    second.store.getState().setAnswer('IR-01', { status: 'level', level: 3 });
    await Promise.all([first.storage.flush(), second.storage.flush()]);

    const answers = Object.values((await savedJson<SavedAnswers>()).state.assessments)[0]?.answers;
    expect(answers).toEqual({
      'KEY-01': { status: 'level', level: 2 },
      'SIG-01': { status: 'level', level: 1 },
      'IR-01': { status: 'level', level: 3 },
    });
    // And whichever tab wrote second now shows the other's answer too; the other catches up on
    // the announcement (here: a refresh).
    await first.storage.refresh();
    await second.storage.refresh();
    for (const tab of [first, second]) {
      expect(selectActiveAssessment(tab.store.getState())?.answers).toEqual(answers);
    }
  });
});

describe('two tabs that changed the same answer at the same time', () => {
  it('keeps the later writer’s answer, shows both, and takes the other one in one click', async () => {
    const user = userEvent.setup();
    const first = await openTab();
    first.store.getState().setAnswer('SIG-01', { status: 'level', level: 2 });
    await first.storage.flush();
    const second = await openTab();
    first.store.getState().setAnswer('KEY-01', { status: 'level', level: 1 });
    await first.storage.flush();
    // The second tab has not seen that write and answers the same control differently.
    second.store.getState().setAnswer('KEY-01', { status: 'level', level: 3 });
    await second.storage.flush();

    const saved = async () => (await savedJson<SavedAnswers>()).state.assessments;
    expect(Object.values(await saved())[0]?.answers['KEY-01']).toEqual({
      status: 'level',
      level: 3,
    });
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
    expect(selectActiveAssessment(second.store.getState())?.answers['KEY-01']).toEqual({
      status: 'level',
      level: 1,
    });
    await second.storage.flush();
    expect(Object.values(await saved())[0]?.answers).toEqual({
      'SIG-01': { status: 'level', level: 2 },
      'KEY-01': { status: 'level', level: 1 },
    });
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('is no conflict when both tabs gave the same answer, or different controls', async () => {
    const first = await openTab();
    first.store.getState().setAnswer('SIG-01', { status: 'level', level: 2 });
    await first.storage.flush();
    const second = await openTab();
    first.store.getState().setAnswer('KEY-01', { status: 'level', level: 1 });
    first.store.getState().setAnswer('IR-01', { status: 'level', level: 2 });
    second.store.getState().setAnswer('KEY-01', { status: 'level', level: 1 });
    second.store.getState().setAnswer('CUS-01', { status: 'level', level: 0 });
    await Promise.all([first.storage.flush(), second.storage.flush()]);
    await first.storage.refresh();
    await second.storage.refresh();
    expect(usePersistenceStatus.getState().conflicts).toEqual([]);
    for (const tab of [first, second]) {
      expect(
        Object.keys(selectActiveAssessment(tab.store.getState())?.answers ?? {}).sort(),
      ).toEqual(['CUS-01', 'IR-01', 'KEY-01', 'SIG-01']);
    }
  });
});

describe('two tabs that changed the same control’s details at the same time', () => {
  it('keeps the later writer’s details, says so, and takes the other tab’s in one click', async () => {
    const user = userEvent.setup();
    const first = await openTab();
    first.store.getState().setMeta('KEY-01', { owner: 'Ana' });
    await first.storage.flush();
    const second = await openTab();
    first.store
      .getState()
      .setMeta('KEY-01', { owner: 'Ana', evidence: ['https://example.org/log'] });
    await first.storage.flush();
    second.store.getState().setMeta('KEY-01', { owner: 'Ben' });
    await second.storage.flush();

    render(<PersistenceBanner />);
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent(
      'KEY-01 details in “My assessment”: this tab owner Ben (kept), the other tab owner Ana, 1 evidence item.',
    );
    await user.click(
      screen.getByRole('button', {
        name: 'Use the other tab’s details (owner Ana, 1 evidence item) for KEY-01',
      }),
    );
    expect(selectActiveAssessment(second.store.getState())?.meta['KEY-01']).toEqual({
      owner: 'Ana',
      evidence: ['https://example.org/log'],
    });
    await second.storage.flush();
    const saved = await savedJson<{
      state: { assessments: Record<string, { meta: Record<string, unknown> }> };
    }>();
    expect(Object.values(saved.state.assessments)[0]?.meta['KEY-01']).toEqual({
      owner: 'Ana',
      evidence: ['https://example.org/log'],
    });
    expect(screen.queryByRole('alert')).toBeNull();
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
    const { store, storage } = await openTab(
      failing(backend, (key) => key === STORAGE_KEY && full),
    );
    store.getState().setAnswer('SIG-01', { status: 'level', level: 2 });
    // While the write is on its way, leaving would lose it.
    expect(leave().defaultPrevented).toBe(true);
    await storage.flush();
    expect(leave().defaultPrevented).toBe(false);

    full = true;
    store.getState().setAnswer('KEY-01', { status: 'level', level: 1 });
    store.getState().setAnswer('IR-01', { status: 'na', justification: 'No incidents yet.' });
    await storage.flush();
    expect(leave().defaultPrevented).toBe(true);
    render(<PersistenceBanner />);
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Unsaved in this tab:“My assessment”: answers to IR-01, KEY-01',
    );

    full = false;
    await user.click(screen.getByRole('button', { name: 'Try saving again' }));
    await storage.flush();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(leave().defaultPrevented).toBe(false);
    const reloaded = await openTab();
    expect(selectActiveAssessment(reloaded.store.getState())?.answers).toEqual({
      'SIG-01': { status: 'level', level: 2 },
      'KEY-01': { status: 'level', level: 1 },
      'IR-01': { status: 'na', justification: 'No incidents yet.' },
    });
  });
});
