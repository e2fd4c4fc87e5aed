import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  MIGRATIONS,
  migratePersisted,
  parseStoredText,
  PERSISTED_VERSION,
  type MigrationStep,
} from '../../src/domain/persistence/persisted.ts';
import { formatProblems } from '../../src/domain/validation.ts';
import { repoRoot } from '../fixtures/catalogue.ts';

const FIXTURES = `${repoRoot}tests/fixtures/persisted`;

const assessment = {
  id: 'a1',
  name: 'Q2 baseline',
  organisation: 'Example DAO',
  scope: 'Treasury and bridge',
  assessors: ['R. Auditor'],
  catalogue: { id: 'opsready-core', version: '0.1.0' },
  createdAt: '2026-06-01T10:00:00.000Z',
  updatedAt: '2026-06-01T11:00:00.000Z',
  answers: { 'KEY-01': { status: 'level', level: 2 } },
  meta: {},
};
const current = { assessments: { a1: assessment }, activeAssessmentId: 'a1' };

function problems(result: ReturnType<typeof migratePersisted>): string {
  if (result.ok) throw new Error('expected a failure');
  return formatProblems(result.problems);
}

describe('migratePersisted', () => {
  it('accepts the current version as it is', () => {
    const result = migratePersisted(current, PERSISTED_VERSION);
    expect(result).toEqual({ ok: true, value: { state: current, dropped: [] } });
  });

  it('refuses data written by a newer version instead of guessing', () => {
    expect(problems(migratePersisted(current, PERSISTED_VERSION + 1))).toContain(
      `saved by a newer version of OpsReady (data version ${PERSISTED_VERSION + 1}`,
    );
  });

  it('runs each step in order, then validates the result', () => {
    const steps: MigrationStep[] = [
      { from: 0, up: (s) => ({ ...(s as object), renamed: true }) },
      {
        from: 1,
        up: (s) => {
          const { list, renamed } = s as { list: (typeof assessment)[]; renamed: boolean };
          expect(renamed).toBe(true);
          return {
            assessments: Object.fromEntries(list.map((a) => [a.id, a])),
            activeAssessmentId: list[0]?.id ?? null,
          };
        },
      },
    ];
    const result = migratePersisted({ list: [assessment] }, 0, steps, 2);
    expect(result).toEqual({ ok: true, value: { state: current, dropped: [] } });
  });

  it('reports a missing step', () => {
    expect(problems(migratePersisted({}, 0, [], 1))).toContain('no migration from data version 0');
  });

  it('reports a step that throws', () => {
    const steps = [
      {
        from: 0,
        up: () => {
          throw new Error('bad shape');
        },
      },
    ];
    expect(problems(migratePersisted({}, 0, steps, 1))).toContain(
      'migration from data version 0 failed: bad shape',
    );
  });

  it('reports an invalid assessment with the path to the bad field', () => {
    const broken = {
      ...current,
      assessments: {
        a1: { ...assessment, answers: { 'KEY-01': { status: 'level', level: 'two' } } },
      },
    };
    const result = migratePersisted(broken, PERSISTED_VERSION);
    if (!result.ok) throw new Error(formatProblems(result.problems));
    expect(result.value.state.assessments).toEqual({});
    expect(formatProblems(result.value.dropped)).toContain(
      'saved data: assessments.a1.answers.KEY-01.level:',
    );
  });

  it('fails as a whole when the stored shape is not recognisable', () => {
    expect(
      problems(migratePersisted({ assessments: [], activeAssessmentId: 1 }, PERSISTED_VERSION)),
    ).toContain('saved data: assessments:');
  });

  it('opens a stored assessment when the open one is missing, losing nothing', () => {
    const result = migratePersisted({ ...current, activeAssessmentId: 'gone' }, PERSISTED_VERSION);
    expect(result).toEqual({ ok: true, value: { state: current, dropped: [] } });
  });

  it('keeps the valid assessments when one is damaged, and reports the damaged one', () => {
    const damaged = { ...assessment, id: 'a2', answers: { 'KEY-01': { status: 'maybe' } } };
    const result = migratePersisted(
      { assessments: { a1: assessment, a2: damaged }, activeAssessmentId: 'a2' },
      PERSISTED_VERSION,
    );
    if (!result.ok) throw new Error(formatProblems(result.problems));
    expect(result.value.state).toEqual({
      assessments: { a1: assessment },
      activeAssessmentId: 'a1',
    });
    expect(formatProblems(result.value.dropped)).toContain(
      'saved data: assessments.a2.answers.KEY-01.status:',
    );
  });

  it('does not accept __proto__ as a control id: that assessment is left out and reported', () => {
    const hostile = JSON.parse(
      JSON.stringify(current).replace('"KEY-01"', '"__proto__"'),
    ) as unknown;
    const result = migratePersisted(hostile, PERSISTED_VERSION);
    if (!result.ok) throw new Error(formatProblems(result.problems));
    expect(result.value.state).toEqual({ assessments: {}, activeAssessmentId: null });
    expect(formatProblems(result.value.dropped)).toBe(
      'saved data: assessments.a1.answers.__proto__: the key "__proto__" is not allowed',
    );
  });

  it.each(['constructor', '__proto__', 'prototype'])(
    'loads the other assessments when one is stored under the key "%s", and reports that one',
    (key) => {
      const other = { ...assessment, id: 'a2', name: 'Q3' };
      const text = `{"assessments":{"a1":${JSON.stringify(assessment)},"${key}":${JSON.stringify({ ...assessment, id: key })},"a2":${JSON.stringify(other)}},"activeAssessmentId":"${key}"}`;
      const result = migratePersisted(JSON.parse(text) as unknown, PERSISTED_VERSION);
      if (!result.ok) throw new Error(formatProblems(result.problems));
      expect(result.value.state).toEqual({
        assessments: { a1: assessment, a2: other },
        activeAssessmentId: 'a1',
      });
      expect(Object.getPrototypeOf(result.value.state.assessments)).toBe(Object.prototype);
      expect(result.value.dropped).toHaveLength(1);
      expect(formatProblems(result.value.dropped)).toBe(
        `saved data: assessments.${key}: the key "${key}" is not allowed; this entry was left out`,
      );
    },
  );

  it('still fails as a whole when an unsafe key is outside every assessment', () => {
    const hostile = JSON.parse(
      `{"assessments":{"a1":${JSON.stringify(assessment)}},"activeAssessmentId":"a1","constructor":1}`,
    ) as unknown;
    expect(problems(migratePersisted(hostile, PERSISTED_VERSION))).toContain(
      'saved data: constructor: the key "constructor" is not allowed',
    );
  });
});

describe('parseStoredText', () => {
  it('reports text that is not JSON', () => {
    const result = parseStoredText('{"state": ');
    expect(result.ok).toBe(false);
    expect(formatProblems(result.ok ? [] : result.problems)).toMatch(
      /^saved data: \(root\): not valid JSON/,
    );
  });

  it('requires the version envelope', () => {
    const result = parseStoredText('{"state": {}}');
    expect(formatProblems(result.ok ? [] : result.problems)).toContain('saved data: version:');
  });
});

describe('the step from version 1', () => {
  it('gives every assessment empty per-control meta and keeps everything else', () => {
    const { meta: _, ...v1 } = assessment;
    const result = migratePersisted({ assessments: { a1: v1 }, activeAssessmentId: 'a1' }, 1);
    expect(result).toEqual({ ok: true, value: { state: current, dropped: [] } });
  });
});

describe('every released data version', () => {
  const fixtureVersions = readdirSync(FIXTURES)
    .map((f) => /^v(\d+)\.json$/.exec(f)?.[1])
    .filter((v): v is string => v !== undefined)
    .map(Number);

  it('has a frozen fixture, from version 1 up to the current one', () => {
    const expected = Array.from({ length: PERSISTED_VERSION }, (_, i) => i + 1);
    expect(fixtureVersions.sort((a, b) => a - b)).toEqual(expected);
  });

  it('has exactly one migration step leaving each older version', () => {
    const froms = MIGRATIONS.map((m) => m.from).sort((a, b) => a - b);
    expect(froms).toEqual(Array.from({ length: PERSISTED_VERSION - 1 }, (_, i) => i + 1));
  });

  it.each(fixtureVersions)(
    'loads the version %i fixture into the current shape, without mutating it',
    (v) => {
      const text = readFileSync(`${FIXTURES}/v${v}.json`, 'utf8');
      const stored = JSON.parse(text) as { state: unknown; version: number };
      expect(stored.version).toBe(v);
      const result = migratePersisted(stored.state, stored.version);
      expect(result.ok).toBe(true);
      expect(JSON.parse(text)).toEqual(stored);
    },
  );
});
