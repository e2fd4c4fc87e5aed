import { describe, expect, it } from 'vitest';
import { appendixSection } from '../../src/domain/report/appendix.ts';
import { demoInputs } from '../fixtures/demo.ts';

const { catalogue, demo, risk } = demoInputs();

describe('the appendix section', () => {
  const { appendix, notApplicable } = appendixSection(catalogue, demo, risk);
  const rows = appendix.flatMap((d) => d.rows);

  it('lists every control once, grouped by domain in catalogue order', () => {
    expect(appendix.map((d) => d.id)).toEqual(catalogue.domains.map((d) => d.id));
    expect(rows.map((r) => r.controlId).sort()).toEqual(catalogue.controls.map((c) => c.id).sort());
  });

  it('writes each answer as the scale names it', () => {
    for (const r of rows) {
      const answer = demo.answers[r.controlId];
      if (answer === undefined) expect(r.answerDisplay).toBe('Unanswered');
      else if (answer.status === 'na') expect(r.answerDisplay).toBe('N/A');
      else {
        expect(r.answerDisplay).toBe(
          `${String(answer.level)} ${catalogue.scale[answer.level]?.name ?? ''}`,
        );
      }
    }
  });

  it('keeps the justification of N/A controls, in both lists', () => {
    expect(notApplicable.map((n) => n.controlId)).toEqual(['KEY-09', 'CUS-08', 'DEP-11']);
    for (const n of notApplicable) {
      expect(rows.find((r) => r.controlId === n.controlId)?.justification).toBe(n.justification);
    }
  });

  it('marks an own target and a flag set in the assessment', () => {
    const own = appendixSection(
      catalogue,
      {
        ...demo,
        meta: { ...demo.meta, 'KEY-01': { target: 1, revisit: true, confidence: 'verified' } },
      },
      risk,
    )
      .appendix.flatMap((d) => d.rows)
      .find((r) => r.controlId === 'KEY-01');
    expect(own).toMatchObject({
      ownTarget: true,
      flagged: true,
      confidence: 'Verified with evidence',
    });
    expect(rows.find((r) => r.controlId === 'KEY-01')?.ownTarget).toBe(false);
  });
});
