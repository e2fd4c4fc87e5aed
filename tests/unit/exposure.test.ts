import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Answer, Assessment } from '../../src/domain/assessment/schema.ts';
import type { Catalogue, Incident, StepBreak } from '../../src/domain/catalogue/schema.ts';
import {
  attainmentFactor,
  computeExposure,
  EFFICACY,
  LIKELY,
  ONE_LEVEL_BELOW,
  OUTCOME_ORDER,
  POSSIBLE,
  UNCERTAIN_FACTOR,
  VENDOR_ASSURANCE_EFFICACY,
  type ExposureOutcome,
} from '../../src/domain/scoring/exposure.ts';
import { tinyCatalogue } from '../fixtures/catalogue.ts';

const team = (control: string, level: number, effect: StepBreak['effect'] = 'prevents') =>
  ({ control, level, effect, holder: 'team', kind: 'technical' }) as const satisfies StepBreak;

const incident: Incident = {
  id: 'example-2025',
  name: 'Example',
  date: '2025-01',
  victim: 'A protocol',
  loss: { usd: 1e6, note: 'Example.' },
  summary: 'Example.',
  rootCause: 'Example.',
  vectors: ['key-compromise'],
  steps: [
    { title: 'Lure', description: 'x', breaks: [{ ...team('KEY-04', 2), kind: 'training' }] },
    {
      title: 'Key stolen',
      description: 'x',
      breaks: [team('KEY-01', 2), { ...team('KEY-05', 2), holder: 'vendor' }],
    },
    {
      title: 'Funds moved',
      description: 'x',
      breaks: [team('KEY-02', 1, 'detects'), team('KEY-03', 2, 'limits-loss')],
    },
  ],
  sources: [{ title: 'Example' }],
};

const base = tinyCatalogue([{}, {}, {}, {}, {}, {}, {}, {}]);
const withIncident = (x: Incident, vendorAssurance = ['KEY-06']): Catalogue => ({
  ...base,
  incidents: [x],
  vendorAssurance,
});
const catalogue = withIncident(incident);
const level = (n: number): Answer => ({ status: 'level', level: n });
const na: Answer = { status: 'na', justification: 'Not used.' };
type Answers = Assessment['answers'];

function replay(answers: Answers, c: Catalogue = catalogue) {
  const [x] = computeExposure(c, answers);
  if (!x) throw new Error('expected one incident');
  return x;
}

describe('the attainment factor', () => {
  it.each([
    [null, 2, 0],
    [0, 1, 0],
    [1, 3, 0],
    [1, 2, ONE_LEVEL_BELOW],
    [2, 2, 1],
    [3, 2, 1],
  ] as const)('team at %s against a break at %s → %s', (teamLevel, at, factor) => {
    expect(attainmentFactor(teamLevel, at)).toBe(factor);
  });
});

describe('computeExposure', () => {
  it.each([
    ['nothing answered', {}, 'not-stopped', 0],
    ['the technical control one level below', { 'KEY-01': level(1) }, 'not-stopped', 0.9 * 0.3],
    ['the technical control at the level named', { 'KEY-01': level(2) }, 'likely', 0.9],
    ['the technical control above it', { 'KEY-01': level(3) }, 'likely', 0.9],
    ['only detection', { 'KEY-02': level(1) }, 'contained', 0],
    ['only a loss limit', { 'KEY-03': level(2) }, 'contained', 0],
    ['training at the top of the scale', { 'KEY-04': level(3) }, 'not-stopped', 0.25],
    ["the team's own answer to a vendor's control", { 'KEY-05': level(3) }, 'not-stopped', 0],
    ['vendor assurance alone', { 'KEY-06': level(2) }, 'not-stopped', 0.2],
    [
      'vendor assurance and training',
      { 'KEY-06': level(2), 'KEY-04': level(2) },
      'possible',
      1 - 0.8 * 0.75,
    ],
    [
      'the technical control and training',
      { 'KEY-01': level(2), 'KEY-04': level(2) },
      'likely',
      1 - 0.1 * 0.75,
    ],
    ['N/A breaks nothing', { 'KEY-01': na, 'KEY-02': na, 'KEY-03': na }, 'not-stopped', 0],
    // Saved from a catalogue with a longer scale: not evidence of anything on this one's.
    ['a level above the scale', { 'KEY-01': level(9), 'KEY-02': level(9) }, 'not-stopped', 0],
  ] as const)('%s → %s', (_what, answers, outcome, probability) => {
    const x = replay(answers);
    expect(x.outcome).toBe(outcome);
    expect(x.probability).toBeCloseTo(probability, 12);
  });

  it('names its figures as the methodology does', () => {
    expect(EFFICACY).toEqual({ technical: 0.9, procedure: 0.6, training: 0.25 });
    expect([ONE_LEVEL_BELOW, UNCERTAIN_FACTOR, VENDOR_ASSURANCE_EFFICACY]).toEqual([0.3, 0.5, 0.2]);
    expect([LIKELY, POSSIBLE]).toEqual([0.8, 0.3]);
  });

  it('halves an uncertain break, and an uncertain break alone is never "likely"', () => {
    const uncertain: Incident = {
      ...incident,
      steps: incident.steps.map((s, i) =>
        i === 1
          ? { ...s, breaks: [{ ...team('KEY-01', 2), uncertain: true, because: 'Unknown.' }] }
          : s,
      ),
    };
    const x = replay({ 'KEY-01': level(3) }, withIncident(uncertain));
    expect(x.probability).toBeCloseTo(0.45, 12);
    expect(x.outcome).toBe('possible');
    // Two more certain procedures push P past LIKELY; still no certain technical break.
    const more = { ...uncertain, steps: [...uncertain.steps] };
    more.steps[0] = {
      title: 'Lure',
      description: 'x',
      breaks: [
        { ...team('KEY-04', 2), kind: 'procedure' },
        { ...team('KEY-07', 2), kind: 'procedure' },
      ],
    };
    const y = replay(
      { 'KEY-01': level(3), 'KEY-04': level(2), 'KEY-07': level(2) },
      withIncident(more),
    );
    expect(y.probability).toBeGreaterThanOrEqual(LIKELY);
    expect(y.outcome).toBe('possible');
  });

  it('counts a control named on two steps once, at its larger chance', () => {
    const twice: Incident = {
      ...incident,
      steps: incident.steps.map((s, i) =>
        i === 1 ? { ...s, breaks: [{ ...team('KEY-04', 2), kind: 'training' }] } : s,
      ),
    };
    const x = replay({ 'KEY-04': level(2) }, withIncident(twice));
    expect(x.probability).toBeCloseTo(0.25, 12);
    // The tie goes to the earlier step, so only one of the two is counted.
    expect(x.steps.map((s) => s.breaks.find((b) => b.control === 'KEY-04')?.counted)).toEqual([
      true,
      false,
      undefined,
    ]);
  });

  it('applies vendor assurance once per incident, at the best assurance answer', () => {
    const x = replay(
      { 'KEY-06': level(1), 'KEY-07': level(2) },
      withIncident(incident, ['KEY-06', 'KEY-07']),
    );
    expect(x.vendor?.attainment).toBe(1);
    expect(x.vendor?.probability).toBeCloseTo(0.2, 12);
    expect(replay({ 'KEY-06': level(3) }, withIncident(incident, [])).probability).toBe(0);
  });

  it('lists every single answer that would improve the verdict, best verdict first', () => {
    const x = replay({});
    expect(x.changes.map((c) => [c.control, c.level, c.outcome])).toEqual([
      ['KEY-01', 2, 'likely'],
      ['KEY-02', 1, 'contained'],
      ['KEY-03', 2, 'contained'],
    ]);
    expect(x.ceiling.outcome).toBe('likely');
    expect(replay({ 'KEY-01': level(2) }).changes).toEqual([]);
  });
});

// Random incidents over KEY-01…KEY-08: team-held breaks name KEY-01…KEY-04, vendor-held ones
// KEY-05…KEY-07, and KEY-08 is the vendor-assurance answer (the loader forbids it in a vendor break).
const effectArb = fc.constantFrom<StepBreak['effect']>(
  'prevents',
  'detects',
  'limits-loss',
  'speeds-response',
);
const breakArb = (holder: 'team' | 'vendor', ids: readonly string[]): fc.Arbitrary<StepBreak> =>
  fc
    .record({
      control: fc.constantFrom(...ids),
      level: fc.integer({ min: 1, max: 3 }),
      effect: effectArb,
      kind: fc.constantFrom<StepBreak['kind']>('technical', 'procedure', 'training'),
      uncertain: fc.boolean(),
    })
    .map(({ uncertain, ...b }) =>
      uncertain ? { ...b, holder, uncertain: true, because: 'Open.' } : { ...b, holder },
    );
const TEAM = ['KEY-01', 'KEY-02', 'KEY-03', 'KEY-04'];
const VENDOR = ['KEY-05', 'KEY-06', 'KEY-07'];
const anyBreak = fc.oneof(breakArb('team', TEAM), breakArb('vendor', VENDOR));
const stepsArb = (b: fc.Arbitrary<StepBreak>) =>
  fc.array(
    fc
      .uniqueArray(b, { selector: (x) => x.control, maxLength: 4 })
      .map((breaks) => ({ title: 'Step', description: 'x', breaks })),
    { minLength: 2, maxLength: 5 },
  );
const answerArb: fc.Arbitrary<Answer | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.constant(na),
  fc.integer({ min: 0, max: 3 }).map(level),
);
const ALL = [...TEAM, ...VENDOR, 'KEY-08'];
const answersArb = fc.tuple(...ALL.map(() => answerArb)).map((list) => {
  const answers: Record<string, Answer> = {};
  list.forEach((a, i) => {
    if (a) answers[ALL[i] ?? ''] = a;
  });
  return answers;
});
const propCatalogue = (steps: Incident['steps']): Catalogue =>
  withIncident({ ...incident, steps }, ['KEY-08']);
const verdict = (c: Catalogue, answers: Answers) => {
  const x = replay(answers, c);
  return { outcome: x.outcome, probability: x.probability };
};
const rank = (o: ExposureOutcome) => OUTCOME_ORDER.indexOf(o);

describe('replay properties', () => {
  it('keeps every probability in [0, 1]', () => {
    fc.assert(
      fc.property(stepsArb(anyBreak), answersArb, (steps, answers) => {
        const x = replay(answers, propCatalogue(steps));
        for (const p of [x.probability, ...x.steps.map((s) => s.probability)]) {
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThanOrEqual(1);
        }
      }),
    );
  });

  it("never changes a verdict through the team's answer to a control only vendors hold", () => {
    fc.assert(
      fc.property(
        stepsArb(anyBreak),
        answersArb,
        fc.constantFrom(...VENDOR),
        answerArb,
        (steps, answers, control, other) => {
          const c = propCatalogue(steps);
          const changed = Object.fromEntries(
            Object.entries(answers).filter(([id]) => id !== control),
          );
          if (other) changed[control] = other;
          expect(verdict(c, changed)).toEqual(verdict(c, answers));
        },
      ),
    );
  });

  it('never changes a verdict by adding a vendor-held break to a step that has a preventive one', () => {
    fc.assert(
      fc.property(
        stepsArb(anyBreak),
        answersArb,
        breakArb('vendor', VENDOR),
        fc.nat(),
        fc.nat(),
        (steps, answers, extra, at, to) => {
          const s = at % steps.length;
          const withVendor = steps.map((st, i) =>
            i === s
              ? {
                  ...st,
                  breaks: [
                    ...st.breaks.filter((b) => b.control !== 'KEY-07'),
                    { ...team('KEY-07', 2), holder: 'vendor' as const },
                  ],
                }
              : st,
          );
          const t = to % steps.length;
          const added = withVendor.map((st, i) =>
            i === t && !st.breaks.some((b) => b.control === extra.control)
              ? { ...st, breaks: [...st.breaks, extra] }
              : st,
          );
          expect(verdict(propCatalogue(added), answers)).toEqual(
            verdict(propCatalogue(withVendor), answers),
          );
        },
      ),
    );
  });

  it('never changes a verdict by adding any vendor-held break while vendor assurance is at 0', () => {
    fc.assert(
      fc.property(
        stepsArb(anyBreak),
        answersArb,
        fc.constantFrom<Answer | undefined>(undefined, na, level(0)),
        breakArb('vendor', VENDOR),
        fc.nat(),
        (steps, answers, assurance, extra, at) => {
          const zero = { ...answers };
          if (assurance) zero['KEY-08'] = assurance;
          else delete zero['KEY-08'];
          const s = at % steps.length;
          const added = steps.map((st, i) =>
            i === s && !st.breaks.some((b) => b.control === extra.control)
              ? { ...st, breaks: [...st.breaks, extra] }
              : st,
          );
          expect(verdict(propCatalogue(added), zero)).toEqual(verdict(propCatalogue(steps), zero));
        },
      ),
    );
  });

  it('never worsens a verdict or lowers its probability when an answer is raised', () => {
    fc.assert(
      fc.property(
        stepsArb(anyBreak),
        answersArb,
        fc.constantFrom(...ALL),
        fc.integer({ min: 0, max: 3 }),
        (steps, answers, control, to) => {
          const was = answers[control];
          fc.pre(was?.status !== 'level' || was.level <= to);
          const c = propCatalogue(steps);
          const before = verdict(c, answers);
          const after = verdict(c, { ...answers, [control]: level(to) });
          expect(rank(after.outcome)).toBeLessThanOrEqual(rank(before.outcome));
          expect(after.probability).toBeGreaterThanOrEqual(before.probability - 1e-12);
        },
      ),
    );
  });

  it('never says "would likely have been stopped" on training alone', () => {
    const training = breakArb('team', TEAM).map((b) => ({ ...b, kind: 'training' as const }));
    const vendorAny = breakArb('vendor', VENDOR);
    fc.assert(
      fc.property(stepsArb(fc.oneof(training, vendorAny)), answersArb, (steps, answers) => {
        const top = { ...answers, ...Object.fromEntries(ALL.map((id) => [id, level(3)])) };
        expect(verdict(propCatalogue(steps), answers).outcome).not.toBe('likely');
        expect(verdict(propCatalogue(steps), top).outcome).not.toBe('likely');
      }),
    );
  });
});
