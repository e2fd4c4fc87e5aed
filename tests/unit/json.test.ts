import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findDuplicateKeys, parseJson } from '../../src/domain/json.ts';
import {
  formatPath,
  limitProblems,
  MAX_PROBLEMS,
  problemsFromZod,
} from '../../src/domain/validation.ts';
import * as z from '../../src/domain/zod.ts';

const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function hasPrototypeKey(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasPrototypeKey);
  if (value === null || typeof value !== 'object') return false;
  return Object.entries(value).some(([k, v]) => PROTOTYPE_KEYS.has(k) || hasPrototypeKey(v));
}

describe('parseJson', () => {
  it('reads what JSON.parse reads', () => {
    expect(parseJson('{"a": [1, {"b": null}]}', 'f.json')).toEqual({
      ok: true,
      value: { a: [1, { b: null }] },
    });
  });

  it('drops a leading byte-order mark, as editors on Windows write one', () => {
    expect(parseJson('\uFEFF{"a": 1}', 'f.json')).toEqual({ ok: true, value: { a: 1 } });
  });

  it('names the line and column of a syntax error', () => {
    const result = parseJson('{\n  "a": 1,\n  "b": 2 x }', 'f.json');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]?.path).toBe('(root)');
    expect(result.problems[0]?.message).toMatch(/^not valid JSON: /);
    expect(result.problems[0]?.message).toMatch(/\(line 3, column 10\)$/);
  });

  it('refuses a key given twice, naming the path and the line of the second', () => {
    const text = '{"assessment": {"answers": {\n"KEY-01": 1,\n"KEY-01": 2}}}';
    const result = parseJson(text, 'a.json');
    expect(result).toEqual({
      ok: false,
      problems: [
        {
          source: 'a.json',
          path: 'assessment.answers.KEY-01',
          message:
            'the key "KEY-01" appears more than once in this object (line 3); each key may appear once',
        },
      ],
    });
  });

  it('tells keys that differ only by escapes apart from keys that are the same', () => {
    // "\u0041" is "A": the same key written two ways is still twice the same key.
    expect(parseJson('{"A": 1, "\\u0041": 2}', 'f.json').ok).toBe(false);
    expect(parseJson('{"A": 1, "a": 2, "A\\"": 3}', 'f.json').ok).toBe(true);
  });

  it('allows the same key in sibling objects and in arrays of objects', () => {
    expect(parseJson('[{"a": 1}, {"a": 2}, {"x": {"a": 3}, "a": 4}]', 'f.json').ok).toBe(true);
  });

  it('locates duplicates inside arrays by index', () => {
    const problems = findDuplicateKeys('{"list": [{"a": 1}, {"a": 2, "a": 3}]}', 'f.json');
    expect(problems.map((p) => p.path)).toEqual(['list[1].a']);
  });

  it('refuses keys that reach the prototype', () => {
    const result = parseJson('{"x": {"__proto__": {"polluted": true}}}', 'f.json');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]?.path).toBe('x.__proto__');
  });

  it('quotes a megabyte key in a few hundred characters', () => {
    const key = 'k'.repeat(1_000_000);
    const result = parseJson(`{"${key}": 1, "${key}": 2}`, 'f.json');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]?.message.length).toBeLessThan(400);
    expect(result.problems[0]?.path.length).toBeLessThan(300);
  });

  it('does not overflow the stack on hostile depth', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(() => parseJson(deep, 'f.json')).not.toThrow();
  });

  it('round-trips every JSON value without a false duplicate', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify(value, null, 1);
        const result = parseJson(text, 'f.json');
        // fast-check likes to generate prototype keys; those, and only those, are refused.
        if (hasPrototypeKey(value)) {
          return !result.ok && result.problems.every((p) => p.message.includes('is not allowed'));
        }
        // -0 serialises as 0: compare through JSON, as a file on disk would.
        return result.ok && JSON.stringify(result.value) === JSON.stringify(value);
      }),
      { numRuns: 500 },
    );
  });

  it('finds a key repeated anywhere in any object', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string(), fc.jsonValue(), { minKeys: 1 }),
        fc.jsonValue(),
        (object, extra) => {
          const [key] = Object.keys(object);
          if (key === undefined || ['__proto__', 'constructor', 'prototype'].includes(key)) {
            return true;
          }
          const text = `${JSON.stringify(object).slice(0, -1)},${JSON.stringify(key)}:${JSON.stringify(extra)}}`;
          const result = parseJson(text, 'f.json');
          return !result.ok && result.problems.some((p) => p.message.includes('more than once'));
        },
      ),
    );
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        parseJson(text, 'f.json');
        return true;
      }),
    );
  });
});

describe('problem lists', () => {
  // Seconds of validation on a shared machine, hence the timeout.
  it('lists the first problems and counts the rest', { timeout: 30_000 }, () => {
    const schema = z.record(z.string(), z.number());
    const input = Object.fromEntries(Array.from({ length: 300_000 }, (_, i) => [`k${i}`, 'x']));
    const parsed = schema.safeParse(input);
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    const problems = problemsFromZod('big.json', parsed.error);
    expect(problems).toHaveLength(MAX_PROBLEMS + 1);
    expect(problems.at(-1)?.message).toBe(
      `and ${String(300_000 - MAX_PROBLEMS)} more problems not listed: fix those above and try again`,
    );
  });

  it('leaves a short list alone', () => {
    const one = [{ source: 'a', path: 'b', message: 'c' }];
    expect(limitProblems(one)).toEqual(one);
  });

  it('quotes long keys in paths briefly', () => {
    expect(formatPath(['answers', 'x'.repeat(5000)]).length).toBeLessThan(260);
    expect(formatPath(['answers', 'KEY-01'])).toBe('answers.KEY-01');
  });
});
