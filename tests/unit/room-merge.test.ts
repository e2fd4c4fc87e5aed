import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/domain/assessment/schema.ts';
import {
  answersOfRecord,
  nameClaimProblem,
  participantFromRoom,
  participantIdOf,
  roomParticipantFile,
  sameRecord,
  withRoomParticipant,
  type RoomMemberAnswers,
  type RoomStage,
} from '../../src/domain/room/merge.ts';
import type { RosterEntry } from '../../src/domain/room/messages.ts';
import { participantFromFile } from '../../src/domain/workshop/participants.ts';
import { tinyAssessment, tinyCatalogue } from '../fixtures/catalogue.ts';

const catalogue = tinyCatalogue([{}, {}, {}]);
const AT = '2026-11-25T12:00:00.000Z';
const HASH = 'a'.repeat(64);
const BEA = 'B'.repeat(22);
const CEM = 'C'.repeat(22);

const member = (
  answers: Record<string, unknown>,
  memberId = BEA,
  name = 'Bea',
): RoomMemberAnswers => ({
  memberId,
  name,
  role: 'team',
  answers,
});
const open: RoomStage = { controlId: null, revealed: false, locks: {} };
const level = (l: number, notes?: string): Answer => ({
  status: 'level',
  level: l,
  ...(notes === undefined ? {} : { notes }),
});

describe('a live member’s answers of record', () => {
  it('keeps valid answers and reports each invalid one without dropping the rest', () => {
    const { answers, problems } = answersOfRecord(
      member({
        'KEY-01': level(2, 'rotation log'),
        'KEY-02': { status: 'na', justification: '' },
        'KEY-03': { status: 'level', level: 'x' },
      }),
      open,
    );
    expect(answers).toEqual({ 'KEY-01': level(2, 'rotation log') });
    expect(problems.map((p) => p.path)).toEqual(['answers.KEY-02', 'answers.KEY-03']);
  });

  it('withholds the control on screen until its spread is revealed', () => {
    const m = member({ 'KEY-01': level(2), 'KEY-02': level(1) });
    const current = { ...open, controlId: 'KEY-02' };
    expect(answersOfRecord(m, current).answers).toEqual({ 'KEY-01': level(2) });
    expect(answersOfRecord(m, { ...current, revealed: true }).answers).toEqual({
      'KEY-01': level(2),
      'KEY-02': level(1),
    });
  });

  it('takes a locked control’s answer as it stood at the lock, whatever came after', () => {
    const locks = { 'KEY-01': { [BEA]: level(1) } };
    const changedAfter = member({ 'KEY-01': level(3), 'KEY-02': level(2) });
    expect(answersOfRecord(changedAfter, { ...open, locks }).answers).toEqual({
      'KEY-01': level(1),
      'KEY-02': level(2),
    });
    // Someone who had not answered by the lock has no answer to it, even if they answer later.
    expect(
      answersOfRecord(member({ 'KEY-01': level(3) }, CEM, 'Cem'), { ...open, locks }).answers,
    ).toEqual({});
  });
});

describe('the merge into the assessment', () => {
  it('records a member exactly as importing the file they would export does', () => {
    const assessment = tinyAssessment();
    const m = member({ 'KEY-01': level(2, 'rotation log') });
    const { answers } = answersOfRecord(m, open);
    const text = roomParticipantFile(assessment, m, answers, AT);
    const live = participantFromRoom({ text, sha256: HASH, member: m, catalogue, at: AT });
    const filed = participantFromFile({
      text,
      fileName: 'live room',
      catalogue,
      role: 'team',
      name: 'Bea',
      id: participantIdOf(BEA),
      importedAt: AT,
      sha256: HASH,
    });
    expect(live).toEqual(filed);
    expect(live.ok && live.value.participant).toMatchObject({
      id: `room-${BEA}`,
      name: 'Bea',
      role: 'team',
      answers: { 'KEY-01': level(2, 'rotation log') },
      source: { fileName: 'live room', assessmentId: `room-${BEA}` },
    });
  });

  it('refuses, as the import does, a level above the catalogue’s scale', () => {
    const assessment = tinyAssessment();
    const m = member({ 'KEY-01': level(7) });
    const text = roomParticipantFile(assessment, m, answersOfRecord(m, open).answers, AT);
    const result = participantFromRoom({ text, sha256: HASH, member: m, catalogue, at: AT });
    expect(result.ok).toBe(false);
  });

  it('replaces the member’s entry on each change and adds a new member at the end', () => {
    const assessment = tinyAssessment();
    const make = (m: RoomMemberAnswers) => {
      const text = roomParticipantFile(assessment, m, answersOfRecord(m, open).answers, AT);
      const r = participantFromRoom({ text, sha256: HASH, member: m, catalogue, at: AT });
      if (!r.ok) throw new Error('expected a participant');
      return r.value.participant;
    };
    const first = make(member({ 'KEY-01': level(1) }));
    const second = make(member({ 'KEY-01': level(3) }));
    const cem = make(member({ 'KEY-02': level(0) }, CEM, 'Cem'));
    const list = withRoomParticipant(withRoomParticipant([first], cem), second);
    expect(
      list.map((p) => [
        p.name,
        p.answers['KEY-01']?.status === 'level' && p.answers['KEY-01'].level,
      ]),
    ).toEqual([
      ['Bea', 3],
      ['Cem', false],
    ]);
    expect(sameRecord(first, second)).toBe(false);
    expect(sameRecord(second, { ...second, importedAt: '2026-11-26T00:00:00.000Z' })).toBe(true);
  });
});

describe('a name claimed in the room', () => {
  const assessment = tinyAssessment({ assessors: ['A. Moreau'] });
  it('refuses another member’s name, whatever its case or spacing, and a removed member’s', () => {
    const roster: Record<string, RosterEntry> = {
      [BEA]: { name: 'Bea', role: 'team', status: 'in' },
    };
    expect(nameClaimProblem({ memberId: CEM, name: '  bEA ', roster, assessment })).toMatch(
      /already taken/,
    );
    expect(nameClaimProblem({ memberId: BEA, name: 'Bea', roster, assessment })).toBeUndefined();
    const removed: Record<string, RosterEntry> = {
      [BEA]: { name: 'Bea', role: 'team', status: 'removed' },
    };
    expect(nameClaimProblem({ memberId: CEM, name: 'Bea', roster: removed, assessment })).toMatch(
      /removed/,
    );
  });

  it('refuses an assessor’s name and a participant imported from a file', () => {
    expect(nameClaimProblem({ memberId: CEM, name: 'a. moreau', roster: {}, assessment })).toMatch(
      /assessors/,
    );
    const withFile = tinyAssessment({
      workshop: {
        agenda: [],
        agreements: {},
        actions: [],
        participants: [
          {
            id: 'p1',
            name: 'Ola',
            role: 'auditor',
            importedAt: AT,
            answers: {},
            source: {
              fileName: 'ola.json',
              assessmentName: 'x',
              catalogueVersion: '1.0.0',
              sha256: HASH,
            },
          },
        ],
      },
    });
    expect(
      nameClaimProblem({ memberId: CEM, name: 'Ola', roster: {}, assessment: withFile }),
    ).toMatch(/already a participant/);
    expect(
      nameClaimProblem({ memberId: CEM, name: 'Cem', roster: {}, assessment: withFile }),
    ).toBeUndefined();
  });
});
