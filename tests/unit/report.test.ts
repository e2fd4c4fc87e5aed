import { describe, expect, it } from 'vitest';
import { parseAssessmentFile } from '../../src/domain/assessment/import.ts';
import { reportDocument, toLatin1 } from '../../src/domain/report/document.ts';
import { buildReportModel, slugify } from '../../src/domain/report/model.ts';
import { computeRisk } from '../../src/domain/scoring/risk.ts';
import { resolveProfile } from '../../src/domain/threat/resolve.ts';
import { bundledCatalogue, demoAssessmentText } from '../fixtures/catalogue.ts';

const catalogue = bundledCatalogue();
const parsed = parseAssessmentFile(demoAssessmentText(), 'demo.json', catalogue);
if (!parsed.ok) throw new Error('demo must parse');
const assessment = parsed.value.file.assessment;
const profile = resolveProfile(catalogue, assessment);
const model = buildReportModel({ catalogue, assessment, profile, reportDate: '2026-06-04' });

describe('report model of the demo assessment', () => {
  // An independent oracle for readiness: the formula written out again, not the engine's code.
  const weight = { low: 1, medium: 2, high: 3, critical: 4 } as const;
  let weighted = 0;
  let weights = 0;
  for (const c of catalogue.controls) {
    const a = assessment.answers[c.id];
    if (a?.status === 'na') continue;
    const level = a?.status === 'level' ? a.level : 0;
    weighted += weight[c.severity] * (Math.min(level, c.baseline) / c.baseline);
    weights += weight[c.severity];
  }

  it('matches readiness computed from the formula', () => {
    expect(model.readiness.value).toBeCloseTo((100 * weighted) / weights, 10);
    expect(model.readiness.display).toBe('56.0');
  });

  it('counts unanswered and N/A controls separately and says unanswered are gaps', () => {
    expect(model.counts).toEqual({
      total: 78,
      answered: 72,
      unanswered: 3,
      notApplicable: 3,
      gaps: 44,
    });
    expect(model.unansweredNote).toBe(
      '3 unanswered controls are scored as gaps until they are answered.',
    );
    expect(model.notApplicable.map((n) => n.controlId)).toEqual(['KEY-09', 'CUS-08', 'DEP-11']);
    expect(model.notApplicable.every((n) => n.justification.length > 10)).toBe(true);
  });

  it('ranks the plan by risk removed, each row consistent with the engine', () => {
    const removed = model.gaps.map((g) => g.riskRemoved);
    expect(removed).toEqual([...removed].sort((a, b) => b - a));
    expect(model.gaps.map((g) => g.rank)).toEqual(model.gaps.map((_, i) => i + 1));
    expect(model.gaps).toHaveLength(model.counts.gaps);
    // Readiness points still add up: every gap closed gives 100.
    const points = model.gaps.reduce((t, g) => t + g.points, 0);
    expect(points + (model.readiness.value ?? 0)).toBeCloseTo(100, 9);
  });

  it('offers the same gaps ranked per unit of effort, in the engine order', () => {
    const byEffort = computeRisk(catalogue, assessment.answers, profile).rankedByEffort;
    expect(model.gapsByEffort.map((g) => g.controlId)).toEqual(
      byEffort.map((c) => c.score.control.id),
    );
    expect([...model.gapsByEffort].sort((a, b) => a.rank - b.rank)).toEqual(model.gaps);
    expect(model.profile.custom).toBe(false);
  });

  it('weights residual risk by the default profile and explains it', () => {
    expect(model.profile.id).toBe('trm-h1-2026');
    expect(model.residualRisk.value).toBeGreaterThan(10);
    expect(model.residualRisk.value).toBeLessThan(100);
    const sum = model.vectors.reduce((t, v) => t + v.residual, 0);
    expect(sum).toBeCloseTo(model.residualRisk.value, 9);
    expect(model.residualRisk.sentence).toMatch(/remove about \d+% and \d+% remains/);
    expect(model.profile.heavyTail).toMatch(/21× the median/);
  });

  it('replays every incident against the answers', () => {
    expect(model.exposure).toHaveLength(catalogue.incidents.length);
    const kelp = model.exposure.find((x) => x.id.startsWith('kelpdao'));
    // Halcyon runs a 1-of-1 verifier with uncapped mints: the KelpDAO path is open.
    expect(kelp?.outcome).toBe('not-stopped');
    expect(kelp?.detail).toMatch(/Prevention needed: .*DEP-0[38]/);
  });

  it('prints the worked example in the methodology', () => {
    const worked = model.methodology.find((m) => m.title === 'Worked example');
    expect(worked?.paragraphs.join(' ')).toContain('(0.228 + 0.120) = 34.8');
  });

  it('names the PDF after the organisation and date', () => {
    expect(model.fileBaseName).toBe('opsready-halcyon-finance-fictional-2026-06-04');
  });
});

describe('report document', () => {
  const doc = reportDocument(model);
  const text = JSON.stringify(doc.blocks);

  it('contains every domain name and both scores', () => {
    for (const domain of catalogue.domains) expect(text).toContain(domain.name);
    expect(doc.blocks).toContainEqual({
      kind: 'score',
      label: 'Overall readiness (0-100)',
      value: '56.0',
    });
    expect(doc.blocks).toContainEqual({
      kind: 'score',
      label: 'Residual risk (0-100, lower is better)',
      value: model.residualRisk.display,
    });
  });

  it('has its sections in order', () => {
    const headings = doc.blocks.flatMap((b) => (b.kind === 'heading' ? [b.text] : []));
    expect(headings).toEqual([
      'Operational security readiness report',
      'Readiness and risk by domain',
      'Residual risk by attack vector',
      'Remediation plan, by risk removed',
      'Incident exposure',
      'Not applicable',
      'Methodology',
    ]);
  });

  it('sets document metadata', () => {
    expect(doc.metadata.title).toBe(
      'Operational security readiness report: Halcyon Finance (fictional)',
    );
    expect(doc.fileName).toBe('opsready-halcyon-finance-fictional-2026-06-04.pdf');
  });
});

describe('toLatin1', () => {
  it('keeps Latin-1, folds typography and marks what cannot print', () => {
    expect(toLatin1('équipe – “sécurité” … Σ')).toBe('équipe - "sécurité" ... Sum');
    expect(toLatin1('Ключ 鍵')).toBe('???? ?');
  });
});

describe('slugify', () => {
  it.each([
    ['Halcyon Finance (fictional)', 'halcyon-finance-fictional'],
    ['Société Générale', 'societe-generale'],
    ['  ', 'assessment'],
    ['../../etc/passwd', 'etc-passwd'],
  ])('%s → %s', (input, expected) => {
    expect(slugify(input)).toBe(expected);
  });
});
