import { describe, expect, it } from 'vitest';
import { assessmentToJson } from '../../src/domain/assessment/export.ts';
import { parseAssessmentFile } from '../../src/domain/assessment/import.ts';
import type { Assessment } from '../../src/domain/assessment/schema.ts';
import type { Catalogue } from '../../src/domain/catalogue/schema.ts';
import { applyCatalogueUpdate, catalogueUpdateImpact } from '../../src/domain/catalogue/update.ts';
import { formatProblems } from '../../src/domain/validation.ts';
import { tinyCatalogue } from '../fixtures/catalogue.ts';

const AT = '2026-12-01T10:00:00.000Z';
const v1 = tinyCatalogue([{}, {}, {}]);
/** Version 2: scale 0–1, KEY-03 removed, KEY-02's baseline lowered to 1. */
const v2: Catalogue = {
  ...tinyCatalogue([{ baseline: 1 }, { baseline: 1 }]),
  meta: { ...v1.meta, version: '2.0.0' },
  scale: v1.scale.slice(0, 2),
};
const made: Assessment = {
  id: 'a1',
  name: 'Treasury',
  organisation: '',
  scope: '',
  assessors: [],
  catalogue: { id: 'tiny', version: '1.0.0' },
  createdAt: AT,
  updatedAt: AT,
  answers: {
    'KEY-01': { status: 'level', level: 3, notes: 'Ledger for all' },
    'KEY-02': { status: 'level', level: 1 },
    'KEY-03': { status: 'level', level: 2 },
  },
  meta: { 'KEY-01': { followUp: 'Ana: rotation log' }, 'KEY-02': { target: 3 } },
};
const other: Assessment = { ...made, id: 'a2', catalogue: { id: 'elsewhere', version: '1.0.0' } };

describe('the impact of a new catalogue version', () => {
  it('lists removed controls, answers and targets above the new scale, and changed baselines', () => {
    expect(catalogueUpdateImpact([made, other], v1, v2)).toEqual([
      {
        id: 'a1',
        name: 'Treasury',
        removed: ['KEY-03'],
        aboveScale: [{ controlId: 'KEY-01', level: 3 }],
        targetsAboveScale: [{ controlId: 'KEY-02', level: 3 }],
        baselines: [
          { controlId: 'KEY-01', from: 2, to: 1 },
          { controlId: 'KEY-02', from: 2, to: 1 },
        ],
      },
    ]);
  });

  it('leaves out an assessment the new version does not change', () => {
    const fine = {
      ...made,
      answers: { 'KEY-01': { status: 'level' as const, level: 1 } },
      meta: {},
    };
    expect(
      catalogueUpdateImpact([fine], v1, { ...v1, meta: { ...v1.meta, version: '1.1.0' } }),
    ).toEqual([]);
  });
});

describe('applying a new catalogue version', () => {
  const updated = applyCatalogueUpdate(made, v2, AT);

  it('never rescores: an answer above the scale becomes unanswered and flagged, its level kept in the follow-up', () => {
    expect(updated.answers).toEqual({ 'KEY-02': { status: 'level', level: 1 } });
    expect(updated.meta['KEY-01']).toEqual({
      revisit: true,
      followUp:
        'Review: answered level 3 under tiny 1.0.0; 2.0.0 tops at 1, so the answer was removed, not rescored. Notes then: Ledger for all | Ana: rotation log',
    });
    expect(updated.meta['KEY-02']).toEqual({});
    expect(updated.catalogue).toEqual({ id: 'tiny', version: '2.0.0' });
  });

  it('leaves an assessment whose own export imports again cleanly', () => {
    const result = parseAssessmentFile(assessmentToJson(updated), 'export.json', v2);
    if (!result.ok) throw new Error(formatProblems(result.problems));
    expect(result.value.warnings).toEqual([]);
    expect(result.value.file.assessment.answers).toEqual(updated.answers);
    // Unchanged, the same export is refused: that is what the update fixes.
    expect(
      parseAssessmentFile(
        assessmentToJson({ ...made, catalogue: { id: 'tiny', version: '2.0.0' } }),
        'x.json',
        v2,
      ).ok,
    ).toBe(false);
  });

  it('keeps the follow-up within its limit, and does not change its input', () => {
    const long = { ...made, meta: { 'KEY-01': { followUp: 'x'.repeat(500) } } };
    const before = structuredClone(long);
    const out = applyCatalogueUpdate(long, v2, AT);
    expect(out.meta['KEY-01']?.followUp).toHaveLength(500);
    expect(out.meta['KEY-01']?.followUp?.startsWith('Review: answered level 3')).toBe(true);
    expect(long).toEqual(before);
  });
});
