import {
  cappedLognormalMean,
  erfc,
  lognormalFromMedianMean,
  normalQuantile,
} from './distributions.ts';
import type { Streams } from './random.ts';
import { positiveAscending } from './sort.ts';

/**
 * The dollar view: how much a team could lose in a year, and how likely, from the threat profile's
 * public figures and the team's own balances. Per attack vector v:
 *
 *   frequency     λ(v) = r × i(v)          r: incidents a year for a protocol of this kind (the
 *                                          profile's stated assumption, or the team's own);
 *                                          i(v): the profile's incident share
 *   severity      X(v) ~ lognormal with median c(v)·m and mean c(v)·μ, where m and μ are the
 *                 profile population's median and mean loss and c(v) = l(v) / i(v) the vector's
 *                 cost multiplier, as in the index; so σ = √(2 ln(μ / m)) for every vector
 *   cap           one incident takes at most R(v), the funds in the pools v can reach
 *   controls      λ'(v) = λ(v) (1 − α P(v))      prevention makes incidents rarer
 *                 loss  = (1 − β M(v)) min(X, R)  mitigation makes each one smaller
 * with P, M, α and β exactly as the residual-risk index uses them. Incidents of each vector arrive
 * as a Poisson process, independently of other vectors; a year's loss is the sum of its incidents.
 *
 * The expected annual loss has a closed form, Σ λ'(v) (1 − β M(v)) E[min(X(v), R(v))], which the
 * report quotes exactly; the Monte Carlo simulation gives what no formula here does: the spread of
 * a year's loss, the chance of exceeding an amount, and the loss-exceedance curve. A loss that
 * reaches users' own wallets (a poisoned front end) is the users' loss, split from the protocol's
 * in proportion to the funds each side has within the vector's reach, and reported apart.
 */

export interface LossSettings {
  /** r: incidents a year for a protocol of this kind. */
  readonly annualIncidents: number;
  /** m and μ: the profile population's median and mean loss per incident, in USD. */
  readonly medianUsd: number;
  readonly meanUsd: number;
  /** α and β of the index. */
  readonly prevention: number;
  readonly mitigation: number;
}

export interface LossVectorSpec {
  readonly vectorId: string;
  readonly name: string;
  /** Keys the vector's random streams: its position in the catalogue, not in this list. */
  readonly streamKey: number;
  readonly incidentShare: number;
  readonly lossShare: number;
  /** Funds within the vector's reach, the protocol's and users' own. */
  readonly protocolUsd: number;
  readonly usersUsd: number;
  /** Ids of the pools it reaches that hold funds. */
  readonly pools: readonly string[];
  /** P(v) and M(v) with the team's answers, and whether any control prevents or mitigates v. */
  readonly prevention: number;
  readonly mitigation: number;
  readonly hasPrevention: boolean;
  readonly hasMitigation: boolean;
}

/** One vector under one state of the controls. */
export interface LossTerms {
  readonly prevention: number;
  readonly mitigation: number;
  /** λ'(v): incidents a year once prevention counts. */
  readonly frequency: number;
  /** 1 − β M(v): the part of each incident's loss mitigation leaves. */
  readonly severityScale: number;
  /** Expected loss a year, the protocol's and users'. */
  readonly protocolUsd: number;
  readonly usersUsd: number;
}

export interface VectorLoss {
  readonly spec: LossVectorSpec;
  /** c(v) = l(v) / i(v). */
  readonly costMultiplier: number;
  /** λ(v) = r × i(v), before controls. */
  readonly baseFrequency: number;
  readonly medianUsd: number;
  readonly meanUsd: number;
  readonly mu: number;
  readonly sigma: number;
  /** R(v) = protocol + users funds within reach. */
  readonly reachUsd: number;
  /** E[min(X, R)]: one incident's expected loss before mitigation. */
  readonly cappedMeanUsd: number;
  readonly now: LossTerms;
  /** Every applicable control at target: P = 1 where any control prevents, M = 1 likewise. */
  readonly target: LossTerms;
}

export function termsOf(
  v: Omit<VectorLoss, 'now' | 'target'>,
  settings: LossSettings,
  prevention: number,
  mitigation: number,
): LossTerms {
  const frequency = v.baseFrequency * (1 - settings.prevention * prevention);
  const severityScale = 1 - settings.mitigation * mitigation;
  const expected = frequency * severityScale * v.cappedMeanUsd;
  const { protocolUsd, usersUsd } = v.spec;
  const reach = protocolUsd + usersUsd;
  return {
    prevention,
    mitigation,
    frequency,
    severityScale,
    // The share first: expected × funds could underflow for tiny amounts.
    protocolUsd: reach === 0 ? 0 : expected * (protocolUsd / reach),
    usersUsd: reach === 0 ? 0 : expected * (usersUsd / reach),
  };
}

/** The model's figures per vector: frequency, severity, cap and expected loss, now and at target. */
export function vectorLosses(
  specs: readonly LossVectorSpec[],
  settings: LossSettings,
): VectorLoss[] {
  const { mu: muPop, sigma } = lognormalFromMedianMean(settings.medianUsd, settings.meanUsd);
  return specs.map((spec) => {
    const costMultiplier = spec.incidentShare === 0 ? 0 : spec.lossShare / spec.incidentShare;
    const reachUsd = spec.protocolUsd + spec.usersUsd;
    const mu = costMultiplier > 0 ? muPop + Math.log(costMultiplier) : -Infinity;
    const base = {
      spec,
      costMultiplier,
      baseFrequency: settings.annualIncidents * spec.incidentShare,
      medianUsd: costMultiplier * settings.medianUsd,
      meanUsd: costMultiplier * settings.meanUsd,
      mu,
      sigma,
      reachUsd,
      cappedMeanUsd: costMultiplier > 0 ? cappedLognormalMean(mu, sigma, reachUsd) : 0,
    };
    return {
      ...base,
      now: termsOf(base, settings, spec.prevention, spec.mitigation),
      target: termsOf(
        base,
        settings,
        spec.hasPrevention ? 1 : spec.prevention,
        spec.hasMitigation ? 1 : spec.mitigation,
      ),
    };
  });
}

/** Σ over vectors of the expected loss a year, by whose loss it is. */
export function expectedLoss(
  vectors: readonly VectorLoss[],
  which: 'now' | 'target',
): { readonly protocolUsd: number; readonly usersUsd: number } {
  let protocolUsd = 0;
  let usersUsd = 0;
  for (const v of vectors) {
    protocolUsd += v[which].protocolUsd;
    usersUsd += v[which].usersUsd;
  }
  return { protocolUsd, usersUsd };
}

/** Whose loss a figure is of: the protocol's own funds, or users' wallets. */
export type Whose = 'protocol' | 'users';

/**
 * Years with exactly one incident, which need no sampling: one incident of vector v takes
 * scale(v) × min(X(v), cap(v)) with X lognormal, so the chance that such a year loses more than an
 * amount is a sum of lognormal tails, computed exactly.
 */
export interface SingleIncidentYears {
  /** P(exactly one incident in a year) with the controls now. */
  readonly chance: number;
  /** Per vector with a rate and funds in reach: the chance the one incident is of it (λ(v)/Λ), and at target also that it still happens. */
  readonly share: Float64Array;
  readonly mu: Float64Array;
  readonly sigma: Float64Array;
  readonly cap: Float64Array;
  /** What min(X, cap) is multiplied by for the protocol's part and for users': mitigation × split. */
  readonly protocolScale: Float64Array;
  readonly usersScale: Float64Array;
  /** E[min(X, cap)] per vector, for the mean. */
  readonly cappedMean: Float64Array;
}

/**
 * One state of the controls, as a year's loss distribution in two strata: years with one incident,
 * exact (`single`), and years with two or more, simulated. `weight` is the chance of a year with
 * two or more incidents; each of the `trials` simulated years stands for that share of all years.
 * Only simulated years with a loss above $0 are kept, ascending.
 */
export interface SimulatedLosses {
  readonly trials: number;
  /** P(at least one incident in a year) with the controls now. */
  readonly incidentYear: number;
  readonly single: SingleIncidentYears;
  /** P(two or more incidents in a year) with the controls now: what each simulated year stands for. */
  readonly weight: number;
  /** The simulated years' losses: ascending, every value above 0, at most `trials` of them. */
  readonly protocol: Float64Array;
  readonly users: Float64Array;
  /** The expected loss a year these give (exact one-incident part plus the simulated part), to compare with the closed form. */
  readonly protocolMean: number;
  readonly usersMean: number;
}

export interface Simulation {
  readonly now: SimulatedLosses;
  readonly target: SimulatedLosses;
}

/**
 * The distribution of a year's loss now and with every control at target. A year has no incident,
 * one, or two or more (a Poisson count at the total rate Λ = Σ λ'(v)):
 *
 * - no incident: no loss;
 * - exactly one (chance Λe^{−Λ}): the incident is of vector v with chance λ'(v)/Λ and its loss is
 *   a capped, scaled lognormal, so every chance and quantile of this stratum is computed exactly;
 * - two or more (chance 1 − e^{−Λ}(1 + Λ)): simulated, `trials` such years. The count is drawn
 *   from the Poisson with 0 and 1 left out, each incident's vector in proportion to the rates, its
 *   severity from the vector's lognormal.
 *
 * This is stratified sampling: the same distribution as plain Monte Carlo, but the stratum that
 * carries almost all of a year's chance of loss (about 98% of incident years at the default rate)
 * has no sampling error at all, and the sampled stratum is small (about 1 year in 900), so the
 * standard error of a chance shown is some 40 times smaller than sampling every incident year
 * with as many trials.
 *
 * At target the same incidents happen, thinned: each survives with probability λ'target / λ'now
 * (prevention makes it rarer) and keeps the same severity scaled by mitigation. That is exactly a
 * Poisson process at the target rates; in the simulated stratum every year loses at most as much
 * at target as now, and in the exact stratum every term is smaller, so the curves never cross.
 */
export function simulate(
  vectors: readonly VectorLoss[],
  trials: number,
  streams: Streams,
): Simulation {
  const active = vectors.filter((v) => v.now.frequency > 0 && v.reachUsd > 0);
  let total = 0;
  for (const v of active) total += v.now.frequency;
  const n = active.length;
  const none = Math.exp(-total);
  const one = total * none;
  // P(N ≥ 2) = 1 − e^{−Λ} − Λe^{−Λ}, with expm1 so a small Λ keeps its digits.
  const twoOrMore = Math.max(0, -Math.expm1(-total) - one);
  const incidentYear = -Math.expm1(-total);
  const share = Float64Array.from(active, (v) => v.now.frequency / total);
  const keep = Float64Array.from(active, (v) => v.target.frequency / v.now.frequency);
  const scaleNow = Float64Array.from(active, (v) => v.now.severityScale);
  const scaleTarget = Float64Array.from(active, (v) => v.target.severityScale);
  const mus = Float64Array.from(active, (v) => v.mu);
  const sigmas = Float64Array.from(active, (v) => v.sigma);
  const caps = Float64Array.from(active, (v) => v.reachUsd);
  const toUsers = Float64Array.from(active, (v) => v.spec.usersUsd / v.reachUsd);
  const cappedMean = Float64Array.from(active, (v) => v.cappedMeanUsd);
  const singleOf = (shares: Float64Array, scale: Float64Array): SingleIncidentYears => ({
    chance: active.length === 0 ? 0 : one,
    share: shares,
    mu: mus,
    sigma: sigmas,
    cap: caps,
    protocolScale: scale.map((x, k) => x * (1 - (toUsers[k] ?? 0))),
    usersScale: scale.map((x, k) => x * (toUsers[k] ?? 0)),
    cappedMean,
  });
  const singleNow = singleOf(share, scaleNow);
  const singleTarget = singleOf(
    share.map((x, k) => x * (keep[k] ?? 0)),
    scaleTarget,
  );
  const sampled = active.length === 0 || total === 0 || trials === 0 || twoOrMore === 0;
  const pNow = new Float64Array(sampled ? 0 : trials);
  const uNow = new Float64Array(sampled ? 0 : trials);
  const pTarget = new Float64Array(sampled ? 0 : trials);
  const uTarget = new Float64Array(sampled ? 0 : trials);
  const cumulative = new Float64Array(n);
  let running = 0;
  for (let k = 0; k < n; k++) {
    running += share[k] ?? 0;
    cumulative[k] = running;
  }
  const last = n - 1;
  // Local binding: called per incident, and a module's exports can sit behind getters.
  const inverseNormal = normalQuantile;
  const two = (one * total) / 2;
  for (let t = 0; t < pNow.length; t++) {
    streams.start(t, 0);
    // The Poisson inverse CDF above P(N ≤ 1): a count of at least two.
    const w = twoOrMore * streams.next();
    let count = 2;
    let p = two;
    let cdf = p;
    while (w >= cdf && count < 10_000 && p > 0) {
      count += 1;
      p *= total / count;
      cdf += p;
    }
    let pn = 0;
    let un = 0;
    let pt = 0;
    let ut = 0;
    for (let j = 0; j < count; j++) {
      const pick = streams.next();
      let k = 0;
      while (k < last && pick >= (cumulative[k] ?? 0)) k++;
      const x = Math.min(
        Math.exp((mus[k] ?? 0) + (sigmas[k] ?? 0) * inverseNormal(streams.next())),
        caps[k] ?? 0,
      );
      const toUser = toUsers[k] ?? 0;
      const lossNow = (scaleNow[k] ?? 0) * x;
      pn += lossNow * (1 - toUser);
      un += lossNow * toUser;
      if (streams.next() < (keep[k] ?? 0)) {
        const lossTarget = (scaleTarget[k] ?? 0) * x;
        pt += lossTarget * (1 - toUser);
        ut += lossTarget * toUser;
      }
    }
    pNow[t] = pn;
    uNow[t] = un;
    pTarget[t] = pt;
    uTarget[t] = ut;
  }
  const finish = (
    single: SingleIncidentYears,
    protocol: Float64Array,
    users: Float64Array,
  ): SimulatedLosses => {
    const p = positiveAscending(protocol);
    const u = positiveAscending(users);
    let protocolSingle = 0;
    let usersSingle = 0;
    for (let k = 0; k < n; k++) {
      const m = (single.share[k] ?? 0) * (single.cappedMean[k] ?? 0);
      protocolSingle += m * (single.protocolScale[k] ?? 0);
      usersSingle += m * (single.usersScale[k] ?? 0);
    }
    const perTrial = protocol.length === 0 ? 0 : twoOrMore / protocol.length;
    return {
      trials,
      incidentYear: active.length === 0 ? 0 : incidentYear,
      single,
      weight: protocol.length === 0 ? 0 : twoOrMore,
      protocol: p,
      users: u,
      protocolMean: single.chance * protocolSingle + perTrial * sum(p),
      usersMean: single.chance * usersSingle + perTrial * sum(u),
    };
  };
  return {
    now: finish(singleNow, pNow, uNow),
    target: finish(singleTarget, pTarget, uTarget),
  };
}

function sum(values: Float64Array): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

/** A year's chance of losing more than an amount, by stratum. */
export interface ExceedanceParts {
  /** From years with one incident: exact. */
  readonly exact: number;
  /** From the simulated years with two or more: weight × their share above the amount. */
  readonly sampled: number;
  /** How many simulated years lose more than the amount. */
  readonly count: number;
}

export function exceedanceParts(
  s: SimulatedLosses,
  usd: number,
  whose: Whose = 'protocol',
): ExceedanceParts {
  const losses = whose === 'protocol' ? s.protocol : s.users;
  const count = countAbove(losses, usd);
  return {
    exact: singleAbove(s.single, usd, whose),
    sampled: s.trials === 0 ? 0 : (s.weight * count) / s.trials,
    count,
  };
}

/** P(a year's loss > usd). */
export function exceedance(s: SimulatedLosses, usd: number, whose: Whose = 'protocol'): number {
  const parts = exceedanceParts(s, usd, whose);
  return parts.exact + parts.sampled;
}

/** P(one-incident year loses more than usd): Σ share(v) P(scale(v) min(X(v), cap(v)) > usd). */
function singleAbove(single: SingleIncidentYears, usd: number, whose: Whose): number {
  const scales = whose === 'protocol' ? single.protocolScale : single.usersScale;
  let p = 0;
  for (let k = 0; k < scales.length; k++) {
    const scale = scales[k] ?? 0;
    const share = single.share[k] ?? 0;
    if (!(scale > 0) || !(share > 0)) continue;
    // min(X, cap) never exceeds cap: an amount at or above scale × cap is never exceeded.
    if (usd >= scale * (single.cap[k] ?? 0)) continue;
    const x = usd / scale;
    const mu = single.mu[k] ?? 0;
    const sigma = single.sigma[k] ?? 0;
    let tail: number;
    if (x <= 0) tail = 1;
    else if (sigma === 0) tail = Math.exp(mu) > x ? 1 : 0;
    // P(X > x) = 1 − Φ(z) = erfc(z/√2)/2, which keeps its digits far into the tail.
    else tail = 0.5 * erfc((Math.log(x) - mu) / (sigma * Math.SQRT2));
    p += share * tail;
  }
  return single.chance * p;
}

function countAbove(losses: Float64Array, usd: number): number {
  // First index whose loss is above usd, by bisection on the ascending array.
  let lo = 0;
  let hi = losses.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((losses[mid] ?? 0) > usd) hi = mid;
    else lo = mid + 1;
  }
  return losses.length - lo;
}

/** The most a year of this state can lose: a bracket for the quantile's bisection. */
function largestLoss(s: SimulatedLosses, whose: Whose): number {
  const scales = whose === 'protocol' ? s.single.protocolScale : s.single.usersScale;
  const losses = whose === 'protocol' ? s.protocol : s.users;
  let most = losses.length > 0 ? (losses[losses.length - 1] ?? 0) : 0;
  for (let k = 0; k < scales.length; k++) {
    if ((s.single.share[k] ?? 0) > 0)
      most = Math.max(most, (scales[k] ?? 0) * (s.single.cap[k] ?? 0));
  }
  return most;
}

/**
 * The smallest amount a year loses more than with chance at most `tail`: the (1 − tail)-quantile
 * of a year's loss, years without an incident counting as $0. P(loss > x) falls as x grows and
 * is continuous from the right, so bisection finds it, to a part in 10¹², from the two strata.
 */
export function amountExceededWith(
  s: SimulatedLosses,
  tail: number,
  whose: Whose = 'protocol',
): number {
  if (exceedance(s, 0, whose) <= tail) return 0;
  let lo = 0;
  let hi = largestLoss(s, whose);
  for (let i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (exceedance(s, mid, whose) <= tail) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** The q-quantile of a year's loss: the smallest amount a year exceeds with chance at most 1 − q. */
export function quantile(s: SimulatedLosses, q: number, whose: Whose = 'protocol'): number {
  return amountExceededWith(s, 1 - q, whose);
}
