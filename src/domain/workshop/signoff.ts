import type { Assessment } from '../assessment/schema.ts';

/**
 * The assessment as it was signed: everything but the sign-off itself, whose own fingerprint
 * cannot be inside it. Its SHA-256 is recorded at signing and compared later, so the report can
 * say whether the answers changed after the sign-off.
 */
export function withoutSignOff(assessment: Assessment): Assessment {
  if (assessment.workshop?.signOff === undefined) return assessment;
  const { signOff: _, ...workshop } = assessment.workshop;
  return { ...assessment, workshop };
}
