import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAssessmentFile } from '../../src/domain/assessment/import.ts';
import type { Assessment, Funds } from '../../src/domain/assessment/schema.ts';
import {
  cappedLognormalMean,
  lognormalFromMedianMean,
  normalCdf,
  normalQuantile,
  poissonQuantile,
} from '../../src/domain/loss/distributions.ts';
import { checkFunds } from '../../src/domain/loss/funds.ts';
import {
  exceedance,
  expectedLoss,
  quantile,
  simulate,
  vectorLosses,
  type LossSettings,
  type LossVectorSpec,
} from '../../src/domain/loss/model.ts';
import { seededStreams } from '../../src/domain/loss/random.ts';
import { dollarView, type DollarView } from '../../src/domain/loss/view.ts';
import { buildReportModel } from '../../src/domain/report/model.ts';
import {
  applyArchitecture,
  effectiveAnswers,
  effectiveProfile,
} from '../../src/domain/scoring/architecture.ts';
import { targetsOf } from '../../src/domain/scoring/readiness.ts';
import { computeRisk } from '../../src/domain/scoring/risk.ts';
import { formatProblems } from '../../src/domain/validation.ts';
import { bundledCatalogue, demoAssessmentText, repoRoot } from '../fixtures/catalogue.ts';

const catalogue = bundledCatalogue();
const first = catalogue.profiles[0];
if (!first) throw new Error('no default profile');
const profile = first;

const SETTINGS: LossSettings = {
  annualIncidents: 0.1,
  medianUsd: 219_000,
  meanUsd: 4_700_000,
  prevention: 0.8,
  mitigation: 0.5,
};

function spec(over: Partial<LossVectorSpec> = {}): LossVectorSpec {
  return {
    vectorId: 'v',
    name: 'V',
    streamKey: 0,
    incidentShare: 0.5,
    lossShare: 0.5,
    protocolUsd: 10_000_000,
    usersUsd: 0,
    pools: ['p'],
    prevention: 0,
    mitigation: 0,
    hasPrevention: true,
    hasMitigation: true,
    ...over,
  };
}

const specArb = fc.record({
  vectorId: fc.constant('v'),
  name: fc.constant('V'),
  streamKey: fc.nat(20),
  incidentShare: fc.double({ min: 0.001, max: 1, noNaN: true }),
  lossShare: fc.double({ min: 0.001, max: 1, noNaN: true }),
  protocolUsd: fc.double({ min: 0, max: 1e10, noNaN: true }),
  usersUsd: fc.double({ min: 0, max: 1e9, noNaN: true }),
  pools: fc.constant(['p']),
  prevention: fc.double({ min: 0, max: 1, noNaN: true }),
  mitigation: fc.double({ min: 0, max: 1, noNaN: true }),
  hasPrevention: fc.boolean(),
  hasMitigation: fc.boolean(),
});

const total = (e: { protocolUsd: number; usersUsd: number }): number => e.protocolUsd + e.usersUsd;

/** The demo as the report scores it: its architecture applied. */
function demo(): { assessment: Assessment; notOperated: Set<string> } {
  const parsed = parseAssessmentFile(demoAssessmentText(), 'demo.json', catalogue);
  if (!parsed.ok) throw new Error(formatProblems(parsed.problems));
  const assessment = parsed.value.file.assessment;
  return { assessment, notOperated: new Set(assessment.architecture?.notOperated ?? []) };
}

function viewOf(
  assessment: Assessment,
  funds: Funds | undefined,
  options: { trials?: number; seed?: number } = {},
): DollarView {
  const notOperated = new Set(assessment.architecture?.notOperated ?? []);
  const effect = applyArchitecture(catalogue, notOperated);
  return dollarView({
    catalogue,
    answers: effectiveAnswers(effect, assessment.answers),
    profile: effectiveProfile(effect, profile),
    targets: targetsOf(assessment),
    notOperated,
    funds,
    trials: options.trials ?? 2_000,
    ...(options.seed === undefined ? {} : { seed: options.seed }),
  });
}

function ready(view: DollarView) {
  if (view.status !== 'ready') throw new Error(`expected figures, got ${JSON.stringify(view)}`);
  return view;
}

describe('distributions', () => {
  it('Φ and Φ⁻¹ agree with tabulated values and invert each other', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    for (const p of [1e-6, 0.01, 0.3, 0.5, 0.8, 0.999]) {
      expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 6);
    }
  });

  it('the Poisson inverse CDF gives counts with the right probabilities and never falls as λ grows', () => {
    expect(poissonQuantile(0.5, 0)).toBe(0);
    expect(poissonQuantile(Math.exp(-2) - 1e-12, 2)).toBe(0);
    expect(poissonQuantile(Math.exp(-2) + 1e-12, 2)).toBe(1);
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 0.999999, noNaN: true }),
        fc.double({ min: 0, max: 20, noNaN: true }),
        fc.double({ min: 0, max: 20, noNaN: true }),
        (u, a, b) => poissonQuantile(u, Math.min(a, b)) <= poissonQuantile(u, Math.max(a, b)),
      ),
    );
  });

  it('the lognormal has the median and mean it is built from, and its capped mean matches a numeric integral', () => {
    const { mu, sigma } = lognormalFromMedianMean(219_000, 4_700_000);
    expect(Math.exp(mu)).toBeCloseTo(219_000, 3);
    expect(Math.exp(mu + (sigma * sigma) / 2)).toBeCloseTo(4_700_000, 0);
    expect(cappedLognormalMean(mu, sigma, Infinity)).toBeCloseTo(4_700_000, -1);
    // E[min(X, c)] = ∫ min(x, c) f(x) dx, by the midpoint rule in the normal variable.
    const cap = 5_000_000;
    let integral = 0;
    const steps = 200_000;
    for (let i = 0; i < steps; i++) {
      const p = (i + 0.5) / steps;
      integral += Math.min(Math.exp(mu + sigma * normalQuantile(p)), cap) / steps;
    }
    expect(cappedLognormalMean(mu, sigma, cap) / integral).toBeCloseTo(1, 3);
    expect(() => lognormalFromMedianMean(10, 5)).toThrow(/median ≤ mean/);
  });
});

describe('the loss model, properties', () => {
  it('zero funds give zero expected loss and no simulated loss', () => {
    fc.assert(
      fc.property(specArb, (s) => {
        const v = vectorLosses([{ ...s, protocolUsd: 0, usersUsd: 0 }], SETTINGS);
        expect(total(expectedLoss(v, 'now'))).toBe(0);
        const sim = simulate(v, 200, seededStreams(1));
        expect(sim.now.protocol.length + sim.now.users.length).toBe(0);
      }),
    );
  });

  it('more funds never lower the expected loss (the protocol’s as its own funds grow, the total as either grows)', () => {
    fc.assert(
      fc.property(
        specArb,
        fc.double({ min: 0, max: 1e10, noNaN: true }),
        fc.double({ min: 0, max: 1e9, noNaN: true }),
        (s, moreProtocol, moreUsers) => {
          const [before] = vectorLosses([s], SETTINGS);
          const [richer] = vectorLosses(
            [{ ...s, protocolUsd: s.protocolUsd + moreProtocol }],
            SETTINGS,
          );
          const [both] = vectorLosses(
            [{ ...s, protocolUsd: s.protocolUsd + moreProtocol, usersUsd: s.usersUsd + moreUsers }],
            SETTINGS,
          );
          if (!before || !richer || !both) throw new Error('no vector');
          const slack = 1e-9 * (1 + total(before.now));
          expect(richer.now.protocolUsd).toBeGreaterThanOrEqual(before.now.protocolUsd - slack);
          expect(total(both.now)).toBeGreaterThanOrEqual(total(before.now) - slack);
        },
      ),
    );
  });

  it('is bounded by frequency × funds within reach, per vector and in total', () => {
    fc.assert(
      fc.property(fc.array(specArb, { minLength: 1, maxLength: 9 }), (specs) => {
        const vs = vectorLosses(specs, SETTINGS);
        let bound = 0;
        for (const v of vs) {
          const b = v.baseFrequency * (v.spec.protocolUsd + v.spec.usersUsd);
          expect(total(v.now)).toBeLessThanOrEqual(b * (1 + 1e-9));
          expect(total(v.target)).toBeLessThanOrEqual(total(v.now) * (1 + 1e-12) + 1e-9);
          bound += b;
        }
        expect(total(expectedLoss(vs, 'now'))).toBeLessThanOrEqual(bound * (1 + 1e-9));
      }),
    );
  });

  it('better answers never raise the expected loss, now or for any gap', () => {
    const { assessment } = demo();
    const funds = assessment.funds;
    const ids = catalogue.controls.map((c) => c.id);
    const base = ready(viewOf(assessment, funds));
    fc.assert(
      fc.property(fc.constantFrom(...ids), fc.integer({ min: 1, max: 3 }), (id, step) => {
        const answer = assessment.answers[id];
        const level = answer?.status === 'level' ? answer.level : answer === undefined ? -1 : null;
        if (level === null) return; // N/A is not a better or worse answer
        const better: Assessment = {
          ...assessment,
          answers: {
            ...assessment.answers,
            [id]: { status: 'level', level: Math.min(3, level + step) },
          },
        };
        const after = ready(viewOf(better, funds));
        const slack = 1e-9 * total(base.expected.now);
        expect(total(after.expected.now)).toBeLessThanOrEqual(total(base.expected.now) + slack);
      }),
      { numRuns: 40 },
    );
  });

  it('every simulated year loses no more at target than now, so the curves never cross', () => {
    fc.assert(
      fc.property(fc.array(specArb, { minLength: 1, maxLength: 5 }), fc.nat(), (specs, seed) => {
        const vs = vectorLosses(specs, SETTINGS);
        const sim = simulate(vs, 500, seededStreams(seed));
        for (const usd of [0, 1e4, 1e5, 1e6, 1e7, 1e8]) {
          expect(exceedance(sim.target, usd)).toBeLessThanOrEqual(exceedance(sim.now, usd) + 1e-12);
        }
      }),
      { numRuns: 50 },
    );
  });
});

describe('the loss model, closed form', () => {
  // One vector, fixed severity (median = mean, σ = 0): every incident takes min(x, R) × (1 − βM).
  const x = 2_000_000;
  const settings: LossSettings = { ...SETTINGS, annualIncidents: 0.4, medianUsd: x, meanUsd: x };
  const s = spec({
    incidentShare: 0.5,
    lossShare: 0.5,
    protocolUsd: 5_000_000,
    prevention: 0.5,
    mitigation: 0.4,
  });
  const [v] = vectorLosses([s], settings);
  if (!v) throw new Error('no vector');
  const lambda = 0.4 * 0.5 * (1 - 0.8 * 0.5); // 0.12 a year
  const loss = x * (1 - 0.5 * 0.4); // $1.6M per incident

  it('matches its arithmetic exactly', () => {
    expect(v.sigma).toBe(0);
    expect(v.now.frequency).toBeCloseTo(lambda, 15);
    expect(v.now.protocolUsd).toBeCloseTo(lambda * loss, 6);
    // At target P = M = 1: λ × 0.2 and each loss × 0.5.
    expect(v.target.protocolUsd).toBeCloseTo(0.4 * 0.5 * 0.2 * x * 0.5, 6);
    // A cap below the severity takes the cap.
    const [capped] = vectorLosses([{ ...s, protocolUsd: 1_000_000 }], settings);
    expect(capped?.now.protocolUsd).toBeCloseTo(lambda * 1_000_000 * 0.8, 6);
  });

  it('the simulation reproduces the Poisson chances of one and of two incidents', () => {
    const trials = 100_000;
    const sim = simulate([v], trials, seededStreams(7));
    const none = Math.exp(-lambda);
    expect(sim.now.incidentYear).toBeCloseTo(1 - none, 12);
    const atLeastOne = exceedance(sim.now, 0);
    const atLeastTwo = exceedance(sim.now, loss * 1.5);
    expect(atLeastOne).toBeCloseTo(1 - none, 12);
    const p2 = 1 - none * (1 + lambda);
    // Four standard errors of the conditional estimate.
    const q = p2 / (1 - none);
    expect(Math.abs(atLeastTwo - p2)).toBeLessThan(
      4 * (1 - none) * Math.sqrt((q * (1 - q)) / trials),
    );
    expect(sim.now.protocolMean / v.now.protocolUsd).toBeCloseTo(1, 2);
    expect(quantile(sim.now, 0.5)).toBe(0);
    expect(quantile(sim.now, 0.99)).toBeCloseTo(loss, 3);
  });
});

describe('the dollar view of an assessment', () => {
  it('gives the same figures for the same inputs and seed, and others for another seed', () => {
    const { assessment } = demo();
    const a = ready(viewOf(assessment, assessment.funds, { seed: 5 }));
    const b = ready(viewOf(assessment, assessment.funds, { seed: 5 }));
    const c = ready(viewOf(assessment, assessment.funds, { seed: 6 }));
    expect(Array.from(a.simulation.now.protocol)).toEqual(Array.from(b.simulation.now.protocol));
    expect(a).toEqual(b);
    expect(Array.from(c.simulation.now.protocol)).not.toEqual(
      Array.from(a.simulation.now.protocol),
    );
    // The expected loss is the closed form: the seed cannot move it.
    expect(c.expected).toEqual(a.expected);
  });

  it('zero in every pool gives zero, and more in a pool never lowers the expected loss', () => {
    const { assessment } = demo();
    const funds = assessment.funds;
    if (!funds) throw new Error('the demo states no funds');
    const zero = ready(
      viewOf(assessment, {
        ...funds,
        pools: Object.fromEntries(Object.keys(funds.pools).map((k) => [k, 0])),
      }),
    );
    expect(total(zero.expected.now)).toBe(0);
    expect(zero.simulation.now.protocol.length).toBe(0);
    const base = ready(viewOf(assessment, funds));
    for (const id of Object.keys(funds.pools)) {
      const more = ready(
        viewOf(assessment, {
          ...funds,
          pools: { ...funds.pools, [id]: (funds.pools[id] ?? 0) + 5e7 },
        }),
      );
      expect(total(more.expected.now)).toBeGreaterThanOrEqual(total(base.expected.now));
    }
  });

  it('ranks gaps by dollars removed per unit of effort, each no more than closing every gap removes', () => {
    const { assessment } = demo();
    const v = ready(viewOf(assessment, assessment.funds));
    const all = total(v.expected.now) - total(v.expected.target);
    expect(v.gaps.length).toBeGreaterThan(10);
    v.gaps.forEach((g, i) => {
      expect(g.removedUsd).toBeLessThanOrEqual(all + 1e-6);
      if (i > 0)
        expect(g.removedPerEffort).toBeLessThanOrEqual(v.gaps[i - 1]?.removedPerEffort ?? Infinity);
    });
  });

  it('uses P and M exactly as the index does', () => {
    const { assessment, notOperated } = demo();
    const effect = applyArchitecture(catalogue, notOperated);
    const answers = effectiveAnswers(effect, assessment.answers);
    const eff = effectiveProfile(effect, profile);
    const risk = computeRisk(catalogue, answers, eff, targetsOf(assessment));
    const v = ready(viewOf(assessment, assessment.funds));
    for (const r of risk.vectors) {
      const x = v.vectors.find((y) => y.spec.vectorId === r.vectorId);
      expect(x?.spec.prevention).toBeCloseTo(r.prevention, 12);
      expect(x?.spec.mitigation).toBeCloseTo(r.mitigation, 12);
    }
  });

  it('keeps users’ wallets apart: only vectors that reach them carry users’ loss', () => {
    const { assessment } = demo();
    const v = ready(viewOf(assessment, assessment.funds));
    expect(v.expected.now.usersUsd).toBeGreaterThan(0);
    for (const x of v.vectors) {
      if (x.now.usersUsd > 0) expect(x.spec.pools).toContain('users-wallets');
    }
  });

  it('says what it needs without funds or without a base rate, and refuses a pool the architecture lacks', () => {
    const { assessment } = demo();
    const none = viewOf(assessment, undefined);
    expect(none.status).toBe('needs');
    if (none.status === 'needs')
      expect(none.needs[0]).toMatch(/funds your architecture puts at risk/);
    const noBridge: Assessment = {
      ...assessment,
      architecture: { notOperated: ['bridge', ...(assessment.architecture?.notOperated ?? [])] },
    };
    const refused = viewOf(noBridge, assessment.funds);
    expect(refused.status).toBe('invalid');
    const checked = checkFunds(catalogue, new Set(['bridge']), {
      asOf: '2026-12-01',
      pools: { 'bridge-escrow': 1 },
    });
    expect(checked.ok ? '' : formatProblems(checked.problems)).toContain(
      'funds: pools.bridge-escrow: "Bridge escrow" needs Bridge or cross-chain messaging, which the architecture says the team does not operate',
    );
    const unknown = checkFunds(catalogue, new Set(), { asOf: '2026-12-01', pools: { vault: 1 } });
    expect(unknown.ok ? '' : formatProblems(unknown.problems)).toContain(
      'unknown funds pool "vault"',
    );
  });

  it('every older file format imports without funds, and its report says what the dollar view needs', () => {
    for (const version of [1, 2, 3, 4, 5]) {
      const text = readFileSync(
        `${repoRoot}tests/fixtures/assessment-files/v${String(version)}.json`,
        'utf8',
      );
      const parsed = parseAssessmentFile(text, `v${String(version)}.json`, catalogue);
      if (!parsed.ok) throw new Error(formatProblems(parsed.problems));
      const a = parsed.value.file.assessment;
      expect(a.funds).toBeUndefined();
      const model = buildReportModel({
        catalogue,
        assessment: a,
        profile,
        reportDate: '2026-12-01',
      });
      expect(model.dollars.status).toBe('needs');
    }
  });
});
