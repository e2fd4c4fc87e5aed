import fc from 'fast-check';
import { tinyAssessment } from '../fixtures/catalogue.ts';
import { describe, expect, it } from 'vitest';
import {
  activeAfterDelete,
  chooseAnswer,
  IMPORTED_SUFFIX,
  importedAs,
  MAX_NAME_LENGTH,
  toggleFlag,
  withAgreement,
  withAnswer,
  withFollowUp,
  withMeta,
  withNotes,
  withRestored,
  withSuffix,
  type AnswerChoice,
} from '../../src/domain/assessment/changes.ts';
import {
  assessmentSchema,
  type Answer,
  type Assessment,
  type ControlMeta,
} from '../../src/domain/assessment/schema.ts';
import { EMPTY_WORKSHOP, type Agreement } from '../../src/domain/workshop/schema.ts';

const AT = '2026-11-25T12:00:00.000Z';

const assessment = tinyAssessment;

const controlIds = fc.constantFrom('KEY-01', 'KEY-02', 'SIG-01', 'IR-01');
const notesArb = fc.option(fc.string({ minLength: 1, maxLength: 40 }), { nil: undefined });
const choiceArb: fc.Arbitrary<AnswerChoice> = fc.oneof(
  fc.record({ status: fc.constant('level' as const), level: fc.integer({ min: 0, max: 10 }) }),
  fc.record({
    status: fc.constant('na' as const),
    justification: fc.string({ minLength: 1, maxLength: 40 }),
  }),
);
const answerArb: fc.Arbitrary<Answer> = fc
  .tuple(choiceArb, notesArb)
  .map(([choice, notes]) => (notes === undefined ? choice : { ...choice, notes }));
const metaArb: fc.Arbitrary<ControlMeta> = fc
  .record(
    {
      target: fc.integer({ min: 1, max: 10 }),
      owner: fc.string({ maxLength: 20 }),
      revisit: fc.boolean(),
      evidenceRequested: fc.boolean(),
      followUp: fc.string({ maxLength: 20 }),
    },
    { requiredKeys: [] },
  )
  .filter((meta) => Object.keys(meta).length > 0);
/** Details as a form may send them: often with nothing left in them. */
const anyMetaArb: fc.Arbitrary<ControlMeta> = fc.oneof(fc.constant({}), metaArb);
const assessmentArb: fc.Arbitrary<Assessment> = fc
  .tuple(
    fc.dictionary(controlIds, answerArb, { maxKeys: 4 }),
    fc.dictionary(controlIds, metaArb, { maxKeys: 4 }),
  )
  .map(([answers, meta]) => assessment({ answers, meta }));

/** Deep-frozen, so any change made in place throws instead of passing unnoticed. */
function frozen<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) frozen(inner);
    Object.freeze(value);
  }
  return value;
}

describe('choosing an answer', () => {
  it('keeps the notes when the level changes, and when the control becomes N/A', () => {
    const current: Answer = { status: 'level', level: 1, notes: 'Ledger in the safe' };
    expect(chooseAnswer(current, { status: 'level', level: 3 })).toEqual({
      status: 'level',
      level: 3,
      notes: 'Ledger in the safe',
    });
    expect(chooseAnswer(current, { status: 'na', justification: 'No keys held' })).toEqual({
      status: 'na',
      justification: 'No keys held',
      notes: 'Ledger in the safe',
    });
  });

  it('adds no notes to a control that had none', () => {
    expect(chooseAnswer(undefined, { status: 'level', level: 2 })).toEqual({
      status: 'level',
      level: 2,
    });
    expect(
      chooseAnswer({ status: 'level', level: 1 }, { status: 'level', level: 2 }),
    ).not.toHaveProperty('notes');
  });

  it('never loses a note, whatever sequence of levels and N/A follows', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }),
        fc.array(choiceArb, { maxLength: 20 }),
        (notes, choices) => {
          let answer: Answer = { status: 'level', level: 0, notes };
          for (const choice of choices) answer = chooseAnswer(answer, choice);
          expect(answer.notes).toBe(notes);
        },
      ),
    );
  });

  it('takes the pick and only the pick from the choice', () => {
    fc.assert(
      fc.property(fc.option(answerArb, { nil: undefined }), choiceArb, (current, choice) => {
        const { notes, ...picked } = chooseAnswer(frozen(current), choice);
        expect(picked).toEqual(choice);
        expect(notes).toBe(current?.notes);
      }),
    );
  });
});

describe('notes', () => {
  it('are trimmed, and blank notes are removed rather than kept empty', () => {
    const answer: Answer = { status: 'level', level: 2, notes: 'old' };
    expect(withNotes(answer, '  new  ')).toEqual({ status: 'level', level: 2, notes: 'new' });
    expect(withNotes(answer, '   ')).toEqual({ status: 'level', level: 2 });
    expect(withNotes({ status: 'na', justification: 'x' }, 'why')).toEqual({
      status: 'na',
      justification: 'x',
      notes: 'why',
    });
  });

  it('change nothing but the notes, and survive a later level change', () => {
    fc.assert(
      fc.property(answerArb, fc.string(), choiceArb, (answer, notes, choice) => {
        const noted = withNotes(frozen(answer), notes);
        const { notes: _a, ...before } = answer;
        const { notes: _b, ...after } = noted;
        expect(after).toEqual(before);
        expect(chooseAnswer(noted, choice).notes).toBe(noted.notes);
      }),
    );
  });
});

describe('setting and clearing answers and details', () => {
  it('sets an answer, and clearing it leaves the control unanswered', () => {
    const a = assessment({ answers: { 'KEY-01': { status: 'level', level: 1 } } });
    const set = withAnswer(a, 'SIG-01', { status: 'level', level: 2 });
    expect(set.answers).toEqual({
      'KEY-01': { status: 'level', level: 1 },
      'SIG-01': { status: 'level', level: 2 },
    });
    expect(withAnswer(set, 'SIG-01', null)).toEqual(a);
    expect(Object.hasOwn(withAnswer(set, 'SIG-01', null).answers, 'SIG-01')).toBe(false);
  });

  it('setting then clearing an answer restores an assessment that had none for the control', () => {
    fc.assert(
      fc.property(assessmentArb, controlIds, answerArb, (a, id, answer) => {
        const { [id]: _, ...others } = a.answers;
        const without = frozen({ ...a, answers: others });
        expect(withAnswer(withAnswer(without, id, answer), id, null)).toEqual(without);
      }),
    );
  });

  it('drops an empty details record instead of keeping it', () => {
    const a = assessment({ meta: { 'KEY-01': { owner: 'K. Osei' } } });
    expect(withMeta(a, 'KEY-01', {}).meta).toEqual({});
    expect(withMeta(a, 'KEY-01', null).meta).toEqual({});
    expect(withMeta(a, 'SIG-01', { revisit: true }).meta).toEqual({
      'KEY-01': { owner: 'K. Osei' },
      'SIG-01': { revisit: true },
    });
  });

  it('never stores an empty details record', () => {
    fc.assert(
      fc.property(
        assessmentArb,
        controlIds,
        fc.option(anyMetaArb, { nil: null }),
        (a, id, meta) => {
          const next = withMeta(frozen(a), id, meta);
          for (const record of Object.values(next.meta)) {
            expect(Object.keys(record).length).toBeGreaterThan(0);
          }
          expect(next.answers).toBe(a.answers);
        },
      ),
    );
  });

  it('undo puts back exactly the value the control had, answer or details', () => {
    fc.assert(
      fc.property(assessmentArb, controlIds, answerArb, metaArb, (a, id, answer, meta) => {
        const input = frozen(a);
        const answered = withAnswer(input, id, answer);
        expect(withRestored(answered, 'answers', id, input.answers[id])).toEqual(input);
        const detailed = withMeta(input, id, meta);
        expect(withRestored(detailed, 'meta', id, input.meta[id])).toEqual(input);
      }),
    );
  });

  it('never changes the assessment it is given', () => {
    fc.assert(
      fc.property(assessmentArb, controlIds, answerArb, metaArb, (a, id, answer, meta) => {
        const before = structuredClone(a);
        const input = frozen(a);
        withAnswer(input, id, answer);
        withAnswer(input, id, null);
        withMeta(input, id, meta);
        withMeta(input, id, null);
        withRestored(input, 'answers', id, undefined);
        toggleFlag(input.meta[id], 'revisit');
        withFollowUp(input.meta[id], 'K. Osei: rotation log');
        expect(input).toEqual(before);
      }),
    );
  });
});

describe('flags and follow-ups', () => {
  it('switches a flag on, and off again by removing it', () => {
    expect(toggleFlag(undefined, 'revisit')).toEqual({ revisit: true });
    expect(toggleFlag({ owner: 'K', revisit: true }, 'revisit')).toEqual({ owner: 'K' });
    expect(toggleFlag({ owner: 'K' }, 'evidenceRequested')).toEqual({
      owner: 'K',
      evidenceRequested: true,
    });
  });

  it('toggling twice leaves a flag that was set or absent as it was', () => {
    fc.assert(
      fc.property(
        metaArb,
        fc.constantFrom('revisit' as const, 'evidenceRequested' as const),
        (meta, flag) => {
          const twice = toggleFlag(toggleFlag(frozen(meta), flag), flag);
          if (meta[flag] === false) {
            // A stored `false` means the same as no flag; switching it on and off removes it.
            const { [flag]: _, ...rest } = meta;
            expect(twice).toEqual(rest);
          } else {
            expect(twice).toEqual(meta);
          }
        },
      ),
    );
  });

  it('keeps who owes what trimmed, and removes it when blank', () => {
    expect(withFollowUp({ owner: 'K' }, '  K. Osei: log ')).toEqual({
      owner: 'K',
      followUp: 'K. Osei: log',
    });
    expect(withFollowUp({ owner: 'K', followUp: 'old' }, ' ')).toEqual({ owner: 'K' });
  });
});

describe('names with a suffix', () => {
  it('keeps a short name whole', () => {
    expect(withSuffix('Q3 review', IMPORTED_SUFFIX)).toBe('Q3 review (imported)');
  });

  it('shortens a long name so the whole fits the name limit', () => {
    const name = `${'x'.repeat(195)}     y`;
    const suffixed = withSuffix(name, IMPORTED_SUFFIX);
    expect(suffixed).toBe(`${'x'.repeat(189)}${IMPORTED_SUFFIX}`);
    expect(suffixed.length).toBeLessThanOrEqual(MAX_NAME_LENGTH);
  });

  it('always ends with the suffix and stays a name the schema accepts', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: MAX_NAME_LENGTH }).filter((s) => s.trim() !== ''),
        fc.constantFrom(IMPORTED_SUFFIX, ' (copy)'),
        (name, suffix) => {
          const suffixed = withSuffix(name, suffix);
          expect(suffixed.endsWith(suffix)).toBe(true);
          expect(suffixed.length).toBeLessThanOrEqual(MAX_NAME_LENGTH);
          expect(assessmentSchema.shape.name.safeParse(suffixed).success).toBe(true);
        },
      ),
    );
  });
});

describe('importing an assessment', () => {
  it('keeps a file whose id is free as it is', () => {
    const file = frozen(assessment());
    expect(
      importedAs(
        file,
        () => false,
        () => 'new',
      ),
    ).toBe(file);
  });

  it('stores a file whose id is taken as a copy, marked imported', () => {
    const file = frozen(assessment({ name: 'x'.repeat(MAX_NAME_LENGTH) }));
    const copy = importedAs(
      file,
      (id) => id === 'a1',
      () => 'a2',
    );
    expect(copy).toEqual({
      ...file,
      id: 'a2',
      name: `${'x'.repeat(MAX_NAME_LENGTH - IMPORTED_SUFFIX.length)}${IMPORTED_SUFFIX}`,
    });
  });
});

describe('agreeing an answer', () => {
  const agreement = (answer: Answer): Agreement => ({ by: ['Ana', 'Ben'], at: AT, answer });

  it('sets the answer and records the agreement, starting a workshop on first use', () => {
    const answer: Answer = { status: 'level', level: 3, notes: 'kept' };
    const a = frozen(assessment({ answers: { 'KEY-01': { status: 'level', level: 1 } } }));
    const agreed = withAgreement(a, 'KEY-01', answer, agreement(answer));
    expect(agreed.answers).toEqual({ 'KEY-01': answer });
    expect(agreed.workshop).toEqual({
      ...EMPTY_WORKSHOP,
      agreements: { 'KEY-01': agreement(answer) },
    });
  });

  it('leaves every other answer and agreement as it was', () => {
    fc.assert(
      fc.property(assessmentArb, controlIds, answerArb, (a, id, answer) => {
        const first = withAgreement(frozen(a), 'OTHER-01', answer, agreement(answer));
        const next = withAgreement(frozen(first), id, answer, agreement(answer));
        expect(next.answers[id]).toEqual(answer);
        expect(next.workshop.agreements['OTHER-01']).toEqual(agreement(answer));
        for (const [other, value] of Object.entries(a.answers)) {
          if (other !== id) expect(next.answers[other]).toEqual(value);
        }
        expect(next.meta).toBe(a.meta);
      }),
    );
  });
});

describe('which assessment opens after a delete', () => {
  it('is the next one in the list, else the one before', () => {
    expect(activeAfterDelete(['a', 'b', 'c'], 'b', 'b')).toBe('c');
    expect(activeAfterDelete(['a', 'b', 'c'], 'c', 'c')).toBe('b');
  });

  it('stays the open one when another is deleted, and is none when the last goes', () => {
    expect(activeAfterDelete(['a', 'b'], 'a', 'b')).toBe('a');
    expect(activeAfterDelete(['a'], 'a', 'a')).toBeNull();
  });

  it('is always one of those left', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 3 }), { minLength: 2, maxLength: 8 }),
        fc.nat(),
        fc.nat(),
        (order, deleteAt, activeAt) => {
          const id = order[deleteAt % order.length] ?? '';
          const active = order[activeAt % order.length] ?? null;
          const next = activeAfterDelete(order, active, id);
          expect(next).not.toBe(id);
          expect(order).toContain(next);
        },
      ),
    );
  });
});
