import { describe, expect, it } from 'vitest';
import { generateScoringCatalogue, mulberry32 } from '../../scripts/bench/generate.ts';
import type { Answer, Assessment } from '../../src/domain/assessment/schema.ts';
import { vectorRows } from '../../src/domain/report/vectors.ts';
import { computeRisk, residualRiskWith, type RiskResult } from '../../src/domain/scoring/risk.ts';
import { bundledCatalogue } from '../fixtures/catalogue.ts';

/**
 * The report's fast paths against the straightforward computations they replace, on random
 * catalogues and answers: the same values, not approximately the same.
 */
const base = bundledCatalogue();
const MITIGATING = new Set(['detects', 'limits-loss', 'speeds-response']);

function randomCase(seed: number, size: number) {
  const { catalogue } = generateScoringCatalogue(base, size);
  const random = mulberry32(seed);
  const answers: Record<string, Answer> = {};
  const targets: Record<string, number> = {};
  for (const c of catalogue.controls) {
    const r = random();
    if (r < 0.1) answers[c.id] = { status: 'na', justification: 'Random.' };
    else if (r < 0.8) answers[c.id] = { status: 'level', level: Math.floor(random() * 4) };
    if (random() < 0.2) targets[c.id] = 1 + Math.floor(random() * 3);
  }
  const profile = catalogue.profiles[seed % catalogue.profiles.length];
  if (!profile) throw new Error('no profile');
  return { catalogue, answers, targets, profile };
}

/** The controls behind P(v) or M(v) as the report first listed them: a scan per vector. */
function referenceContributions(risk: RiskResult, vectorId: string, prevents: boolean) {
  return risk.readiness.controls.flatMap((s) => {
    if (s.attainment === null) return [];
    const link = s.control.vectors.find((v) => v.vector === vectorId);
    const acts =
      link !== undefined &&
      (prevents ? link.effects.includes('prevents') : link.effects.some((e) => MITIGATING.has(e)));
    return acts
      ? [
          {
            controlId: s.control.id,
            attainment: s.attainment,
            weight: s.weight,
            display: `${s.control.id} ${s.attainment.toFixed(2)} × ${String(s.weight)}`,
          },
        ]
      : [];
  });
}

const cases = [
  [1, 40],
  [2, 150],
  [3, 400],
  [4, 1200],
  [5, 112],
] as const;

describe('report fast paths equal the straightforward computation', () => {
  it.each(cases)('vector contributions (seed %i, %i controls)', (seed, size) => {
    const { catalogue, answers, targets, profile } = randomCase(seed, size);
    const risk = computeRisk(catalogue, answers, profile, targets);
    for (const row of vectorRows(risk)) {
      expect(row.preventing).toEqual(referenceContributions(risk, row.id, true));
      expect(row.mitigating).toEqual(referenceContributions(risk, row.id, false));
    }
  });

  it.each(cases)('the index with gaps raised (seed %i, %i controls)', (seed, size) => {
    const { catalogue, answers, targets, profile } = randomCase(seed, size);
    const risk = computeRisk(catalogue, answers, profile, targets);
    const random = mulberry32(seed + 100);
    for (const take of [1, 3, 5, 20]) {
      // Gaps from anywhere in the plan, and a control that is not a gap, raised or lowered.
      const picked = risk.rankedGaps.filter(() => random() < take / risk.rankedGaps.length);
      const changed: Record<string, Answer> = {};
      for (const g of picked)
        changed[g.score.control.id] = { status: 'level', level: g.score.target };
      const other = catalogue.controls[Math.floor(random() * catalogue.controls.length)];
      if (other) changed[other.id] = { status: 'level', level: 0 };
      const raised: Assessment['answers'] = { ...answers, ...changed };
      expect(residualRiskWith(catalogue, risk.readiness, profile, changed, targets)).toBe(
        computeRisk(catalogue, raised, profile, targets).residualRisk,
      );
    }
  });
});
