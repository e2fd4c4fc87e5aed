import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAssessmentFile } from '../../src/domain/assessment/import.ts';
import type { Answer, Assessment, ControlMeta } from '../../src/domain/assessment/schema.ts';
import type { Catalogue } from '../../src/domain/catalogue/schema.ts';
import { targetsOf } from '../../src/domain/scoring/readiness.ts';
import { computeRisk } from '../../src/domain/scoring/risk.ts';
import { resolveProfile } from '../../src/domain/threat/resolve.ts';
import {
  compareAssessments,
  type AssessmentComparison,
  type ControlChange,
} from '../../src/domain/workshop/compare.ts';
import { bundledCatalogue, demoAssessmentText, tinyCatalogue } from '../fixtures/catalogue.ts';
import { answerArb, profileOf, scenarioArb } from '../fixtures/risk.ts';

const level = (n: number): Answer => ({ status: 'level', level: n });
const na: Answer = { status: 'na', justification: 'Out of scope.' };

function assessmentOf(
  answers: Record<string, Answer>,
  meta: Record<string, ControlMeta> = {},
  catalogue: Catalogue['meta'] = { id: 'tiny', name: 'Tiny', version: '1.0.0', description: '' },
): Assessment {
  return {
    id: 'a',
    name: 'Assessment',
    organisation: 'Org',
    scope: '',
    assessors: [],
    catalogue: { id: catalogue.id, version: catalogue.version },
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    answers,
    meta,
  };
}

const ids = (list: readonly { readonly controlId: string }[]): string[] =>
  list.map((c) => c.controlId);

/**
 * One vector with all the loss, so residual = 100 × (1 − 0.8·P) × (1 − 0.5·M).
 * Preventers KEY-01 (high, w3), SIG-01 (critical, w4), SIG-02 (low, w1, target 3); KEY-02
 * (medium, w2) detects. Every target is 2 except SIG-02's.
 */
const catalogue = tinyCatalogue([
  { severity: 'high' },
  { severity: 'medium', vectors: [{ vector: 'key-compromise', effects: ['detects'] }] },
  { id: 'SIG-01', domain: 'signing', severity: 'critical' },
  { id: 'SIG-02', domain: 'signing', severity: 'low', baseline: 3 },
]);
const profile = profileOf([['key-compromise', 1, 1]]);
const baseAnswers = { 'KEY-01': level(1), 'KEY-02': level(2), 'SIG-01': level(2) };

describe('compareAssessments, by hand', () => {
  // Before: P = (3·½ + 4·1 + 1·0) / 8 = 0.6875, M = 1 → 100 × 0.45 × 0.5 = 22.5.
  // After:  P = (3·1 + 4·1 + 1·1) / 8 = 1,      M = ½ → 100 × 0.2 × 0.75 = 15.
  const before = assessmentOf(baseAnswers);
  const after = assessmentOf({
    'KEY-01': level(2),
    'KEY-02': level(1),
    'SIG-01': level(2),
    'SIG-02': level(3),
  });
  const r = compareAssessments(catalogue, before, after, profile);
  const byId = (id: string) => r.controls.find((c) => c.controlId === id);

  it('moves readiness and residual risk by what a calculator gives', () => {
    // Readiness: 100 × (1.5 + 2 + 4 + 0) / 10 = 75 → 100 × (3 + 1 + 4 + 1) / 10 = 90.
    expect(r.readiness).toEqual({ before: 75, after: 90, delta: 15 });
    expect(r.residualRisk.before).toBeCloseTo(22.5, 10);
    expect(r.residualRisk.after).toBeCloseTo(15, 10);
    expect(r.residualRisk.delta).toBeCloseTo(-7.5, 10);
  });

  it('moves each domain by its own controls', () => {
    // keys: (1.5 + 2) / 5 = 70 → (3 + 1) / 5 = 80; signing: 4 / 5 = 80 → 5 / 5 = 100.
    expect(r.domains.map((d) => [d.id, d.name, d.before, d.after])).toEqual([
      ['keys', 'Keys', 70, 80],
      ['signing', 'Signing', 80, 100],
    ]);
    expect(r.domains[0]?.delta).toBeCloseTo(10, 10);
    expect(r.domains[1]?.delta).toBe(20);
  });

  it('lists every control in catalogue order with its states and level delta', () => {
    expect(r.controls.map((c) => [c.controlId, c.change, c.delta])).toEqual([
      ['KEY-01', 'improved', 1],
      ['KEY-02', 'regressed', -1],
      ['SIG-01', 'unchanged', 0],
      ['SIG-02', 'answered', null],
    ]);
    expect(byId('KEY-01')).toMatchObject({
      title: 'Control 1',
      domainId: 'keys',
      before: { kind: 'level', level: 1 },
      after: { kind: 'level', level: 2 },
    });
    expect(byId('SIG-02')).toMatchObject({
      domainId: 'signing',
      before: { kind: 'unanswered' },
      after: { kind: 'level', level: 3 },
    });
  });

  it('attributes risk to each control by changing it alone', () => {
    // KEY-01 alone to 2: P = 7/8 → 100 × 0.3 × 0.5 = 15.
    expect(byId('KEY-01')?.riskDelta).toBeCloseTo(15 - 22.5, 10);
    // KEY-02 alone to 1: M = ½ → 100 × 0.45 × 0.75 = 33.75.
    expect(byId('KEY-02')?.riskDelta).toBeCloseTo(33.75 - 22.5, 10);
    expect(byId('SIG-01')?.riskDelta).toBe(0);
    // SIG-02 alone to 3: P = 6.5/8 → 100 × 0.35 × 0.5 = 17.5.
    expect(byId('SIG-02')?.riskDelta).toBeCloseTo(17.5 - 22.5, 10);
  });

  it('does not claim the per-control parts add up to the total', () => {
    // Prevention and mitigation multiply: −7.5 + 11.25 − 5 = −1.25, not −7.5.
    const parts = r.controls.reduce((s, c) => s + c.riskDelta, 0);
    expect(parts).toBeCloseTo(-1.25, 10);
    expect(r.residualRisk.delta).toBeCloseTo(-7.5, 10);
  });

  it('counts every kind of change', () => {
    expect(r.counts).toEqual({
      improved: 1,
      regressed: 1,
      unchanged: 1,
      answered: 1,
      unanswered: 0,
      applicability: 0,
    });
    expect(ids(r.improved)).toEqual(['KEY-01']);
    expect(ids(r.regressed)).toEqual(['KEY-02']);
  });
});

describe('compareAssessments, each kind of change', () => {
  // Only SIG-02 (w1, target 3, prevents) changes; the others stay as in `baseAnswers`, so
  // residual = 50 × (1 − 0.8·P) with P = (5.5 + a) / 8, or 5.5 / 7 when SIG-02 is N/A.
  const risk = { none: 22.5, 0: 22.5, 1: 125 / 6, 2: 115 / 6, 3: 17.5, na: 130 / 7 } as const;
  type Side = keyof typeof risk;
  const answerOf = (side: Side): Answer | undefined =>
    side === 'none' ? undefined : side === 'na' ? na : level(side);

  it.each<[Side, Side, ControlChange, number | null]>([
    ['none', 'none', 'unchanged', null],
    ['na', 'na', 'unchanged', null],
    [1, 1, 'unchanged', 0],
    [1, 3, 'improved', 2],
    [3, 0, 'regressed', -3],
    ['none', 'na', 'answered', null],
    ['none', 0, 'answered', null],
    [2, 'none', 'unanswered', null],
    ['na', 'none', 'unanswered', null],
    ['na', 2, 'applicability', null],
    [2, 'na', 'applicability', null],
  ])('SIG-02 from %s to %s is %s', (from, to, change, delta) => {
    const with_ = (side: Side) => {
      const answer = answerOf(side);
      return assessmentOf(answer ? { ...baseAnswers, 'SIG-02': answer } : baseAnswers);
    };
    const r = compareAssessments(catalogue, with_(from), with_(to), profile);
    const sig = r.controls.find((c) => c.controlId === 'SIG-02');
    expect(sig?.change).toBe(change);
    expect(sig?.delta).toBe(delta);
    expect(sig?.riskDelta).toBeCloseTo(risk[to] - risk[from], 10);
    // One control moved, so its part is the whole move.
    expect(r.residualRisk.delta).toBeCloseTo(sig?.riskDelta ?? NaN, 10);
    if (change === 'unchanged') expect(r.counts.unchanged).toBe(4);
    else expect([r.counts[change], r.counts.unchanged]).toEqual([1, 3]);
  });

  it('gives no readiness when every control is N/A, and no delta against it', () => {
    const allNa = assessmentOf({ 'KEY-01': na, 'KEY-02': na, 'SIG-01': na, 'SIG-02': na });
    const r = compareAssessments(catalogue, assessmentOf(baseAnswers), allNa, profile);
    expect(r.readiness).toEqual({ before: 75, after: null, delta: null });
    expect(r.domains.map((d) => d.delta)).toEqual([null, null]);
    expect(r.counts.applicability).toBe(3);
    expect(r.counts.answered).toBe(1);
    // Nothing applies, so nothing mitigates the vector.
    expect(r.residualRisk.after).toBe(100);
  });

  it('gives a domain no readiness when all of its controls are N/A', () => {
    const signingNa = assessmentOf({ ...baseAnswers, 'SIG-01': na, 'SIG-02': na });
    const r = compareAssessments(catalogue, assessmentOf(baseAnswers), signingNa, profile);
    expect(r.domains).toEqual([
      { id: 'keys', name: 'Keys', before: 70, after: 70, delta: 0 },
      { id: 'signing', name: 'Signing', before: 80, after: null, delta: null },
    ]);
  });
});

describe('compareAssessments, targets', () => {
  it('scores each side with its own targets, even on a control whose answer did not move', () => {
    // After holds KEY-01 to 1, so its level 1 now meets the target: readiness 75 → 90,
    // P = 7/8 → residual 15. The answer is the same, so the control is unchanged.
    const after = assessmentOf(baseAnswers, { 'KEY-01': { target: 1 } });
    const r = compareAssessments(catalogue, assessmentOf(baseAnswers), after, profile);
    expect(r.readiness).toEqual({ before: 75, after: 90, delta: 15 });
    expect(r.residualRisk.delta).toBeCloseTo(-7.5, 10);
    expect(r.counts.unchanged).toBe(4);
    expect(r.controls.every((c) => c.riskDelta === 0)).toBe(true);
  });

  it('moves a changed control to its after answer and after target together', () => {
    // KEY-01 from 1 of 2 to 2 of 3: P = (3·⅔ + 4) / 8 = 0.75 → 100 × 0.4 × 0.5 = 20.
    const after = assessmentOf({ ...baseAnswers, 'KEY-01': level(2) }, { 'KEY-01': { target: 3 } });
    const r = compareAssessments(catalogue, assessmentOf(baseAnswers), after, profile);
    const key = r.controls.find((c) => c.controlId === 'KEY-01');
    expect(key?.change).toBe('improved');
    expect(key?.riskDelta).toBeCloseTo(20 - 22.5, 10);
  });
});

describe('compareAssessments, ordering', () => {
  // Four preventers of one vector, out of id order. With the others at 0, one control at target
  // gives P = w/7, so its part is −80·w/7: KEY-02 (w3), KEY-04 (w2), then KEY-03 and KEY-01 (w1)
  // tied, which stay in catalogue order.
  const shuffled = tinyCatalogue([
    { id: 'KEY-03', severity: 'low' },
    { id: 'KEY-02', severity: 'high' },
    { id: 'KEY-01', severity: 'low' },
    { id: 'KEY-04', severity: 'medium' },
  ]);
  const atZero = assessmentOf(
    Object.fromEntries(shuffled.controls.map((c) => [c.id, level(0)] as const)),
  );
  const atTarget = assessmentOf(
    Object.fromEntries(shuffled.controls.map((c) => [c.id, level(2)] as const)),
  );

  it('lists improvements by risk removed, largest first, ties in catalogue order', () => {
    const r = compareAssessments(shuffled, atZero, atTarget, profile);
    expect(ids(r.controls)).toEqual(['KEY-03', 'KEY-02', 'KEY-01', 'KEY-04']);
    expect(ids(r.improved)).toEqual(['KEY-02', 'KEY-04', 'KEY-03', 'KEY-01']);
    expect(r.improved.map((c) => c.riskDelta)).toEqual([
      expect.closeTo(-240 / 7, 10),
      expect.closeTo(-160 / 7, 10),
      expect.closeTo(-80 / 7, 10),
      expect.closeTo(-80 / 7, 10),
    ]);
    expect(r.regressed).toEqual([]);
  });

  it('lists regressions by risk added, largest first, ties in catalogue order', () => {
    // From all at target (P = 1), one control at 0 gives P = (7 − w)/7: a part of +80·w/7.
    const r = compareAssessments(shuffled, atTarget, atZero, profile);
    expect(ids(r.regressed)).toEqual(['KEY-02', 'KEY-04', 'KEY-03', 'KEY-01']);
    expect(r.regressed.map((c) => c.riskDelta)).toEqual([
      expect.closeTo(240 / 7, 10),
      expect.closeTo(160 / 7, 10),
      expect.closeTo(80 / 7, 10),
      expect.closeTo(80 / 7, 10),
    ]);
    expect(r.improved).toEqual([]);
    expect(r.counts.regressed).toBe(4);
  });
});

describe('compareAssessments on the demo assessment', () => {
  const bundled = bundledCatalogue();
  const parsed = parseAssessmentFile(demoAssessmentText(), 'demo.json', bundled);
  if (!parsed.ok) throw new Error('demo must parse');
  const demo = parsed.value.file.assessment;
  const demoProfile = resolveProfile(bundled, demo);

  it('finds nothing changed when compared with itself', () => {
    const r = compareAssessments(bundled, demo, demo, demoProfile);
    expect(r.controls).toHaveLength(bundled.controls.length);
    expect(r.counts.unchanged).toBe(bundled.controls.length);
    expect(r.controls.every((c) => c.riskDelta === 0)).toBe(true);
    expect(r.readiness.delta).toBe(0);
    expect(r.residualRisk.delta).toBe(0);
    expect(r.domains.map((d) => d.delta)).toEqual(bundled.domains.map(() => 0));
    expect(r.improved).toEqual([]);
    expect(r.regressed).toEqual([]);
  });

  it('credits a follow-up that raised every level-1 answer', () => {
    const raised = Object.fromEntries(
      Object.entries(demo.answers).map(([id, a]) => [
        id,
        a.status === 'level' && a.level === 1 ? { ...a, level: 2 } : a,
      ]),
    );
    const after = { ...demo, answers: raised };
    const r = compareAssessments(bundled, demo, after, demoProfile);
    const ones = bundled.controls.filter((c) => {
      const a = demo.answers[c.id];
      return a?.status === 'level' && a.level === 1;
    });
    expect(r.counts.improved).toBe(ones.length);
    expect(r.counts.unchanged).toBe(bundled.controls.length - ones.length);
    expect(new Set(ids(r.improved))).toEqual(new Set(ones.map((c) => c.id)));
    expect(r.readiness.delta).toBeGreaterThan(0);
    expect(r.residualRisk.delta).toBeLessThan(0);
    expect(r.residualRisk.after).toBe(
      computeRisk(bundled, raised, demoProfile, targetsOf(after)).residualRisk,
    );
    for (const c of r.improved) {
      expect(c.delta).toBe(1);
      expect(c.riskDelta).toBeLessThanOrEqual(0);
    }
    const deltas = r.improved.map((c) => c.riskDelta);
    expect(deltas).toEqual([...deltas].sort((a, b) => a - b));
    expect(r.improved[0]?.riskDelta).toBeLessThan(0);
  });
});

// Two assessments of one generated catalogue, each with its own answers and targets.
const targetsArb = (n: number) =>
  fc.array(fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }), {
    minLength: n,
    maxLength: n,
  });
const pairArb = scenarioArb.chain((s) => {
  const n = s.catalogue.controls.length;
  return fc
    .tuple(
      fc.array(answerArb, { minLength: n, maxLength: n }),
      targetsArb(n),
      targetsArb(n),
      fc.array(fc.integer({ min: 0, max: 3 }), { minLength: n, maxLength: n }),
    )
    .map(([otherAnswers, targetsA, targetsB, raises]) => {
      const metaOf = (targets: readonly (number | undefined)[]) => {
        const meta: Record<string, ControlMeta> = {};
        s.catalogue.controls.forEach((c, i) => {
          const target = targets[i];
          if (target !== undefined) meta[c.id] = { target };
        });
        return meta;
      };
      const others: Record<string, Answer> = {};
      const raised: Record<string, Answer> = {};
      s.catalogue.controls.forEach((c, i) => {
        const other = otherAnswers[i];
        if (other) others[c.id] = other;
        const a = s.answers[c.id];
        const step = raises[i] ?? 0;
        if (a?.status === 'level') raised[c.id] = level(Math.min(3, a.level + step));
        else if (a?.status === 'na') raised[c.id] = a;
        else if (step > 0) raised[c.id] = level(step);
      });
      const metaA = metaOf(targetsA);
      return {
        catalogue: s.catalogue,
        profile: s.profile,
        a: assessmentOf(s.answers, metaA, s.catalogue.meta),
        b: assessmentOf(others, metaOf(targetsB), s.catalogue.meta),
        raised: assessmentOf(raised, metaA, s.catalogue.meta),
      };
    });
});

const negated = (x: number | null): number | null => (x === null ? null : 0 - x);
const SWAPPED: Readonly<Record<ControlChange, ControlChange>> = {
  improved: 'regressed',
  regressed: 'improved',
  unchanged: 'unchanged',
  answered: 'unanswered',
  unanswered: 'answered',
  applicability: 'applicability',
};

describe('compareAssessments, properties', () => {
  it('finds nothing changed between an assessment and itself', () => {
    fc.assert(
      fc.property(pairArb, ({ catalogue: c, profile: p, a }) => {
        const r = compareAssessments(c, a, a, p);
        expect(r.counts.unchanged).toBe(c.controls.length);
        expect(r.controls.every((x) => x.change === 'unchanged' && x.riskDelta === 0)).toBe(true);
        expect(r.controls.every((x) => x.delta === null || x.delta === 0)).toBe(true);
        expect(r.residualRisk.delta).toBe(0);
        expect(r.readiness.delta).toBe(r.readiness.before === null ? null : 0);
        for (const d of r.domains) expect(d.delta).toBe(d.before === null ? null : 0);
        expect(r.improved).toEqual([]);
        expect(r.regressed).toEqual([]);
      }),
    );
  });

  it('negates the score deltas and swaps the lists when before and after swap', () => {
    const sortedIds = (list: AssessmentComparison['improved']) => ids(list).sort();
    fc.assert(
      fc.property(pairArb, ({ catalogue: c, profile: p, a, b }) => {
        const forward = compareAssessments(c, a, b, p);
        const back = compareAssessments(c, b, a, p);
        expect(back.readiness.delta).toBe(negated(forward.readiness.delta));
        expect(back.residualRisk.delta).toBe(negated(forward.residualRisk.delta));
        back.domains.forEach((d, i) => {
          expect(d.delta).toBe(negated(forward.domains[i]?.delta ?? null));
        });
        expect(sortedIds(back.improved)).toEqual(sortedIds(forward.regressed));
        expect(sortedIds(back.regressed)).toEqual(sortedIds(forward.improved));
        back.controls.forEach((x, i) => {
          const y = forward.controls[i];
          expect(x.change).toBe(y && SWAPPED[y.change]);
          expect(x.before).toEqual(y?.after);
          expect(x.delta).toBe(negated(y?.delta ?? null));
        });
        for (const [kind, n] of Object.entries(forward.counts)) {
          expect(back.counts[SWAPPED[kind as ControlChange]]).toBe(n);
        }
      }),
    );
  });

  it('never raises residual risk nor lowers readiness when levels are only raised', () => {
    fc.assert(
      fc.property(pairArb, ({ catalogue: c, profile: p, a, raised }) => {
        const r = compareAssessments(c, a, raised, p);
        expect(r.residualRisk.delta ?? NaN).toBeLessThanOrEqual(1e-9);
        expect(r.readiness.delta ?? 0).toBeGreaterThanOrEqual(-1e-9);
        expect(r.regressed).toEqual([]);
        expect(r.counts.unanswered + r.counts.applicability).toBe(0);
        for (const x of r.controls) expect(x.riskDelta).toBeLessThanOrEqual(1e-9);
      }),
    );
  });
});
