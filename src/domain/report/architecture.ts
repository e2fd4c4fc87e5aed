import { points } from '../format.ts';
import { removedWeights, type ArchitectureEffect } from '../scoring/architecture.ts';
import type { ThreatProfile } from '../threat/profile.ts';

/**
 * What the team said it operates and what that took out of the scores, so a reader can see why a
 * control is N/A without the team having written a reason, and where a vector's weight went.
 */
export interface ArchitectureSection {
  readonly architecture: {
    /** False when the catalogue declares no features: the report then has nothing to print. */
    readonly declared: boolean;
    readonly operated: readonly ArchitectureFeatureRow[];
    readonly notOperated: readonly ArchitectureFeatureRow[];
    /** Controls scored N/A because every feature they apply to is not operated, catalogue order. */
    readonly removedControls: readonly {
      readonly controlId: string;
      readonly title: string;
      readonly reason: string;
    }[];
    /** Vectors given no weight, with the index points they had under the profile as published. */
    readonly removedVectors: readonly {
      readonly vectorId: string;
      readonly name: string;
      readonly exposure: number;
      readonly exposureDisplay: string;
    }[];
    /** What was removed, in one sentence. */
    readonly sentence: string;
  };
}

export interface ArchitectureFeatureRow {
  readonly id: string;
  readonly name: string;
  readonly description: string;
}

export function architectureSection(
  effect: ArchitectureEffect,
  profile: ThreatProfile,
): ArchitectureSection {
  const row = (f: ArchitectureFeatureRow): ArchitectureFeatureRow => ({
    id: f.id,
    name: f.name,
    description: f.description,
  });
  const removedControls = effect.removedControls.map((r) => ({
    controlId: r.control.id,
    title: r.control.title,
    reason: r.justification,
  }));
  const removedVectors = removedWeights(effect, profile).map(({ vector, exposure }) => ({
    vectorId: vector.id,
    name: vector.name,
    exposure,
    exposureDisplay: points(exposure),
  }));
  return {
    architecture: {
      declared: effect.features.length > 0,
      operated: effect.features.filter((f) => f.operated).map((f) => row(f.feature)),
      notOperated: effect.features.filter((f) => !f.operated).map((f) => row(f.feature)),
      removedControls,
      removedVectors,
      sentence: sentenceOf(effect, removedControls.length, removedVectors),
    },
  };
}

function sentenceOf(
  effect: ArchitectureEffect,
  controls: number,
  vectors: readonly { readonly name: string; readonly exposureDisplay: string }[],
): string {
  if (effect.notOperated.size === 0) {
    return 'The team operates everything the catalogue asks about, so every control and attack vector applies.';
  }
  const controlPart =
    controls === 0
      ? 'No control depends only on what the team does not operate'
      : `${String(controls)} ${controls === 1 ? 'control is' : 'controls are'} scored not applicable because every feature ${controls === 1 ? 'it applies' : 'they apply'} to is not operated (their stored answers are kept)`;
  const vectorPart =
    vectors.length === 0
      ? 'every attack vector keeps its weight.'
      : `${vectors.map((v) => `${v.name} (${v.exposureDisplay} of 100 points)`).join(', ')} ${vectors.length === 1 ? 'gets' : 'get'} no weight, and the other vectors are scaled up to fill the 100.`;
  return `${controlPart}; ${vectorPart}`;
}
