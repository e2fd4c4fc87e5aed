import { describe, expect, it } from 'vitest';
import { FILE_HISTORY, FileFormats } from '../../src/domain/assessment/schema.ts';
import {
  defineHistory,
  historyProblem,
  knownVersions,
  migrate,
  type MigrationStep,
} from '../../src/domain/persistence/migrations.ts';
import {
  PERSISTED_VERSION,
  STORED_HISTORY,
  StoredVersions,
} from '../../src/domain/persistence/persisted.ts';

const Versions = { Initial: 1, Renamed: 2, Nested: 3 } as const;

/** Each step records that it ran, so a test can tell a step applied twice or out of order. */
function trail(...froms: number[]): MigrationStep[] {
  return froms.map((from) => ({
    from,
    up: (data) => ({ ran: [...(data as { ran: number[] }).ran, from] }),
  }));
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

describe('defineHistory', () => {
  it('accepts consecutive versions with one step leaving each older one, in order', () => {
    const history = defineHistory('test version', Versions, trail(1, 2));
    expect(history).toMatchObject({ label: 'test version', first: 1, current: 3 });
    expect(knownVersions(history)).toEqual([1, 2, 3]);
  });

  it.each([
    [
      'a gap between versions',
      { Initial: 1, Later: 3 },
      trail(1, 2),
      '"Later" is 3; expected 2 (versions follow one another, oldest first, with no gap or repeat)',
    ],
    [
      'a repeated version',
      { Initial: 1, Again: 1 },
      trail(1),
      '"Again" is 1; expected 2 (versions follow one another, oldest first, with no gap or repeat)',
    ],
    ['versions out of order', { Newer: 2, Older: 1 }, trail(2), '"Older" is 1; expected 3'],
    ['no version at all', {}, [], 'names no version'],
    [
      'a version that is not a whole number',
      { Initial: 1.5 },
      [],
      '"Initial" is 1.5; expected a whole number',
    ],
    ['a missing step', Versions, trail(1), 'no step from 2 ("Renamed")'],
    [
      'steps out of order',
      Versions,
      trail(2, 1),
      'step 1 reads 2; expected 1 ("Initial"), one step per version in order',
    ],
    ['a repeated step', Versions, trail(1, 1), 'step 2 reads 1; expected 2 ("Renamed")'],
    [
      'a step past the newest version',
      Versions,
      trail(1, 2, 3),
      '1 step(s) beyond the newest version, 3',
    ],
  ])('refuses %s', (_what, versions, steps, expected) => {
    expect(historyProblem(versions, steps)).toContain(expected);
    expect(() => defineHistory('test version', versions, steps)).toThrow(
      `test version history: ${expected}`,
    );
  });
});

describe('migrate', () => {
  const history = defineHistory('test version', Versions, trail(1, 2));

  it('applies each step once, in order, from the given version up to the current one', () => {
    expect(migrate({ ran: [] }, 1, history)).toEqual({ ok: true, value: { ran: [1, 2] } });
    expect(migrate({ ran: [] }, 2, history)).toEqual({ ok: true, value: { ran: [2] } });
  });

  it('returns data of the current version as it is', () => {
    const data = { ran: [] };
    const result = migrate(data, 3, history);
    expect(result.ok && result.value).toBe(data);
  });

  it('leaves its input as it was', () => {
    const data = deepFreeze({ ran: [0] });
    expect(migrate(data, 1, history)).toEqual({ ok: true, value: { ran: [0, 1, 2] } });
    expect(data).toEqual({ ran: [0] });
  });

  it('refuses a version newer than it knows, saying which and up to what it reads', () => {
    expect(migrate({ ran: [] }, 4, history)).toEqual({
      ok: false,
      failure: {
        kind: 'newer',
        version: 4,
        message: 'test version 4 is newer than this build reads (up to 3)',
      },
    });
  });

  it.each([[-1], [1.5], ['2'], [null]])('refuses %j as a version', (from) => {
    expect(migrate({ ran: [] }, from, history)).toEqual({
      ok: false,
      failure: { kind: 'not-a-version', message: `expected a whole number, got ${String(from)}` },
    });
  });

  it('reports a version older than its first step instead of skipping ahead', () => {
    expect(migrate({ ran: [] }, 0, history)).toEqual({
      ok: false,
      failure: { kind: 'missing-step', version: 0, message: 'no migration from test version 0' },
    });
  });

  it('reports a step that throws, naming the version it left', () => {
    const failing: MigrationStep[] = [
      ...trail(1),
      {
        from: 2,
        up: () => {
          throw new Error('bad shape');
        },
      },
    ];
    const result = migrate({ ran: [] }, 1, { ...history, steps: failing });
    expect(result).toEqual({
      ok: false,
      failure: {
        kind: 'step-failed',
        version: 2,
        message: 'migration from test version 2 failed: bad shape',
      },
    });
  });
});

describe('the released histories', () => {
  it.each([
    ['stored data', STORED_HISTORY, StoredVersions],
    ['assessment file', FILE_HISTORY, FileFormats],
  ])('%s: named versions from 1, the newest one current', (_what, history, versions) => {
    expect(history.first).toBe(1);
    expect(Object.values(versions)).toEqual(knownVersions(history));
    expect(historyProblem(versions, history.steps)).toBeUndefined();
  });

  it('stored data is written at the newest stored version', () => {
    expect(PERSISTED_VERSION).toBe(STORED_HISTORY.current);
  });

  it('stored data steps do not mutate what they read', () => {
    const v1 = deepFreeze({
      assessments: { a1: { id: 'a1', answers: {} } },
      activeAssessmentId: 'a1',
    });
    expect(migrate(v1, 1, STORED_HISTORY)).toEqual({
      ok: true,
      value: { assessments: { a1: { id: 'a1', answers: {}, meta: {} } }, activeAssessmentId: 'a1' },
    });
  });

  it('file steps do not mutate what they read', () => {
    const v1 = deepFreeze({ id: 'a1', answers: {} });
    expect(migrate(v1, 1, FILE_HISTORY)).toEqual({
      ok: true,
      value: { id: 'a1', answers: {}, meta: {} },
    });
  });
});
