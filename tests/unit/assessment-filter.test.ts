import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  filterControls,
  NO_FILTER,
  type ControlFilter,
} from '../../src/domain/assessment/filter.ts';
import type { Answer, Assessment } from '../../src/domain/assessment/schema.ts';
import { tinyCatalogue } from '../fixtures/catalogue.ts';

const catalogue = tinyCatalogue([{}, {}, {}, {}, { baseline: 3 }]);
const ids = catalogue.controls.map((c) => c.id);
const by = (
  state: ControlFilter['state'],
  assessment: Pick<Assessment, 'answers' | 'meta'>,
): string[] => filterControls(catalogue, assessment, { ...NO_FILTER, state }).map((c) => c.id);

describe('the answer-state filter', () => {
  it('counts only answered controls as below target; unanswered is a state of its own', () => {
    const assessment = {
      answers: {
        'KEY-01': { status: 'level', level: 1 },
        'KEY-02': { status: 'level', level: 2 },
        'KEY-03': { status: 'na', justification: 'Not run here.' },
        // Target 3 from the catalogue baseline: 2 is below it.
        'KEY-05': { status: 'level', level: 2 },
      } satisfies Record<string, Answer>,
      // An own target of 1 makes level 1 meet it; one of 3 makes level 2 fall short.
      meta: { 'KEY-02': { target: 3 } },
    };
    expect(by('gap', assessment)).toEqual(['KEY-01', 'KEY-02', 'KEY-05']);
    expect(by('unanswered', assessment)).toEqual(['KEY-04']);
    expect(by('gap', { ...assessment, meta: { 'KEY-01': { target: 1 } } })).toEqual(['KEY-05']);
    expect(by('gap', { answers: {}, meta: {} })).toEqual([]);
  });

  it('counts a saved level above the scale as below target, as its card says', () => {
    expect(by('gap', { answers: { 'KEY-01': { status: 'level', level: 7 } }, meta: {} })).toEqual([
      'KEY-01',
    ]);
  });

  it('splits every control into exactly one of unanswered, N/A, below target, or met', () => {
    const answer = fc.oneof(
      fc.constant(undefined),
      fc.constant<Answer>({ status: 'na', justification: 'Out of scope.' }),
      fc.integer({ min: 0, max: 3 }).map((level): Answer => ({ status: 'level', level })),
    );
    fc.assert(
      fc.property(
        fc.array(answer, { minLength: ids.length, maxLength: ids.length }),
        fc.array(fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }), {
          minLength: ids.length,
          maxLength: ids.length,
        }),
        (answers, targets) => {
          const assessment = {
            answers: Object.fromEntries(
              ids.flatMap((id, i) => (answers[i] ? [[id, answers[i]]] : [])),
            ) as Record<string, Answer>,
            meta: Object.fromEntries(
              ids.flatMap((id, i) =>
                targets[i] === undefined ? [] : [[id, { target: targets[i] }]],
              ),
            ),
          };
          const gap = new Set(by('gap', assessment));
          const unanswered = new Set(by('unanswered', assessment));
          const na = new Set(by('na', assessment));
          const answered = new Set(by('answered', assessment));
          for (const id of ids) {
            expect(unanswered.has(id)).toBe(!answered.has(id));
            expect(
              Number(gap.has(id)) + Number(unanswered.has(id)) + Number(na.has(id)),
            ).toBeLessThanOrEqual(1);
            if (gap.has(id)) expect(answered.has(id)).toBe(true);
          }
        },
      ),
    );
  });
});
