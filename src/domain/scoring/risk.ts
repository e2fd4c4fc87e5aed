import type { Assessment } from '../assessment/schema.ts';
import type { Catalogue, Control, Effort, VectorEffect } from '../catalogue/schema.ts';
import type { ShareBasis, ThreatProfile } from '../threat/profile.ts';
import { computeReadiness, type ControlScore, type ReadinessResult } from './readiness.ts';

/**
 * Residual risk: how much of the loss a threat profile expects is left once the team's controls
 * are counted. The model, in the words the methodology section prints:
 *
 * For each attack vector v the profile gives an incident share i(v) and a loss share l(v).
 *   likelihood(v) = i(v)                       how often the vector occurs
 *   cost(v)       = l(v) / i(v)                how costly one occurrence is, relative to average
 *   likelihood × cost = l(v)                   the vector's expected share of loss
 * so a gap is weighted by loss share: an operational vector with 15% of incidents and 76% of loss
 * weighs about 5× its incident share, a smart-contract vector less than its incident share.
 *
 * Controls act on the two factors differently. Preventive controls make the vector less likely;
 * controls that detect, limit loss or speed the response make each occurrence cheaper:
 *   P(v) = weighted attainment of the applicable controls that prevent v      (0 when none)
 *   M(v) = weighted attainment of the applicable controls that detect, limit or respond to v
 *   residual(v) = ŵ(v) × (1 − α·P(v)) × (1 − β·M(v)),   ŵ(v) = l(v) / Σ l
 *   residual risk = 100 × Σ residual(v)
 * with the severity weights and attainment of `readiness.ts`. α and β are how much of a factor a
 * fully met control set removes; both are below 1 because no set of controls removes all risk,
 * and containment usually saves part of a loss rather than all of it. They are assumptions, shown
 * in the report, and the same for every profile.
 *
 * Dividing by Σ l makes the index a share of the loss the profile models, so 100 means none of it
 * is mitigated, 100·(1−α)(1−β) is the floor, and scaling every share by a constant changes nothing.
 */
export const PREVENTION_EFFICACY = 0.8;
export const MITIGATION_EFFICACY = 0.5;
export const RISK_FLOOR = 100 * (1 - PREVENTION_EFFICACY) * (1 - MITIGATION_EFFICACY);

/** Relative cost of raising a control to target, for ranking gaps by risk removed per unit. */
export const EFFORT_UNITS: Readonly<Record<Effort, number>> = { S: 1, M: 2, L: 4 };

const MITIGATING: ReadonlySet<VectorEffect> = new Set([
  'detects',
  'limits-loss',
  'speeds-response',
]);

export interface VectorRisk {
  readonly vectorId: string;
  readonly name: string;
  readonly incidentShare: number;
  readonly lossShare: number;
  readonly incidentsBasis: ShareBasis;
  readonly lossBasis: ShareBasis;
  /** l(v) / i(v); null when the profile gives the vector no incidents. */
  readonly costMultiplier: number | null;
  /** ŵ(v) × 100: the vector's part of the modelled loss before controls. */
  readonly exposure: number;
  /** P(v) and M(v), in [0, 1]. */
  readonly prevention: number;
  readonly mitigation: number;
  /** Whether any applicable control prevents or mitigates the vector at all. */
  readonly hasPrevention: boolean;
  readonly hasMitigation: boolean;
  /** residual(v) × 100: the vector's part of the residual-risk index. */
  readonly residual: number;
  /** Weighted attainment of every applicable control that addresses the vector, 0–100. */
  readonly readiness: number | null;
  readonly controls: number;
  readonly gaps: number;
}

export interface ControlRisk {
  readonly score: ControlScore;
  /** Index points between the control absent and at target, others as answered. */
  readonly weight: number;
  /** Index points removed if this control alone were raised to target. */
  readonly riskRemoved: number;
  /** riskRemoved / EFFORT_UNITS[effort]. */
  readonly riskRemovedPerEffort: number;
}

export interface DomainRisk {
  readonly domainId: string;
  readonly readiness: number | null;
  /** Index points between every control of the domain absent and every one at target. */
  readonly weight: number;
  /** Index points removed if every gap in the domain were raised to target. */
  readonly riskRemoved: number;
}

export interface RiskResult {
  readonly profileId: string;
  readonly readiness: ReadinessResult;
  /** 0–100: 100 means none of the modelled loss is mitigated. */
  readonly residualRisk: number;
  readonly floor: number;
  readonly vectors: readonly VectorRisk[];
  /** In catalogue order, including not-applicable controls (weight 0). */
  readonly controls: readonly ControlRisk[];
  readonly domains: readonly DomainRisk[];
  /** Gaps (unanswered counted) by risk removed, highest first. */
  readonly rankedGaps: readonly ControlRisk[];
  /** The same gaps by risk removed per unit of effort. */
  readonly rankedByEffort: readonly ControlRisk[];
}

interface Term {
  readonly share: number;
  readonly preventionWeight: number;
  readonly mitigationWeight: number;
  readonly preventionSum: number;
  readonly mitigationSum: number;
}

interface Link {
  readonly term: number;
  readonly prevents: boolean;
  readonly mitigates: boolean;
}

function termResidual(t: Term, preventionSum: number, mitigationSum: number): number {
  const p = t.preventionWeight === 0 ? 0 : preventionSum / t.preventionWeight;
  const m = t.mitigationWeight === 0 ? 0 : mitigationSum / t.mitigationWeight;
  return t.share * (1 - PREVENTION_EFFICACY * p) * (1 - MITIGATION_EFFICACY * m);
}

function byId<T>(key: (item: T) => string): (a: T, b: T) => number {
  return (a, b) => {
    const x = key(a);
    const y = key(b);
    return x < y ? -1 : x > y ? 1 : 0;
  };
}

export function computeRisk(
  catalogue: Catalogue,
  answers: Assessment['answers'],
  profile: ThreatProfile,
): RiskResult {
  const readiness = computeReadiness(catalogue, answers);
  const scores = readiness.controls;

  // Sums run in id order, not catalogue order, so reordering controls or files cannot change a
  // floating-point result.
  const order = scores.map((_, i) => i).sort(byId((i) => scores[i]?.control.id ?? ''));
  const shares = [...profile.shares].sort(byId((s) => s.vector));
  const totalLoss = shares.reduce((sum, s) => sum + s.loss, 0);
  const termIndex = new Map(shares.map((s, i) => [s.vector, i]));

  const links: Link[][] = scores.map((s) =>
    s.state === 'na' ? [] : linksOf(s.control, termIndex),
  );
  const pw = new Float64Array(shares.length);
  const mw = new Float64Array(shares.length);
  const ps = new Float64Array(shares.length);
  const ms = new Float64Array(shares.length);
  for (const i of order) {
    const s = scores[i];
    if (!s) continue;
    for (const link of links[i] ?? []) {
      if (link.prevents) {
        pw[link.term] = (pw[link.term] ?? 0) + s.weight;
        ps[link.term] = (ps[link.term] ?? 0) + s.weight * (s.attainment ?? 0);
      }
      if (link.mitigates) {
        mw[link.term] = (mw[link.term] ?? 0) + s.weight;
        ms[link.term] = (ms[link.term] ?? 0) + s.weight * (s.attainment ?? 0);
      }
    }
  }
  const terms: Term[] = shares.map((s, v) => ({
    share: totalLoss === 0 ? 0 : s.loss / totalLoss,
    preventionWeight: pw[v] ?? 0,
    mitigationWeight: mw[v] ?? 0,
    preventionSum: ps[v] ?? 0,
    mitigationSum: ms[v] ?? 0,
  }));

  const baseResiduals = terms.map((t) => termResidual(t, t.preventionSum, t.mitigationSum));
  const residualRisk = clampIndex(100 * sum(baseResiduals));

  /** The index if the given controls had the given attainment instead of their current one. */
  const riskWith = (changes: ReadonlyMap<number, number>): number => {
    const dp = new Float64Array(terms.length);
    const dm = new Float64Array(terms.length);
    for (const [i, attainment] of changes) {
      const s = scores[i];
      if (s?.attainment == null) continue;
      const delta = s.weight * (attainment - s.attainment);
      for (const link of links[i] ?? []) {
        if (link.prevents) dp[link.term] = (dp[link.term] ?? 0) + delta;
        if (link.mitigates) dm[link.term] = (dm[link.term] ?? 0) + delta;
      }
    }
    let total = 0;
    terms.forEach((t, v) => {
      const d1 = dp[v] ?? 0;
      const d2 = dm[v] ?? 0;
      total +=
        d1 === 0 && d2 === 0
          ? (baseResiduals[v] ?? 0)
          : termResidual(t, t.preventionSum + d1, t.mitigationSum + d2);
    });
    return clampIndex(100 * total);
  };

  const controls: ControlRisk[] = scores.map((score, i) => {
    if (score.attainment === null) {
      return { score, weight: 0, riskRemoved: 0, riskRemovedPerEffort: 0 };
    }
    const atTarget = riskWith(new Map([[i, 1]]));
    const weight = Math.max(0, riskWith(new Map([[i, 0]])) - atTarget);
    const riskRemoved = score.gap ? Math.max(0, residualRisk - atTarget) : 0;
    return {
      score,
      weight,
      riskRemoved,
      riskRemovedPerEffort: riskRemoved / EFFORT_UNITS[score.control.effort],
    };
  });

  const domains: DomainRisk[] = catalogue.domains.map((d, di) => {
    const members = scores.flatMap((s, i) =>
      s.control.domain === d.id && s.attainment !== null ? [i] : [],
    );
    const atTarget = riskWith(new Map(members.map((i) => [i, 1])));
    const atZero = riskWith(new Map(members.map((i) => [i, 0])));
    return {
      domainId: d.id,
      readiness: readiness.domains[di]?.readiness ?? null,
      weight: Math.max(0, atZero - atTarget),
      riskRemoved: Math.max(0, residualRisk - atTarget),
    };
  });

  const vectorName = new Map(catalogue.vectors.map((v) => [v.id, v.name]));
  const vectors: VectorRisk[] = profile.shares.map((share) => {
    const v = termIndex.get(share.vector) ?? 0;
    const t = terms[v];
    let weighted = 0;
    let weights = 0;
    let count = 0;
    let gaps = 0;
    for (const i of order) {
      const s = scores[i];
      if (s?.attainment == null) continue;
      if (!(links[i] ?? []).some((l) => l.term === v)) continue;
      count += 1;
      if (s.gap) gaps += 1;
      weighted += s.weight * s.attainment;
      weights += s.weight;
    }
    const prevention = t && t.preventionWeight > 0 ? t.preventionSum / t.preventionWeight : 0;
    const mitigation = t && t.mitigationWeight > 0 ? t.mitigationSum / t.mitigationWeight : 0;
    return {
      vectorId: share.vector,
      name: vectorName.get(share.vector) ?? share.vector,
      incidentShare: share.incidents,
      lossShare: share.loss,
      incidentsBasis: share.incidentsBasis,
      lossBasis: share.lossBasis,
      costMultiplier: share.incidents === 0 ? null : share.loss / share.incidents,
      exposure: 100 * (t?.share ?? 0),
      prevention,
      mitigation,
      hasPrevention: (t?.preventionWeight ?? 0) > 0,
      hasMitigation: (t?.mitigationWeight ?? 0) > 0,
      residual: 100 * (baseResiduals[v] ?? 0),
      readiness: weights === 0 ? null : (100 * weighted) / weights,
      controls: count,
      gaps,
    };
  });

  const gaps = controls.filter((c) => c.score.gap);
  const tieBreak = (a: ControlRisk, b: ControlRisk): number =>
    b.score.weight - a.score.weight || byId<ControlRisk>((c) => c.score.control.id)(a, b);
  return {
    profileId: profile.id,
    readiness,
    residualRisk,
    floor: RISK_FLOOR,
    vectors,
    controls,
    domains,
    rankedGaps: [...gaps].sort((a, b) => b.riskRemoved - a.riskRemoved || tieBreak(a, b)),
    rankedByEffort: [...gaps].sort(
      (a, b) => b.riskRemovedPerEffort - a.riskRemovedPerEffort || tieBreak(a, b),
    ),
  };
}

function linksOf(control: Control, termIndex: ReadonlyMap<string, number>): Link[] {
  return control.vectors.flatMap((v) => {
    const term = termIndex.get(v.vector);
    if (term === undefined) return [];
    return [
      {
        term,
        prevents: v.effects.includes('prevents'),
        mitigates: v.effects.some((e) => MITIGATING.has(e)),
      },
    ];
  });
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

/** Rounding can leave a sum a hair outside [0, 100]; the index never is. */
function clampIndex(value: number): number {
  return Math.min(100, Math.max(0, value));
}
