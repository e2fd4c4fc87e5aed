import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildDemo, DEMO_BASELINE_PATH, DEMO_CURRENT_PATH } from '../../scripts/build/make-demo.ts';
import { assessmentToJson } from '../../src/domain/assessment/export.ts';
import { parseAssessmentFile } from '../../src/domain/assessment/import.ts';
import { ASSESSMENT_FILE_VERSION, type Assessment } from '../../src/domain/assessment/schema.ts';
import { compareAssessments } from '../../src/domain/workshop/compare.ts';
import { disagreementRows } from '../../src/domain/workshop/participants.ts';
import { resolveProfile } from '../../src/domain/threat/resolve.ts';
import { signedContentJson } from '../../src/lib/fingerprint.ts';
import { sha256Hex } from '../../src/lib/sha256.ts';
import { bundledCatalogue, repoRoot } from '../fixtures/catalogue.ts';

const catalogue = bundledCatalogue();
const text = (path: string): string => readFileSync(`${repoRoot}${path}`, 'utf8');

function imported(path: string): Assessment {
  const parsed = parseAssessmentFile(text(path), path, catalogue);
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('\n'));
  expect(parsed.value.warnings).toEqual([]);
  expect(parsed.value.file.formatVersion).toBe(ASSESSMENT_FILE_VERSION);
  return parsed.value.file.assessment;
}

describe('the demo', () => {
  it('is what scripts/build/make-demo.ts builds (run it after changing the catalogue or format)', async () => {
    const built = await buildDemo(catalogue);
    expect(text(DEMO_BASELINE_PATH)).toBe(built.baseline);
    expect(text(DEMO_CURRENT_PATH)).toBe(built.current);
  });

  it('imports without a problem or warning, in the current format, byte for byte as exported', () => {
    for (const path of [DEMO_BASELINE_PATH, DEMO_CURRENT_PATH]) {
      const assessment = imported(path);
      // So `sha256sum` of the file is the hash the report states for the same data.
      expect(assessmentToJson(assessment)).toBe(text(path));
      expect(assessment.catalogue).toEqual({
        id: catalogue.meta.id,
        version: catalogue.meta.version,
      });
    }
  });

  it('has owners, evidence, an architecture, actions with status and due dates, verifications', () => {
    const current = imported(DEMO_CURRENT_PATH);
    const metas = Object.values(current.meta);
    expect(metas.filter((m) => m.owner !== undefined).length).toBeGreaterThanOrEqual(10);
    expect(metas.filter((m) => (m.evidence?.length ?? 0) > 0).length).toBeGreaterThanOrEqual(5);
    expect(current.architecture?.notOperated.length).toBeGreaterThan(0);
    const actions = current.workshop?.actions ?? [];
    expect(actions.length).toBeGreaterThanOrEqual(5);
    for (const a of actions) {
      expect(a.owner).not.toBe('');
      expect(a.due).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(current.answers[a.controlId]).toBeDefined();
    }
    expect(new Set(actions.map((a) => a.status))).toEqual(new Set(['open', 'in-progress', 'done']));
    const verifications = Object.entries(current.workshop?.verifications ?? {});
    expect(verifications.length).toBeGreaterThan(0);
    for (const [id, v] of verifications) expect(v.answer).toEqual(current.answers[id]);
  });

  it('has three to four participants who differ on a few controls, some agreed and one not', () => {
    const current = imported(DEMO_CURRENT_PATH);
    const participants = current.workshop?.participants ?? [];
    expect(participants.length).toBeGreaterThanOrEqual(3);
    expect(participants.length).toBeLessThanOrEqual(4);
    expect(participants.some((p) => p.role === 'auditor')).toBe(true);
    expect(participants.some((p) => p.role === 'team')).toBe(true);
    const disagreed = disagreementRows(catalogue, current).filter((r) => r.disagreement > 0);
    expect(disagreed.length).toBeGreaterThanOrEqual(3);
    // Not every control is disputed: a few are, as in a real workshop.
    expect(disagreed.length).toBeLessThan(15);
    const agreements = current.workshop?.agreements ?? {};
    expect(disagreed.filter((r) => agreements[r.controlId] === undefined).length).toBeGreaterThan(
      0,
    );
    for (const [id, agreement] of Object.entries(agreements)) {
      expect(agreement.answer).toEqual(current.answers[id]);
      expect(agreement.by).toEqual(participants.map((p) => p.name));
    }
  });

  it('has a signed earlier assessment of the same organisation, unchanged since signing', async () => {
    const baseline = imported(DEMO_BASELINE_PATH);
    const current = imported(DEMO_CURRENT_PATH);
    expect(baseline.id).not.toBe(current.id);
    expect(baseline.organisation).toBe(current.organisation);
    expect(baseline.updatedAt < current.createdAt).toBe(true);
    const signOff = baseline.workshop?.signOff;
    expect(signOff).toBeDefined();
    expect(signOff?.dataSha256).toBe(await sha256Hex(signedContentJson(baseline)));
    expect(current.workshop?.signOff).toBeUndefined();

    // The follow-up moved: some controls better, one worse, two answered since.
    const comparison = compareAssessments(
      catalogue,
      baseline,
      current,
      resolveProfile(catalogue, current),
    );
    expect(comparison.counts.improved).toBeGreaterThanOrEqual(5);
    expect(comparison.counts.regressed).toBeGreaterThanOrEqual(1);
    expect(comparison.counts.answered).toBeGreaterThanOrEqual(1);
    expect(comparison.readiness.delta).toBeGreaterThan(0);
  });
});
