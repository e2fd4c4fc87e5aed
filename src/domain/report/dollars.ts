import type { Assessment } from '../assessment/schema.ts';
import type { Catalogue } from '../catalogue/schema.ts';
import { formatUsd, listInWords } from '../format.ts';
import {
  amountExceededWith,
  exceedance,
  exceedanceParts,
  quantile,
  type SimulatedLosses,
  type VectorLoss,
} from '../loss/model.ts';
import { dollarView, type DollarFigures } from '../loss/view.ts';
import { EFFORT_UNITS, type RiskResult } from '../scoring/risk.ts';
import type { Targets } from '../scoring/readiness.ts';
import type { ThreatProfile } from '../threat/profile.ts';
import { formatProblems } from '../validation.ts';
import { logAxis, type LogAxis } from './charts.ts';

/**
 * The dollar view as the report prints it: every figure already rounded to the digits the
 * simulation supports, so screen, PDF, Markdown and the command line quote the same words. The
 * raw numbers travel beside them (`figures`) for `npm run score -- --json`.
 */
export interface DollarSection {
  readonly dollars: DollarReport;
}

export type DollarReport =
  | {
      readonly status: 'needs';
      readonly needs: readonly string[];
      readonly pools: readonly { readonly name: string; readonly description: string }[];
    }
  | { readonly status: 'invalid'; readonly problems: readonly string[] }
  | ReadyDollars;

export interface ReadyDollars {
  readonly status: 'ready';
  readonly asOf: string;
  readonly headline: readonly { readonly key: string; readonly value: string }[];
  /** One sentence a board reads. */
  readonly sentence: string;
  readonly exceedance: readonly ExceedanceRow[];
  readonly curve: ExceedanceCurve;
  readonly pools: readonly PoolRow[];
  readonly vectors: readonly VectorDollarRow[];
  /** Gaps by dollars removed per unit of effort, highest first; every gap that removes any. */
  readonly gaps: readonly GapDollarRow[];
  /** Each assumption, with the arithmetic on this assessment's own figures. */
  readonly assumptions: readonly string[];
  readonly stability: string;
  readonly figures: DollarNumbers;
}

export interface ExceedanceRow {
  readonly usd: number;
  readonly amount: string;
  readonly now: string;
  readonly target: string;
}

export interface PoolRow {
  readonly name: string;
  readonly holder: string;
  readonly amount: string;
  readonly reachedBy: string;
}

export interface VectorDollarRow {
  readonly name: string;
  readonly reach: string;
  readonly frequency: string;
  readonly severity: string;
  readonly now: string;
  readonly target: string;
}

export interface GapDollarRow {
  readonly rank: number;
  readonly controlId: string;
  readonly title: string;
  readonly effort: string;
  readonly removed: string;
  readonly perEffort: string;
  /** Removed ÷ effort units ≈ per effort unit, in figures (each rounded on its own). */
  readonly arithmetic: string;
}

/** The raw figures, unrounded, for machines. */
export interface DollarNumbers {
  readonly expectedUsd: {
    readonly now: { readonly protocol: number; readonly users: number };
    readonly target: { readonly protocol: number; readonly users: number };
    /** The expected loss now at the ends of the base rate's range, when the profile gives one. */
    readonly range: { readonly low: number; readonly high: number } | null;
  };
  readonly simulatedMeanUsd: { readonly now: number; readonly target: number };
  readonly yearWithIncident: number;
  readonly exceedance: readonly {
    readonly usd: number;
    readonly now: number;
    readonly target: number;
    readonly standardError: number;
  }[];
  readonly quantilesUsd: readonly {
    readonly q: number;
    readonly now: number;
    readonly target: number;
  }[];
  readonly annualIncidents: number;
  readonly medianUsd: number;
  readonly meanUsd: number;
  readonly trials: number;
  readonly seed: number | null;
  readonly gaps: readonly { readonly controlId: string; readonly removedUsd: number }[];
}

/**
 * A loss-exceedance curve: the chance a year's loss exceeds each amount, now and at target, on a
 * log axis of dollars. The screen and the PDF draw it; `summary` is its text alternative and
 * `rows` the table of its points the Markdown and Word exports print.
 */
export interface ExceedanceCurve {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly x: LogAxis;
  /** Top of the chance axis, as a share, and its ticks. */
  readonly yMax: number;
  readonly yTicks: readonly number[];
  readonly series: readonly {
    readonly label: string;
    readonly tone: 'now' | 'target';
    readonly points: readonly { readonly usd: number; readonly p: number }[];
  }[];
  readonly heads: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

export interface DollarInput {
  readonly catalogue: Catalogue;
  readonly assessment: Assessment;
  readonly profile: ThreatProfile;
  readonly notOperated: ReadonlySet<string>;
  readonly targets: Targets;
  readonly risk: RiskResult;
  /** Another seed than the report's, for the stability check of `npm run bench`. */
  readonly seed?: number;
}

const THRESHOLDS = [1e5, 1e6, 1e7, 1e8, 1e9, 1e10] as const;
const QUANTILES = [0.99, 0.999] as const;
const HOLDER = { protocol: 'Protocol', users: 'Users' } as const;

export function dollarSection(input: DollarInput): DollarSection {
  const view = dollarView({
    catalogue: input.catalogue,
    answers: input.assessment.answers,
    profile: input.profile,
    targets: input.targets,
    notOperated: input.notOperated,
    funds: input.assessment.funds,
    readiness: input.risk.readiness,
    prevention: input.risk.prevention,
    mitigation: input.risk.mitigation,
    ...(input.seed === undefined ? {} : { seed: input.seed }),
  });
  if (view.status === 'needs') {
    return {
      dollars: {
        status: 'needs',
        needs: view.needs,
        pools: view.pools.map((p) => ({ name: p.name, description: p.description })),
      },
    };
  }
  if (view.status === 'invalid') {
    return {
      dollars: { status: 'invalid', problems: formatProblems(view.problems).split('\n') },
    };
  }
  return { dollars: ready(view) };
}

/** Significant figures, as a number: 27.555 at 2 → 28, at 1 → 30. */
function sig(x: number, digits: number): number {
  return x === 0 ? 0 : Number(x.toPrecision(digits));
}

/** The same as text, keeping the zeros that are significant: 2.96 at 2 → "3.0", 27.5 at 1 → "30". */
function sigText(x: number, digits: number): string {
  const text = x.toPrecision(digits);
  return text.includes('e') ? String(Number(text)) : text;
}

export function usdSig(x: number, digits: number): string {
  // Rounded first, so $999.6k at 3 digits reads $1.00M rather than $1000k.
  const v = sig(x, digits);
  const scaled = (unit: number, suffix: string): string => `$${sigText(v / unit, digits)}${suffix}`;
  if (v >= 1e9) return scaled(1e9, 'B');
  if (v >= 1e6) return scaled(1e6, 'M');
  if (v >= 1e3) return scaled(1e3, 'k');
  return `$${sigText(v, digits)}`;
}

/** A round amount as a person says it: $100k, $1M, $20M. */
export function roundUsd(x: number): string {
  if (x >= 1e9) return `$${String(sig(x / 1e9, 3))}B`;
  if (x >= 1e6) return `$${String(sig(x / 1e6, 3))}M`;
  if (x >= 1e3) return `$${String(sig(x / 1e3, 3))}k`;
  return `$${String(sig(x, 3))}`;
}

/**
 * A chance rounded to the last unit its sampling error supports (the power of ten at or above ten
 * standard errors, at most two significant figures): two standard errors move it by at most a
 * fifth of that unit, so another seed prints the same figure unless the value sits that close to
 * a rounding edge. One that rounds to nothing is printed as under half the unit.
 */
function pctAtUnit(p: number, se: number): string {
  const lead = 10 ** Math.floor(Math.log10(p));
  const unit = Math.max(se > 0 ? step125(10 * se) : 0, lead / 10);
  const decimals = Math.max(0, -Math.floor(Math.log10(100 * unit) + 1e-9));
  const rounded = Math.round(p / unit) * unit;
  if (rounded === 0) return `under ${(50 * unit).toFixed(decimals + 1)}%`;
  return `${(100 * rounded).toFixed(decimals)}%`;
}

/** The smallest 1, 2 or 5 times a power of ten at or above x: units that grow smoothly. */
function step125(x: number): number {
  const e = Math.floor(Math.log10(x));
  for (const m of [1, 2, 5, 10])
    if (m * 10 ** e >= x * (1 - 1e-12)) return Number((m * 10 ** e).toPrecision(1));
  return 10 ** (e + 1);
}

function pctSig(p: number, digits: number): string {
  if (p === 0) return '0%';
  return `${sigText(100 * p, digits)}%`;
}

/**
 * Fewer simulated years than this above an amount leave the simulated stratum's share too
 * uncertain to read as a figure: alone it is printed as a bound, and beside an exact part its
 * standard error is taken as that of this many years, never less.
 */
const FEW = 10;

/**
 * Standard error of the simulated stratum's share above an amount, weight × √(q(1 − q)/trials),
 * with q kept at least FEW years from 0 and from every year, so a handful of simulated years
 * cannot make a figure look more precise than they allow.
 */
function sampledError(s: SimulatedLosses, count: number): number {
  if (s.trials === 0 || s.weight === 0) return 0;
  const floor = Math.min(0.5, FEW / s.trials);
  const q = Math.min(1 - floor, Math.max(floor, count / s.trials));
  return s.weight * Math.sqrt((q * (1 - q)) / s.trials);
}

/** Standard error of P(a year's loss to the protocol > usd), as `chance` rounds it. */
function chanceError(s: SimulatedLosses, usd: number): number {
  return sampledError(s, exceedanceParts(s, usd).count);
}

/**
 * The smallest chance printed as a figure: 1 in 100,000 years. Below it a chance says nothing the
 * model's inputs support (its base rate alone is uncertain by a factor of three), and the figure
 * would rest on a handful of simulated years.
 */
const SMALLEST = 1e-5;

/**
 * The chance a year's loss to the protocol exceeds an amount, as printed: two standard errors
 * either side deciding its digits. A chance whose estimate and two standard errors lie below 1 in
 * 100,000 is printed as under that. One that rests on fewer than ten simulated years and no exact
 * part is given as "under" the share 20 such years would be, which covers the 95% upper bound of
 * a Poisson count below ten (17.0 at nine). Both bounds depend on the inputs and the trial count
 * only, never on the draws, so every seed prints the same bound.
 */
function chance(s: SimulatedLosses, usd: number): string {
  const { exact, sampled, count } = exceedanceParts(s, usd);
  const p = exact + sampled;
  if (p === 0 && s.weight === 0) return '0%';
  if (exact === 0 && count < FEW) {
    return `under ${pctSig(Math.max(SMALLEST, (s.weight * 2 * FEW) / s.trials), 1)}`;
  }
  const se = sampledError(s, count);
  if (p + 2 * se < SMALLEST) return `under ${pctSig(SMALLEST, 1)}`;
  return pctAtUnit(p, se);
}

/**
 * A 1-in-N-years loss as printed: one significant figure, rounded down. It sits in the tail of a
 * heavy-tailed model whose base rate alone is uncertain by a factor of about three, so a second
 * digit would claim more than the model supports, and rounded down "loses more than" stays true.
 * Its sampling error is far below that digit (the amounts exceeded with chance 1 − q two standard
 * errors either side differ by well under a tenth of it at the report's trial count).
 */
function quantileText(s: SimulatedLosses, q: number): string {
  const value = quantile(s, q);
  if (value === 0) return '$0';
  return usdSig(floorSig(value), 1);
}

/** Rounded down to one significant figure: 745,214 → 700,000. */
function floorSig(x: number): number {
  const unit = 10 ** Math.floor(Math.log10(x));
  // The epsilon keeps an exact 3e6, whose quotient may come out as 2.9999…, at 3e6.
  return Math.floor(x / unit + 1e-9) * unit;
}

/** How far apart the amounts exceeded with the quantile's chance ± two standard errors are. */
function quantileSpread(s: SimulatedLosses, q: number): number {
  const value = quantile(s, q);
  if (value === 0) return 0;
  const se = chanceError(s, value);
  return amountExceededWith(s, Math.max(0, 1 - q - 2 * se)) - amountExceededWith(s, 1 - q + 2 * se);
}

function reachOf(f: DollarFigures): number {
  return Math.max(0, ...f.vectors.map((v) => v.spec.protocolUsd));
}

function ready(f: DollarFigures): ReadyDollars {
  const { now, target } = f.simulation;
  const eNow = f.expected.now;
  const eTarget = f.expected.target;
  const r = f.settings.annualIncidents;
  const range =
    f.baseRate.low !== null && f.baseRate.high !== null
      ? {
          low: (eNow.protocolUsd * f.baseRate.low) / r,
          high: (eNow.protocolUsd * f.baseRate.high) / r,
        }
      : null;
  const maxReach = reachOf(f);
  const thresholds = THRESHOLDS.filter((t) => t <= maxReach);
  const exceedances = thresholds.map((usd) => {
    return {
      usd,
      now: exceedance(now, usd),
      target: exceedance(target, usd),
      standardError: chanceError(now, usd),
    };
  });
  const quantiles = QUANTILES.map((q) => ({
    q,
    now: quantile(now, q),
    target: quantile(target, q),
  }));
  const rangeText =
    range === null
      ? ''
      : ` (${formatUsd(range.low)} to ${formatUsd(range.high)} across the base rate's range, ${String(f.baseRate.low)} to ${String(f.baseRate.high)} incidents a year)`;
  const users = eNow.usersUsd > 0 || eTarget.usersUsd > 0;
  const noLoss = 1 - now.incidentYear;
  const headline = [
    { key: 'Expected loss a year', value: `${formatUsd(eNow.protocolUsd)}${rangeText}` },
    { key: 'At target', value: `${formatUsd(eTarget.protocolUsd)} with every control at target` },
    {
      key: 'No incident',
      value: `${pctSig(noLoss, 3)} of years now (at least one: ${pctSig(now.incidentYear, 2)})`,
    },
    {
      key: '1 year in 100',
      value: `loses more than ${quantileText(now, 0.99)} now, ${quantileText(target, 0.99)} at target`,
    },
    {
      key: '1 year in 1,000',
      value: `loses more than ${quantileText(now, 0.999)} now, ${quantileText(target, 0.999)} at target`,
    },
    ...(users
      ? [
          {
            key: 'Users’ own',
            value: `expected ${formatUsd(eNow.usersUsd)} a year now, ${formatUsd(eTarget.usersUsd)} at target (apart from the protocol’s)`,
          },
        ]
      : []),
    { key: 'Funds as of', value: f.asOf },
  ];
  const removed = eNow.protocolUsd + eNow.usersUsd - eTarget.protocolUsd - eTarget.usersUsd;
  const sentence =
    `With the funds stated as of ${f.asOf}, the protocol can expect to lose ${formatUsd(eNow.protocolUsd)} a year on average` +
    `${range === null ? '' : ` (${formatUsd(range.low)} to ${formatUsd(range.high)} as the base rate ranges)`}; ` +
    `with every control at target, ${formatUsd(eTarget.protocolUsd)}. ` +
    `Most years lose nothing: the average is carried by rare large incidents` +
    (exceedances.length > 0
      ? `, and the chance of losing more than ${roundUsd(exceedances[exceedances.length - 1]?.usd ?? 0)} in a year is ${chance(now, exceedances[exceedances.length - 1]?.usd ?? 0)}.`
      : '.') +
    ` Closing every gap removes ${formatUsd(removed)} a year in expectation.`;
  const rows: ExceedanceRow[] = exceedances.map((x) => ({
    usd: x.usd,
    amount: `More than ${roundUsd(x.usd)}`,
    now: chance(now, x.usd),
    target: chance(target, x.usd),
  }));
  const gapRows = f.gaps
    .filter((g) => g.removedUsd > 0)
    .map((g, i) => ({
      rank: i + 1,
      controlId: g.score.control.id,
      title: g.score.control.title,
      effort: g.score.control.effort,
      // Two significant figures: the closed form has no sampling error, and two digits keep
      // neighbouring ranks apart where whole thousands would print them alike. The column prints
      // the figure the arithmetic divides; the quotient is of the unrounded amount, each side
      // rounded on its own, hence "≈" ($1.5k ÷ 4 ≈ $390 for $1,549 removed).
      removed: usdSig(g.removedUsd, 2),
      perEffort: usdSig(g.removedPerEffort, 2),
      arithmetic: `${usdSig(g.removedUsd, 2)} ÷ ${String(EFFORT_UNITS[g.score.control.effort])} ≈ ${usdSig(g.removedPerEffort, 2)}`,
    }));
  return {
    status: 'ready',
    asOf: f.asOf,
    headline,
    sentence,
    exceedance: rows,
    curve: curveOf(f, maxReach),
    pools: f.pools.map((p) => ({
      name: p.pool.name,
      holder: HOLDER[p.pool.holder],
      amount: formatUsd(p.usd),
      reachedBy: p.reachedBy.length === 0 ? 'no weighted vector' : listInWords(p.reachedBy),
    })),
    vectors: [...f.vectors]
      .sort((a, b) => b.now.protocolUsd + b.now.usersUsd - (a.now.protocolUsd + a.now.usersUsd))
      .map((v) => ({
        name: v.spec.name,
        reach: v.reachUsd === 0 ? 'nothing stated' : formatUsd(v.reachUsd),
        frequency: `${rate(v.now.frequency)} (${rate(v.baseFrequency)} before controls)`,
        severity: `median ${formatUsd(v.medianUsd)}, mean ${formatUsd(v.meanUsd)}`,
        now: withUsers(v.now.protocolUsd, v.now.usersUsd),
        target: withUsers(v.target.protocolUsd, v.target.usersUsd),
      })),
    gaps: gapRows,
    assumptions: assumptions(f, maxReach),
    stability: stabilityText(f, exceedances),
    figures: {
      expectedUsd: {
        now: { protocol: eNow.protocolUsd, users: eNow.usersUsd },
        target: { protocol: eTarget.protocolUsd, users: eTarget.usersUsd },
        range,
      },
      simulatedMeanUsd: { now: now.protocolMean, target: target.protocolMean },
      yearWithIncident: now.incidentYear,
      exceedance: exceedances.map((x) => ({
        usd: x.usd,
        now: x.now,
        target: x.target,
        standardError: x.standardError,
      })),
      quantilesUsd: quantiles,
      annualIncidents: r,
      medianUsd: f.settings.medianUsd,
      meanUsd: f.settings.meanUsd,
      trials: f.trials,
      seed: f.seed,
      gaps: f.gaps
        .filter((g) => g.removedUsd > 0)
        .map((g) => ({ controlId: g.score.control.id, removedUsd: g.removedUsd })),
    },
  };
}

function withUsers(protocol: number, users: number): string {
  return users > 0 ? `${formatUsd(protocol)} + users ${formatUsd(users)}` : formatUsd(protocol);
}

/** Incidents a year, to the digits a rate this small needs: 0.0036 a year, 1 in 280 years. */
function rate(perYear: number): string {
  if (perYear === 0) return 'none';
  return `${String(sig(perYear, 2))}/yr`;
}

function curveOf(f: DollarFigures, maxReach: number): ExceedanceCurve {
  const { now, target } = f.simulation;
  const lo = 1e4;
  const hi = Math.max(lo * 10, maxReach);
  const axis = logAxis([lo, hi]);
  const grid = axis.ticks.length >= 2 ? axis.ticks : [lo, hi];
  const points = (s: SimulatedLosses) => grid.map((usd) => ({ usd, p: exceedance(s, usd) }));
  const nowPoints = points(now);
  const targetPoints = points(target);
  const top = Math.max(0.001, ...nowPoints.map((p) => p.p));
  const yMax = niceCeiling(top);
  // Ticks at a 1-2-5 step, four to ten of them, so each reads as a whole percentage or half one.
  const step = step125(yMax / 6);
  const yTicks = Array.from({ length: Math.floor(yMax / step + 1e-9) + 1 }, (_, i) =>
    Number((i * step).toPrecision(3)),
  );
  const rows = grid.map((usd) => [roundUsd(usd), chance(now, usd), chance(target, usd)]);
  const decades = grid
    .map((usd, i) => ({ usd, i }))
    .filter(({ usd }) => Number.isInteger(Math.log10(usd)));
  const summary =
    `Chance that a year's loss to the protocol exceeds each amount, now and with every control at target (years with one incident computed exactly, ${thousands(f.trials)} years with two or more simulated): ` +
    decades
      .map(
        ({ usd, i }) =>
          `more than ${roundUsd(usd)}: ${rows[i]?.[1] ?? ''} now, ${rows[i]?.[2] ?? ''} at target`,
      )
      .join('; ') +
    '. The target curve lies on or below the current one at every amount.';
  return {
    id: 'loss-exceedance',
    title: 'Loss-exceedance curve',
    summary,
    xLabel: 'Loss in a year (US dollars, log scale)',
    yLabel: 'Chance of losing more',
    x: axis,
    yMax,
    yTicks,
    series: [
      { label: 'Now', tone: 'now', points: nowPoints },
      { label: 'Every control at target', tone: 'target', points: targetPoints },
    ],
    heads: ['Loss in a year more than', 'Chance now', 'Chance at target'],
    rows,
  };
}

/** 200000 → "200,000": the same on every machine, unlike toLocaleString. */
function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** 1, 2 or 5 times a power of ten at or above the value. */
function niceCeiling(x: number): number {
  const e = Math.floor(Math.log10(x));
  for (const m of [1, 2, 5, 10]) {
    const v = m * 10 ** e;
    if (v >= x * (1 - 1e-9)) return Number(v.toPrecision(1));
  }
  return 10 ** (e + 1);
}

/** The vector that carries most of the expected loss: its figures make the worked example. */
function exampleVector(f: DollarFigures): VectorLoss | undefined {
  return [...f.vectors].sort(
    (a, b) => b.now.protocolUsd + b.now.usersUsd - (a.now.protocolUsd + a.now.usersUsd),
  )[0];
}

function assumptions(f: DollarFigures, maxReach: number): string[] {
  const s = f.settings;
  const v = exampleVector(f);
  const sigma = v?.sigma ?? 0;
  const base =
    f.baseRate.source === 'profile'
      ? `Base rate r = ${String(s.annualIncidents)} incidents a year for ${f.baseRate.kind ?? 'a protocol of this kind'}, the profile's assumption (range ${String(f.baseRate.low)} to ${String(f.baseRate.high)}): ${f.baseRate.reasoning ?? ''}`
      : `Base rate r = ${String(s.annualIncidents)} incidents a year, the team's own figure in place of the profile's.`;
  const items = [
    base,
    `Severity: one incident's loss is lognormal with the profile population's median ${formatUsd(s.medianUsd)} and mean ${formatUsd(s.meanUsd)}, so σ = √(2 ln(${formatUsd(s.meanUsd)} / ${formatUsd(s.medianUsd)})) = ${sigma.toFixed(2)} for every vector; a vector's median and mean are both scaled by its cost multiplier c = loss share ÷ incident share, the index's cost factor. Heavy-tailed on purpose: the mean is ${String(sig(s.meanUsd / s.medianUsd, 2))} times the median, because a few incidents take most of the money.`,
  ];
  if (v) {
    const cap = v.reachUsd;
    items.push(
      `Frequency, for ${v.spec.name} (the vector carrying most of the expected loss): λ = r × incident share = ${String(s.annualIncidents)} × ${String(v.spec.incidentShare)} = ${String(sig(v.baseFrequency, 3))} a year.`,
      `Severity for ${v.spec.name}: c = ${String(v.spec.lossShare)} ÷ ${String(v.spec.incidentShare)} = ${v.costMultiplier.toFixed(2)}, so median ${formatUsd(s.medianUsd)} × ${v.costMultiplier.toFixed(2)} = ${formatUsd(v.medianUsd)} and mean ${formatUsd(s.meanUsd)} × ${v.costMultiplier.toFixed(2)} = ${formatUsd(v.meanUsd)}.`,
      `Cap: one incident takes at most the funds the vector can reach, per the catalogue: ${v.spec.pools.length === 0 ? 'none stated' : listInWords(f.pools.filter((p) => v.spec.pools.includes(p.pool.id)).map((p) => `${p.pool.name.toLowerCase()} ${formatUsd(p.usd)}`))} = ${formatUsd(cap)}. Its capped mean is E[min(X, ${formatUsd(cap)})] = ${formatUsd(v.cappedMeanUsd)}.`,
      `Prevention lowers frequency as in the index: λ' = λ × (1 − α P) = ${String(sig(v.baseFrequency, 3))} × (1 − ${String(s.prevention)} × ${v.now.prevention.toFixed(2)}) = ${String(sig(v.now.frequency, 3))} a year (P = ${v.now.prevention.toFixed(2)}, the weighted attainment of its preventing controls).`,
      `Mitigation lowers severity as in the index: each loss × (1 − β M) = 1 − ${String(s.mitigation)} × ${v.now.mitigation.toFixed(2)} = ${v.now.severityScale.toFixed(2)}.`,
      `Expected loss a year for ${v.spec.name}: λ' × (1 − β M) × E[min(X, cap)] = ${String(sig(v.now.frequency, 3))} × ${v.now.severityScale.toFixed(2)} × ${formatUsd(v.cappedMeanUsd)} = ${formatUsd(v.now.protocolUsd + v.now.usersUsd)}; summed over every vector, ${formatUsd(f.expected.now.protocolUsd)} to the protocol${f.expected.now.usersUsd > 0 ? ` and ${formatUsd(f.expected.now.usersUsd)} to users` : ''}.`,
    );
  }
  items.push(
    `At target every applicable control reaches its target, so P = 1 and M = 1 for each vector that has preventing or mitigating controls: λ' = λ × ${(1 - s.prevention).toFixed(2)} and each loss × ${(1 - s.mitigation).toFixed(2)}. No set of controls removes all loss, which is why α and β are below 1.`,
    'Incidents of each vector arrive independently (a Poisson process) and the funds stay as stated for the year; nothing is recovered, frozen or insured afterwards, and the loss of access, downtime and reputation that follow a theft are not counted.',
    `A loss within reach of users' own wallets (through a poisoned front end or package) is split between the protocol and the users in proportion to the funds each has within the vector's reach, and the users' part is reported apart.`,
    `Vectors the architecture removes cannot happen to this team and take no frequency; incidents of kinds the catalogue does not model (the profile's remainder) are not counted, so these figures understate the whole.`,
    `Each gap's dollars removed: the expected loss a year with that control alone raised to target, subtracted from the expected loss now (closed form, so it is exact and every gap can be ranked); divided by the effort units (S 1, M 2, L 4) it orders the plan by dollars removed per unit of effort.`,
    `The round amounts and the curve stop at ${formatUsd(maxReach)}, the most any one vector can reach: one incident never takes more, and a year's loss to the protocol could exceed it only through several incidents, up to the sum of the protocol's pools (${formatUsd(f.pools.filter((p) => p.pool.holder === 'protocol').reduce((sum, p) => sum + p.usd, 0))}).`,
  );
  return items;
}

function stabilityText(
  f: DollarFigures,
  exceedances: readonly {
    readonly usd: number;
    readonly now: number;
    readonly standardError: number;
  }[],
): string {
  const s = f.simulation.now;
  const worst = Math.max(0, ...exceedances.map((x) => x.standardError));
  // The largest share of its printed unit that a 1-in-N-years loss moves within ±2 standard errors.
  const moves = Math.max(
    0,
    ...QUANTILES.flatMap((q) =>
      [s, f.simulation.target].map((state) => {
        const value = quantile(state, q);
        return value === 0 ? 0 : quantileSpread(state, q) / 10 ** Math.floor(Math.log10(value));
      }),
    ),
  );
  const mc = s.protocolMean;
  const exact = f.expected.now.protocolUsd;
  const gap = exact === 0 ? 0 : Math.abs(mc - exact) / exact;
  return (
    `How the chances are computed: a year with exactly one incident (${pctSig(s.single.chance, 2)} of years now) is computed exactly, as a sum of capped lognormal tails; ` +
    `years with two or more incidents (${pctSig(s.weight, 2)} of years) are simulated, ${thousands(f.trials)} of them, ` +
    `seed ${f.seed === null ? 'supplied by the caller' : String(f.seed)}: the same inputs and seed give the same figures; the rest lose nothing. ` +
    `Expected losses come from the closed form and are exact for the model; ${gap < 0.001 ? 'the mean of the two strata agrees with it to within 0.1%' : `the mean of the two strata, ${formatUsd(mc)}, differs from it by ${pctSig(gap, 1)}`}. ` +
    `Only the simulated stratum has a sampling error: each chance is rounded to the 1, 2 or 5 unit at or above ten of its standard errors (and to two significant figures at most), and the 1-in-100 and 1-in-1,000 year losses to one significant figure, rounded down so that “loses more than” stays true (a second digit would claim more than a model whose base rate is uncertain by a factor of three supports), so another seed prints the same figures unless a value sits within a fifth of a unit of a rounding edge. Every standard error of a chance shown is under ${pctSig(worst === 0 ? 0 : 10 ** Math.ceil(Math.log10(worst)), 1)}; ${moves < 0.1 ? 'the 1-in-100 and 1-in-1,000 year losses move by under a tenth of their printed digit' : `the 1-in-100 and 1-in-1,000 year losses move by up to ${pctSig(moves, 1)} of their printed digit`} within two standard errors of their chance.`
  );
}
