import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assessmentToJson } from '../../src/domain/assessment/export.ts';
import { parseAssessmentFile } from '../../src/domain/assessment/import.ts';
import type { Answer, Assessment } from '../../src/domain/assessment/schema.ts';
import { mergeConcurrent } from '../../src/domain/persistence/merge.ts';
import { targetsOf } from '../../src/domain/scoring/readiness.ts';
import { computeRisk } from '../../src/domain/scoring/risk.ts';
import { resolveProfile } from '../../src/domain/threat/resolve.ts';
import { withActionEdited } from '../../src/domain/workshop/action-edit.ts';
import { gapsWithoutAction, sortedActions } from '../../src/domain/workshop/actions.ts';
import { controlsLeft, discussedBy } from '../../src/domain/workshop/agenda.ts';
import {
  agreeingOf,
  agreementState,
  currentVerification,
  defaultAgreeing,
  roomMembers,
  UNNAMED_ROOM,
} from '../../src/domain/workshop/agreement.ts';
import { defaultBaseline, participantBaseline } from '../../src/domain/workshop/compare.ts';
import { answerGroups, participantAnswersFor } from '../../src/domain/workshop/participants.ts';
import {
  EMPTY_WORKSHOP,
  workshopSchema,
  type Action,
  type Participant,
  type Workshop,
} from '../../src/domain/workshop/schema.ts';
import { verificationRows, verificationSummary } from '../../src/domain/workshop/verification.ts';
import { bundledCatalogue, tinyCatalogue } from '../fixtures/catalogue.ts';

const level = (n: number): Answer => ({ status: 'level', level: n });
const at = '2026-11-25T10:00:00.000Z';

function assessment(extra: Partial<Assessment> = {}, workshop: Partial<Workshop> = {}): Assessment {
  return {
    id: 'a',
    name: 'Q4',
    organisation: 'Example DAO',
    scope: '',
    assessors: ['Ana'],
    catalogue: { id: 'tiny', version: '1.0.0' },
    createdAt: at,
    updatedAt: at,
    answers: {},
    meta: {},
    workshop: { ...EMPTY_WORKSHOP, ...workshop },
    ...extra,
  };
}

function participant(id: string, name: string, role: Participant['role'], answers = {}) {
  return {
    id,
    name,
    role,
    source: {
      fileName: `${id}.json`,
      assessmentName: name,
      catalogueVersion: '1.0.0',
      sha256: id.padEnd(64, '0').replace(/[^0-9a-f]/g, 'a'),
    },
    importedAt: at,
    answers,
  } satisfies Participant;
}

const action = (id: string, controlId: string, extra: Partial<Action> = {}): Action => ({
  id,
  controlId,
  text: `Do ${id}`,
  owner: '',
  priority: 'medium',
  createdAt: at,
  ...extra,
});

describe('whether an answer was agreed here', () => {
  it('tells an agreed answer from one carried over or changed since', () => {
    const agreed = assessment(
      { answers: { 'KEY-01': level(2), 'KEY-02': level(1), 'KEY-03': level(3) } },
      {
        agreements: {
          'KEY-01': { by: ['Ana'], at, answer: level(2) },
          'KEY-03': { by: ['Ana'], at, answer: level(1) },
        },
      },
    );
    expect(agreementState(agreed, 'KEY-01')).toMatchObject({ kind: 'agreed' });
    expect(agreementState(agreed, 'KEY-02')).toEqual({
      kind: 'not-agreed',
      answer: level(1),
      earlier: undefined,
    });
    expect(agreementState(agreed, 'KEY-03')).toMatchObject({
      kind: 'not-agreed',
      earlier: { answer: level(1) },
    });
    expect(agreementState(agreed, 'KEY-04')).toEqual({ kind: 'unanswered' });
  });
});

describe('who agrees', () => {
  const room = assessment(
    { assessors: ['Ana', 'Bea'] },
    {
      participants: [
        participant('p1', 'Bea', 'team'),
        participant('p2', 'Cem', 'team'),
        participant('p3', 'Ola', 'auditor'),
      ],
    },
  );

  it('lists each person once, assessors first, with their role', () => {
    expect(roomMembers(room)).toEqual([
      { name: 'Ana', role: 'assessor' },
      { name: 'Bea', role: 'assessor' },
      { name: 'Cem', role: 'team' },
      { name: 'Ola', role: 'auditor' },
    ]);
  });

  it('leaves auditors out by default, and follows the facilitator’s choice after', () => {
    expect(defaultAgreeing(room)).toEqual(['Ana', 'Bea', 'Cem']);
    expect(agreeingOf(room)).toEqual(['Ana', 'Bea', 'Cem']);
    const chosen = {
      ...room,
      workshop: { ...EMPTY_WORKSHOP, ...room.workshop, agreeing: ['Ola', 'Ana', 'Gone'] },
    };
    // In the room's order, and only people still in the room.
    expect(agreeingOf(chosen)).toEqual(['Ana', 'Ola']);
    const nobody = { ...room, workshop: { ...EMPTY_WORKSHOP, ...room.workshop, agreeing: [] } };
    expect(agreeingOf(nobody)).toEqual([]);
  });

  it('falls back to everyone when only auditors are named, and to a placeholder without names', () => {
    const auditorsOnly = assessment(
      { assessors: [] },
      { participants: [participant('p3', 'Ola', 'auditor')] },
    );
    expect(defaultAgreeing(auditorsOnly)).toEqual(['Ola']);
    expect(defaultAgreeing(assessment({ assessors: [] }))).toEqual([UNNAMED_ROOM]);
  });
});

describe('what the presentation shows of the participants', () => {
  it('gives each participant’s answer and note to one control, skipped ones undefined', () => {
    const ps = [
      participant('p1', 'Bea', 'team', { 'KEY-01': { ...level(2), notes: 'seen the log' } }),
      participant('p2', 'Cem', 'team', {}),
    ];
    expect(participantAnswersFor(ps, 'KEY-01')).toEqual([
      {
        participantId: 'p1',
        name: 'Bea',
        role: 'team',
        answer: { ...level(2), notes: 'seen the log' },
      },
      { participantId: 'p2', name: 'Cem', role: 'team', answer: undefined },
    ]);
  });
});

describe('answers grouped for the room', () => {
  it('puts the same answer in the same words on one line, in the order first given', () => {
    const note = { ...level(1), notes: 'shared note' };
    const ps = [
      participant('p1', 'Bea', 'team', { 'KEY-01': note }),
      participant('p2', 'Cem', 'team', { 'KEY-01': level(2) }),
      participant('p3', 'Dan', 'team', { 'KEY-01': note }),
      participant('p4', 'Eve', 'team', { 'KEY-01': level(1) }),
      participant('p5', 'Ola', 'auditor', {}),
      participant('p6', 'Pat', 'team', { 'KEY-01': { status: 'na', justification: 'none' } }),
    ];
    const groups = answerGroups(participantAnswersFor(ps, 'KEY-01'));
    expect(groups.map((g) => [g.answer, g.people.map((p) => p.name)])).toEqual([
      [note, ['Bea', 'Dan']],
      [level(2), ['Cem']],
      [level(1), ['Eve']],
      [undefined, ['Ola']],
      [{ status: 'na', justification: 'none' }, ['Pat']],
    ]);
  });

  it('keeps every participant exactly once', () => {
    const answer = fc.option(
      fc.oneof(
        fc.integer({ min: 0, max: 3 }).map(level),
        fc.constant<Answer>({ status: 'na', justification: 'n' }),
      ),
      { nil: undefined },
    );
    fc.assert(
      fc.property(fc.array(answer, { maxLength: 8 }), (given) => {
        const ps = given.map((a, i) =>
          participant(
            `p${String(i)}`,
            `P${String(i)}`,
            'team',
            a === undefined ? {} : { 'KEY-01': a },
          ),
        );
        const groups = answerGroups(participantAnswersFor(ps, 'KEY-01'));
        expect(groups.flatMap((g) => g.people.map((p) => p.participantId)).sort()).toEqual(
          ps.map((p) => p.id).sort(),
        );
      }),
    );
  });
});

describe('controls discussed', () => {
  const catalogue = tinyCatalogue([{}, {}, {}, {}]);

  it('counts agreed, parked and marked controls as discussed, not answers carried over', () => {
    const a = assessment(
      {
        answers: { 'KEY-01': level(2), 'KEY-02': level(1), 'KEY-04': level(3) },
        meta: { 'KEY-03': { evidenceRequested: true } },
      },
      {
        agreements: { 'KEY-01': { by: ['Ana'], at, answer: level(2) } },
        discussed: { 'KEY-04': at },
      },
    );
    expect(['KEY-01', 'KEY-02', 'KEY-03', 'KEY-04'].map((id) => discussedBy(a, id))).toEqual([
      'agreed',
      null,
      'parked',
      'marked',
    ]);
    // KEY-02 was answered before the workshop: it is still to discuss.
    expect(controlsLeft(catalogue, a, 'keys')).toBe(1);
    expect(controlsLeft(catalogue, assessment({ answers: { 'KEY-01': level(2) } }), 'keys')).toBe(
      4,
    );
  });

  it('never counts more left than the domain has, and marking one discussed leaves one fewer', () => {
    const ids = ['KEY-01', 'KEY-02', 'KEY-03', 'KEY-04'];
    fc.assert(
      fc.property(fc.subarray(ids), fc.constantFrom(...ids), (marked, extra) => {
        const discussed = Object.fromEntries(marked.map((id) => [id, at]));
        const before = controlsLeft(catalogue, assessment({}, { discussed }), 'keys');
        const after = controlsLeft(
          catalogue,
          assessment({}, { discussed: { ...discussed, [extra]: at } }),
          'keys',
        );
        expect(before).toBe(4 - marked.length);
        expect(after).toBe(marked.includes(extra) ? before : before - 1);
      }),
    );
  });
});

describe('editing actions', () => {
  it('changes only the action edited, stamps it, and removes an emptied due date or link', () => {
    const actions = [
      action('x1', 'KEY-01', { due: '2027-01-31', evidenceLink: 'https://x.example/1' }),
      action('x2', 'KEY-02'),
    ];
    const later = '2026-11-26T09:00:00.000Z';
    const edited = withActionEdited(
      actions,
      'x1',
      { status: 'done', due: '', evidenceLink: ' ' },
      later,
    );
    expect(edited[0]).toEqual({ ...action('x1', 'KEY-01'), status: 'done', updatedAt: later });
    expect(edited[1]).toBe(actions[1]);
    expect(workshopSchema.safeParse({ ...EMPTY_WORKSHOP, actions: edited }).success).toBe(true);
    expect(withActionEdited(actions, 'nope', { status: 'done' }, later)).toEqual(actions);
  });

  it('puts work still to do before what is done', () => {
    const sorted = sortedActions([
      action('done-high', 'KEY-01', { priority: 'high', status: 'done' }),
      action('open-low', 'KEY-02', { priority: 'low' }),
      action('going-high', 'KEY-03', { priority: 'high', status: 'in-progress' }),
    ]);
    expect(sorted.map((a) => a.id)).toEqual(['going-high', 'open-low', 'done-high']);
  });
});

describe('gaps without an action', () => {
  const catalogue = bundledCatalogue();
  const base: Assessment = {
    ...assessment(),
    catalogue: { id: catalogue.meta.id, version: catalogue.meta.version },
  };
  const profile = resolveProfile(catalogue, base);

  it('lists the report’s ranked gaps, the most risk removed first, without those planned', () => {
    const planned: Assessment = {
      ...base,
      workshop: {
        ...EMPTY_WORKSHOP,
        actions: [action('open', 'KEY-01'), action('finished', 'KEY-02', { status: 'done' })],
      },
    };
    const rows = gapsWithoutAction(catalogue, planned, profile);
    const ranked = computeRisk(catalogue, planned.answers, profile, targetsOf(planned)).rankedGaps;
    expect(rows.map((r) => r.controlId)).toEqual(
      ranked.map((g) => g.score.control.id).filter((id) => id !== 'KEY-01'),
    );
    // A done action does not close a gap that is still there.
    expect(rows.some((r) => r.controlId === 'KEY-02')).toBe(true);
    for (let i = 1; i < rows.length; i++) {
      expect(rows[i - 1]?.riskRemoved ?? 0).toBeGreaterThanOrEqual(rows[i]?.riskRemoved ?? 0);
    }
    expect(rows[0]?.riskRemovedDisplay).toBe((rows[0]?.riskRemoved ?? 0).toFixed(1));
  });

  it('leaves out controls the team does not operate', () => {
    const feature = catalogue.architecture?.[0];
    if (!feature) throw new Error('the catalogue has no architecture features');
    const all = gapsWithoutAction(catalogue, base, profile);
    const without = gapsWithoutAction(
      catalogue,
      { ...base, architecture: { notOperated: [feature.id] } },
      profile,
    );
    expect(without.length).toBeLessThan(all.length);
  });
});

describe('the default baseline', () => {
  const active = assessment({
    id: 'now',
    createdAt: '2026-11-01T00:00:00.000Z',
    answers: { 'KEY-01': level(2) },
  });
  const other = (id: string, extra: Partial<Assessment>): Assessment =>
    assessment({ id, answers: { 'KEY-01': level(1) }, ...extra });

  it('is the previous assessment of the same organisation with answers', () => {
    const older = other('q2', { createdAt: '2026-06-01T00:00:00.000Z' });
    const oldest = other('q1', { createdAt: '2026-03-01T00:00:00.000Z' });
    const empty = other('q3', { createdAt: '2026-09-01T00:00:00.000Z', answers: {} });
    const elsewhere = other('x', { createdAt: '2026-10-01T00:00:00.000Z', organisation: 'Other' });
    const spaced = other('q2b', {
      createdAt: '2026-07-01T00:00:00.000Z',
      organisation: ' example  dao',
    });
    expect(defaultBaseline(active, [oldest, empty, older, elsewhere])?.id).toBe('q2');
    expect(defaultBaseline(active, [older, spaced])?.id).toBe('q2b');
  });

  it('is never an empty one, nor another organisation’s, nor itself', () => {
    expect(
      defaultBaseline(active, [
        other('e', { answers: {} }),
        other('o', { organisation: 'Other' }),
        active,
      ]),
    ).toBeNull();
    expect(
      defaultBaseline({ ...active, organisation: '' }, [other('q', { organisation: '' })]),
    ).toBeNull();
  });

  it('falls back to the latest changed when none was started before', () => {
    const later = other('later', {
      createdAt: '2026-12-01T00:00:00.000Z',
      updatedAt: '2026-12-02T00:00:00.000Z',
    });
    expect(defaultBaseline(active, [later])?.id).toBe('later');
  });

  it('can be a participant’s own answers, with everything else the active assessment’s', () => {
    const p = participant('p1', 'Bea', 'team', { 'KEY-01': level(3) });
    const withTarget = { ...active, meta: { 'KEY-01': { target: 3 } } };
    const b = participantBaseline(withTarget, p);
    expect(b.answers).toEqual({ 'KEY-01': level(3) });
    expect(b.meta).toEqual(withTarget.meta);
    expect(b.workshop).toBeUndefined();
    expect(b.name).toBe('Bea’s own answers (p1.json)');
  });
});

describe('auditor verification', () => {
  const catalogue = tinyCatalogue([{}, {}, {}]);
  const verified = assessment(
    { answers: { 'KEY-01': level(2), 'KEY-02': level(3) } },
    {
      verifications: {
        'KEY-01': { by: 'Ola', at, evidence: ['Safe owner list, 2026-11-20'], answer: level(2) },
        'KEY-02': {
          by: 'Ola',
          at,
          evidence: ['Ledger serials'],
          answer: level(2),
          note: 'three of nine',
        },
      },
    },
  );

  it('describes the answer it checked only while that is the answer', () => {
    expect(currentVerification(verified, 'KEY-01')?.by).toBe('Ola');
    expect(currentVerification(verified, 'KEY-02')).toBeUndefined();
    const rows = verificationRows(catalogue, verified);
    expect(rows.map((r) => [r.controlId, r.answer, r.current, r.note])).toEqual([
      ['KEY-01', '2', true, ''],
      ['KEY-02', '2', false, 'three of nine'],
    ]);
    expect(verificationSummary(rows, 3)).toBe(
      '1 of 3 controls verified by an auditor against evidence; 1 more verified an earlier answer, since changed',
    );
  });

  it('is refused without evidence', () => {
    const parsed = workshopSchema.safeParse({
      ...EMPTY_WORKSHOP,
      verifications: { 'KEY-01': { by: 'Ola', at, evidence: [], answer: level(2) } },
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe(
      'expected the evidence the answer was verified against',
    );
  });
});

describe('the new workshop records on their way out and back', () => {
  const catalogue = bundledCatalogue();
  const full: Assessment = {
    ...assessment(
      {
        catalogue: { id: catalogue.meta.id, version: catalogue.meta.version },
        answers: { 'KEY-01': level(2) },
      },
      {
        agreeing: ['Ana'],
        discussed: { 'KEY-02': at },
        verifications: {
          'KEY-01': { by: 'Ola', at, evidence: ['Safe owner list'], answer: level(2), note: 'ok' },
        },
        actions: [
          action('x1', 'KEY-01', {
            status: 'in-progress',
            evidenceLink: 'https://tracker.example/1',
            updatedAt: at,
          }),
        ],
      },
    ),
  };

  it('survive an export and an import unchanged', () => {
    const result = parseAssessmentFile(assessmentToJson(full), 'a.json', catalogue);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.value.file.assessment.workshop).toEqual(full.workshop);
  });

  it('refuse a control the catalogue does not have', () => {
    const bad = {
      ...full,
      workshop: { ...EMPTY_WORKSHOP, ...full.workshop, discussed: { 'KEY-99': at } },
    };
    const result = parseAssessmentFile(assessmentToJson(bad), 'a.json', catalogue);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]?.path).toBe('assessment.workshop.discussed.KEY-99');
  });

  it('are kept when another tab saved meanwhile', () => {
    const state = (a: Assessment) => ({ assessments: { a }, activeAssessmentId: 'a' });
    const base = assessment();
    const other = assessment({ answers: { 'KEY-03': level(1) } });
    const merged = mergeConcurrent(state(base), state(full), state(other)).assessments.a;
    expect(merged?.workshop?.verifications).toEqual(full.workshop?.verifications);
    expect(merged?.workshop?.discussed).toEqual(full.workshop?.discussed);
    expect(merged?.workshop?.agreeing).toEqual(['Ana']);
    expect(merged?.workshop?.actions).toEqual(full.workshop?.actions);
  });
});
