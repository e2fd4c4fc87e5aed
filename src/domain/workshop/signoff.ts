import type { Assessment } from '../assessment/schema.ts';
import { EMPTY_WORKSHOP } from './schema.ts';

/**
 * What a sign-off covers: the assessment without the sign-off itself (its own fingerprint cannot
 * be inside it) and without `updatedAt`, which the act of signing changes; it is set to
 * `createdAt`; a missing workshop counts as an empty one. Its SHA-256 is recorded at signing and compared later, so the report can say
 * whether anything that was signed changed afterwards.
 */
export function signedContent(assessment: Assessment): Assessment {
  // Signing creates the workshop when there was none: an empty one stands for "none".
  const { signOff: _, ...workshop } = assessment.workshop ?? EMPTY_WORKSHOP;
  return { ...assessment, updatedAt: assessment.createdAt, workshop };
}
