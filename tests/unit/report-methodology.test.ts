import { describe, expect, it } from 'vitest';
import { methodology } from '../../src/domain/report/methodology.ts';
import { MITIGATION_EFFICACY, PREVENTION_EFFICACY } from '../../src/domain/scoring/risk.ts';
import { demoInputs } from '../fixtures/demo.ts';

const { catalogue, profile } = demoInputs();

describe('the methodology section', () => {
  const sections = methodology(catalogue, profile);

  it('explains answers, both scores, exposure and a worked example, in that order', () => {
    expect(sections.map((s) => [s.title, s.form])).toEqual([
      ['Answers', 'prose'],
      ['Readiness', 'prose'],
      ['Residual risk', 'prose'],
      ['Incident exposure', 'prose'],
      ['Worked example', 'steps'],
    ]);
  });

  it('quotes the scale, the severity weights and the efficacy assumptions as used', () => {
    const text = sections.flatMap((s) => s.paragraphs).join('\n');
    expect(text).toContain(`0 to ${String(catalogue.scale.length - 1)}`);
    expect(text).toContain('low 1, medium 2, high 3, critical 4');
    expect(text).toContain(`${String(PREVENTION_EFFICACY)} × P(v)`);
    expect(text).toContain(`${String(MITIGATION_EFFICACY)} × M(v)`);
    expect(text).toContain('S = 1, M = 2, L = 4');
  });
});
