import { assessmentToJson } from '../assessment/export.ts';
import { answerSchema, type Answer, type Assessment } from '../assessment/schema.ts';
import type { Catalogue } from '../catalogue/schema.ts';
import type { Problem, Result } from '../validation.ts';
import { participantFromFile, type ParticipantImport } from '../workshop/participants.ts';
import type { Participant, ParticipantRole } from '../workshop/schema.ts';
import { comparableName, type RosterEntry } from './messages.ts';

/**
 * How a live room's answers land in the facilitator's assessment, the one of record: each member
 * becomes a workshop participant exactly as an imported answer file does. Their answers are
 * written as the file they would have exported and read back through `participantFromFile`, so
 * the same checks apply (catalogue, levels on its scale, reasons for N/A) and the report, the
 * comparison and the medians need nothing new.
 */

export interface RoomMemberAnswers {
  readonly memberId: string;
  readonly name: string;
  readonly role: ParticipantRole;
  /** As read from the member's document: untrusted until checked here. */
  readonly answers: Readonly<Record<string, unknown>>;
}

export interface RoomStage {
  /** The control the room is on. */
  readonly controlId: string | null;
  /** Whether that control's spread has been revealed. */
  readonly revealed: boolean;
  /** Each locked control's answers as they stood when the facilitator locked it, by member. */
  readonly locks: Readonly<Record<string, Readonly<Record<string, Answer>>>>;
}

/** The participant id and file name a member is recorded under; stable for the room's life. */
export const participantIdOf = (memberId: string): string => `room-${memberId}`;
export const ROOM_SOURCE = 'live room';

/**
 * The answers of record for one member: their own answers, checked one by one (a bad one is left
 * out and reported, the rest count); for a locked control the answer as it stood at the lock,
 * whatever came later; and nothing yet for the control on screen until its spread is revealed,
 * so the projected assessment does not show the first answers before everyone has given theirs.
 */
export function answersOfRecord(
  member: RoomMemberAnswers,
  stage: RoomStage,
): { answers: Record<string, Answer>; problems: Problem[] } {
  const answers: Record<string, Answer> = {};
  const problems: Problem[] = [];
  for (const [controlId, raw] of Object.entries(member.answers)) {
    if (Object.hasOwn(stage.locks, controlId)) continue;
    const parsed = answerSchema.safeParse(raw);
    if (parsed.success) answers[controlId] = parsed.data;
    else
      problems.push({
        source: `${member.name} (live room)`,
        path: `answers.${controlId}`,
        message: parsed.error.issues[0]?.message ?? 'expected an answer',
      });
  }
  for (const [controlId, byMember] of Object.entries(stage.locks)) {
    const locked = byMember[member.memberId];
    if (locked !== undefined) answers[controlId] = locked;
  }
  const withheld = stage.revealed ? null : stage.controlId;
  return {
    answers: Object.fromEntries(Object.entries(answers).filter(([id]) => id !== withheld)),
    problems,
  };
}

/**
 * The file the member would have exported: the facilitator's catalogue, the member's name as its
 * assessor, their answers and nothing else.
 */
export function roomParticipantFile(
  assessment: Assessment,
  member: RoomMemberAnswers,
  answers: Readonly<Record<string, Answer>>,
  at: string,
): string {
  return assessmentToJson({
    id: participantIdOf(member.memberId),
    name: `${member.name}, live room`,
    organisation: '',
    scope: '',
    assessors: [member.name],
    catalogue: { ...assessment.catalogue },
    createdAt: at,
    updatedAt: at,
    answers: { ...answers },
    meta: {},
  });
}

/** The member as a workshop participant, read through the file import's own path. */
export function participantFromRoom(input: {
  readonly text: string;
  readonly sha256: string;
  readonly member: RoomMemberAnswers;
  readonly catalogue: Catalogue;
  readonly at: string;
}): Result<ParticipantImport> {
  return participantFromFile({
    text: input.text,
    fileName: ROOM_SOURCE,
    catalogue: input.catalogue,
    role: input.member.role,
    name: input.member.name,
    id: participantIdOf(input.member.memberId),
    importedAt: input.at,
    sha256: input.sha256,
  });
}

/**
 * The participants with the member's entry replaced (or added at the end): a live member's
 * answers change all session, and each change replaces what the last one recorded.
 */
export function withRoomParticipant(
  participants: readonly Participant[],
  participant: Participant,
): Participant[] {
  const i = participants.findIndex((p) => p.id === participant.id);
  if (i === -1) return [...participants, participant];
  const next = [...participants];
  next[i] = participant;
  return next;
}

/** Whether two recorded participants carry the same answers under the same name and role. */
export function sameRecord(a: Participant | undefined, b: Participant): boolean {
  return (
    a?.name === b.name &&
    a.role === b.role &&
    JSON.stringify(a.answers) === JSON.stringify(b.answers)
  );
}

/**
 * Why a member may not use a name, if they may not: it is someone else's in this room, or an
 * assessor's, or a participant's already imported from a file. One person, one name: otherwise
 * one member could answer as another and the median would weigh them twice.
 */
export function nameClaimProblem(input: {
  readonly memberId: string;
  readonly name: string;
  readonly roster: Readonly<Record<string, RosterEntry>>;
  readonly assessment: Assessment;
}): string | undefined {
  const wanted = comparableName(input.name);
  for (const [id, entry] of Object.entries(input.roster)) {
    if (id === input.memberId || entry.status === 'refused') continue;
    if (comparableName(entry.name) === wanted) {
      return entry.status === 'removed'
        ? `the name “${input.name}” belongs to a participant the facilitator removed`
        : `the name “${input.name}” is already taken by another participant in this room`;
    }
  }
  if (input.assessment.assessors.some((a) => comparableName(a) === wanted)) {
    return `the name “${input.name}” is one of the assessment’s assessors`;
  }
  const own = participantIdOf(input.memberId);
  const imported = (input.assessment.workshop?.participants ?? []).find(
    (p) => p.id !== own && comparableName(p.name) === wanted,
  );
  if (imported) return `the name “${input.name}” is already a participant of this workshop`;
  return undefined;
}
