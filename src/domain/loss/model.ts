import {
  cappedLognormalMean,
  lognormalFromMedianMean,
  normalQuantile,
  poissonQuantile,
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

/**
 * The simulated years of one state of the controls. Only years with at least one incident are
 * simulated (see `simulate`); `weight` is the chance of such a year, and each of them stands for
 * that share of all years. Only years with a loss above $0 are kept, ascending.
 */
export interface SimulatedLosses {
  readonly trials: number;
  /** P(at least one incident in a year) with the controls now: what each simulated year stands for. */
  readonly weight: number;
  /** Ascending, every value above 0, at most `trials` of them. */
  readonly protocol: Float64Array;
  readonly users: Float64Array;
  /** The expected loss a year the simulation gives, to compare with the closed form. */
  readonly protocolMean: number;
  readonly usersMean: number;
}

export interface Simulation {
  readonly now: SimulatedLosses;
  readonly target: SimulatedLosses;
}

/**
 * Simulates `trials` years that have at least one incident with the controls as they are now, and
 * the same years at target. Most years have no incident (with the default rate, about 49 in 50),
 * so simulating only the others and weighting them by the chance of one, 1 − e^{−Λ}, gives the
 * same distribution as plain sampling with some 30–50 times fewer wasted trials: conditional
 * Monte Carlo. A year's incident count is drawn from the Poisson with its zero left out, each
 * incident's vector in proportion to the vectors' rates, its severity from the vector's lognormal.
 *
 * At target the same incidents happen, thinned: each survives with probability λ'target / λ'now
 * (prevention makes it rarer) and keeps the same severity scaled by mitigation. That is exactly a
 * Poisson process at the target rates, and on every simulated year the loss at target is at most
 * the loss now, so the two curves are compared on the same draws.
 */
export function simulate(
  vectors: readonly VectorLoss[],
  trials: number,
  streams: Streams,
): Simulation {
  const active = vectors.filter((v) => v.now.frequency > 0 && v.reachUsd > 0);
  let total = 0;
  for (const v of active) total += v.now.frequency;
  const empty = (): SimulatedLosses => ({
    trials,
    weight: 0,
    protocol: new Float64Array(0),
    users: new Float64Array(0),
    protocolMean: 0,
    usersMean: 0,
  });
  if (active.length === 0 || total === 0 || trials === 0) return { now: empty(), target: empty() };
  const n = active.length;
  const cumulative = new Float64Array(n);
  let running = 0;
  active.forEach((v, k) => {
    running += v.now.frequency / total;
    cumulative[k] = running;
  });
  const keep = Float64Array.from(active, (v) => v.target.frequency / v.now.frequency);
  const scaleNow = Float64Array.from(active, (v) => v.now.severityScale);
  const scaleTarget = Float64Array.from(active, (v) => v.target.severityScale);
  const mus = Float64Array.from(active, (v) => v.mu);
  const sigmas = Float64Array.from(active, (v) => v.sigma);
  const caps = Float64Array.from(active, (v) => v.reachUsd);
  const toUsers = Float64Array.from(active, (v) => v.spec.usersUsd / v.reachUsd);
  const none = Math.exp(-total);
  const some = -Math.expm1(-total);
  const pNow = new Float64Array(trials);
  const uNow = new Float64Array(trials);
  const pTarget = new Float64Array(trials);
  const uTarget = new Float64Array(trials);
  const last = n - 1;
  // Local bindings: called per incident, and a module's exports can sit behind getters.
  const inverseNormal = normalQuantile;
  const inversePoisson = poissonQuantile;
  for (let t = 0; t < trials; t++) {
    streams.start(t, 0);
    // The Poisson inverse CDF above P(N = 0): a count of at least one.
    const count = Math.max(1, inversePoisson(none + some * streams.next(), total, none));
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
      const share = toUsers[k] ?? 0;
      const lossNow = (scaleNow[k] ?? 0) * x;
      pn += lossNow * (1 - share);
      un += lossNow * share;
      if (streams.next() < (keep[k] ?? 0)) {
        const lossTarget = (scaleTarget[k] ?? 0) * x;
        pt += lossTarget * (1 - share);
        ut += lossTarget * share;
      }
    }
    pNow[t] = pn;
    uNow[t] = un;
    pTarget[t] = pt;
    uTarget[t] = ut;
  }
  const finish = (protocol: Float64Array, users: Float64Array): SimulatedLosses => {
    const p = positiveSorted(protocol);
    const u = positiveSorted(users);
    return {
      trials,
      weight: some,
      protocol: p,
      users: u,
      protocolMean: (some * sum(p)) / trials,
      usersMean: (some * sum(u)) / trials,
    };
  };
  return { now: finish(pNow, uNow), target: finish(pTarget, uTarget) };
}

function sum(values: Float64Array): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

/** The values above 0, ascending: the zeros (most users' years, many at target) left out first. */
function positiveSorted(values: Float64Array): Float64Array {
  return positiveAscending(values);
}

/** P(a year's loss > usd), from the simulated years with a loss. */
export function exceedance(s: SimulatedLosses, losses: Float64Array, usd: number): number {
  if (s.trials === 0) return 0;
  return (s.weight * countAbove(losses, usd)) / s.trials;
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

/**
 * The q-quantile of a year's loss: the smallest amount a year exceeds with chance at most 1 − q.
 * Years with no incident, and simulated years with no loss of this kind, count as $0.
 */
export function quantile(s: SimulatedLosses, losses: Float64Array, q: number): number {
  if (s.trials === 0 || s.weight === 0) return 0;
  const allowed = Math.floor(((1 - q) * s.trials) / s.weight + 1e-9);
  if (allowed >= losses.length) return 0;
  return losses[losses.length - 1 - allowed] ?? 0;
}
