import { describe, expect, it } from 'vitest';
import {
  assessmentToCsv,
  assessmentToJson,
  catalogueDiff,
  withoutRemoved,
} from '../../src/domain/assessment/export.ts';
import { compareVersions, parseAssessmentFile } from '../../src/domain/assessment/import.ts';
import { csvCell } from '../../src/domain/csv.ts';
import type { Assessment } from '../../src/domain/assessment/schema.ts';
import { formatProblems } from '../../src/domain/validation.ts';
import {
  bundledCatalogue,
  demoAssessmentText,
  tinyCatalogue,
  tinyAssessment,
} from '../fixtures/catalogue.ts';

const tiny = tinyCatalogue([{ title: 'Hardware keys, everywhere' }, { baseline: 3 }, {}]);

const assessment = tinyAssessment;

/** A minimal RFC 4180 reader, so the tests check what a spreadsheet would see, not our strings. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  return rows;
}

describe('assessmentToCsv', () => {
  const a = assessment({
    answers: {
      'KEY-01': { status: 'level', level: 1, notes: 'He said "no", then yes,\nlater' },
      'KEY-02': { status: 'na', justification: '=HYPERLINK("http://evil","x")' },
    },
    meta: {
      'KEY-01': {
        target: 3,
        owner: '@ops',
        evidence: ['https://wiki/keys', '-1 rotation log'],
        confidence: 'verified',
        revisit: true,
      },
      'KEY-03': { owner: '+44 20 7946 0000' },
    },
  });
  const csv = assessmentToCsv(a, tiny);
  const rows = readCsv(csv);

  it('has the header and one row per catalogue control, in catalogue order, CRLF-terminated', () => {
    expect(csv.split('\r\n')[0]).toBe(
      'control_id,domain,title,status,level,target,baseline,gap,justification,notes,owner,confidence,revisit,evidence',
    );
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(rows.map((r) => r[0])).toEqual(['control_id', 'KEY-01', 'KEY-02', 'KEY-03']);
    for (const row of rows) expect(row).toHaveLength(14);
  });

  it('writes answers, targets, gaps and meta', () => {
    expect(rows[1]).toEqual([
      'KEY-01',
      'Keys',
      'Hardware keys, everywhere',
      'level',
      '1',
      '3',
      '2',
      'yes',
      '',
      'He said "no", then yes,\nlater',
      "'@ops",
      'verified',
      'yes',
      'https://wiki/keys | -1 rotation log',
    ]);
    expect(rows[2]?.slice(3, 9)).toEqual([
      'na',
      '',
      '3',
      '3',
      'no',
      `'=HYPERLINK("http://evil","x")`,
    ]);
    expect(rows[3]?.slice(3, 8)).toEqual(['unanswered', '', '2', '2', 'yes']);
  });

  it('quotes commas, quotes and line breaks (RFC 4180)', () => {
    expect(csv).toContain('"Hardware keys, everywhere"');
    expect(csv).toContain('"He said ""no"", then yes,\nlater"');
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\r\nlines')).toBe('"two\r\nlines"');
  });

  it.each([
    ['=1+1', "'=1+1"],
    ['+44 20', "'+44 20"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', `"'\rcmd"`],
    ['=A1,B1', `"'=A1,B1"`],
  ])('defuses a cell that a spreadsheet would run as a formula: %j', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('defuses formulas in every user-written field', () => {
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(csv).toContain("'@ops");
    expect(csv).toContain("'+44 20 7946 0000");
    // Only a cell's first character matters: the evidence cell starts with "https".
    expect(rows[1]?.[13]).toBe('https://wiki/keys | -1 rotation log');
  });

  // Spreadsheets skip leading spaces, line ends and quotes before looking for a formula sign, and
  // some fold the full-width signs to ASCII first.
  it.each([' =1+1', '\n=1+1', '"=1+1', '\uFF1D1+1', ' \uFF0B1'])(
    'defuses a formula behind %j in a note, an owner and evidence',
    (hostile) => {
      const sheet = readCsv(
        assessmentToCsv(
          assessment({
            answers: { 'KEY-01': { status: 'level', level: 1, notes: hostile } },
            meta: { 'KEY-01': { owner: hostile, evidence: [hostile] } },
          }),
          tiny,
        ),
      );
      expect([sheet[1]?.[9], sheet[1]?.[10], sheet[1]?.[13]]).toEqual([
        `'${hostile}`,
        `'${hostile}`,
        `'${hostile}`,
      ]);
    },
  );
});

describe('assessmentToJson', () => {
  it('writes the versioned envelope with a stable key order', () => {
    const one = assessment({
      answers: {
        'KEY-02': { notes: 'n', level: 2, status: 'level' },
        'KEY-01': { status: 'na', justification: 'custodian' },
      },
      meta: { 'KEY-03': { revisit: true, owner: 'Ana' } },
    });
    const two = assessment({
      meta: { 'KEY-03': { owner: 'Ana', revisit: true } },
      answers: {
        'KEY-01': { status: 'na', justification: 'custodian' },
        'KEY-02': { status: 'level', level: 2, notes: 'n' },
      },
    });
    const text = assessmentToJson(one);
    expect(text).toBe(assessmentToJson(two));
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')[1]).toBe('  "format": "opsready-assessment",');
    const file = JSON.parse(text) as { formatVersion: number; assessment: Assessment };
    expect(file.formatVersion).toBe(6);
    expect(Object.keys(file.assessment.answers)).toEqual(['KEY-01', 'KEY-02']);
    expect(Object.keys(file.assessment.answers['KEY-02'] ?? {})).toEqual([
      'status',
      'level',
      'notes',
    ]);
    expect(Object.keys(file.assessment.meta['KEY-03'] ?? {})).toEqual(['owner', 'revisit']);
  });

  it('keeps a workshop whole, in a stable order, through export and import', () => {
    const a = assessment({
      meta: { 'KEY-01': { followUp: 'Ana: rotation log', evidenceRequested: true } },
      workshop: {
        agenda: [{ domain: 'keys', minutes: 30 }],
        participants: [
          {
            id: 'p1',
            name: 'Олена',
            role: 'team',
            source: {
              fileName: 'olena.json',
              assessmentName: 'Mine',
              catalogueVersion: '1.0.0',
              sha256: 'a'.repeat(64),
            },
            importedAt: '2026-11-25T10:00:00.000Z',
            answers: {
              'KEY-02': { level: 1, status: 'level' },
              'KEY-01': { status: 'level', level: 3 },
            },
          },
        ],
        agreements: {
          'KEY-01': {
            at: '2026-11-25T10:05:00.000Z',
            by: ['Олена'],
            answer: { level: 3, status: 'level' },
          },
        },
        actions: [
          {
            priority: 'high',
            id: 'x1',
            controlId: 'KEY-01',
            text: 'Rotate',
            owner: 'Ana',
            createdAt: '2026-11-25T10:06:00.000Z',
          },
        ],
      },
    });
    const text = assessmentToJson(a);
    const parsed = parseAssessmentFile(text, 'w.json', tiny);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    expect(parsed.value.file.assessment).toEqual(a);
    expect(assessmentToJson(parsed.value.file.assessment)).toBe(text);
    const file = JSON.parse(text) as { assessment: Assessment };
    expect(Object.keys(file.assessment.workshop?.participants[0]?.answers ?? {})).toEqual([
      'KEY-01',
      'KEY-02',
    ]);
  });

  it('refuses workshop data in a version 2 file, which could not have any', () => {
    const a = assessment({
      workshop: { agenda: [], participants: [], agreements: {}, actions: [] },
    });
    const text = assessmentToJson(a).replace('"formatVersion": 6', '"formatVersion": 2');
    const parsed = parseAssessmentFile(text, 'old.json', tiny);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problems[0]?.message).toMatch(/workshop/);
  });

  it('round-trips through the importer unchanged', () => {
    const catalogue = bundledCatalogue();
    const demo = parseAssessmentFile(demoAssessmentText(), 'demo.json', catalogue);
    if (!demo.ok) throw new Error(formatProblems(demo.problems));
    const original = demo.value.file.assessment;
    const again = parseAssessmentFile(assessmentToJson(original), 'export.json', catalogue);
    if (!again.ok) throw new Error(formatProblems(again.problems));
    expect(again.value.file.assessment).toEqual(original);
    expect(again.value.warnings).toEqual([]);
  });
});

describe('catalogueDiff and withoutRemoved', () => {
  const old = assessment({
    catalogue: { id: 'tiny', version: '0.9.0' },
    answers: {
      'KEY-01': { status: 'level', level: 2 },
      'KEY-77': { status: 'level', level: 1 },
    },
    meta: { 'KEY-02': { owner: 'Ana' }, 'KEY-88': { owner: 'Ben' } },
  });

  it('lists removed controls, and unanswered ones when the version changed', () => {
    expect(catalogueDiff(old, tiny)).toEqual({
      sameCatalogue: true,
      versionChanged: true,
      removed: ['KEY-77', 'KEY-88'],
      added: ['KEY-03'],
    });
  });

  it('lists nothing as added when the version is the same', () => {
    const same = assessment({ answers: { 'KEY-01': { status: 'level', level: 2 } } });
    expect(catalogueDiff(same, tiny)).toEqual({
      sameCatalogue: true,
      versionChanged: false,
      removed: [],
      added: [],
    });
  });

  it('tells a different catalogue apart', () => {
    const other = assessment({ catalogue: { id: 'other', version: '1.0.0' } });
    expect(catalogueDiff(other, tiny)).toMatchObject({
      sameCatalogue: false,
      versionChanged: false,
    });
  });

  it('drops what the catalogue no longer has and says what', () => {
    const { assessment: kept, dropped } = withoutRemoved(old, tiny);
    expect(kept.answers).toEqual({ 'KEY-01': { status: 'level', level: 2 } });
    expect(kept.meta).toEqual({ 'KEY-02': { owner: 'Ana' } });
    expect(dropped).toEqual({ answers: ['KEY-77'], meta: ['KEY-88'] });
    // A copy: the original is untouched.
    expect(Object.keys(old.answers)).toEqual(['KEY-01', 'KEY-77']);
  });
});

describe('importing against a newer catalogue', () => {
  const fileText = (a: Assessment) =>
    JSON.stringify({ format: 'opsready-assessment', formatVersion: 2, assessment: a });

  it('keeps the answers of an older version and drops removed controls with a warning', () => {
    const a = assessment({
      catalogue: { id: 'tiny', version: '0.9.0' },
      answers: {
        'KEY-01': { status: 'level', level: 3 },
        'KEY-77': { status: 'level', level: 2 },
      },
      meta: { 'KEY-88': { owner: 'Ben' } },
    });
    const result = parseAssessmentFile(fileText(a), 'old.json', tiny);
    if (!result.ok) throw new Error(formatProblems(result.problems));
    const { file, warnings, diff } = result.value;
    expect(file.assessment.answers).toEqual({ 'KEY-01': { status: 'level', level: 3 } });
    expect(file.assessment.meta).toEqual({});
    // The file still says what it was made against.
    expect(file.assessment.catalogue).toEqual({ id: 'tiny', version: '0.9.0' });
    expect(formatProblems(warnings)).toBe(
      [
        'old.json: assessment.answers.KEY-77: catalogue tiny 1.0.0 no longer has control "KEY-77" (the file was made against 0.9.0); its answer was not imported',
        'old.json: assessment.meta.KEY-88: catalogue tiny 1.0.0 no longer has control "KEY-88" (the file was made against 0.9.0); its target, owner and evidence were not imported',
      ].join('\n'),
    );
    expect(diff).toEqual({
      sameCatalogue: true,
      versionChanged: true,
      removed: ['KEY-77', 'KEY-88'],
      added: ['KEY-02', 'KEY-03'],
    });
  });

  it('still refuses a level above the scale in an older version', () => {
    const a = assessment({
      catalogue: { id: 'tiny', version: '0.9.0' },
      answers: { 'KEY-01': { status: 'level', level: 5 } },
    });
    const result = parseAssessmentFile(fileText(a), 'old.json', tiny);
    expect(result.ok ? '' : formatProblems(result.problems)).toBe(
      'old.json: assessment.answers.KEY-01.level: expected a level from 0 to 3, got 5',
    );
  });

  it('refuses unknown controls in the same or a newer version', () => {
    for (const version of ['1.0.0', '1.1.0', 'not-semver']) {
      const a = assessment({
        catalogue: { id: 'tiny', version },
        answers: { 'KEY-77': { status: 'level', level: 1 } },
      });
      const result = parseAssessmentFile(fileText(a), 'new.json', tiny);
      expect(result.ok ? '' : formatProblems(result.problems), version).toContain(
        'new.json: assessment.answers.KEY-77: control "KEY-77" is not in catalogue tiny 1.0.0',
      );
    }
  });

  it('refuses an assessment made against a different catalogue id', () => {
    const a = assessment({ catalogue: { id: 'other', version: '0.1.0' } });
    const result = parseAssessmentFile(fileText(a), 'other.json', tiny);
    expect(result.ok ? '' : formatProblems(result.problems)).toBe(
      'other.json: assessment.catalogue.id: made against catalogue "other"; expected "tiny" (load that catalogue first)',
    );
  });

  it('picks the catalogue the file names from those loaded', () => {
    const other = { ...tiny, meta: { ...tiny.meta, id: 'other' } };
    const a = assessment({ catalogue: { id: 'tiny', version: '1.0.0' } });
    const result = parseAssessmentFile(fileText(a), 'a.json', [other, tiny]);
    expect(result.ok && result.value.catalogue).toBe(tiny);
    const missing = parseAssessmentFile(
      fileText(assessment({ catalogue: { id: 'gone', version: '1.0.0' } })),
      'a.json',
      [other, tiny],
    );
    expect(missing.ok ? '' : formatProblems(missing.problems)).toContain(
      'expected one of "other", "tiny"',
    );
  });
});

describe('compareVersions', () => {
  it.each([
    ['0.9.0', '1.0.0', -1],
    ['1.0.0', '1.0.0', 0],
    ['1.10.0', '1.9.0', 1],
    ['1.0.0-rc.1', '1.0.0', -1],
    ['1.0.0-rc.2', '1.0.0-rc.10', -1],
    ['1.0.0-alpha', '1.0.0-1', 1],
    ['v1', '1.0.0', undefined],
  ])('%s vs %s', (a, b, expected) => {
    expect(compareVersions(a, b)).toBe(expected);
  });
});
