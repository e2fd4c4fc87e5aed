import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAssessmentFile } from '../../src/domain/assessment/import.ts';
import type { Answer, Assessment } from '../../src/domain/assessment/schema.ts';
import { maxLevel } from '../../src/domain/catalogue/schema.ts';
import { formatProblems } from '../../src/domain/validation.ts';
import {
  disagreementRows,
  lowerMedian,
  participantFromFile,
  teamVsAuditor,
} from '../../src/domain/workshop/participants.ts';
import type { Participant, ParticipantRole } from '../../src/domain/workshop/schema.ts';
import {
  bundledCatalogue,
  demoAssessmentText,
  tinyCatalogue,
  tinyAssessment,
} from '../fixtures/catalogue.ts';

const SHA = 'ab'.repeat(32);
const AT = '2026-11-25T12:00:00.000Z';

const level = (n: number): Answer => ({ status: 'level', level: n });
const na: Answer = { status: 'na', justification: 'Not used here.' };

const assessment = tinyAssessment;

function participant(
  id: string,
  role: ParticipantRole,
  answers: Record<string, Answer>,
): Participant {
  return {
    id,
    name: id.toUpperCase(),
    role,
    source: { fileName: `${id}.json`, assessmentName: id, catalogueVersion: '1.0.0', sha256: SHA },
    importedAt: AT,
    answers,
  };
}

function withParticipants(
  participants: Participant[],
  overrides: Partial<Assessment> = {},
): Assessment {
  return assessment({
    workshop: { agenda: [], participants, agreements: {}, actions: [] },
    ...overrides,
  });
}

/** The text a participant's browser would export (format 3). */
function fileText(
  catalogue: { id: string; version: string },
  answers: Record<string, Answer>,
  overrides: Partial<Assessment> = {},
): string {
  return JSON.stringify({
    format: 'opsready-assessment',
    formatVersion: 3,
    assessment: assessment({ catalogue, answers, ...overrides }),
  });
}

describe('lowerMedian', () => {
  it('takes the middle value, the lower one for even counts, and null for none', () => {
    expect(lowerMedian([3, 0, 1])).toBe(1);
    expect(lowerMedian([3, 0])).toBe(0);
    expect(lowerMedian([2, 1, 3, 2])).toBe(2);
    expect(lowerMedian([])).toBeNull();
  });
});

describe('disagreementRows', () => {
  // Scale 0–3, so a disagreement about N/A counts as 3.
  const catalogue = tinyCatalogue([{}, {}, {}, {}, {}, {}, {}, {}]);
  const alice = participant('alice', 'team', {
    'KEY-01': level(1),
    'KEY-02': level(2),
    'KEY-03': na,
    'KEY-04': level(1),
    'KEY-06': na,
    'KEY-07': level(3),
    'KEY-08': level(1),
  });
  const bob = participant('bob', 'team', {
    'KEY-01': level(3),
    'KEY-02': level(2),
    'KEY-04': level(2),
    'KEY-06': na,
    'KEY-08': level(2),
  });
  const carol = participant('carol', 'auditor', {
    'KEY-01': level(0),
    'KEY-03': level(1),
    'KEY-04': level(2),
    // Not in this catalogue: ignored, not an error.
    'SIG-01': level(3),
  });
  const agreement = { by: ['Alice', 'Carol'], at: '2026-11-26T10:00:00.000Z', answer: level(1) };
  const a = withParticipants([alice, bob, carol], {
    answers: { 'KEY-01': level(1), 'KEY-03': na },
    workshop: {
      agenda: [],
      participants: [alice, bob, carol],
      agreements: { 'KEY-01': agreement },
      actions: [],
    },
  });
  const rows = disagreementRows(catalogue, a);
  const row = (id: string) => {
    const found = rows.find((r) => r.controlId === id);
    if (!found) throw new Error(`no row for ${id}`);
    return found;
  };

  it('lists only controls someone answered, most disagreement first, ties in catalogue order', () => {
    expect(rows.map((r) => [r.controlId, r.disagreement])).toEqual([
      ['KEY-01', 3],
      ['KEY-03', 3],
      ['KEY-04', 1],
      ['KEY-08', 1],
      ['KEY-02', 0],
      ['KEY-06', 0],
      ['KEY-07', 0],
    ]);
  });

  it('computes spread and median over the levels given by three participants', () => {
    // 1, 3, 0 → spread 3, median of [0, 1, 3] is 1.
    expect(row('KEY-01')).toMatchObject({
      title: 'Control 1',
      domainId: 'keys',
      levels: [1, 3, 0],
      skipped: 0,
      notApplicable: 0,
      spread: 3,
      median: 1,
      disagreement: 3,
      unanimous: false,
    });
    // 1, 2, 2 → spread 1, median 2.
    expect(row('KEY-04')).toMatchObject({ levels: [1, 2, 2], spread: 1, median: 2 });
    // 1, 2 with Carol skipping → the lower median, 1, which is a level on the scale.
    expect(row('KEY-08')).toMatchObject({
      levels: [1, 2],
      skipped: 1,
      spread: 1,
      median: 1,
      disagreement: 1,
    });
  });

  it('keeps one entry per participant in workshop order, undefined for a skipped control', () => {
    expect(row('KEY-02').answers).toEqual([
      { participantId: 'alice', name: 'ALICE', role: 'team', answer: level(2) },
      { participantId: 'bob', name: 'BOB', role: 'team', answer: level(2) },
      { participantId: 'carol', name: 'CAROL', role: 'auditor', answer: undefined },
    ]);
  });

  it('counts N/A against a level as a full-scale disagreement, whatever the levels', () => {
    // Alice N/A, Bob skipped, Carol 1: the only level has no spread, yet they disagree.
    expect(row('KEY-03')).toMatchObject({
      levels: [1],
      skipped: 1,
      notApplicable: 1,
      spread: 0,
      median: 1,
      disagreement: maxLevel(catalogue),
      unanimous: false,
    });
    expect(maxLevel(catalogue)).toBe(3);
  });

  it('is unanimous when at least two answered and all gave the same level, or all said N/A', () => {
    expect(row('KEY-02')).toMatchObject({ unanimous: true, skipped: 1, spread: 0, median: 2 });
    expect(row('KEY-06')).toMatchObject({
      unanimous: true,
      levels: [],
      notApplicable: 2,
      skipped: 1,
      spread: null,
      median: null,
      disagreement: 0,
    });
    // One answer alone agrees with nobody.
    expect(row('KEY-07')).toMatchObject({ unanimous: false, levels: [3], skipped: 2 });
    expect(rows.filter((r) => r.unanimous).map((r) => r.controlId)).toEqual(['KEY-02', 'KEY-06']);
  });

  it("carries the assessment's agreed answer and who agreed it", () => {
    expect(row('KEY-01').agreed).toEqual(level(1));
    expect(row('KEY-01').agreement).toEqual(agreement);
    // Agreed without a recorded agreement, and neither.
    expect(row('KEY-03')).toMatchObject({ agreed: na, agreement: undefined });
    expect(row('KEY-02')).toMatchObject({ agreed: undefined, agreement: undefined });
  });

  it('is empty without a workshop or without participants', () => {
    expect(disagreementRows(catalogue, assessment({ answers: { 'KEY-01': level(2) } }))).toEqual(
      [],
    );
    expect(disagreementRows(catalogue, withParticipants([]))).toEqual([]);
  });
});

describe('participantFromFile', () => {
  it('turns the demo file into a participant named after its first assessor', () => {
    const catalogue = bundledCatalogue();
    const text = demoAssessmentText();
    const result = participantFromFile({
      text,
      fileName: 'halcyon-assessment.json',
      catalogue,
      role: 'team',
      id: 'p1',
      importedAt: AT,
      sha256: SHA,
    });
    if (!result.ok) throw new Error(formatProblems(result.problems));
    const parsed = parseAssessmentFile(text, 'demo.json', catalogue);
    if (!parsed.ok) throw new Error(formatProblems(parsed.problems));
    const { participant, warnings } = result.value;
    expect(warnings).toEqual([]);
    expect(participant).toEqual({
      id: 'p1',
      name: 'A. Moreau (lead assessor)',
      role: 'team',
      source: {
        fileName: 'halcyon-assessment.json',
        assessmentName: 'Halcyon Finance — Q4 2026 follow-up (demo)',
        // The demo is made against the bundled catalogue (tests/unit/demo.test.ts).
        catalogueVersion: catalogue.meta.version,
        sha256: SHA,
        assessmentId: parsed.value.file.assessment.id,
      },
      importedAt: AT,
      answers: parsed.value.file.assessment.answers,
    });
    expect(Object.keys(participant.answers)).toHaveLength(75);
  });

  it('uses the name given (trimmed), else the first assessor, else the assessment name', () => {
    const tiny = tinyCatalogue([{}]);
    const base = {
      fileName: 'x.json',
      catalogue: tiny,
      role: 'auditor' as const,
      id: 'p2',
      importedAt: AT,
      sha256: SHA,
    };
    const nameOf = (text: string, name?: string): string => {
      const result = participantFromFile(
        name === undefined ? { ...base, text } : { ...base, text, name },
      );
      if (!result.ok) throw new Error(formatProblems(result.problems));
      return result.value.participant.name;
    };
    const version = { id: 'tiny', version: '1.0.0' };
    const withAssessors = fileText(version, {}, { assessors: ['K. Osei', 'A. Moreau'] });
    const withoutAssessors = fileText(version, {}, { name: 'Signer review' });
    expect(nameOf(withAssessors, '  Priya N.  ')).toBe('Priya N.');
    expect(nameOf(withAssessors, '   ')).toBe('K. Osei');
    expect(nameOf(withAssessors)).toBe('K. Osei');
    expect(nameOf(withoutAssessors)).toBe('Signer review');
  });

  it("keeps only the file's answers, not its meta or its own workshop", () => {
    const tiny = tinyCatalogue([{}, {}]);
    const text = fileText(
      { id: 'tiny', version: '1.0.0' },
      { 'KEY-01': level(2) },
      {
        meta: { 'KEY-02': { owner: '@ops' } },
        workshop: {
          agenda: [],
          participants: [participant('other', 'team', { 'KEY-02': level(3) })],
          agreements: {},
          actions: [],
        },
      },
    );
    const result = participantFromFile({
      text,
      fileName: 'x.json',
      catalogue: tiny,
      role: 'team',
      id: 'p3',
      importedAt: AT,
      sha256: SHA,
    });
    if (!result.ok) throw new Error(formatProblems(result.problems));
    expect(result.value.participant.answers).toEqual({ 'KEY-01': level(2) });
  });

  it('accepts a file from an older catalogue version, dropping answers to removed controls with a warning', () => {
    const tiny = tinyCatalogue([{}, {}]);
    const text = fileText(
      { id: 'tiny', version: '0.9.0' },
      { 'KEY-01': level(2), 'KEY-02': na, 'KEY-09': level(1) },
      // Meta is not imported, so its dropped entry is not worth a warning.
      { meta: { 'KEY-09': { owner: '@ops' } } },
    );
    const result = participantFromFile({
      text,
      fileName: 'old.json',
      catalogue: tiny,
      role: 'team',
      id: 'p4',
      importedAt: AT,
      sha256: SHA,
    });
    if (!result.ok) throw new Error(formatProblems(result.problems));
    const { participant, warnings } = result.value;
    expect(participant.answers).toEqual({ 'KEY-01': level(2), 'KEY-02': na });
    expect(participant.source.catalogueVersion).toBe('0.9.0');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ source: 'old.json', path: 'assessment.answers.KEY-09' });
    expect(warnings[0]?.message).toContain('"KEY-09"');
    expect(warnings[0]?.message).toContain('0.9.0');
  });

  it('refuses an unknown control in a file of the same version', () => {
    const tiny = tinyCatalogue([{}]);
    const result = participantFromFile({
      text: fileText({ id: 'tiny', version: '1.0.0' }, { 'KEY-09': level(1) }),
      fileName: 'x.json',
      catalogue: tiny,
      role: 'team',
      id: 'p5',
      importedAt: AT,
      sha256: SHA,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(formatProblems(result.problems)).toContain('assessment.answers.KEY-09');
  });

  it('refuses a file made against another catalogue, naming both', () => {
    const tiny = tinyCatalogue([{}]);
    const result = participantFromFile({
      text: fileText({ id: 'other', version: '1.0.0' }, { 'KEY-01': level(1) }),
      fileName: 'other.json',
      catalogue: tiny,
      role: 'team',
      id: 'p6',
      importedAt: AT,
      sha256: SHA,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({
      source: 'other.json',
      path: 'assessment.catalogue.id',
    });
    expect(result.problems[0]?.message).toContain('"other"');
    expect(result.problems[0]?.message).toContain('"tiny"');
    expect(result.problems[0]?.message).not.toContain('load that catalogue');
  });

  it('refuses broken JSON', () => {
    const result = participantFromFile({
      text: '{"format": "opsready-assessment",',
      fileName: 'broken.json',
      catalogue: tinyCatalogue([{}]),
      role: 'team',
      id: 'p7',
      importedAt: AT,
      sha256: SHA,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]).toMatchObject({ source: 'broken.json', path: '(root)' });
    expect(result.problems[0]?.message).toMatch(/^not valid JSON/);
  });

  it('refuses what the caller passed in when it would not be a valid participant', () => {
    const result = participantFromFile({
      text: fileText({ id: 'tiny', version: '1.0.0' }, {}),
      fileName: 'x.json',
      catalogue: tinyCatalogue([{}]),
      role: 'team',
      id: 'p8',
      importedAt: 'yesterday',
      sha256: 'not-a-hash',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.path).sort()).toEqual([
      'participant.importedAt',
      'participant.source.sha256',
    ]);
  });
});

describe('teamVsAuditor', () => {
  const catalogue = tinyCatalogue([{}, {}, {}, {}, {}, {}]);
  const t1 = participant('t1', 'team', {
    'KEY-01': level(3),
    'KEY-02': level(2),
    'KEY-03': level(2),
    'KEY-04': level(1),
    'KEY-05': level(3),
  });
  const t2 = participant('t2', 'team', {
    'KEY-01': level(3),
    'KEY-02': level(1),
    'KEY-03': level(2),
    'KEY-04': na,
  });
  const auditor = participant('u', 'auditor', {
    'KEY-01': level(1),
    'KEY-02': level(2),
    'KEY-03': level(2),
    'KEY-04': level(0),
    'KEY-05': na,
    'KEY-06': level(3),
  });
  const { rows, differing } = teamVsAuditor(catalogue, [t1, auditor, t2]);

  it('compares the medians where both roles gave a level, sorted by |difference| then catalogue order', () => {
    expect(rows).toEqual([
      // Team 3, 3 → 3; auditor 1: verified two levels less than claimed.
      {
        controlId: 'KEY-01',
        title: 'Control 1',
        domainId: 'keys',
        team: 3,
        auditor: 1,
        difference: -2,
      },
      // Team 2, 1 → lower median 1; auditor 2.
      {
        controlId: 'KEY-02',
        title: 'Control 2',
        domainId: 'keys',
        team: 1,
        auditor: 2,
        difference: 1,
      },
      // Team 1 (t2's N/A is not a level); auditor 0.
      {
        controlId: 'KEY-04',
        title: 'Control 4',
        domainId: 'keys',
        team: 1,
        auditor: 0,
        difference: -1,
      },
      {
        controlId: 'KEY-03',
        title: 'Control 3',
        domainId: 'keys',
        team: 2,
        auditor: 2,
        difference: 0,
      },
    ]);
  });

  it('leaves out controls where one side gave no level', () => {
    const ids = rows.map((r) => r.controlId);
    // KEY-05: the auditor said N/A; KEY-06: no team member answered.
    expect(ids).not.toContain('KEY-05');
    expect(ids).not.toContain('KEY-06');
  });

  it('lists the rows that differ', () => {
    expect(differing.map((r) => r.controlId)).toEqual(['KEY-01', 'KEY-02', 'KEY-04']);
  });

  it('is empty without an auditor', () => {
    expect(teamVsAuditor(catalogue, [t1, t2])).toEqual({ rows: [], differing: [] });
  });
});

describe('properties', () => {
  const answerArb = fc.oneof(
    fc.constant<Answer | undefined>(undefined),
    fc.constant<Answer | undefined>(na),
    fc.integer({ min: 0, max: 3 }).map((n): Answer | undefined => level(n)),
  );
  const scenario = fc
    .record({
      controls: fc.integer({ min: 1, max: 6 }),
      people: fc.array(fc.constantFrom<ParticipantRole>('team', 'auditor'), {
        minLength: 1,
        maxLength: 5,
      }),
    })
    .chain(({ controls, people }) =>
      fc.record({
        controls: fc.constant(controls),
        participants: fc.tuple(
          ...people.map((role, i) =>
            fc
              .array(answerArb, { minLength: controls, maxLength: controls })
              .map((answers) =>
                participant(
                  `p${String(i)}`,
                  role,
                  Object.fromEntries(
                    answers.flatMap((answer, c) =>
                      answer === undefined
                        ? []
                        : [[`KEY-${String(c + 1).padStart(2, '0')}`, answer]],
                    ),
                  ),
                ),
              ),
          ),
        ),
      }),
    );

  it('disagreement is 0 exactly when all levels are equal and nobody mixes N/A with levels', () => {
    fc.assert(
      fc.property(scenario, ({ controls, participants }) => {
        const catalogue = tinyCatalogue(Array.from({ length: controls }, () => ({})));
        const top = maxLevel(catalogue);
        const rows = disagreementRows(catalogue, withParticipants(participants));
        const answered = catalogue.controls.filter((c) =>
          participants.some((p) => p.answers[c.id] !== undefined),
        );
        expect(rows.map((r) => r.controlId).sort()).toEqual(answered.map((c) => c.id).sort());
        rows.forEach((r, i) => {
          const agree =
            new Set(r.levels).size <= 1 && !(r.notApplicable > 0 && r.levels.length > 0);
          expect(r.disagreement === 0).toBe(agree);
          expect(r.unanimous).toBe(agree && r.levels.length + r.notApplicable >= 2);
          expect(r.levels.length + r.notApplicable + r.skipped).toBe(participants.length);
          expect(r.spread ?? 0).toBeLessThanOrEqual(top);
          expect(r.disagreement).toBeLessThanOrEqual(top);
          if (r.median !== null) expect(r.levels).toContain(r.median);
          const next = rows[i + 1];
          if (next) expect(next.disagreement).toBeLessThanOrEqual(r.disagreement);
        });
      }),
    );
  });

  it('team vs auditor rows are sorted by |difference| and `differing` is exactly the non-zero ones', () => {
    fc.assert(
      fc.property(scenario, ({ controls, participants }) => {
        const catalogue = tinyCatalogue(Array.from({ length: controls }, () => ({})));
        const { rows, differing } = teamVsAuditor(catalogue, participants);
        rows.forEach((r, i) => {
          expect(r.difference).toBe(r.auditor - r.team);
          const next = rows[i + 1];
          if (next) expect(Math.abs(next.difference)).toBeLessThanOrEqual(Math.abs(r.difference));
        });
        expect(differing).toEqual(rows.filter((r) => r.difference !== 0));
      }),
    );
  });
});
