import type { Assessment } from '../assessment/schema.ts';
import { EMPTY_WORKSHOP } from './schema.ts';

/**
 * What a sign-off covers: the answers, per-control details, scope, profile and workshop records,
 * but not the sign-off itself (its own fingerprint cannot be inside it), nor what changes without
 * changing what was assessed: the id and name (an import under a taken id renames the copy), the
 * change time (signing sets it) and the agenda's time boxes. A missing workshop counts as an empty
 * one. Its SHA-256 is recorded at signing and compared later, so the report can say whether the
 * signed data changed afterwards.
 */
export function signedContent(assessment: Assessment): Assessment {
  const { signOff: _, ...workshop } = assessment.workshop ?? EMPTY_WORKSHOP;
  return {
    ...assessment,
    id: 'signed',
    name: 'signed',
    updatedAt: assessment.createdAt,
    workshop: { ...workshop, agenda: [] },
  };
}
