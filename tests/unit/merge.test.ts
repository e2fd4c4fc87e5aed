import { describe, expect, it } from 'vitest';
import type { Assessment } from '../../src/domain/assessment/schema.ts';
import {
  differences,
  mergeConcurrent,
  mergeReporting,
  sameValue,
  withAnswer,
  withDetails,
} from '../../src/domain/persistence/merge.ts';
import type { PersistedState } from '../../src/domain/persistence/persisted.ts';

const assessment = (over: Partial<Assessment> = {}): Assessment => ({
  id: 'a',
  name: 'Q2',
  organisation: 'DAO',
  scope: '',
  assessors: [],
  catalogue: { id: 'opsready-core', version: '1.0.0' },
  createdAt: '2026-11-25T10:00:00.000Z',
  updatedAt: '2026-11-25T10:00:00.000Z',
  answers: {},
  meta: {},
  ...over,
});
const state = (...list: Assessment[]): PersistedState => ({
  assessments: Object.fromEntries(list.map((a) => [a.id, a])),
  activeAssessmentId: list[0]?.id ?? null,
});
const level = (n: number) => ({ status: 'level' as const, level: n });

describe('mergeConcurrent', () => {
  const base = state(assessment({ answers: { 'KEY-01': level(1) } }));

  it('keeps both tabs’ workshop changes: an action here, an agreement and an import there', () => {
    const action = {
      id: 'x1',
      controlId: 'KEY-01',
      text: 'Rotate',
      owner: '',
      priority: 'high' as const,
      createdAt: '2026-11-25T10:01:00.000Z',
    };
    const agreement = { by: ['Ana'], at: '2026-11-25T10:02:00.000Z', answer: level(3) };
    const participant = {
      id: 'p1',
      name: 'Ben',
      role: 'team' as const,
      source: {
        fileName: 'b.json',
        assessmentName: 'B',
        catalogueVersion: '1.0.0',
        sha256: 'e'.repeat(64),
      },
      importedAt: '2026-11-25T10:03:00.000Z',
      answers: {},
    };
    const empty = { agenda: [], participants: [], agreements: {}, actions: [] };
    const local = state(
      assessment({ answers: { 'KEY-01': level(1) }, workshop: { ...empty, actions: [action] } }),
    );
    const stored = state(
      assessment({
        answers: { 'KEY-01': level(3) },
        workshop: { ...empty, participants: [participant], agreements: { 'KEY-01': agreement } },
      }),
    );
    expect(mergeConcurrent(base, local, stored).assessments.a?.workshop).toEqual({
      agenda: [],
      participants: [participant],
      agreements: { 'KEY-01': agreement },
      actions: [action],
    });
  });

  it('keeps both tabs’ answers to different controls', () => {
    const local = state(assessment({ answers: { 'KEY-01': level(1), 'SIG-01': level(2) } }));
    const stored = state(assessment({ answers: { 'KEY-01': level(3) } }));
    expect(mergeConcurrent(base, local, stored).assessments.a?.answers).toEqual({
      'KEY-01': level(3),
      'SIG-01': level(2),
    });
  });

  it('lets this tab’s edit win only where both changed the same control', () => {
    const local = state(assessment({ answers: { 'KEY-01': level(2) } }));
    const stored = state(assessment({ answers: { 'KEY-01': level(3) } }));
    expect(mergeConcurrent(base, local, stored).assessments.a?.answers).toEqual({
      'KEY-01': level(2),
    });
  });

  it('keeps a clear made here and an answer added elsewhere', () => {
    const local = state(assessment({ answers: {} }));
    const stored = state(assessment({ answers: { 'KEY-01': level(1), 'IR-01': level(2) } }));
    expect(mergeConcurrent(base, local, stored).assessments.a?.answers).toEqual({
      'IR-01': level(2),
    });
  });

  it('merges meta and details field by field', () => {
    const local = state(assessment({ name: 'Q2 baseline', meta: { 'KEY-01': { revisit: true } } }));
    const stored = state(
      assessment({ organisation: 'Example DAO', meta: { 'SIG-01': { owner: 'Ana' } } }),
    );
    const merged = mergeConcurrent(base, local, stored).assessments.a;
    expect(merged).toMatchObject({
      name: 'Q2 baseline',
      organisation: 'Example DAO',
      meta: { 'KEY-01': { revisit: true }, 'SIG-01': { owner: 'Ana' } },
    });
  });

  it('keeps an assessment deleted elsewhere deleted, unless this tab changed it since', () => {
    const two = state(assessment(), assessment({ id: 'x', name: 'X' }));
    const untouched = state(
      assessment({ answers: { 'KEY-01': level(2) } }),
      assessment({ id: 'x', name: 'X' }),
    );
    const deletedElsewhere = state(assessment());
    expect(Object.keys(mergeConcurrent(two, untouched, deletedElsewhere).assessments)).toEqual([
      'a',
    ]);
    const editedHere = state(
      assessment(),
      assessment({ id: 'x', name: 'X', answers: { 'KEY-01': level(1) } }),
    );
    expect(
      Object.keys(mergeConcurrent(two, editedHere, deletedElsewhere).assessments).sort(),
    ).toEqual(['a', 'x']);
  });

  it('keeps assessments created in either tab and honours a deletion made here', () => {
    const local = state(assessment({ id: 'b', name: 'Mine' }));
    const stored = state(
      assessment({ answers: { 'KEY-01': level(1) } }),
      assessment({ id: 'c', name: 'Theirs' }),
    );
    const merged = mergeConcurrent(base, local, stored);
    expect(Object.keys(merged.assessments).sort()).toEqual(['b', 'c']);
    expect(merged.activeAssessmentId).toBe('b');
  });
});

describe('mergeReporting', () => {
  const base = state(assessment({ answers: { 'KEY-01': level(1), 'SIG-01': level(1) } }));

  it('lists a control both tabs answered differently, keeping this tab’s answer', () => {
    const local = state(assessment({ answers: { 'KEY-01': level(2), 'SIG-01': level(1) } }));
    const stored = state(assessment({ answers: { 'KEY-01': level(3), 'SIG-01': level(2) } }));
    const { state: merged, conflicts } = mergeReporting(base, local, stored);
    expect(merged.assessments.a?.answers).toEqual({ 'KEY-01': level(2), 'SIG-01': level(2) });
    expect(conflicts).toEqual([
      {
        assessmentId: 'a',
        assessmentName: 'Q2',
        controlId: 'KEY-01',
        kind: 'answer',
        kept: level(2),
        other: level(3),
      },
    ]);
  });

  it('lists details (owner, evidence…) both tabs changed differently, not those only one did', () => {
    const before = state(assessment({ meta: { 'KEY-01': { owner: 'Ana' }, 'SIG-01': {} } }));
    const local = state(
      assessment({ meta: { 'KEY-01': { owner: 'Ben' }, 'SIG-01': { revisit: true } } }),
    );
    const stored = state(assessment({ meta: { 'KEY-01': { owner: 'Cem', evidence: ['log'] } } }));
    const { state: merged, conflicts } = mergeReporting(before, local, stored);
    expect(merged.assessments.a?.meta).toEqual({
      'KEY-01': { owner: 'Ben' },
      'SIG-01': { revisit: true },
    });
    expect(conflicts).toEqual([
      {
        assessmentId: 'a',
        assessmentName: 'Q2',
        controlId: 'KEY-01',
        kind: 'details',
        kept: { owner: 'Ben' },
        other: { owner: 'Cem', evidence: ['log'] },
      },
      {
        assessmentId: 'a',
        assessmentName: 'Q2',
        controlId: 'SIG-01',
        kind: 'details',
        kept: { revisit: true },
        other: undefined,
      },
    ]);
    const taken = withDetails(local, 'a', 'KEY-01', { owner: 'Cem', evidence: ['log'] });
    expect(taken.assessments.a?.meta['KEY-01']).toEqual({ owner: 'Cem', evidence: ['log'] });
    expect(withDetails(local, 'a', 'SIG-01', undefined).assessments.a?.meta).toEqual({
      'KEY-01': { owner: 'Ben' },
    });
  });

  it('counts a cleared answer against a changed one, and the same change in both as none', () => {
    const local = state(assessment({ answers: { 'SIG-01': level(3) } }));
    const stored = state(assessment({ answers: { 'KEY-01': level(3), 'SIG-01': level(3) } }));
    const { conflicts } = mergeReporting(base, local, stored);
    expect(conflicts.map((c) => [c.controlId, c.kept, c.other])).toEqual([
      ['KEY-01', undefined, level(3)],
    ]);
  });

  it('takes the other answer with withAnswer, or clears it', () => {
    const taken = withAnswer(base, 'a', 'KEY-01', level(3));
    expect(taken.assessments.a?.answers).toEqual({ 'KEY-01': level(3), 'SIG-01': level(1) });
    expect(withAnswer(base, 'a', 'KEY-01', undefined).assessments.a?.answers).toEqual({
      'SIG-01': level(1),
    });
    expect(withAnswer(base, 'missing', 'KEY-01', level(3))).toBe(base);
    expect(base.assessments.a?.answers['KEY-01']).toEqual(level(1));
  });
});

describe('sameValue', () => {
  it('ignores key order and undefined keys, and nothing else', () => {
    expect(sameValue({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true);
    expect(sameValue({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(sameValue({ a: 1 }, { a: 2 })).toBe(false);
    expect(sameValue([1, 2], [2, 1])).toBe(false);
    expect(sameValue([], {})).toBe(false);
    expect(sameValue(null, {})).toBe(false);
  });
});

describe('differences', () => {
  it('names the answers and other changes not yet saved, per assessment', () => {
    const saved = state(assessment({ answers: { 'KEY-01': level(1) } }));
    const local = state(
      assessment({ name: 'Q3', answers: { 'KEY-01': level(2), 'IR-01': level(0) } }),
      assessment({ id: 'new', name: 'New', answers: { 'SIG-01': level(1) } }),
    );
    expect(differences(saved, local)).toEqual([
      { assessmentId: 'a', assessmentName: 'Q3', controlIds: ['IR-01', 'KEY-01'], other: true },
      { assessmentId: 'new', assessmentName: 'New', controlIds: ['SIG-01'], other: true },
    ]);
    expect(differences(saved, saved)).toEqual([]);
  });
});

describe('a tab that opened before anything was saved', () => {
  const blank = assessment({ id: 'blank', name: 'My assessment', organisation: '' });

  it('joins the work another tab saved instead of keeping its own blank assessment open', () => {
    const stored = state(assessment({ answers: { 'KEY-01': level(2) } }));
    const merged = mergeConcurrent(state(), state(blank), stored);
    expect(Object.keys(merged.assessments)).toEqual(['a']);
    expect(merged.activeAssessmentId).toBe('a');
  });

  it('keeps its assessment once anything was done with it', () => {
    const touched = { ...blank, answers: { 'SIG-01': level(1) } };
    const stored = state(assessment({ answers: { 'KEY-01': level(2) } }));
    const merged = mergeConcurrent(state(), state(touched), stored);
    expect(Object.keys(merged.assessments).sort()).toEqual(['a', 'blank']);
    expect(merged.activeAssessmentId).toBe('blank');
  });
});
