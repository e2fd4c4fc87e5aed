import type { Answer, Assessment } from '../assessment/schema.ts';
import type { Catalogue, Effort, VectorEffect } from '../catalogue/schema.ts';
import type { ShareBasis, ThreatProfile } from '../threat/profile.ts';
import {
  computeReadiness,
  domainMembers,
  idOrder,
  scoreControl,
  type ControlScore,
  type ReadinessResult,
  type Targets,
} from './readiness.ts';

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

/**
 * The model's two assumptions, overridable so one code path computes every variant the robustness
 * check compares (`robustness.ts`); left out, they are the constants above.
 */
export interface RiskOptions {
  /** α, in [0, 1]. */
  readonly prevention?: number;
  /** β, in [0, 1]. */
  readonly mitigation?: number;
}

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
  /** The α and β this result was computed with. */
  readonly prevention: number;
  readonly mitigation: number;
  readonly readiness: ReadinessResult;
  /** 0–100: 100 means none of the modelled loss is mitigated. */
  readonly residualRisk: number;
  readonly floor: number;
  /** The index if every applicable control were at target: what the catalogue can achieve. */
  readonly residualAtTarget: number;
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

function termResidual(
  t: Term,
  preventionSum: number,
  mitigationSum: number,
  alpha: number,
  beta: number,
): number {
  const p = t.preventionWeight === 0 ? 0 : preventionSum / t.preventionWeight;
  const m = t.mitigationWeight === 0 ? 0 : mitigationSum / t.mitigationWeight;
  return t.share * (1 - alpha * p) * (1 - beta * m);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function computeRisk(
  catalogue: Catalogue,
  answers: Assessment['answers'],
  profile: ThreatProfile,
  targets: Targets = {},
  options: RiskOptions = {},
): RiskResult {
  return riskOf(catalogue, computeReadiness(catalogue, answers, targets), profile, options);
}

/**
 * The sums over the answers that the index needs for one profile: they do not depend on α or β,
 * so the robustness check computes them once per profile instead of once per variant. Each
 * control's weight and attainment sit in typed arrays by catalogue index, read by the loops below
 * tens of thousands of times per report.
 */
interface Sums {
  readonly structure: Structure;
  readonly scores: readonly ControlScore[];
  /** 1 where the control is applicable (its attainment is not null). */
  readonly applicable: Uint8Array;
  readonly weight: Float64Array;
  /** 0 where not applicable. */
  readonly attainment: Float64Array;
  readonly terms: readonly Term[];
}

function sumsOf(
  catalogue: Catalogue,
  scores: readonly ControlScore[],
  profile: ThreatProfile,
): Sums {
  const structure = structureOf(catalogue, profile);
  const { order, shares, linkStart, linkTerm, linkPrevents, linkMitigates } = structure;
  const totalLoss = shares.reduce((sum, s) => sum + s.loss, 0);
  const count = scores.length;
  const applicable = new Uint8Array(count);
  const weight = new Float64Array(count);
  const attainment = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const s = scores[i];
    if (!s) continue;
    weight[i] = s.weight;
    if (s.attainment !== null) {
      applicable[i] = 1;
      attainment[i] = s.attainment;
    }
  }
  const pw = new Float64Array(shares.length);
  const mw = new Float64Array(shares.length);
  const ps = new Float64Array(shares.length);
  const ms = new Float64Array(shares.length);
  // A not-applicable control leaves every sum (its state is 'na' exactly when its attainment is
  // null). Summed in id order, link by link, as the index has always been.
  for (const i of order) {
    if (applicable[i] !== 1) continue;
    const w = weight[i] ?? 0;
    const wa = w * (attainment[i] ?? 0);
    const end = linkStart[i + 1] ?? 0;
    for (let k = linkStart[i] ?? 0; k < end; k++) {
      const term = linkTerm[k] ?? 0;
      if (linkPrevents[k] === 1) {
        pw[term] = (pw[term] ?? 0) + w;
        ps[term] = (ps[term] ?? 0) + wa;
      }
      if (linkMitigates[k] === 1) {
        mw[term] = (mw[term] ?? 0) + w;
        ms[term] = (ms[term] ?? 0) + wa;
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
  return { structure, scores, applicable, weight, attainment, terms };
}

/** The index for one α and β, and what raising each control alone to target would remove. */
interface Evaluation {
  readonly alpha: number;
  readonly beta: number;
  readonly baseResiduals: readonly number[];
  readonly residualRisk: number;
  /** The index with control i at the given attainment, others as answered. */
  readonly riskWithOne: (i: number, attainment: number) => number;
}

function evaluate(sums: Sums, options: RiskOptions): Evaluation {
  const alpha = options.prevention ?? PREVENTION_EFFICACY;
  const beta = options.mitigation ?? MITIGATION_EFFICACY;
  const { applicable, weight, attainment, terms, structure } = sums;
  const { linkStart, linkTerm, linkPrevents, linkMitigates } = structure;
  const baseResiduals = terms.map((t) =>
    termResidual(t, t.preventionSum, t.mitigationSum, alpha, beta),
  );
  const residualRisk = clampIndex(100 * sum(baseResiduals));
  const baseTotal = 100 * sum(baseResiduals);
  /**
   * A control lists each vector once, so each of its terms changes once; this path allocates
   * nothing, which matters at 10,000 controls.
   */
  const riskWithOne = (i: number, to: number): number => {
    if (applicable[i] !== 1) return residualRisk;
    const delta = (weight[i] ?? 0) * (to - (attainment[i] ?? 0));
    let total = baseTotal;
    const end = linkStart[i + 1] ?? 0;
    for (let k = linkStart[i] ?? 0; k < end; k++) {
      const v = linkTerm[k] ?? 0;
      const t = terms[v];
      if (!t) continue;
      total +=
        100 *
        (termResidual(
          t,
          t.preventionSum + (linkPrevents[k] === 1 ? delta : 0),
          t.mitigationSum + (linkMitigates[k] === 1 ? delta : 0),
          alpha,
          beta,
        ) -
          (baseResiduals[v] ?? 0));
    }
    return clampIndex(total);
  };
  return { alpha, beta, baseResiduals, residualRisk, riskWithOne };
}

/**
 * Gaps order by `by` (highest first), then by severity weight (highest first), then by id: a total
 * order, so a gap's rank is the number of gaps before it plus one, however they are sorted.
 *
 * Sorted without a comparator, which a sort of 5,000 gaps called ~60,000 times per order: `gaps`
 * come in id order, and two stable passes deal them into buckets by weight, then by `by`. A stable
 * pass keeps the order it is given among equal keys, so gaps of equal `by` stay in weight order and
 * those of equal weight in id order: the order above exactly.
 */
function gapSorter(gaps: readonly number[], weights: Float64Array): (by: Float64Array) => number[] {
  // The weight pass is the same for every `by`: done once for both orders.
  const byWeight = stableByKeyDescending(gaps, weights);
  return (by) => stableByKeyDescending(byWeight, by);
}

/**
 * `items` by `key[item]`, highest first, equal keys in the order given: a counting sort over the
 * distinct keys, which a typed array sorts natively. The keys are finite (0 and −0 count as
 * equal, as they compare).
 */
function stableByKeyDescending(items: readonly number[], key: Float64Array): number[] {
  const values = new Float64Array(items.length);
  items.forEach((item, j) => (values[j] = key[item] ?? 0));
  values.sort();
  // Each distinct key's bucket, highest key first, and how many items fall in it.
  const bucket = new Map<number, number>();
  const sizes: number[] = [];
  for (let j = values.length - 1; j >= 0; j--) {
    const value = values[j] ?? 0;
    const b = bucket.get(value);
    if (b === undefined) {
      bucket.set(value, sizes.length);
      sizes.push(1);
    } else sizes[b] = (sizes[b] ?? 0) + 1;
  }
  const next: number[] = [];
  let at = 0;
  for (const size of sizes) {
    next.push(at);
    at += size;
  }
  const out = new Array<number>(items.length);
  for (const item of items) {
    const b = bucket.get(key[item] ?? 0) ?? 0;
    const place = next[b] ?? 0;
    out[place] = item;
    next[b] = place + 1;
  }
  return out;
}

function riskOf(
  catalogue: Catalogue,
  readiness: ReadinessResult,
  profile: ThreatProfile,
  options: RiskOptions,
): RiskResult {
  const sums = sumsOf(catalogue, readiness.controls, profile);
  const { structure, scores, applicable, weight, attainment: attained, terms } = sums;
  const { order, termIndex, linkStart, linkTerm, linkPrevents, linkMitigates } = structure;
  const evaluation = evaluate(sums, options);
  const { alpha, beta, baseResiduals, residualRisk, riskWithOne } = evaluation;

  /** The index if the given controls all had the given attainment instead of their current one. */
  const riskWith = (members: readonly number[], attainment: number): number => {
    const dp = new Float64Array(terms.length);
    const dm = new Float64Array(terms.length);
    for (const i of members) {
      if (applicable[i] !== 1) continue;
      const delta = (weight[i] ?? 0) * (attainment - (attained[i] ?? 0));
      const end = linkStart[i + 1] ?? 0;
      for (let k = linkStart[i] ?? 0; k < end; k++) {
        const term = linkTerm[k] ?? 0;
        if (linkPrevents[k] === 1) dp[term] = (dp[term] ?? 0) + delta;
        if (linkMitigates[k] === 1) dm[term] = (dm[term] ?? 0) + delta;
      }
    }
    let total = 0;
    terms.forEach((t, v) => {
      total += termResidual(
        t,
        t.preventionSum + (dp[v] ?? 0),
        t.mitigationSum + (dm[v] ?? 0),
        alpha,
        beta,
      );
    });
    return clampIndex(100 * total);
  };

  const controls: ControlRisk[] = scores.map((score, i) => {
    if (score.attainment === null) {
      return { score, weight: 0, riskRemoved: 0, riskRemovedPerEffort: 0 };
    }
    const atTarget = riskWithOne(i, 1);
    const weight = Math.max(0, riskWithOne(i, 0) - atTarget);
    const riskRemoved = score.gap ? Math.max(0, residualRisk - atTarget) : 0;
    return {
      score,
      weight,
      riskRemoved,
      riskRemovedPerEffort: riskRemoved / EFFORT_UNITS[score.control.effort],
    };
  });

  const domainMembersOf = domainMembers(catalogue);
  const domains: DomainRisk[] = catalogue.domains.map((d, di) => {
    const members = domainMembersOf[di] ?? [];
    const atTarget = riskWith(members, 1);
    const atZero = riskWith(members, 0);
    return {
      domainId: d.id,
      readiness: readiness.domains[di]?.readiness ?? null,
      weight: Math.max(0, atZero - atTarget),
      riskRemoved: Math.max(0, residualRisk - atTarget),
    };
  });

  const vectorName = new Map(catalogue.vectors.map((v) => [v.id, v.name]));
  const vWeighted = new Array<number>(terms.length).fill(0);
  const vWeights = new Array<number>(terms.length).fill(0);
  const vCount = new Array<number>(terms.length).fill(0);
  const vGaps = new Array<number>(terms.length).fill(0);
  for (const i of order) {
    const s = scores[i];
    if (s?.attainment == null) continue;
    const end = linkStart[i + 1] ?? 0;
    for (let k = linkStart[i] ?? 0; k < end; k++) {
      const term = linkTerm[k] ?? 0;
      vCount[term] = (vCount[term] ?? 0) + 1;
      if (s.gap) vGaps[term] = (vGaps[term] ?? 0) + 1;
      vWeighted[term] = (vWeighted[term] ?? 0) + s.weight * s.attainment;
      vWeights[term] = (vWeights[term] ?? 0) + s.weight;
    }
  }
  const vectors: VectorRisk[] = profile.shares.map((share) => {
    const v = termIndex.get(share.vector) ?? 0;
    const t = terms[v];
    const weights = vWeights[v] ?? 0;
    const weighted = vWeighted[v] ?? 0;
    const count = vCount[v] ?? 0;
    const gaps = vGaps[v] ?? 0;
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

  const gaps = order.filter((i) => scores[i]?.gap === true);
  // Filled by a loop: `Float64Array.from` with a mapping function goes through the iterator
  // protocol, several times slower at 10,000 controls.
  const removed = new Float64Array(controls.length);
  const perEffort = new Float64Array(controls.length);
  controls.forEach((c, i) => {
    removed[i] = c.riskRemoved;
    perEffort[i] = c.riskRemovedPerEffort;
  });
  const sortGaps = gapSorter(gaps, weight);
  const ranked = (by: Float64Array): ControlRisk[] => {
    const sorted = sortGaps(by);
    const out: ControlRisk[] = [];
    for (const i of sorted) {
      const c = controls[i];
      if (c) out.push(c);
    }
    return out;
  };
  return {
    profileId: profile.id,
    prevention: alpha,
    mitigation: beta,
    readiness,
    residualRisk,
    floor: 100 * (1 - alpha) * (1 - beta),
    residualAtTarget: riskWith(order, 1),
    vectors,
    controls,
    domains,
    rankedGaps: ranked(removed),
    rankedByEffort: ranked(perEffort),
  };
}

/**
 * Where the given controls rank among the gaps ordered by risk removed (as `rankedGaps` of
 * `computeRisk` orders them, 1-based), under each profile and each α and β: the robustness check
 * needs only these ranks. One readiness and one set of sums per profile serve every variant, and
 * a rank is counted rather than sorted for, so the check costs a fraction of a full computation
 * per variant. A control that is not a gap gets no rank (undefined).
 */
export function gapRanks(
  catalogue: Catalogue,
  answers: Assessment['answers'],
  profile: ThreatProfile,
  variants: readonly RiskOptions[],
  ids: readonly string[],
  targets: Targets = {},
  readiness: ReadinessResult = computeReadiness(catalogue, answers, targets),
): (number | undefined)[][] {
  return gapRanksUnder(catalogue, readiness, [profile], variants, ids)[0] ?? [];
}

/**
 * `gapRanks` for several profiles at once, indexed [profile][variant][id]: what a gap is (its
 * weight, the attainment it would gain, its tie-break rank) does not depend on the profile, so it
 * is gathered once for all of them.
 */
export function gapRanksUnder(
  catalogue: Catalogue,
  readiness: ReadinessResult,
  profiles: readonly ThreatProfile[],
  variants: readonly RiskOptions[],
  ids: readonly string[],
): (number | undefined)[][][] {
  const scores = readiness.controls;
  const order = idOrder(catalogue);
  const indexOf = indexById(catalogue);
  const gaps = order.filter((i) => scores[i]?.gap === true);
  // Per gap, in typed arrays: the weight times the attainment it would gain (`riskWithOne(i, 1)`
  // adds it to its terms) and the comparator's keys. Every gap is applicable (a gap is below
  // target, never N/A), so `riskWithOne(i, 1)` never takes its early return.
  const n = gaps.length;
  const weights = new Float64Array(n);
  const ranks = new Float64Array(n);
  const deltas = new Float64Array(n);
  const slot = new Int32Array(scores.length).fill(-1);
  for (let j = 0; j < n; j++) {
    const s = scores[gaps[j] ?? 0];
    weights[j] = s?.weight ?? 0;
    ranks[j] = j; // gaps are in id order, so a gap's place among them orders as its id does
    deltas[j] = (s?.weight ?? 0) * (1 - (s?.attainment ?? 0));
    slot[gaps[j] ?? 0] = j;
  }
  const head = ids.map((id) => {
    const x = indexOf.get(id);
    const j = x === undefined ? -1 : (slot[x] ?? -1);
    return j === -1 ? undefined : j;
  });
  const counted = head.filter((jx): jx is number => jx !== undefined);
  const wx = Float64Array.from(counted, (jx) => weights[jx] ?? 0);
  const kx = Float64Array.from(counted, (jx) => ranks[jx] ?? 0);
  return profiles.map((profile) => {
    const sums = sumsOf(catalogue, scores, profile);
    const { linkStart, linkTerm, linkPrevents, linkMitigates } = sums.structure;
    const { terms } = sums;
    // Each gap's links, with P and M of the link's term as they would be with the gap at target:
    // `riskWithOne` computes these per variant, but they do not depend on α or β.
    const start = new Int32Array(n + 1);
    let links = 0;
    for (let j = 0; j < n; j++) {
      const i = gaps[j] ?? 0;
      start[j] = links;
      links += (linkStart[i + 1] ?? 0) - (linkStart[i] ?? 0);
    }
    start[n] = links;
    const term = new Int32Array(links);
    const pAt = new Float64Array(links);
    const mAt = new Float64Array(links);
    for (let j = 0; j < n; j++) {
      const i = gaps[j] ?? 0;
      const delta = deltas[j] ?? 0;
      let k = start[j] ?? 0;
      const end = linkStart[i + 1] ?? 0;
      for (let l = linkStart[i] ?? 0; l < end; l++, k++) {
        const v = linkTerm[l] ?? 0;
        const t = terms[v];
        const pw = t?.preventionWeight ?? 0;
        const mw = t?.mitigationWeight ?? 0;
        const pNow = (t?.preventionSum ?? 0) + (linkPrevents[l] === 1 ? delta : 0);
        const mNow = (t?.mitigationSum ?? 0) + (linkMitigates[l] === 1 ? delta : 0);
        term[k] = v;
        pAt[k] = pw === 0 ? 0 : pNow / pw;
        mAt[k] = mw === 0 ? 0 : mNow / mw;
      }
    }
    const share = Float64Array.from(terms, (t) => t.share);
    const removed = new Float64Array(n);
    return variants.map((options) => {
      const e = evaluate(sums, options);
      const { alpha, beta, residualRisk } = e;
      const base = Float64Array.from(e.baseResiduals);
      const baseTotal = 100 * sum(e.baseResiduals);
      // `riskRemovedBy(e, score, i)` for every gap, written out over the typed arrays: the same
      // operations in the same order as `riskWithOne` and `termResidual`, so the same numbers.
      for (let j = 0; j < n; j++) {
        let total = baseTotal;
        const end = start[j + 1] ?? 0;
        for (let k = start[j] ?? 0; k < end; k++) {
          const v = term[k] ?? 0;
          total +=
            100 *
            ((share[v] ?? 0) * (1 - alpha * (pAt[k] ?? 0)) * (1 - beta * (mAt[k] ?? 0)) -
              (base[v] ?? 0));
        }
        removed[j] = Math.max(0, residualRisk - clampIndex(total));
      }
      // The comparator of `gapComparator`, written out: distinct finite numbers never subtract to
      // 0, so comparing them directly orders exactly as it does. All ids are counted in one pass;
      // a gap removing less than every id's gap comes before none of them.
      const rx = Float64Array.from(counted, (jx) => removed[jx] ?? 0);
      const before = new Float64Array(counted.length);
      let least = Number.POSITIVE_INFINITY;
      for (const r of rx) least = Math.min(least, r);
      for (let j = 0; j < n; j++) {
        const rg = removed[j] ?? 0;
        if (rg < least) continue;
        for (let h = 0; h < counted.length; h++) {
          const r = rx[h] ?? 0;
          if (rg > r) before[h] = (before[h] ?? 0) + 1;
          else if (rg === r) {
            const wg = weights[j] ?? 0;
            const w = wx[h] ?? 0;
            if (wg > w || (wg === w && (ranks[j] ?? 0) < (kx[h] ?? 0)))
              before[h] = (before[h] ?? 0) + 1;
          }
        }
      }
      let h = 0;
      return head.map((jx) => {
        if (jx === undefined) return undefined;
        const rank = (before[h] ?? 0) + 1;
        h += 1;
        return rank;
      });
    });
  });
}

/**
 * The residual-risk index with some controls answered otherwise and the rest as `readiness` scored
 * them: what `computeRisk(catalogue, answers with the changes, profile, targets).residualRisk`
 * returns, to the last digit (the same scores summed in the same order), without scoring every
 * control, weighting and ranking every gap again. `readiness` must be that of the other answers
 * with the same targets.
 */
export function residualRiskWith(
  catalogue: Catalogue,
  readiness: ReadinessResult,
  profile: ThreatProfile,
  changed: Readonly<Record<string, Answer>>,
  targets: Targets = {},
  options: RiskOptions = {},
): number {
  const scores = [...readiness.controls];
  const position = indexById(catalogue);
  for (const [id, answer] of Object.entries(changed)) {
    const i = position.get(id);
    const control = i === undefined ? undefined : catalogue.controls[i];
    if (i === undefined || !control) continue;
    scores[i] = scoreControl(control, answer, targets[id]);
  }
  return evaluate(sumsOf(catalogue, scores, profile), options).residualRisk;
}

const indexes = new WeakMap<Catalogue, ReadonlyMap<string, number>>();

/** Each control's index in the catalogue, by id; cached per catalogue, which is never mutated. */
function indexById(catalogue: Catalogue): ReadonlyMap<string, number> {
  let index = indexes.get(catalogue);
  if (!index) {
    index = new Map(catalogue.controls.map((c, i) => [c.id, i]));
    indexes.set(catalogue, index);
  }
  return index;
}

interface Structure {
  /** Control indices in id order: sums run in this order, so reordering controls or files cannot
   * change a floating-point result. */
  readonly order: readonly number[];
  readonly shares: ThreatProfile['shares'];
  readonly termIndex: ReadonlyMap<string, number>;
  /**
   * Every control's links to the profile's terms, flattened: control i's are at
   * linkStart[i] ≤ k < linkStart[i + 1], in the order the control lists its vectors, each with its
   * term and whether it prevents (1) and mitigates (1). The loops over links read numbers, not
   * objects.
   */
  readonly linkStart: Int32Array;
  readonly linkTerm: Int32Array;
  readonly linkPrevents: Uint8Array;
  readonly linkMitigates: Uint8Array;
}

/**
 * What depends on the catalogue and the profile but not on the answers, kept per catalogue and
 * profile object: answering a control recomputes the scores without rebuilding it. Catalogues
 * and profiles are immutable values, so identity is a sound cache key.
 */
const structures = new WeakMap<Catalogue, WeakMap<ThreatProfile, Structure>>();

function structureOf(catalogue: Catalogue, profile: ThreatProfile): Structure {
  let byProfile = structures.get(catalogue);
  if (!byProfile) {
    byProfile = new WeakMap();
    structures.set(catalogue, byProfile);
  }
  const cached = byProfile.get(profile);
  if (cached) return cached;
  const order = idOrder(catalogue);
  const shares = [...profile.shares].sort((a, b) => compareText(a.vector, b.vector));
  const termIndex = new Map(shares.map((s, i) => [s.vector, i]));
  const terms: number[] = [];
  const prevents: number[] = [];
  const mitigates: number[] = [];
  const linkStart = new Int32Array(catalogue.controls.length + 1);
  catalogue.controls.forEach((control, i) => {
    linkStart[i] = terms.length;
    for (const v of control.vectors) {
      const term = termIndex.get(v.vector);
      if (term === undefined) continue;
      let p = 0;
      let m = 0;
      for (const e of v.effects) {
        if (e === 'prevents') p = 1;
        else if (MITIGATING.has(e)) m = 1;
      }
      terms.push(term);
      prevents.push(p);
      mitigates.push(m);
    }
  });
  linkStart[catalogue.controls.length] = terms.length;
  const structure: Structure = {
    order,
    shares,
    termIndex,
    linkStart,
    linkTerm: Int32Array.from(terms),
    linkPrevents: Uint8Array.from(prevents),
    linkMitigates: Uint8Array.from(mitigates),
  };
  byProfile.set(profile, structure);
  return structure;
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
