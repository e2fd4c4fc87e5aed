import { describe, expect, it } from 'vitest';
import {
  MAX_ASSESSMENT_FILE_BYTES,
  parseAssessmentFile,
} from '../../src/domain/assessment/import.ts';
import { loadCatalogue } from '../../src/domain/catalogue/load.ts';
import { formatProblems } from '../../src/domain/validation.ts';
import { bundledCatalogue, demoAssessmentText } from '../fixtures/catalogue.ts';

const catalogue = bundledCatalogue();
const demo = JSON.parse(demoAssessmentText()) as {
  format: string;
  formatVersion: number;
  assessment: { answers: Record<string, unknown> } & Record<string, unknown>;
};

function errorsFor(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const result = parseAssessmentFile(text, 'upload.json', catalogue);
  if (result.ok) throw new Error('expected the file to be rejected');
  return formatProblems(result.problems);
}

describe('the demo assessment', () => {
  const result = parseAssessmentFile(demoAssessmentText(), 'demo.json', catalogue);
  if (!result.ok) throw new Error(formatProblems(result.problems));
  const { answers } = result.value.file.assessment;
  const all = Object.values(answers);

  it('is made against the bundled catalogue', () => {
    expect(result.value.file.assessment.catalogue).toEqual({
      id: catalogue.meta.id,
      version: catalogue.meta.version,
    });
  });

  it('answers every domain, with gaps, N/A items, notes and a few unanswered controls', () => {
    for (const domain of catalogue.domains) {
      const ids = catalogue.controls.filter((c) => c.domain === domain.id).map((c) => c.id);
      expect(
        ids.some((id) => id in answers),
        domain.id,
      ).toBe(true);
    }
    const below = catalogue.controls.filter((c) => {
      const a = answers[c.id];
      return a?.status === 'level' && a.level < c.baseline;
    });
    expect(below.length).toBeGreaterThan(2);
    expect(all.filter((a) => a.status === 'na').length).toBeGreaterThanOrEqual(1);
    expect(all.filter((a) => a.notes).length).toBeGreaterThan(5);
    expect(catalogue.controls.length - all.length).toBe(37);
  });
});

describe('parseAssessmentFile rejects bad files with a located reason', () => {
  it.each([
    ['text that is not JSON', '{"format": ', 'upload.json: (root): not valid JSON'],
    [
      'another kind of file',
      { hello: 'world' },
      'upload.json: format: expected "opsready-assessment"',
    ],
    [
      'an unknown format version',
      { ...demo, formatVersion: 9 },
      'upload.json: formatVersion: expected format version 1',
    ],
    [
      'a wrong type',
      { ...demo, assessment: { ...demo.assessment, assessors: 'Alice' } },
      'upload.json: assessment.assessors: Invalid input: expected array, received string',
    ],
    [
      'a control the catalogue does not have',
      {
        ...demo,
        assessment: {
          ...demo.assessment,
          answers: { ...demo.assessment.answers, 'ZZZ-99': { status: 'level', level: 1 } },
        },
      },
      'upload.json: assessment.answers.ZZZ-99: control "ZZZ-99" is not in catalogue opsready-core',
    ],
    [
      'a level above the scale',
      {
        ...demo,
        assessment: { ...demo.assessment, answers: { 'KEY-01': { status: 'level', level: 7 } } },
      },
      'upload.json: assessment.answers.KEY-01.level: expected a level from 0 to 3, got 7',
    ],
    [
      'N/A without a justification',
      {
        ...demo,
        assessment: {
          ...demo.assessment,
          answers: { 'KEY-01': { status: 'na', justification: '  ' } },
        },
      },
      'upload.json: assessment.answers.KEY-01.justification: a justification is required',
    ],
    [
      'a __proto__ key',
      `{"format":"opsready-assessment","formatVersion":1,"assessment":{"answers":{"__proto__":{"polluted":true}}}}`,
      'upload.json: assessment.answers.__proto__: the key "__proto__" is not allowed',
    ],
    [
      'a huge file',
      ' '.repeat(MAX_ASSESSMENT_FILE_BYTES + 1),
      'upload.json: (root): file is too large',
    ],
  ])('%s', (_what, input, expected) => {
    expect(errorsFor(input)).toContain(expected);
  });

  it('refuses a key given twice, which JSON.parse would settle silently by keeping the last', () => {
    const text = JSON.stringify(demo, null, 2).replace(
      '"answers": {',
      '"answers": {\n    "KEY-01": { "status": "level", "level": 0 },',
    );
    expect(errorsFor(text)).toMatch(
      /^upload\.json: assessment\.answers\.KEY-01: the key "KEY-01" appears more than once in this object \(line \d+\); each key may appear once$/m,
    );
  });

  // Seconds of validation on a shared machine, hence the timeout.
  it('lists the first 50 of 329,365 bad answers and counts the rest', { timeout: 30_000 }, () => {
    const answers: Record<string, number> = {};
    for (let i = 0; i < 329_365; i++) answers[String(i)] = 0;
    const text = JSON.stringify({ ...demo, assessment: { ...demo.assessment, answers } });
    expect(text.length).toBeLessThan(MAX_ASSESSMENT_FILE_BYTES);
    const lines = errorsFor(text).split('\n');
    expect(lines).toHaveLength(51);
    expect(lines[0]).toMatch(/^upload\.json: assessment\.answers\["0"\]: /);
    expect(lines[50]).toMatch(/^upload\.json: \(root\): and \d{6} more problems not listed/);
  });

  it('reports hostile nesting instead of overflowing the stack', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(errorsFor(deep)).toContain('upload.json: [0][0]');
    expect(errorsFor(deep)).toContain('nested more than 64 levels deep');
  });
});

describe('a byte-order mark', () => {
  it('is dropped, as editors on Windows write one', () => {
    const result = parseAssessmentFile(`\uFEFF${demoAssessmentText()}`, 'bom.json', catalogue);
    expect(result.ok && result.value.file.assessment.name).toBe(demo.assessment.name);
  });
});

describe('catalogue files with prototype keys', () => {
  it('are rejected, not silently dropped', () => {
    const result = loadCatalogue([{ name: 'evil.yaml', text: '__proto__:\n  polluted: true\n' }]);
    expect(result.ok ? '' : formatProblems(result.problems)).toContain(
      'evil.yaml: __proto__: the key "__proto__" is not allowed',
    );
  });
});
