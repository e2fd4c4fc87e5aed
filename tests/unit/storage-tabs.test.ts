import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/domain/assessment/schema.ts';
import { withAnswer } from '../../src/domain/persistence/merge.ts';
import { PERSISTED_VERSION, type PersistedState } from '../../src/domain/persistence/persisted.ts';
import { indexedDbBackend, type StateBackend } from '../../src/store/backend.ts';
import { usePersistenceStatus } from '../../src/store/persistence-status.ts';
import {
  createGuardedStorage,
  STORAGE_KEY,
  type GuardedStorage,
  type TabChannel,
} from '../../src/store/storage.ts';
import { tinyAssessment } from '../fixtures/catalogue.ts';

/**
 * Tabs as the store drives them, without React or a catalogue: each holds a live state, saves it
 * whole on every change (as zustand's persist does), takes in what the storage reconciles, and
 * re-reads when another tab announces a save. Each tab has its own IndexedDB connection to one
 * database, as two browser tabs do.
 */
interface Tab {
  readonly storage: GuardedStorage;
  readonly live: () => PersistedState;
  readonly answer: (controlId: string, level: number) => void;
  /** Answers (or clears, with undefined) each control in one change. */
  readonly set: (...pairs: [string, Answer | undefined][]) => void;
  /** Saves the live state again, as the store does on any change. */
  readonly resave: () => void;
}

const ASSESSMENT = 'a1';

function hub(): {
  channel: () => TabChannel;
  deliver: (run: (deliver: () => void) => void) => void;
} {
  const listeners: (() => void)[] = [];
  // How an announcement reaches the other tabs: later, in an order the test chooses.
  let post: (deliver: () => void) => void = (deliver) => void setTimeout(deliver, 0);
  return {
    channel: () => {
      let own: (() => void) | null = null;
      return {
        announce: () => {
          for (const listener of listeners) if (listener !== own) post(listener);
        },
        onAnnounce: (listener) => {
          own = listener;
          listeners.push(listener);
        },
      };
    },
    deliver: (run) => {
      post = run;
    },
  };
}

function failing(inner: StateBackend, fail: () => boolean): StateBackend {
  return {
    ...inner,
    update: async (key, decide) => {
      if (fail()) throw new DOMException('quota', 'QuotaExceededError');
      return inner.update(key, decide);
    },
  };
}

async function openTab(backend: StateBackend, channel: TabChannel | null): Promise<Tab> {
  const storage = createGuardedStorage(backend, channel);
  const loaded = await storage.getItem(STORAGE_KEY);
  let live: PersistedState = loaded?.state ?? {
    assessments: { [ASSESSMENT]: tinyAssessment({ id: ASSESSMENT }) },
    activeAssessmentId: ASSESSMENT,
  };
  const save = () => void storage.setItem(STORAGE_KEY, { state: live, version: PERSISTED_VERSION });
  storage.onReconciled((update) => {
    const next = update(live);
    if (next === undefined) return;
    live = next;
    save();
  });
  storage.onOtherTabSaved(() => void storage.refresh());
  return {
    storage,
    live: () => live,
    answer: (controlId, level) => {
      const answer: Answer = { status: 'level', level };
      live = withAnswer(live, ASSESSMENT, controlId, answer);
      save();
    },
    set: (...pairs) => {
      for (const [id, a] of pairs) live = withAnswer(live, ASSESSMENT, id, a);
      save();
    },
    resave: save,
  };
}

const answersOf = (state: PersistedState | undefined) => state?.assessments[ASSESSMENT]?.answers;

let databases = 0;

describe('two tabs answering at once, over IndexedDB', () => {
  it('lose no answer and never take back one just given, in any order of events', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.scheduler(),
        fc.integer({ min: 2, max: 24 }),
        fc.array(fc.boolean(), { minLength: 24, maxLength: 24 }),
        async (s, count, whose) => {
          usePersistenceStatus.setState(usePersistenceStatus.getInitialState(), true);
          const backend = indexedDbBackend(`tabs-${String(++databases)}`);
          const other = indexedDbBackend(`tabs-${String(databases)}`);
          const channels = hub();
          // Announcements are delivered when the scheduler says, interleaved with the clicks.
          channels.deliver((deliver) => void s.schedule(Promise.resolve()).then(deliver));
          const a = await openTab(backend, channels.channel());
          a.answer('KEY-01', 1);
          await a.storage.flush();
          const b = await openTab(other, channels.channel());
          const tabs = [a, b] as const;
          // Control i (from KEY-02) is answered by one tab only, with a level of its own.
          const plan = Array.from({ length: count }, (_, i) => ({
            id: `KEY-${String(i + 2).padStart(2, '0')}`,
            level: i % 4,
            tab: whose[i] === true ? 1 : 0,
          }));
          const given: { id: string; level: number; tab: number }[] = [];
          const clicks = plan.map((step) =>
            s.schedule(Promise.resolve()).then(() => {
              tabs[step.tab]?.answer(step.id, step.level);
              given.push(step);
              // Right after a click, and after anything else that happened since: every answer a
              // tab gave is still on its screen.
              for (const g of given) {
                expect(answersOf(tabs[g.tab]?.live())?.[g.id], `${g.id} in tab ${g.tab}`).toEqual({
                  status: 'level',
                  level: g.level,
                });
              }
            }),
          );
          await s.waitFor(Promise.all(clicks));
          await s.waitIdle();
          // Let every write land and every announcement be taken in.
          for (let round = 0; round < 3; round++) {
            await Promise.all(tabs.map((t) => t.storage.flush()));
            await Promise.all(tabs.map((t) => t.storage.refresh()));
            await s.waitIdle();
          }
          const saved = JSON.parse((await backend.read(STORAGE_KEY)) ?? '{}') as {
            state: PersistedState;
          };
          const expected: Record<string, Answer> = { 'KEY-01': { status: 'level', level: 1 } };
          for (const p of plan) expected[p.id] = { status: 'level', level: p.level };
          expect(answersOf(saved.state)).toEqual(expected);
          for (const tab of tabs) expect(answersOf(tab.live())).toEqual(expected);
          expect(usePersistenceStatus.getState().conflicts).toEqual([]);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('show a real conflict, keep one of the two answers, and lose nothing else', async () => {
    usePersistenceStatus.setState(usePersistenceStatus.getInitialState(), true);
    const name = `tabs-${String(++databases)}`;
    const channels = hub();
    const a = await openTab(indexedDbBackend(name), channels.channel());
    await a.storage.flush();
    a.answer('KEY-01', 0);
    await a.storage.flush();
    const b = await openTab(indexedDbBackend(name), channels.channel());
    // Both answer KEY-02 differently before either has seen the other's save.
    a.answer('KEY-02', 1);
    b.answer('KEY-02', 3);
    b.answer('KEY-03', 2);
    await Promise.all([a.storage.flush(), b.storage.flush()]);
    await Promise.all([a.storage.refresh(), b.storage.refresh()]);
    await Promise.all([a.storage.flush(), b.storage.flush()]);
    const kept = answersOf(a.live())?.['KEY-02'];
    expect([1, 3]).toContain(kept?.status === 'level' ? kept.level : undefined);
    expect(answersOf(b.live())).toEqual(answersOf(a.live()));
    expect(Object.keys(answersOf(a.live()) ?? {}).sort()).toEqual(['KEY-01', 'KEY-02', 'KEY-03']);
    expect(usePersistenceStatus.getState().conflicts).toMatchObject([{ controlId: 'KEY-02' }]);
  });
});

// Writes that overlap: a change made while this tab's own write is under way, another tab's save
// found by that write, writes that fail. Each control has one owner, so its last action must be
// what is saved and shown, whatever the order the writes and announcements land in.
describe('two tabs answering, reverting and clearing, some writes failing', () => {
  it('saves and shows each control as its owner last left it', { timeout: 60_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.scheduler(),
        fc.array(
          fc.record({
            c: fc.integer({ min: 0, max: 3 }),
            v: fc.integer({ min: -1, max: 2 }),
            fail: fc.boolean(),
          }),
          { minLength: 2, maxLength: 14 },
        ),
        async (s, steps) => {
          usePersistenceStatus.setState(usePersistenceStatus.getInitialState(), true);
          const name = `stress-${String(++databases)}`;
          const failFlags: [boolean, boolean] = [false, false];
          const channels = hub();
          channels.deliver((d) => void s.schedule(Promise.resolve()).then(d));
          const a = await openTab(
            failing(indexedDbBackend(name), () => failFlags[0]),
            channels.channel(),
          );
          a.set(['KEY-01', { status: 'level', level: 1 }]);
          await a.storage.flush();
          const b = await openTab(
            failing(indexedDbBackend(name), () => failFlags[1]),
            channels.channel(),
          );
          const tabs: [Tab, Tab] = [a, b];
          // KEY-02 and KEY-03 are tab a's, KEY-04 and KEY-05 tab b's.
          const last: Record<string, Answer | undefined> = {
            'KEY-01': { status: 'level', level: 1 },
          };
          const clicks = steps.map((st) =>
            s.schedule(Promise.resolve(), `c${st.c} v${st.v} f${st.fail}`).then(() => {
              const t = st.c < 2 ? 0 : 1;
              const tab = tabs[t];
              const id = `KEY-0${String(st.c + 2)}`;
              failFlags[t] = st.fail;
              const ans: Answer | undefined =
                st.v < 0 ? undefined : { status: 'level', level: st.v };
              tab.set([id, ans]);
              last[id] = ans;
            }),
          );
          await s.waitFor(Promise.all(clicks));
          await s.waitIdle();
          failFlags[0] = failFlags[1] = false;
          for (let round = 0; round < 3; round++) {
            for (const t of tabs) t.resave();
            await Promise.all(tabs.map((t) => t.storage.flush()));
            await Promise.all(tabs.map((t) => t.storage.refresh()));
            await s.waitIdle();
          }
          const expected: Record<string, Answer> = {};
          for (const [k, v] of Object.entries(last)) if (v !== undefined) expected[k] = v;
          const saved = JSON.parse((await a.storage.backend.read(STORAGE_KEY)) ?? '{}') as {
            state: PersistedState;
          };
          expect(answersOf(saved.state)).toEqual(expected);
          for (const t of tabs) expect(answersOf(t.live())).toEqual(expected);
        },
      ),
      { numRuns: 60 },
    );
  });
});

/** A backend whose next update waits until the test opens the gate. */

function gated(inner: StateBackend) {
  let open: (() => void) | null = null;
  let entered: (() => void) | null = null;
  let hold = false;
  const backend: StateBackend = {
    ...inner,
    update: async (key, decide) => {
      if (hold) {
        hold = false;
        entered?.();
        await new Promise<void>((r) => {
          open = r;
        });
      }
      return inner.update(key, decide);
    },
  };
  return {
    backend,
    holdNext: () => {
      hold = true;
      return new Promise<void>((r) => {
        entered = r;
      });
    },
    release: () => open?.(),
  };
}
const L = (level: number): Answer => ({ status: 'level', level });

describe('a change made while a merged write is under way', () => {
  it("keeps an answer this tab cleared during its write when the write found another tab's save", async () => {
    usePersistenceStatus.setState(usePersistenceStatus.getInitialState(), true);
    const name = 'revert-1';
    const g = gated(indexedDbBackend(name));
    const one = await openTab(g.backend, null);
    one.set(['KEY-01', L(1)]);
    await one.storage.flush(); // S0 = { KEY-01: 1 }
    const two = await openTab(indexedDbBackend(name), null);
    two.set(['KEY-03', L(2)]); // the other tab saves B = S0 + KEY-03: 2
    await two.storage.flush();
    // Tab one has not heard of B yet. Its user answers KEY-02 = 1 and KEY-03 = 2 (A)...
    const entered = g.holdNext();
    one.set(['KEY-02', L(1)], ['KEY-03', L(2)]);
    await entered; // A's write is under way
    one.set(['KEY-02', undefined]); // ...and clears KEY-02 again (C)
    g.release();
    await one.storage.flush();
    await one.storage.flush();
    const saved = JSON.parse((await indexedDbBackend(name).read(STORAGE_KEY)) ?? '{}') as {
      state: PersistedState;
    };
    // Only this tab ever touched KEY-02, and its last word was to clear it.
    expect(answersOf(one.live())?.['KEY-02']).toBeUndefined();
    expect(answersOf(saved.state)?.['KEY-02']).toBeUndefined();
    expect(answersOf(saved.state)).toEqual({ 'KEY-01': L(1), 'KEY-03': L(2) });
  });
});
