import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/domain/assessment/schema.ts';
import type { Control, Severity } from '../../src/domain/catalogue/schema.ts';
import { formatScore } from '../../src/domain/format.ts';
import { computeReadiness } from '../../src/domain/scoring/readiness.ts';
import { tinyCatalogue } from '../fixtures/catalogue.ts';

const level = (n: number): Answer => ({ status: 'level', level: n });
const na: Answer = { status: 'na', justification: 'No bridge in scope.' };

describe('computeReadiness, hand-computed', () => {
  // critical (w4) at 1 of target 2, medium (w2) at 3 of target 2, low (w1) target 3 unanswered.
  const catalogue = tinyCatalogue([
    { severity: 'critical', baseline: 2 },
    { severity: 'medium', baseline: 2 },
    { severity: 'low', baseline: 3 },
  ]);

  it.each([
    [
      'worked example: 100 × (4×0.5 + 2×1 + 1×0) / 7',
      { 'KEY-01': level(1), 'KEY-02': level(3) },
      400 / 7,
      '57.1',
    ],
    [
      'N/A leaves both sums: 100 × 4 / 6',
      { 'KEY-01': level(1), 'KEY-02': level(3), 'KEY-03': na },
      400 / 6,
      '66.7',
    ],
    ['nothing answered scores 0', {}, 0, '0.0'],
    [
      'all at target scores 100',
      { 'KEY-01': level(2), 'KEY-02': level(2), 'KEY-03': level(3) },
      100,
      '100.0',
    ],
    [
      'level 0 scores like unanswered',
      { 'KEY-01': level(0), 'KEY-02': level(2), 'KEY-03': level(3) },
      300 / 7,
      '42.9',
    ],
    ['everything N/A has no score', { 'KEY-01': na, 'KEY-02': na, 'KEY-03': na }, null, 'n/a'],
  ] as const)('%s', (_name, answers, expected, display) => {
    const result = computeReadiness(catalogue, answers);
    if (expected === null) expect(result.readiness).toBeNull();
    else expect(result.readiness).toBeCloseTo(expected, 10);
    expect(formatScore(result.readiness)).toBe(display);
  });

  it('counts answered, unanswered, N/A and gaps separately', () => {
    const { counts } = computeReadiness(catalogue, { 'KEY-01': level(1), 'KEY-03': na });
    expect(counts).toEqual({ total: 3, answered: 1, unanswered: 1, notApplicable: 1, gaps: 2 });
  });

  it('scores each domain on its own controls', () => {
    const mixed = tinyCatalogue([
      { severity: 'high', baseline: 2 },
      { id: 'SIG-01', domain: 'signing', severity: 'high', baseline: 2 },
    ]);
    const result = computeReadiness(mixed, { 'KEY-01': level(2), 'SIG-01': level(1) });
    expect(result.domains.map((d) => [d.domainId, d.readiness])).toEqual([
      ['keys', 100],
      ['signing', 50],
    ]);
    expect(result.readiness).toBe(75);
  });
});

// Generators: a catalogue of 1–30 controls and an answer (or none) for each.
const severity = fc.constantFrom<Severity>('low', 'medium', 'high', 'critical');
const controlSpec = fc.record({ severity, baseline: fc.integer({ min: 1, max: 3 }) });
const answerSpec = fc.oneof(
  fc.constant<Answer | undefined>(undefined),
  fc.constant<Answer | undefined>(na),
  fc.integer({ min: 0, max: 3 }).map((n): Answer | undefined => level(n)),
);
const scenario = fc
  .array(fc.tuple(controlSpec, answerSpec), { minLength: 1, maxLength: 30 })
  .map((rows) => {
    const catalogue = tinyCatalogue(rows.map(([c]): Partial<Control> => c));
    const answers: Record<string, Answer> = {};
    rows.forEach(([, a], i) => {
      const id = catalogue.controls[i]?.id;
      if (a && id) answers[id] = a;
    });
    return { catalogue, answers };
  });

describe('computeReadiness, properties', () => {
  it('stays within 0–100, overall and per domain', () => {
    fc.assert(
      fc.property(scenario, ({ catalogue, answers }) => {
        const result = computeReadiness(catalogue, answers);
        for (const score of [result.readiness, ...result.domains.map((d) => d.readiness)]) {
          if (score !== null) {
            expect(score).toBeGreaterThanOrEqual(0);
            expect(score).toBeLessThanOrEqual(100);
          }
        }
      }),
    );
  });

  it('never falls when one answer is raised', () => {
    fc.assert(
      fc.property(
        scenario,
        fc.nat(),
        fc.integer({ min: 0, max: 3 }),
        ({ catalogue, answers }, pick, to) => {
          const control = catalogue.controls[pick % catalogue.controls.length];
          if (!control) return;
          const before = answers[control.id];
          if (before?.status === 'na') return;
          const from = before?.status === 'level' ? before.level : -1;
          if (to < from) return;
          const raised = { ...answers, [control.id]: level(to) };
          const a = computeReadiness(catalogue, answers).readiness ?? 0;
          const b = computeReadiness(catalogue, raised).readiness ?? 0;
          expect(b).toBeGreaterThanOrEqual(a - 1e-9);
        },
      ),
    );
  });

  it('treats N/A exactly like removing the control', () => {
    fc.assert(
      fc.property(scenario, fc.nat(), ({ catalogue, answers }, pick) => {
        const control = catalogue.controls[pick % catalogue.controls.length];
        if (!control) return;
        const withNa = computeReadiness(catalogue, { ...answers, [control.id]: na });
        const rest = Object.fromEntries(
          Object.entries(answers).filter(([id]) => id !== control.id),
        );
        const removed = computeReadiness(
          { ...catalogue, controls: catalogue.controls.filter((c) => c.id !== control.id) },
          rest,
        );
        if (removed.readiness === null) expect(withNa.readiness).toBeNull();
        else expect(withNa.readiness).toBeCloseTo(removed.readiness, 9);
      }),
    );
  });

  it('does not depend on the order of controls', () => {
    const withPermutation = scenario.chain((s) =>
      fc.tuple(
        fc.constant(s),
        fc.shuffledSubarray([...s.catalogue.controls], {
          minLength: s.catalogue.controls.length,
          maxLength: s.catalogue.controls.length,
        }),
      ),
    );
    fc.assert(
      fc.property(withPermutation, ([{ catalogue, answers }, shuffled]) => {
        const a = computeReadiness(catalogue, answers).readiness;
        const b = computeReadiness({ ...catalogue, controls: shuffled }, answers).readiness;
        if (a === null) expect(b).toBeNull();
        else expect(b).toBeCloseTo(a, 9);
      }),
    );
  });
});

describe('a saved level above the scale', () => {
  it('scores as absent and a gap, never as meeting its target', () => {
    const catalogue = tinyCatalogue([{ baseline: 2 }, { baseline: 2 }]);
    const result = computeReadiness(catalogue, {
      'KEY-01': level(9),
      'KEY-02': level(2),
    });
    const [offScale, valid] = result.controls;
    expect(offScale).toMatchObject({ level: 9, attainment: 0, gap: true, offScale: true });
    expect(valid).toMatchObject({ level: 2, attainment: 1, gap: false });
    expect(valid?.offScale).toBeUndefined();
    expect(result.readiness).toBe(50);
  });
});
