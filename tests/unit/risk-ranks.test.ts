import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeRisk, gapRanks } from '../../src/domain/scoring/risk.ts';
import { MITIGATION_VARIANTS, PREVENTION_VARIANTS } from '../../src/domain/scoring/robustness.ts';
import { demoInputs } from '../fixtures/demo.ts';
import { scenarioArb } from '../fixtures/risk.ts';

const VARIANTS = PREVENTION_VARIANTS.flatMap((prevention) =>
  MITIGATION_VARIANTS.map((mitigation) => ({ prevention, mitigation })),
);

/** Every control's 1-based place in `rankedGaps`, by id. */
function placesIn(ranked: ReturnType<typeof computeRisk>['rankedGaps']): Map<string, number> {
  return new Map(ranked.map((c, i) => [c.score.control.id, i + 1]));
}

describe('gapRanks', () => {
  it("gives each control its place in computeRisk's ranked gaps, for every α and β", () => {
    fc.assert(
      fc.property(scenarioArb, ({ catalogue, answers, profile }) => {
        const ids = catalogue.controls.map((c) => c.id);
        const ranks = gapRanks(catalogue, answers, profile, VARIANTS, ids);
        VARIANTS.forEach((options, k) => {
          const places = placesIn(computeRisk(catalogue, answers, profile, {}, options).rankedGaps);
          expect(ranks[k]).toEqual(ids.map((id) => places.get(id)));
        });
      }),
      { numRuns: 100 },
    );
  });

  it('agrees on the demo assessment, with its own targets, where many gaps tie', () => {
    const { catalogue, demo, profile } = demoInputs();
    const targets = { 'SIG-01': 3, 'KEY-01': 1 };
    const ids = catalogue.controls.map((c) => c.id);
    const ranks = gapRanks(catalogue, demo.answers, profile, VARIANTS, ids, targets);
    VARIANTS.forEach((options, k) => {
      const risk = computeRisk(catalogue, demo.answers, profile, targets, options);
      expect(ranks[k]).toEqual(ids.map((id) => placesIn(risk.rankedGaps).get(id)));
      // Not a vacuous check: the demo has gaps, and controls that are not gaps get no rank.
      expect(risk.rankedGaps.length).toBeGreaterThan(10);
      expect(ranks[k]?.filter((r) => r === undefined).length).toBe(
        ids.length - risk.rankedGaps.length,
      );
    });
  });
});
