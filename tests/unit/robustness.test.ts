import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  computeRisk,
  MITIGATION_EFFICACY,
  PREVENTION_EFFICACY,
  RISK_FLOOR,
} from '../../src/domain/scoring/risk.ts';
import {
  MITIGATION_VARIANTS,
  PREVENTION_VARIANTS,
  robustness,
  robustnessProfiles,
  ROBUSTNESS_TOP,
} from '../../src/domain/scoring/robustness.ts';
import { equalWeightProfile } from '../../src/domain/threat/profile.ts';
import { demoInputs } from '../fixtures/demo.ts';
import { scenarioArb } from '../fixtures/risk.ts';

describe('computeRisk with stated α and β', () => {
  it('gives exactly the default result when the options are the defaults or left out', () => {
    fc.assert(
      fc.property(scenarioArb, ({ catalogue, answers, profile }) => {
        const plain = computeRisk(catalogue, answers, profile);
        const stated = computeRisk(
          catalogue,
          answers,
          profile,
          {},
          {
            prevention: PREVENTION_EFFICACY,
            mitigation: MITIGATION_EFFICACY,
          },
        );
        expect(stated).toEqual(plain);
        expect(plain.floor).toBe(RISK_FLOOR);
        expect([plain.prevention, plain.mitigation]).toEqual([0.8, 0.5]);
      }),
      { numRuns: 50 },
    );
  });

  it('applies the given α and β to every vector, and moves the floor with them', () => {
    const { catalogue, demo, profile } = demoInputs();
    const r = computeRisk(
      catalogue,
      demo.answers,
      profile,
      {},
      { prevention: 0.4, mitigation: 0.75 },
    );
    expect(r.floor).toBeCloseTo(100 * 0.6 * 0.25, 12);
    let total = 0;
    for (const v of r.vectors) {
      const expected = v.exposure * (1 - 0.4 * v.prevention) * (1 - 0.75 * v.mitigation);
      expect(v.residual).toBeCloseTo(expected, 9);
      total += v.residual;
    }
    expect(r.residualRisk).toBeCloseTo(total, 9);
  });

  it('leaves the index at 100 with α = β = 0, whatever the answers', () => {
    fc.assert(
      fc.property(scenarioArb, ({ catalogue, answers, profile }) => {
        const r = computeRisk(catalogue, answers, profile, {}, { prevention: 0, mitigation: 0 });
        expect(r.residualRisk).toBeCloseTo(100, 9);
        expect(r.rankedGaps.every((c) => c.riskRemoved < 1e-9)).toBe(true);
      }),
      { numRuns: 30 },
    );
  });
});

describe('robustness of the head of the plan', () => {
  const { catalogue, demo, profile, risk } = demoInputs();
  const profiles = robustnessProfiles(catalogue, profile);
  const result = robustness(catalogue, demo.answers, risk, profiles);

  it('moves α and β by −50%, 0 and +50%, α capped at 1', () => {
    expect(PREVENTION_VARIANTS).toEqual([0.4, 0.8, 1]);
    expect(MITIGATION_VARIANTS).toEqual([0.25, 0.5, 0.75]);
  });

  it('scores every combination of bundled profile, α and β', () => {
    expect(profiles.map((p) => p.id)).toEqual([
      'trm-h1-2026',
      'trm-h1-2026-with-bybit',
      'named-incidents-2024-2026',
    ]);
    expect(result.variants).toHaveLength(3 * 3 * 3);
    const keys = new Set(
      result.variants.map((v) => `${v.profileId}|${String(v.prevention)}|${String(v.mitigation)}`),
    );
    expect(keys.size).toBe(27);
  });

  it('covers the first ten gaps of the plan, in its order', () => {
    expect(result.gaps.map((g) => g.controlId)).toEqual(
      risk.rankedGaps.slice(0, ROBUSTNESS_TOP).map((c) => c.score.control.id),
    );
    expect(result.gaps.map((g) => g.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('counts a gap as kept exactly where an independent ranking has it in the first ten', () => {
    for (const g of result.gaps) {
      let kept = 0;
      const dropped: string[] = [];
      for (const p of profiles) {
        for (const prevention of [0.4, 0.8, 1]) {
          for (const mitigation of [0.25, 0.5, 0.75]) {
            const r = computeRisk(catalogue, demo.answers, p, {}, { prevention, mitigation });
            const rank = r.rankedGaps.findIndex((c) => c.score.control.id === g.controlId) + 1;
            if (rank >= 1 && rank <= 10) kept++;
            else
              dropped.push(`${p.id}|${String(prevention)}|${String(mitigation)}|${String(rank)}`);
          }
        }
      }
      expect(g.kept).toBe(kept);
      expect(g.variants).toBe(27);
      expect(g.robust).toBe(kept === 27);
      expect(
        g.dropsOut.map(
          (d) => `${d.profileId}|${String(d.prevention)}|${String(d.mitigation)}|${String(d.rank)}`,
        ),
      ).toEqual(dropped);
    }
  });

  it('keeps every gap under the report’s own assumptions, so none is kept in no variant', () => {
    expect(result.gaps.every((g) => g.kept >= 1)).toBe(true);
    expect(
      result.gaps.every(
        (g) =>
          !g.dropsOut.some(
            (d) => d.profileId === profile.id && d.prevention === 0.8 && d.mitigation === 0.5,
          ),
      ),
    ).toBe(true);
  });

  it('finds gaps that drop out when the profile changes what the loss is made of', () => {
    // The Bybit profile puts most of the weight on blind signing; the H1 2026 head cannot all stay.
    expect(result.gaps.some((g) => !g.robust)).toBe(true);
    expect(result.gaps.some((g) => g.robust)).toBe(true);
  });

  it('adds the report’s profile when it is not one the catalogue bundles', () => {
    const equal = equalWeightProfile(catalogue.vectors);
    const list = robustnessProfiles(catalogue, equal);
    expect(list.map((p) => p.id)).toEqual([
      'trm-h1-2026',
      'trm-h1-2026-with-bybit',
      'named-incidents-2024-2026',
      'equal-weights',
    ]);
    const r = robustness(
      catalogue,
      demo.answers,
      computeRisk(catalogue, demo.answers, equal),
      list,
    );
    expect(r.variants).toHaveLength(4 * 3 * 3);
  });
});
