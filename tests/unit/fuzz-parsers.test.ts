import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAssessmentFile } from '../../src/domain/assessment/import.ts';
import { loadCatalogue } from '../../src/domain/catalogue/load.ts';
import { parseStoredText, restorePersisted } from '../../src/domain/persistence/persisted.ts';
import { MAX_PROBLEMS, type Problem, type Result } from '../../src/domain/validation.ts';
import { participantFromFile } from '../../src/domain/workshop/participants.ts';
import { bundledCatalogue, demoAssessmentText } from '../fixtures/catalogue.ts';

/**
 * Hostile and damaged input thrown at every parser of outside data: each must answer with a
 * Result, never an exception, and a refusal must say where and what, briefly.
 */
const catalogue = bundledCatalogue();
const demo: unknown = JSON.parse(demoAssessmentText());

function expectLocated(result: Result<unknown>, source: string): void {
  if (result.ok) return;
  expect(result.problems.length).toBeGreaterThan(0);
  expect(result.problems.length).toBeLessThanOrEqual(MAX_PROBLEMS + 1);
  for (const p of result.problems as Problem[]) {
    expect(p.source).toBe(source);
    expect(p.path).not.toBe('');
    expect(p.message).not.toBe('');
    expect(p.message.length).toBeLessThan(2_000);
  }
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path to a value inside `value`, parents first. */
function paths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const here = [prefix];
  if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => paths(v, [...prefix, i]))];
  if (value !== null && typeof value === 'object') {
    return [...here, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...prefix, k]))];
  }
  return here;
}

type Mutation =
  | { kind: 'replace'; at: number; with: Json }
  | { kind: 'delete'; at: number }
  | { kind: 'add'; at: number; key: string; with: Json };

function mutate(value: Json, mutations: readonly Mutation[]): Json {
  let root = structuredClone(value);
  for (const m of mutations) {
    const all = paths(root);
    const path = all[m.at % all.length] ?? [];
    if (path.length === 0) {
      if (m.kind === 'replace') root = m.with;
      continue;
    }
    let parent: Json = root;
    for (const key of path.slice(0, -1)) parent = (parent as Record<string, Json>)[key] ?? null;
    const last = path[path.length - 1] ?? '';
    if (parent === null || typeof parent !== 'object') continue;
    const target = parent as Record<string | number, Json>;
    if (m.kind === 'replace') target[last] = m.with;
    else if (m.kind === 'delete') Reflect.deleteProperty(target, last);
    else {
      const child = target[last];
      if (child !== null && typeof child === 'object' && !Array.isArray(child)) {
        child[m.key] = m.with;
      }
    }
  }
  return root;
}

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant('replace' as const),
    at: fc.nat(),
    with: fc.jsonValue() as fc.Arbitrary<Json>,
  }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('add' as const),
    at: fc.nat(),
    key: fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'prototype')),
    with: fc.jsonValue() as fc.Arbitrary<Json>,
  }),
);

const mutatedDemo = fc
  .array(mutation, { minLength: 1, maxLength: 4 })
  .map((ms) => JSON.stringify(mutate(demo as Json, ms)));

const anyText = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  mutatedDemo,
);

describe('every parser of outside data, fuzzed', () => {
  it('assessment import answers every text with a located result', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expectLocated(parseAssessmentFile(text, 'import.json', catalogue), 'import.json');
      }),
      { numRuns: 150 },
    );
  });

  it("participants' files answer every text with a located result", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const result = participantFromFile({
          text,
          fileName: 'alice.json',
          catalogue,
          role: 'team',
          id: 'p-1',
          importedAt: '2026-12-01T10:00:00.000Z',
          sha256: 'a'.repeat(64),
        });
        expectLocated(result, 'alice.json');
      }),
      { numRuns: 150 },
    );
  });

  it('stored state answers every text with a located result', () => {
    const assessment = (demo as { assessment: { id: string } & Json }).assessment;
    const state: Json = {
      state: { assessments: { [assessment.id]: assessment }, activeAssessmentId: assessment.id },
      version: 3,
    };
    const mutatedState = fc
      .array(mutation, { minLength: 1, maxLength: 4 })
      .map((ms) => JSON.stringify(mutate(state, ms)));
    fc.assert(
      fc.property(fc.oneof(anyText, mutatedState), (text) => {
        const envelope = parseStoredText(text);
        expectLocated(envelope, 'saved data');
        if (envelope.ok) expectLocated(restorePersisted(envelope.value.state), 'saved data');
      }),
      { numRuns: 150 },
    );
  });

  it('catalogue files answer arbitrary YAML and JSON with a located result', () => {
    const yamlish = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc
        .array(fc.tuple(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 })), {
          maxLength: 8,
        })
        .map((pairs) => pairs.map(([k, v]) => `${k}: ${v}`).join('\n')),
      fc.constantFrom('a: &x [*x]', 'a: !!js/function "x"', 'a: 1\na: 2', `${'- '.repeat(500)}x`),
    );
    fc.assert(
      fc.property(yamlish, (text) => {
        const result = loadCatalogue([{ name: 'team.yaml', text }]);
        if (result.ok) return;
        expect(result.problems.length).toBeGreaterThan(0);
        for (const p of result.problems) {
          expect(p.path).not.toBe('');
          expect(p.message).not.toBe('');
        }
      }),
      { numRuns: 150 },
    );
  });
});
