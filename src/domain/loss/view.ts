import type { Assessment, Funds } from '../assessment/schema.ts';
import type { Catalogue, FundsPool } from '../catalogue/schema.ts';
import { EFFORT_UNITS, MITIGATION_EFFICACY, PREVENTION_EFFICACY } from '../scoring/risk.ts';
import {
  computeReadiness,
  idOrder,
  type ControlScore,
  type ReadinessResult,
  type Targets,
} from '../scoring/readiness.ts';
import type { ThreatProfile } from '../threat/profile.ts';
import type { Problem } from '../validation.ts';
import { fundsProblems, poolsFor } from './funds.ts';
import {
  exceedance,
  expectedLoss,
  quantile,
  simulate,
  termsOf,
  vectorLosses,
  type LossSettings,
  type LossVectorSpec,
  type Simulation,
  type VectorLoss,
} from './model.ts';
import { seededStreams, type Streams } from './random.ts';

/**
 * Simulated years with two or more incidents per state of the controls (years with one are
 * computed exactly; see `simulate`). Measured (tests/unit/loss-stability.test.ts and
 * `npm run bench`): with this many, every figure the report prints for the demo is the same under
 * eight independent seeds; with half as many, three chances near a rounding edge differ.
 */
export const LOSS_TRIALS = 200_000;
/** Any fixed seed: the report prints it, and the same inputs and seed give the same figures. */
export const LOSS_SEED = 19;

const MITIGATING = new Set(['detects', 'limits-loss', 'speeds-response']);

export interface DollarViewInput {
  readonly catalogue: Catalogue;
  /** The answers and profile scoring uses: the architecture already applied. */
  readonly answers: Assessment['answers'];
  readonly profile: ThreatProfile;
  readonly targets?: Targets;
  readonly notOperated: ReadonlySet<string>;
  readonly funds: Funds | undefined;
  readonly readiness?: ReadinessResult;
  readonly prevention?: number;
  readonly mitigation?: number;
  readonly trials?: number;
  readonly seed?: number;
  /** In place of the seeded streams, e.g. for a test. */
  readonly streams?: Streams;
}

export interface PoolFigure {
  readonly pool: FundsPool;
  readonly usd: number;
  /** Names of the weighted vectors that can take from it. */
  readonly reachedBy: readonly string[];
}

export interface GapDollars {
  readonly score: ControlScore;
  /** Expected dollars a year removed (protocol and users) if this control alone reached target. */
  readonly removedUsd: number;
  readonly removedPerEffort: number;
}

export interface DollarFigures {
  readonly status: 'ready';
  readonly asOf: string;
  readonly settings: LossSettings;
  /** Where r came from, and the profile's range for it when it is the profile's. */
  readonly baseRate: {
    readonly source: 'profile' | 'team';
    readonly low: number | null;
    readonly high: number | null;
    readonly kind: string | null;
    readonly reasoning: string | null;
  };
  readonly pools: readonly PoolFigure[];
  /** Pools the architecture has that the assessment leaves out (counted as $0). */
  readonly unstated: readonly FundsPool[];
  readonly vectors: readonly VectorLoss[];
  readonly expected: {
    readonly now: { readonly protocolUsd: number; readonly usersUsd: number };
    readonly target: { readonly protocolUsd: number; readonly usersUsd: number };
  };
  readonly simulation: Simulation;
  readonly trials: number;
  readonly seed: number | null;
  /** In ranked order: by dollars removed per unit of effort, highest first. */
  readonly gaps: readonly GapDollars[];
}

export type DollarView =
  | {
      readonly status: 'needs';
      /** What the dollar view lacks, in words. */
      readonly needs: readonly string[];
      /** The pools this architecture can state. */
      readonly pools: readonly FundsPool[];
    }
  | { readonly status: 'invalid'; readonly problems: readonly Problem[] }
  | DollarFigures;

export function dollarView(input: DollarViewInput): DollarView {
  const { catalogue, profile, funds, notOperated } = input;
  const pools = poolsFor(catalogue, notOperated);
  const needs: string[] = [];
  if (pools.length === 0) needs.push('a catalogue that declares funds pools');
  if (funds === undefined || Object.keys(funds.pools).length === 0) {
    needs.push(
      `the funds your architecture puts at risk, in US dollars with a date: ${pools.map((p) => p.name.toLowerCase()).join('; ')}`,
    );
  }
  const population = profile.population;
  const medianUsd = population?.medianUsd;
  const meanUsd =
    population?.meanUsd ??
    (population === undefined ? undefined : population.lossUsd / population.incidents);
  if (medianUsd === undefined || meanUsd === undefined) {
    needs.push(
      `a threat profile that states its population's median and mean loss per incident ("${profile.name}" does not)`,
    );
  } else if (meanUsd < medianUsd) {
    needs.push(`a profile whose mean loss is at least its median ("${profile.name}" is not)`);
  }
  const annualIncidents = funds?.annualIncidents ?? profile.baseRate?.annualIncidents;
  if (annualIncidents === undefined) {
    needs.push(
      `a base rate of incidents a year: "${profile.name}" states none, so enter your own with the funds`,
    );
  }
  if (funds !== undefined) {
    const problems = fundsProblems(catalogue, notOperated, funds);
    if (problems.length > 0) return { status: 'invalid', problems };
  }
  if (
    needs.length > 0 ||
    funds === undefined ||
    medianUsd === undefined ||
    meanUsd === undefined ||
    annualIncidents === undefined
  ) {
    return { status: 'needs', needs, pools };
  }

  const settings: LossSettings = {
    annualIncidents,
    medianUsd,
    meanUsd,
    prevention: input.prevention ?? PREVENTION_EFFICACY,
    mitigation: input.mitigation ?? MITIGATION_EFFICACY,
  };
  const readiness =
    input.readiness ?? computeReadiness(catalogue, input.answers, input.targets ?? {});
  const sums = controlSums(catalogue, readiness.controls, profile);
  const poolById = new Map(pools.map((p) => [p.id, p]));
  const vectorIndex = new Map(catalogue.vectors.map((v, i) => [v.id, i]));
  const specs: LossVectorSpec[] = profile.shares.map((share) => {
    const vector = catalogue.vectors.find((v) => v.id === share.vector);
    const reached = (vector?.reaches ?? []).filter(
      (id) => poolById.has(id) && (funds.pools[id] ?? 0) > 0,
    );
    let protocolUsd = 0;
    let usersUsd = 0;
    for (const id of reached) {
      const usd = funds.pools[id] ?? 0;
      if (poolById.get(id)?.holder === 'users') usersUsd += usd;
      else protocolUsd += usd;
    }
    const s = sums.get(share.vector);
    return {
      vectorId: share.vector,
      name: vector?.name ?? share.vector,
      streamKey: vectorIndex.get(share.vector) ?? catalogue.vectors.length,
      incidentShare: share.incidents,
      lossShare: share.loss,
      protocolUsd,
      usersUsd,
      pools: reached,
      prevention: s && s.pw > 0 ? s.ps / s.pw : 0,
      mitigation: s && s.mw > 0 ? s.ms / s.mw : 0,
      hasPrevention: (s?.pw ?? 0) > 0,
      hasMitigation: (s?.mw ?? 0) > 0,
    };
  });
  const vectors = vectorLosses(specs, settings);
  const trials = input.trials ?? LOSS_TRIALS;
  const seed = input.streams === undefined ? (input.seed ?? LOSS_SEED) : null;
  const simulation = simulate(vectors, trials, input.streams ?? seededStreams(seed ?? LOSS_SEED));
  const weighted = new Map(vectors.map((v) => [v.spec.vectorId, v.spec.name]));
  return {
    status: 'ready',
    asOf: funds.asOf,
    settings,
    baseRate:
      funds.annualIncidents === undefined && profile.baseRate
        ? {
            source: 'profile',
            low: profile.baseRate.low,
            high: profile.baseRate.high,
            kind: profile.baseRate.kind,
            reasoning: profile.baseRate.reasoning,
          }
        : { source: 'team', low: null, high: null, kind: null, reasoning: null },
    pools: pools
      .filter((p) => funds.pools[p.id] !== undefined)
      .map((pool) => ({
        pool,
        usd: funds.pools[pool.id] ?? 0,
        reachedBy: catalogue.vectors
          .filter((v) => weighted.has(v.id) && (v.reaches ?? []).includes(pool.id))
          .map((v) => v.name),
      })),
    unstated: pools.filter((p) => funds.pools[p.id] === undefined),
    vectors,
    expected: { now: expectedLoss(vectors, 'now'), target: expectedLoss(vectors, 'target') },
    simulation,
    trials,
    seed,
    gaps: gapDollars(catalogue, readiness.controls, vectors, sums, settings),
  };
}

interface Sums {
  pw: number;
  ps: number;
  mw: number;
  ms: number;
}

/** Per weighted vector, the weights and weighted attainment of its preventing and mitigating controls. */
function controlSums(
  catalogue: Catalogue,
  scores: readonly ControlScore[],
  profile: ThreatProfile,
): Map<string, Sums> {
  const sums = new Map(profile.shares.map((s) => [s.vector, { pw: 0, ps: 0, mw: 0, ms: 0 }]));
  // Summed in id order, as the index sums, so file order cannot move a figure.
  for (const i of idOrder(catalogue)) {
    const s = scores[i];
    if (s?.attainment == null) continue;
    for (const link of s.control.vectors) {
      const t = sums.get(link.vector);
      if (!t) continue;
      if (link.effects.includes('prevents')) {
        t.pw += s.weight;
        t.ps += s.weight * s.attainment;
      }
      if (link.effects.some((e) => MITIGATING.has(e))) {
        t.mw += s.weight;
        t.ms += s.weight * s.attainment;
      }
    }
  }
  return sums;
}

/**
 * What raising each gap alone to its target removes from the expected loss a year, from the
 * closed form: exact, and cheap enough for every gap, so the plan can be ordered by dollars.
 */
function gapDollars(
  catalogue: Catalogue,
  scores: readonly ControlScore[],
  vectors: readonly VectorLoss[],
  sums: ReadonlyMap<string, Sums>,
  settings: LossSettings,
): GapDollars[] {
  const byId = new Map(vectors.map((v) => [v.spec.vectorId, v]));
  const rows: GapDollars[] = [];
  for (const i of idOrder(catalogue)) {
    const score = scores[i];
    if (!score?.gap || score.attainment === null) continue;
    const delta = score.weight * (1 - score.attainment);
    let removedUsd = 0;
    for (const link of score.control.vectors) {
      const v = byId.get(link.vector);
      const s = sums.get(link.vector);
      if (!v || !s) continue;
      const prevents = link.effects.includes('prevents');
      const mitigates = link.effects.some((e) => MITIGATING.has(e));
      const p = s.pw > 0 ? (s.ps + (prevents ? delta : 0)) / s.pw : 0;
      const m = s.mw > 0 ? (s.ms + (mitigates ? delta : 0)) / s.mw : 0;
      const after = termsOf(v, settings, p, m);
      removedUsd += v.now.protocolUsd + v.now.usersUsd - after.protocolUsd - after.usersUsd;
    }
    removedUsd = Math.max(0, removedUsd);
    rows.push({
      score,
      removedUsd,
      removedPerEffort: removedUsd / EFFORT_UNITS[score.control.effort],
    });
  }
  return rows.sort(
    (a, b) =>
      b.removedPerEffort - a.removedPerEffort ||
      b.removedUsd - a.removedUsd ||
      (a.score.control.id < b.score.control.id ? -1 : 1),
  );
}

/** Helpers the report and the command line share. */
export const lossFigures = { exceedance, quantile };
