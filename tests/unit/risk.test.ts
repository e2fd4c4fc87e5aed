import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/domain/assessment/schema.ts';
import {
  computeRisk,
  MITIGATION_EFFICACY,
  PREVENTION_EFFICACY,
  RISK_FLOOR,
} from '../../src/domain/scoring/risk.ts';
import {
  WORKED_ANSWERS,
  WORKED_CATALOGUE,
  WORKED_PROFILE,
  workedExampleResult,
  workedExampleSteps,
} from '../../src/domain/scoring/worked-example.ts';
import { generatedCatalogue, profileOf, scenarioArb, VECTOR_IDS } from '../fixtures/risk.ts';

const level = (n: number): Answer => ({ status: 'level', level: n });

describe('the worked example, by hand', () => {
  // ŵ(key) = 0.76, ŵ(sc) = 0.24; KEY-01 at 1/2, APR-01 at 0/2, IR-01 at 2/2.
  // key: 0.76 × (1 − 0.8 × 0.5) × (1 − 0.5 × 1) = 0.228; sc: 0.24 × 1 × 0.5 = 0.12.
  const r = workedExampleResult();
  const byId = (id: string) => r.controls.find((c) => c.score.control.id === id);

  it('computes the residual risk and readiness a reader gets with a calculator', () => {
    expect(r.residualRisk).toBeCloseTo(34.8, 10);
    expect(r.readiness.readiness).toBeCloseTo(500 / 9, 10);
    expect(r.vectors.map((v) => [v.vectorId, v.residual])).toEqual([
      ['key-compromise', expect.closeTo(22.8, 10)],
      ['smart-contract-exploit', expect.closeTo(12, 10)],
    ]);
  });

  it('ranks KEY-01 first by risk removed and APR-01 first per unit of effort', () => {
    expect(byId('KEY-01')?.riskRemoved).toBeCloseTo(34.8 - 19.6, 10);
    expect(byId('APR-01')?.riskRemoved).toBeCloseTo(34.8 - 25.2, 10);
    expect(byId('IR-01')?.riskRemoved).toBe(0);
    expect(r.rankedGaps.map((c) => c.score.control.id)).toEqual(['KEY-01', 'APR-01']);
    expect(r.rankedByEffort.map((c) => c.score.control.id)).toEqual(['APR-01', 'KEY-01']);
    expect(byId('KEY-01')?.riskRemovedPerEffort).toBeCloseTo(7.6, 10);
  });

  it('gives each control the span between absent and at target as its weight', () => {
    // IR-01 at 0: key 0.76 × 0.6 × 1 = 0.456, sc 0.24 × 1 × 1 = 0.24 → 69.6; at target 34.8.
    expect(byId('IR-01')?.weight).toBeCloseTo(69.6 - 34.8, 10);
    // KEY-01 at 0: 0.76 × 1 × 0.5 = 0.38 → 38 + 12 = 50; at target 19.6.
    expect(byId('KEY-01')?.weight).toBeCloseTo(50 - 19.6, 10);
  });

  it('prints the same numbers in the methodology text', () => {
    const text = workedExampleSteps().join('\n');
    expect(text).toContain('0.76 / 0.15 = 5.07');
    expect(text).toContain('= 0.228');
    expect(text).toContain('= 0.120');
    expect(text).toContain('(0.228 + 0.120) = 34.8');
    expect(text).toContain('/ 9 = 55.6');
    expect(text).toContain('removing 15.2 points; raising APR-01 removes 9.6');
    expect(text).toContain('7.6 against 9.6');
  });

  it('reports domain weights and the risk each domain would remove', () => {
    const keys = r.domains.find((d) => d.domainId === 'keys');
    expect(keys?.riskRemoved).toBeCloseTo(15.2, 10);
    const ir = r.domains.find((d) => d.domainId === 'incident-response');
    expect(ir?.riskRemoved).toBe(0);
  });
});

describe('computeRisk, table-driven', () => {
  const oneControl = (effects: ('prevents' | 'detects')[]) =>
    generatedCatalogue([
      {
        id: 'ONE-10',
        severity: 'high',
        effort: 'S',
        baseline: 2,
        vectors: [{ vector: 'v-a', effects }],
      },
    ]);
  const profile = profileOf([['v-a', 0.5, 1]]);

  it.each([
    // effects, level, expected index
    [['prevents'], undefined, 100],
    [['prevents'], 0, 100],
    [['prevents'], 1, 100 * (1 - PREVENTION_EFFICACY * 0.5)],
    [['prevents'], 2, 100 * (1 - PREVENTION_EFFICACY)],
    [['prevents'], 3, 100 * (1 - PREVENTION_EFFICACY)],
    [['detects'], 2, 100 * (1 - MITIGATION_EFFICACY)],
    [['prevents', 'detects'], 2, RISK_FLOOR],
  ] as const)('%j at level %s leaves %d', (effects, answer, expected) => {
    const r = computeRisk(
      oneControl([...effects]),
      answer === undefined ? {} : { 'ONE-10': level(answer) },
      profile,
    );
    expect(r.residualRisk).toBeCloseTo(expected, 10);
  });

  it('leaves a vector that no control addresses fully exposed', () => {
    const r = computeRisk(
      oneControl(['prevents']),
      { 'ONE-10': level(3) },
      profileOf([
        ['v-a', 0.5, 0.5],
        ['v-b', 0.5, 0.5],
      ]),
    );
    // v-a at the prevention floor (0.5 × 0.2), v-b untouched (0.5).
    expect(r.residualRisk).toBeCloseTo(60, 10);
    expect(r.vectors.find((v) => v.vectorId === 'v-b')).toMatchObject({
      hasPrevention: false,
      hasMitigation: false,
      readiness: null,
      controls: 0,
    });
  });

  it('counts unanswered controls as gaps and leaves not-applicable ones out', () => {
    const c = oneControl(['prevents']);
    expect(computeRisk(c, {}, profile).rankedGaps).toHaveLength(1);
    const na = computeRisk(c, { 'ONE-10': { status: 'na', justification: 'No keys.' } }, profile);
    expect(na.rankedGaps).toHaveLength(0);
    expect(na.residualRisk).toBe(100);
  });

  it('gives cost per incident as loss share over incident share', () => {
    const r = computeRisk(
      oneControl(['prevents']),
      {},
      profileOf([
        ['v-a', 0.15, 0.76],
        ['v-b', 0.6039, 0.18],
      ]),
    );
    expect(r.vectors[0]?.costMultiplier).toBeCloseTo(5.0667, 4);
    expect(r.vectors[1]?.costMultiplier).toBeCloseTo(0.298, 3);
  });
});

describe('computeRisk, properties', () => {
  const close = (a: number, b: number): boolean => Math.abs(a - b) < 1e-9;

  it('keeps every score within its range', () => {
    fc.assert(
      fc.property(scenarioArb, ({ catalogue, answers, profile }) => {
        const r = computeRisk(catalogue, answers, profile);
        expect(r.residualRisk).toBeGreaterThanOrEqual(RISK_FLOOR - 1e-9);
        expect(r.residualRisk).toBeLessThanOrEqual(100);
        for (const v of r.vectors) {
          expect(v.prevention).toBeGreaterThanOrEqual(0);
          expect(v.prevention).toBeLessThanOrEqual(1);
          expect(v.mitigation).toBeGreaterThanOrEqual(0);
          expect(v.mitigation).toBeLessThanOrEqual(1);
        }
        for (const c of r.controls) {
          expect(c.riskRemoved).toBeGreaterThanOrEqual(0);
          expect(c.riskRemoved).toBeLessThanOrEqual(c.weight + 1e-9);
        }
        const sumOfVectors = r.vectors.reduce((s, v) => s + v.residual, 0);
        expect(close(sumOfVectors, r.residualRisk)).toBe(true);
      }),
    );
  });

  it('never lowers readiness nor raises residual risk when an answer is raised', () => {
    fc.assert(
      fc.property(scenarioArb, fc.nat(), fc.integer({ min: 1, max: 3 }), (s, pick, step) => {
        const control = s.catalogue.controls[pick % s.catalogue.controls.length];
        if (!control) return;
        const current = s.answers[control.id];
        const from = current?.status === 'level' ? current.level : 0;
        const raised = { ...s.answers, [control.id]: level(Math.min(3, from + step)) };
        if (current?.status === 'na') return;
        const before = computeRisk(s.catalogue, s.answers, s.profile);
        const after = computeRisk(s.catalogue, raised, s.profile);
        expect(after.residualRisk).toBeLessThanOrEqual(before.residualRisk + 1e-9);
        expect(after.readiness.readiness ?? 0).toBeGreaterThanOrEqual(
          (before.readiness.readiness ?? 0) - 1e-9,
        );
      }),
    );
  });

  it('treats not applicable exactly as removing the control', () => {
    fc.assert(
      fc.property(scenarioArb, fc.nat(), (s, pick) => {
        const control = s.catalogue.controls[pick % s.catalogue.controls.length];
        if (!control) return;
        const na = computeRisk(
          s.catalogue,
          { ...s.answers, [control.id]: { status: 'na', justification: 'Out of scope.' } },
          s.profile,
        );
        const removed = computeRisk(
          { ...s.catalogue, controls: s.catalogue.controls.filter((c) => c !== control) },
          s.answers,
          s.profile,
        );
        expect(na.residualRisk).toBe(removed.residualRisk);
        expect(na.readiness.readiness).toBe(removed.readiness.readiness);
        expect(na.rankedGaps.map((g) => [g.score.control.id, g.riskRemoved])).toEqual(
          removed.rankedGaps.map((g) => [g.score.control.id, g.riskRemoved]),
        );
      }),
    );
  });

  it('does not depend on the order of controls or of profile shares', () => {
    const shuffled = scenarioArb.chain((s) =>
      fc.tuple(
        fc.constant(s),
        fc.shuffledSubarray([...s.catalogue.controls], {
          minLength: s.catalogue.controls.length,
        }),
        fc.shuffledSubarray([...s.profile.shares], { minLength: s.profile.shares.length }),
      ),
    );
    fc.assert(
      fc.property(shuffled, ([s, controls, shares]) => {
        const a = computeRisk(s.catalogue, s.answers, s.profile);
        const b = computeRisk({ ...s.catalogue, controls }, s.answers, { ...s.profile, shares });
        expect(b.residualRisk).toBe(a.residualRisk);
        expect(b.readiness.readiness).toBe(a.readiness.readiness);
        expect(b.rankedGaps.map((g) => g.score.control.id)).toEqual(
          a.rankedGaps.map((g) => g.score.control.id),
        );
      }),
    );
  });

  it('does not change when every share is scaled by the same constant', () => {
    fc.assert(
      fc.property(scenarioArb, fc.double({ min: 0.1, max: 3, noNaN: true }), (s, k) => {
        const scaled = {
          ...s.profile,
          shares: s.profile.shares.map((x) => ({
            ...x,
            incidents: Math.min(1, x.incidents * k),
            loss: x.loss * k,
          })),
        };
        const a = computeRisk(s.catalogue, s.answers, s.profile);
        const b = computeRisk(s.catalogue, s.answers, scaled);
        expect(close(a.residualRisk, b.residualRisk)).toBe(true);
        a.controls.forEach((c, i) => {
          expect(close(c.riskRemoved, b.controls[i]?.riskRemoved ?? NaN)).toBe(true);
        });
      }),
    );
  });

  it('ranks the controls of the only weighted vector first', () => {
    fc.assert(
      fc.property(scenarioArb, fc.constantFrom(...VECTOR_IDS), (s, only) => {
        const profile = profileOf(VECTOR_IDS.map((v) => [v, 0.2, v === only ? 0.5 : 0]));
        const r = computeRisk(s.catalogue, s.answers, profile);
        const touches = r.rankedGaps.map((g) =>
          g.score.control.vectors.some((v) => v.vector === only),
        );
        // Every gap that addresses the vector comes before every gap that does not.
        const firstOther = touches.indexOf(false);
        if (firstOther !== -1) expect(touches.slice(firstOther)).not.toContain(true);
        for (const g of r.rankedGaps) {
          if (g.score.control.vectors.some((v) => v.vector === only)) {
            expect(g.riskRemoved).toBeGreaterThan(0);
          } else expect(g.riskRemoved).toBe(0);
        }
      }),
    );
  });
});

it('the worked example inputs are what the methodology describes', () => {
  expect(WORKED_CATALOGUE.controls.map((c) => c.id)).toEqual(['KEY-01', 'APR-01', 'IR-01']);
  expect(Object.keys(WORKED_ANSWERS)).toHaveLength(3);
  expect(WORKED_PROFILE.shares.map((s) => s.loss)).toEqual([0.76, 0.24]);
});
