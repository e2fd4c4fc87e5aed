import type { Answer } from '../assessment/answer-schema.ts';
import type { Assessment } from '../assessment/schema.ts';
import type { Agreement, Verification } from './schema.ts';

export function sameAnswer(a: Answer, b: Answer | undefined): boolean {
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

/**
 * Where a control's answer stands in the workshop. An answer nobody agreed here (carried over from
 * a baseline or a self-assessment, or changed since it was agreed) is never shown as agreed.
 */
export type AgreementState =
  | { readonly kind: 'unanswered' }
  | { readonly kind: 'agreed'; readonly answer: Answer; readonly agreement: Agreement }
  | {
      readonly kind: 'not-agreed';
      readonly answer: Answer;
      /** The agreement on another answer, when the answer changed after it. */
      readonly earlier: Agreement | undefined;
    };

export function agreementState(assessment: Assessment, controlId: string): AgreementState {
  const answer = assessment.answers[controlId];
  if (answer === undefined) return { kind: 'unanswered' };
  const agreement = currentAgreement(assessment, controlId);
  if (agreement) return { kind: 'agreed', answer, agreement };
  return { kind: 'not-agreed', answer, earlier: assessment.workshop?.agreements[controlId] };
}

/** The auditor's verification of the control's current answer; one of an earlier answer is not. */
export function currentVerification(
  assessment: Assessment,
  controlId: string,
): Verification | undefined {
  const verification = assessment.workshop?.verifications?.[controlId];
  return verification && sameAnswer(verification.answer, assessment.answers[controlId])
    ? verification
    : undefined;
}

/** The people in the room: the assessors, then the participants, each name once. */
export interface RoomMember {
  readonly name: string;
  /** Assessors run the assessment; participants' role is the one their file was imported as. */
  readonly role: 'assessor' | 'team' | 'auditor';
}

export function roomMembers(assessment: Assessment): RoomMember[] {
  const members: RoomMember[] = [];
  const seen = new Set<string>();
  const add = (name: string, role: RoomMember['role']): void => {
    if (seen.has(name)) return;
    seen.add(name);
    members.push({ name, role });
  };
  for (const name of assessment.assessors) add(name, 'assessor');
  for (const p of assessment.workshop?.participants ?? []) add(p.name, p.role);
  return members;
}

/** Recorded as who agreed when nobody in the room is named at all. */
export const UNNAMED_ROOM = 'Workshop participants';

/**
 * Who agrees unless the facilitator chooses otherwise: the assessors and the team. Participants
 * imported as auditors are left out, because their part is to verify against evidence, which is
 * recorded on its own; the facilitator ticks them in when they did agree.
 */
export function defaultAgreeing(assessment: Assessment): string[] {
  const members = roomMembers(assessment);
  if (members.length === 0) return [UNNAMED_ROOM];
  const agreeing = members.filter((m) => m.role !== 'auditor').map((m) => m.name);
  return agreeing.length > 0 ? agreeing : members.map((m) => m.name);
}

/**
 * The people each new agreement is recorded with: the facilitator's choice, kept to people still
 * in the room, in the room's order; the default until a choice is made. May be empty: then
 * nothing can be agreed until someone is ticked.
 */
export function agreeingOf(assessment: Assessment): string[] {
  const chosen = assessment.workshop?.agreeing;
  if (chosen === undefined) return defaultAgreeing(assessment);
  const members = roomMembers(assessment);
  if (members.length === 0) return chosen.includes(UNNAMED_ROOM) ? [UNNAMED_ROOM] : [];
  const ticked = new Set(chosen);
  return members.filter((m) => ticked.has(m.name)).map((m) => m.name);
}
