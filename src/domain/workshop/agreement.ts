import type { Answer } from '../assessment/answer-schema.ts';
import type { Assessment } from '../assessment/schema.ts';
import type { Agreement } from './schema.ts';

function sameAnswer(a: Answer, b: Answer | undefined): boolean {
  if (a.status !== b?.status) return false;
  return a.status === 'level'
    ? b.status === 'level' && a.level === b.level
    : b.status === 'na' && a.justification === b.justification;
}

/**
 * The agreement behind a control's current answer, if there is one: an agreement on a level the
 * answer no longer has (changed later, undone, edited in another tab) describes nothing now.
 * Notes are not part of what was agreed.
 */
export function currentAgreement(assessment: Assessment, controlId: string): Agreement | undefined {
  const agreement = assessment.workshop?.agreements[controlId];
  return agreement && sameAnswer(agreement.answer, assessment.answers[controlId])
    ? agreement
    : undefined;
}
