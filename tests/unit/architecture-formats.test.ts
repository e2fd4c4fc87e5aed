import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAssessmentFile } from '../../src/domain/assessment/import.ts';
import { migratePersisted } from '../../src/domain/persistence/persisted.ts';
import { buildReportModel } from '../../src/domain/report/model.ts';
import { targetsOf } from '../../src/domain/scoring/readiness.ts';
import { computeRisk } from '../../src/domain/scoring/risk.ts';
import { resolveProfile } from '../../src/domain/threat/resolve.ts';
import { formatProblems } from '../../src/domain/validation.ts';
import { bundledCatalogue, repoRoot } from '../fixtures/catalogue.ts';

const catalogue = bundledCatalogue();

function imported(version: number) {
  const text = readFileSync(
    `${repoRoot}tests/fixtures/assessment-files/v${String(version)}.json`,
    'utf8',
  );
  const result = parseAssessmentFile(text, `v${String(version)}.json`, catalogue);
  if (!result.ok) throw new Error(formatProblems(result.problems));
  return result.value.file.assessment;
}

describe('files made before the architecture existed', () => {
  it.each([1, 2, 3])('format %i imports with everything operated and scores as before', (v) => {
    const a = imported(v);
    expect(a.architecture).toBeUndefined();
    const profile = resolveProfile(catalogue, a);
    const input = { catalogue, assessment: a, profile, reportDate: '2026-11-25' };
    const model = buildReportModel(input);
    const risk = computeRisk(catalogue, a.answers, profile, targetsOf(a));
    expect(model.residualRisk.value).toBe(risk.residualRisk);
    expect(model.readiness.value).toBe(risk.readiness.readiness);
    expect(model.gaps.map((g) => [g.controlId, g.riskRemovedDisplay])).toEqual(
      risk.rankedGaps.map((g) => [g.score.control.id, g.riskRemoved.toFixed(1)]),
    );
    expect(model).toEqual(buildReportModel({ ...input, notOperated: [] }));
    expect(model.architecture.notOperated).toEqual([]);
  });
});

describe('an assessment that states its architecture', () => {
  it('is scored without what it does not operate, in the report built from it', () => {
    const a = imported(4);
    const withBridgeOff = { ...a, architecture: { notOperated: ['bridge', 'nodes'] } };
    const profile = resolveProfile(catalogue, withBridgeOff);
    const model = buildReportModel({
      catalogue,
      assessment: withBridgeOff,
      profile,
      reportDate: '2026-11-25',
    });
    expect(model.architecture.notOperated.map((f) => f.id)).toEqual(['bridge', 'nodes']);
    expect(model.architecture.removedControls.map((c) => c.controlId)).toEqual([
      'KEY-11',
      'DEP-08',
      'DEP-11',
    ]);
    // A what-if run may override what the assessment records.
    const override = buildReportModel({
      catalogue,
      assessment: withBridgeOff,
      profile,
      reportDate: '2026-11-25',
      notOperated: [],
    });
    expect(override.architecture.removedControls).toEqual([]);
  });
});

describe('stored data', () => {
  const fixture = (v: number) =>
    JSON.parse(readFileSync(`${repoRoot}tests/fixtures/persisted/v${String(v)}.json`, 'utf8')) as {
      state: unknown;
      version: number;
    };

  it('of version 3 loads with no architecture: everything operated', () => {
    const { state, version } = fixture(3);
    const result = migratePersisted(state, version);
    if (!result.ok) throw new Error(formatProblems(result.problems));
    for (const a of Object.values(result.value.state.assessments)) {
      expect(a.architecture).toBeUndefined();
    }
  });

  it('of version 4 keeps each assessment’s architecture', () => {
    const { state, version } = fixture(4);
    const result = migratePersisted(state, version);
    if (!result.ok) throw new Error(formatProblems(result.problems));
    expect(Object.values(result.value.state.assessments).map((a) => a.architecture)).toEqual([
      { notOperated: ['bridge', 'nodes'] },
    ]);
  });

  it('refuses a feature listed twice', () => {
    const { state } = fixture(4);
    const text = JSON.stringify(state).replace('["bridge","nodes"]', '["bridge","bridge"]');
    const result = migratePersisted(JSON.parse(text), 4);
    expect(result.ok && result.value.dropped.map((p) => `${p.path}: ${p.message}`)).toEqual([
      'assessments["3f0c2a9e-5d1b-4c1e-9a57-2b8f6d0e4c11"].architecture.notOperated: expected each feature once',
    ]);
  });
});
