import type { Assessment } from '../assessment/schema.ts';
import type { Catalogue } from '../catalogue/schema.ts';
import type { ThreatProfile } from '../threat/profile.ts';
import {
  applyArchitecture,
  effectiveAnswers,
  effectiveProfile,
  type ArchitectureEffect,
} from './architecture.ts';
import { targetsOf, type Targets } from './readiness.ts';
import { computeRisk, type RiskResult } from './risk.ts';

/**
 * An assessment as every figure reads it: each control the team cannot operate is N/A with its
 * reason, each vector it cannot face is weighted nowhere, and then it is scored. One function, so
 * the report, the dollar view's bench and its tests cannot drift apart on what "scored" means.
 */
export interface ScoredAssessment {
  readonly effect: ArchitectureEffect;
  readonly notOperated: ReadonlySet<string>;
  /** The effective answers: stored answers, with the not-operated controls N/A. */
  readonly answers: Assessment['answers'];
  /** The effective profile: the vectors the team cannot face left out. */
  readonly profile: ThreatProfile;
  readonly targets: Targets;
  readonly risk: RiskResult;
}

export function scoreAssessment(
  catalogue: Catalogue,
  assessment: Pick<Assessment, 'answers' | 'meta' | 'architecture'>,
  profile: ThreatProfile,
  notOperated: readonly string[] = assessment.architecture?.notOperated ?? [],
): ScoredAssessment {
  const features = new Set(notOperated);
  const effect = applyArchitecture(catalogue, features);
  const answers = effectiveAnswers(effect, assessment.answers);
  const effective = effectiveProfile(effect, profile);
  const targets = targetsOf(assessment);
  return {
    effect,
    notOperated: features,
    answers,
    profile: effective,
    targets,
    risk: computeRisk(catalogue, answers, effective, targets),
  };
}
