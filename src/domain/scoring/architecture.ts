import type { Answer, Assessment } from '../assessment/schema.ts';
import type { ArchitectureFeature, AttackVector, Catalogue, Control } from '../catalogue/schema.ts';
import type { ThreatProfile } from '../threat/profile.ts';

/**
 * What the team operates decides what it can be scored on. A control or vector whose `appliesTo`
 * lists only features the team does not operate cannot apply to it:
 *
 * - such a control is scored as not applicable, with the reason "not operated: …", exactly as if
 *   the team had marked it N/A itself. The stored answer is kept, so operating the feature again
 *   brings it back as it was;
 * - such a vector leaves the threat profile. The index divides by the loss shares the profile
 *   keeps, so the remaining vectors are renormalised and their weights still add up to 100.
 *
 * With every feature operated nothing changes, down to the objects passed on, so an assessment
 * that says nothing about its architecture scores exactly as before the architecture existed.
 */

export interface RemovedControl {
  readonly control: Control;
  /** The features it applies to, all of them not operated. */
  readonly features: readonly ArchitectureFeature[];
  /** The justification its effective N/A answer carries. */
  readonly justification: string;
}

export interface RemovedVector {
  readonly vector: AttackVector;
  readonly features: readonly ArchitectureFeature[];
}

export interface ArchitectureEffect {
  /** Every feature the catalogue declares, in its order, with whether the team operates it. */
  readonly features: readonly {
    readonly feature: ArchitectureFeature;
    readonly operated: boolean;
  }[];
  /** The declared features the team does not operate; ids the catalogue does not declare are dropped. */
  readonly notOperated: ReadonlySet<string>;
  /** In catalogue order. */
  readonly removedControls: readonly RemovedControl[];
  /** In catalogue order; amplifiers included, though profiles never weight them. */
  readonly removedVectors: readonly RemovedVector[];
}

export const NOT_OPERATED_PREFIX = 'not operated: ';

/** Whether something that applies to `appliesTo` cannot apply: it lists features, none operated. */
function cannotApply(
  appliesTo: readonly string[] | undefined,
  notOperated: ReadonlySet<string>,
): boolean {
  return (
    appliesTo !== undefined && appliesTo.length > 0 && appliesTo.every((id) => notOperated.has(id))
  );
}

export function applyArchitecture(
  catalogue: Catalogue,
  notOperated: ReadonlySet<string>,
): ArchitectureEffect {
  const declared = catalogue.architecture ?? [];
  const byId = new Map(declared.map((f) => [f.id, f]));
  const known = new Set([...notOperated].filter((id) => byId.has(id)));
  const featuresOf = (ids: readonly string[]): ArchitectureFeature[] =>
    ids.flatMap((id) => byId.get(id) ?? []);
  const removedControls: RemovedControl[] = catalogue.controls.flatMap((control) => {
    if (!cannotApply(control.appliesTo, known)) return [];
    const features = featuresOf(control.appliesTo ?? []);
    return [{ control, features, justification: notOperatedReason(features) }];
  });
  const removedVectors: RemovedVector[] = catalogue.vectors.flatMap((vector) =>
    cannotApply(vector.appliesTo, known)
      ? [{ vector, features: featuresOf(vector.appliesTo ?? []) }]
      : [],
  );
  return {
    features: declared.map((feature) => ({ feature, operated: !known.has(feature.id) })),
    notOperated: known,
    removedControls,
    removedVectors,
  };
}

/** Names contain commas ("Validators, oracles, keepers or relayers"), so they are joined by semicolons. */
export function notOperatedReason(features: readonly ArchitectureFeature[]): string {
  return NOT_OPERATED_PREFIX + features.map((f) => f.name).join('; ');
}

/**
 * The answers scoring uses: each control that cannot apply is N/A with its reason, keeping the
 * notes of whatever was stored. The same object when nothing is removed.
 */
export function effectiveAnswers(
  effect: ArchitectureEffect,
  answers: Assessment['answers'],
): Assessment['answers'] {
  if (effect.removedControls.length === 0) return answers;
  const out: Record<string, Answer> = { ...answers };
  for (const { control, justification } of effect.removedControls) {
    const notes = answers[control.id]?.notes;
    out[control.id] =
      notes === undefined
        ? { status: 'na', justification }
        : { status: 'na', justification, notes };
  }
  return out;
}

/**
 * Profiles derived per profile object and set of removed vectors, so recomputing a report reuses
 * the same derived profile and `computeRisk` keeps its per-profile structure cache.
 */
const derived = new WeakMap<ThreatProfile, Map<string, ThreatProfile>>();

/**
 * The profile scoring uses: the removed vectors' shares left out, so they get no weight and the
 * index renormalises over the rest. The same object when the profile weights none of them.
 */
export function effectiveProfile(
  effect: ArchitectureEffect,
  profile: ThreatProfile,
): ThreatProfile {
  const removed = new Set(effect.removedVectors.map((r) => r.vector.id));
  if (!profile.shares.some((s) => removed.has(s.vector))) return profile;
  const key = [...removed].sort().join('\n');
  let byKey = derived.get(profile);
  if (!byKey) {
    byKey = new Map();
    derived.set(profile, byKey);
  }
  const cached = byKey.get(key);
  if (cached) return cached;
  const result = { ...profile, shares: profile.shares.filter((s) => !removed.has(s.vector)) };
  byKey.set(key, result);
  return result;
}

/**
 * What each removed vector weighed in the profile as given, in index points (100 × l(v) / Σ l):
 * the weight the remaining vectors now share. Vectors the profile does not weight are left out.
 */
export function removedWeights(
  effect: ArchitectureEffect,
  profile: ThreatProfile,
): { readonly vector: AttackVector; readonly exposure: number }[] {
  const total = profile.shares.reduce((sum, s) => sum + s.loss, 0);
  return effect.removedVectors.flatMap(({ vector }) => {
    const share = profile.shares.find((s) => s.vector === vector.id);
    return share === undefined
      ? []
      : [{ vector, exposure: total === 0 ? 0 : (100 * share.loss) / total }];
  });
}
