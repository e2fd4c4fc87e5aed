import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { positiveAscending, sortPositiveInPlace } from '../../src/domain/loss/sort.ts';

/** The order the built-in sort gives, zeros and negatives left out: what the fast sort must equal. */
const reference = (values: Float64Array): number[] =>
  Array.from(values.filter((v) => v > 0).sort());

describe('the losses sort', () => {
  it('equals the built-in sort on simulated-looking losses, ties at a cap and zeros included', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 6000 }),
        fc.double({ min: 0, max: 4, noNaN: true }),
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        (n, sigma, seed) => {
          let state = seed;
          const uniform = (): number => {
            state = (Math.imul(state, 48271) >>> 0) % 2147483647;
            return state / 2147483647;
          };
          const values = new Float64Array(n);
          for (let i = 0; i < n; i++) {
            const u = uniform();
            // A quarter zeros (years without a loss of this kind), the rest lognormal capped at $50M.
            values[i] = u < 0.25 ? 0 : Math.min(5e7, Math.exp(12 + sigma * 6 * (uniform() - 0.5)));
          }
          const before = Array.from(values);
          expect(Array.from(positiveAscending(values))).toEqual(reference(values));
          expect(Array.from(values)).toEqual(before);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('hands over to the built-in sort when values crowd within a part in a million', () => {
    // 5,000 distinct values sharing their high 32 bits, in descending order: the insertion pass
    // alone would be quadratic.
    const n = 5000;
    const values = Float64Array.from({ length: n }, (_, i) => 1e6 * (1 + (n - i) * 1e-15));
    const expected = Array.from(values).sort((a, b) => a - b);
    expect(Array.from(sortPositiveInPlace(values))).toEqual(expected);
  });
});
