import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAssessmentFile } from '../../src/domain/assessment/import.ts';
import type { Answer, Assessment } from '../../src/domain/assessment/schema.ts';
import { carryMergedAnswers, pendingMigrations } from '../../src/domain/catalogue/migrate.ts';
import type { Catalogue, CatalogueMigration } from '../../src/domain/catalogue/schema.ts';
import { applyCatalogueUpdate } from '../../src/domain/catalogue/update.ts';
import { formatProblems } from '../../src/domain/validation.ts';
import {
  bundledCatalogue,
  demoAssessmentText,
  loadFiles,
  problemsOf,
  testControlsYaml,
  testControlYaml,
  testMetaYaml,
  tinyAssessment,
  tinyCatalogue,
} from '../fixtures/catalogue.ts';

// KEY-01 … KEY-05 on a 0–3 scale; version 2.0.0 merged KEY-01…KEY-03 into KEY-04 and split part of
// KEY-02 into KEY-05.
const merged: CatalogueMigration = {
  version: '2.0.0',
  kind: 'merged',
  into: 'KEY-04',
  from: ['KEY-01', 'KEY-02', 'KEY-03'],
  rule: 'lowest',
  note: 'Departures moved here.',
};
const split: CatalogueMigration = {
  version: '1.5.0',
  kind: 'split',
  into: 'KEY-05',
  from: ['KEY-02'],
  rule: 'lowest',
  note: 'Vetting moved here.',
};
const base = tinyCatalogue([{}, {}, {}, {}, {}]);
const v2: Catalogue = {
  ...base,
  meta: { ...base.meta, version: '2.0.0' },
  migrations: [split, merged],
};
const level = (n: number): Answer => ({ status: 'level', level: n });
const made = (answers: Assessment['answers'], meta: Assessment['meta'] = {}): Assessment =>
  tinyAssessment({ answers, meta });

describe('carrying answers across a merge', () => {
  it('gives the merged control the lowest level of its sources, flagged with how it was derived', () => {
    const before = made({ 'KEY-01': level(3), 'KEY-02': level(1), 'KEY-03': level(2) });
    const { assessment, carried } = carryMergedAnswers(before, v2);
    expect(assessment.answers['KEY-04']).toEqual(level(1));
    expect(assessment.meta['KEY-04']?.revisit).toBe(true);
    expect(assessment.meta['KEY-04']?.followUp).toBe(
      "Carried: answered under tiny 1.0.0; 2.0.0 merged here from KEY-01, KEY-02, KEY-03 (levels KEY-01 3, KEY-02 1, KEY-03 2); the lowest, 1, was taken. Check it against this control's descriptors.",
    );
    // The sources keep their own answers: they still exist, with a narrower scope.
    for (const id of ['KEY-01', 'KEY-02', 'KEY-03']) {
      expect(assessment.answers[id]).toEqual(before.answers[id]);
    }
    expect(carried.map((c) => [c.migration.into, c.level])).toEqual([
      ['KEY-05', 1],
      ['KEY-04', 1],
    ]);
  });

  it('carries a split from its one source', () => {
    const { assessment } = carryMergedAnswers(made({ 'KEY-02': level(2) }), v2);
    expect(assessment.answers['KEY-05']).toEqual(level(2));
    expect(assessment.meta['KEY-05']?.followUp).toContain('split here from KEY-02');
  });

  it('ignores N/A, unanswered and off-scale sources, and carries nothing when no level is left', () => {
    const na: Answer = { status: 'na', justification: 'No deployer keys.' };
    const some = carryMergedAnswers(made({ 'KEY-01': na, 'KEY-03': level(2) }), v2);
    expect(some.assessment.answers['KEY-04']).toEqual(level(2));
    const none = carryMergedAnswers(made({ 'KEY-01': na, 'KEY-03': level(9) }), v2);
    expect(none.assessment.answers['KEY-04']).toBeUndefined();
    expect(none.assessment.meta['KEY-04']).toBeUndefined();
    expect(none.carried.find((c) => c.migration.into === 'KEY-04')?.level).toBeUndefined();
  });

  it("never replaces the team's own answer to the merged control, so carrying twice changes nothing", () => {
    const own = made({ 'KEY-01': level(0), 'KEY-04': level(3) });
    expect(carryMergedAnswers(own, v2).assessment.answers['KEY-04']).toEqual(level(3));
    const once = carryMergedAnswers(made({ 'KEY-01': level(2), 'KEY-02': level(1) }), v2);
    expect(carryMergedAnswers(once.assessment, v2).assessment).toEqual(once.assessment);
  });

  it('keeps an existing follow-up after the derivation note', () => {
    const { assessment } = carryMergedAnswers(
      made({ 'KEY-01': level(2) }, { 'KEY-04': { followUp: 'Ana: leaver list', owner: 'Ana' } }),
      v2,
    );
    expect(assessment.meta['KEY-04']?.owner).toBe('Ana');
    expect(assessment.meta['KEY-04']?.followUp).toMatch(/Check it against .* \| Ana: leaver list$/);
  });

  it('applies only migrations newer than the version the assessment was made against', () => {
    expect(pendingMigrations('1.0.0', v2).map((m) => m.into)).toEqual(['KEY-05', 'KEY-04']);
    expect(pendingMigrations('1.5.0', v2).map((m) => m.into)).toEqual(['KEY-04']);
    expect(pendingMigrations('2.0.0', v2)).toEqual([]);
    // An unreadable version is never taken for an older one.
    expect(pendingMigrations('draft', v2)).toEqual([]);
    const current = tinyAssessment({
      catalogue: { id: 'tiny', version: '2.0.0' },
      answers: { 'KEY-01': level(2) },
    });
    expect(carryMergedAnswers(current, v2).assessment).toBe(current);
    const elsewhere = tinyAssessment({
      catalogue: { id: 'other', version: '1.0.0' },
      answers: { 'KEY-01': level(2) },
    });
    expect(carryMergedAnswers(elsewhere, v2).assessment).toBe(elsewhere);
  });

  it('is carried when a team catalogue is replaced by the version that merged', () => {
    const updated = applyCatalogueUpdate(
      made({ 'KEY-01': level(2), 'KEY-03': level(1) }),
      v2,
      '2026-12-01T10:00:00.000Z',
    );
    expect(updated.catalogue.version).toBe('2.0.0');
    expect(updated.answers['KEY-04']).toEqual(level(1));
    expect(updated.meta['KEY-04']?.revisit).toBe(true);
  });

  it('never gives a level above any answered source, and always one of theirs', () => {
    const answer = fc.option(
      fc.oneof(
        fc.integer({ min: 0, max: 3 }).map(level),
        fc.constant<Answer>({ status: 'na', justification: 'Not used.' }),
      ),
      { nil: undefined },
    );
    fc.assert(
      fc.property(fc.tuple(answer, answer, answer), (sources) => {
        const answers: Record<string, Answer> = {};
        sources.forEach((a, i) => {
          if (a !== undefined) answers[`KEY-0${String(i + 1)}`] = a;
        });
        const carried = carryMergedAnswers(made(answers), v2).assessment.answers['KEY-04'];
        const levels = sources.flatMap((a) => (a?.status === 'level' ? [a.level] : []));
        if (levels.length === 0) return carried === undefined;
        return carried?.status === 'level' && carried.level === Math.min(...levels);
      }),
    );
  });
});

describe('the bundled catalogue 1.2.0', () => {
  const catalogue = bundledCatalogue();

  it('declares the departures merge and the vetting and lookalike-domain splits', () => {
    expect(catalogue.migrations?.map((m) => [m.version, m.kind, m.into, m.from])).toEqual([
      ['1.2.0', 'merged', 'APR-14', ['KEY-07', 'KEY-12', 'SIG-08', 'APR-07', 'APR-09', 'DEP-12']],
      ['1.2.0', 'split', 'APR-15', ['APR-09']],
      ['1.2.0', 'split', 'DEP-24', ['DEP-13']],
    ]);
  });

  it('carries answers made with 1.1.0 into APR-14 and APR-15 on import', () => {
    // The demo's answers, as a file made with catalogue 1.1.0 would hold them.
    const file = JSON.parse(demoAssessmentText()) as { assessment: Assessment };
    file.assessment.catalogue.version = '1.1.0';
    const text = JSON.stringify(file);
    const sources = ['KEY-07', 'KEY-12', 'SIG-08', 'APR-07', 'APR-09', 'DEP-12'].map(
      (id) => file.assessment.answers[id],
    );
    const levels = sources.flatMap((a) => (a?.status === 'level' ? [a.level] : []));
    const result = parseAssessmentFile(text, 'halcyon.json', catalogue);
    if (!result.ok) throw new Error(formatProblems(result.problems));
    const { answers, meta } = result.value.file.assessment;
    expect(answers['APR-14']).toEqual({ status: 'level', level: Math.min(...levels) });
    const vetting = file.assessment.answers['APR-09'];
    // Only the level is carried: the source's notes describe the source's own scope.
    expect(answers['APR-15']).toEqual({
      status: 'level',
      level: vetting?.status === 'level' ? vetting.level : -1,
    });
    expect(meta['APR-14']?.revisit).toBe(true);
    // The other new controls stay unanswered.
    expect(answers['KEY-14']).toBeUndefined();
    expect(answers['DEP-23']).toBeUndefined();
  });
});

const META =
  testMetaYaml({ version: '1.1.0' }) + testControlsYaml() + testControlYaml({ id: 'KEY-02' });

function migrationProblems(migrations: string): string {
  return problemsOf(
    loadFiles(['meta.yaml', META], ['migrations.yaml', `migrations:\n${migrations}`]),
  );
}

const entry = (fields: string) =>
  `  - { version: 1.1.0, kind: merged, rule: lowest, note: Moved., ${fields} }\n`;

describe('migrations in a catalogue file', () => {
  it('are refused with their location when they name unknown or repeated controls', () => {
    expect(migrationProblems(entry('into: KEY-09, from: [KEY-01]')) + '\n').toContain(
      'migrations.yaml: migrations[0].into: unknown control "KEY-09"; expected the id of a control in the catalogue (line 2)',
    );
    expect(migrationProblems(entry('into: KEY-01, from: [KEY-02, KEY-08]'))).toContain(
      'migrations.yaml: migrations[0].from[1]: unknown control "KEY-08"; expected the id of a control in the catalogue (a merged control keeps its id)',
    );
    expect(migrationProblems(entry('into: KEY-01, from: [KEY-01]'))).toContain(
      'migrations.yaml: migrations[0].from[0]: control "KEY-01" cannot carry answers into itself',
    );
    expect(migrationProblems(entry('into: KEY-01, from: [KEY-02, KEY-02]'))).toContain(
      'migrations.yaml: migrations[0].from[1]: control "KEY-02" is listed twice; list it once',
    );
    expect(
      migrationProblems(
        entry('into: KEY-01, from: [KEY-02]') + entry('into: KEY-01, from: [KEY-02]'),
      ),
    ).toContain(
      'migrations.yaml: migrations[1].into: control "KEY-01" already takes answers in 1.1.0 (migrations[0]); list all its sources in one migration',
    );
  });

  it('are refused for a version newer than the catalogue, or a rule or kind not defined', () => {
    expect(
      migrationProblems(
        '  - { version: 2.0.0, kind: merged, rule: lowest, note: x, into: KEY-01, from: [KEY-02] }\n',
      ),
    ).toContain(
      'migrations.yaml: migrations[0].version: migration for 2.0.0 is newer than the catalogue (1.1.0); expected a version up to 1.1.0',
    );
    expect(
      migrationProblems(entry('into: KEY-01, from: [KEY-02]').replace('lowest', 'highest')),
    ).toContain('migrations.yaml: migrations[0].rule:');
    expect(migrationProblems(entry('into: KEY-01, from: []'))).toContain(
      'expected at least one control to carry answers from',
    );
  });
});
