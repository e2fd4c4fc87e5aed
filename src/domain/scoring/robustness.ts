import type { Assessment } from '../assessment/schema.ts';
import type { Catalogue } from '../catalogue/schema.ts';
import type { ThreatProfile } from '../threat/profile.ts';
import { computeReadiness, type ReadinessResult, type Targets } from './readiness.ts';
import {
  gapRanksUnder,
  MITIGATION_EFFICACY,
  PREVENTION_EFFICACY,
  type RiskResult,
} from './risk.ts';

/**
 * How much the head of the remediation plan depends on the model's assumptions. The plan ranks
 * gaps under one profile and one α and β; a reader should know whether the first ten would still
 * be the first ten under the other bundled profiles and with α and β half or one and a half times
 * as large. Every combination is ranked by the same engine (`gapRanksUnder` in risk.ts, the ordering
 * `computeRisk` uses), so a variant differs from the report in its assumptions only.
 */

/** How many gaps the check covers: the head of the plan, where a team starts. */
export const ROBUSTNESS_TOP = 10;

/** The relative range each efficacy is moved by: −50%, as stated, +50%. */
export const EFFICACY_FACTORS: readonly number[] = [0.5, 1, 1.5];

/** An efficacy moved by a factor, capped at 1 (a control set cannot remove more than all of it). */
function scaled(value: number, factor: number): number {
  // Rounded so 0.8 × 1.5 prints and compares as 1.2 before the cap, not 1.2000000000000002.
  return Math.min(1, Math.round(value * factor * 1e9) / 1e9);
}

/** α values checked: 0.4, 0.8, 1 with the default 0.8 (1.2 capped at 1). */
export const PREVENTION_VARIANTS: readonly number[] = [
  ...new Set(EFFICACY_FACTORS.map((f) => scaled(PREVENTION_EFFICACY, f))),
];
/** β values checked: 0.25, 0.5, 0.75 with the default 0.5. */
export const MITIGATION_VARIANTS: readonly number[] = [
  ...new Set(EFFICACY_FACTORS.map((f) => scaled(MITIGATION_EFFICACY, f))),
];

export interface RobustnessVariant {
  readonly profileId: string;
  readonly profileName: string;
  /** α */
  readonly prevention: number;
  /** β */
  readonly mitigation: number;
}

export interface GapRobustness {
  readonly controlId: string;
  /** Rank in the report's own plan, 1-based. */
  readonly rank: number;
  /** Variants in which the gap is still among the first ROBUSTNESS_TOP. */
  readonly kept: number;
  readonly variants: number;
  /** Kept in every variant. */
  readonly robust: boolean;
  /** The variants it drops out under, each with the rank it falls to there. */
  readonly dropsOut: readonly (RobustnessVariant & { readonly rank: number })[];
}

export interface RobustnessResult {
  readonly top: number;
  readonly profiles: readonly { readonly id: string; readonly name: string }[];
  readonly prevention: readonly number[];
  readonly mitigation: readonly number[];
  /** Every combination of profile, α and β, the report's own included. */
  readonly variants: readonly RobustnessVariant[];
  /** The report's first ROBUSTNESS_TOP gaps, in its order. */
  readonly gaps: readonly GapRobustness[];
}

/**
 * The profiles a plan is checked against: the catalogue's own, and the one the report used when it
 * is not one of them (an edited profile, or equal weights), so the report's own ranking is always
 * one of the variants.
 */
export function robustnessProfiles(
  catalogue: Catalogue,
  profile: ThreatProfile,
): readonly ThreatProfile[] {
  return catalogue.profiles.includes(profile)
    ? catalogue.profiles
    : [...catalogue.profiles, profile];
}

export function robustness(
  catalogue: Catalogue,
  answers: Assessment['answers'],
  base: RiskResult,
  profiles: readonly ThreatProfile[],
  targets: Targets = {},
  /** The readiness of these answers and targets, when the caller has it (the report does). */
  readiness: ReadinessResult = computeReadiness(catalogue, answers, targets),
): RobustnessResult {
  const head = base.rankedGaps.slice(0, ROBUSTNESS_TOP).map((c) => c.score.control.id);
  const variants: RobustnessVariant[] = [];
  const ranks: ReadonlyMap<string, number>[] = [];
  const options = PREVENTION_VARIANTS.flatMap((prevention) =>
    MITIGATION_VARIANTS.map((mitigation) => ({ prevention, mitigation })),
  );
  // The ranks come from the engine's own ordering of gaps (`gapRanksUnder`), with the readiness,
  // which no variant changes, computed once.
  const byProfile = gapRanksUnder(catalogue, readiness, profiles, options, head);
  profiles.forEach((p, pi) => {
    const byVariant = byProfile[pi] ?? [];
    options.forEach(({ prevention, mitigation }, k) => {
      variants.push({ profileId: p.id, profileName: p.name, prevention, mitigation });
      const found = byVariant[k] ?? [];
      ranks.push(
        new Map(head.flatMap((id, i) => (found[i] === undefined ? [] : [[id, found[i]]]))),
      );
    });
  });
  const gaps = head.map((controlId, i): GapRobustness => {
    const dropsOut = variants.flatMap((v, j) => {
      // The answers are the same in every variant, so every gap of the report is a gap in each.
      const rank = ranks[j]?.get(controlId) ?? Number.POSITIVE_INFINITY;
      return rank <= ROBUSTNESS_TOP ? [] : [{ ...v, rank }];
    });
    return {
      controlId,
      rank: i + 1,
      kept: variants.length - dropsOut.length,
      variants: variants.length,
      robust: dropsOut.length === 0,
      dropsOut,
    };
  });
  return {
    top: ROBUSTNESS_TOP,
    profiles: profiles.map((p) => ({ id: p.id, name: p.name })),
    prevention: PREVENTION_VARIANTS,
    mitigation: MITIGATION_VARIANTS,
    variants,
    gaps,
  };
}
