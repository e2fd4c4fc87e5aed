import { describe, expect, it } from 'vitest';
import { parseAssessmentFile } from '../../src/domain/assessment/import.ts';
import { reportDocument, toLatin1 } from '../../src/domain/report/document.ts';
import { buildReportModel, slugify } from '../../src/domain/report/model.ts';
import { resolveProfile } from '../../src/domain/threat/resolve.ts';
import { bundledCatalogue, demoAssessmentText } from '../fixtures/catalogue.ts';

const catalogue = bundledCatalogue();
const parsed = parseAssessmentFile(demoAssessmentText(), 'demo.json', catalogue);
if (!parsed.ok) throw new Error('demo must parse');
const assessment = parsed.value.assessment;
const profile = resolveProfile(catalogue, assessment);
const model = buildReportModel({ catalogue, assessment, profile, reportDate: '2026-06-04' });

describe('report model of the demo assessment', () => {
  it('matches the readiness computed by hand', () => {
    // Applicable weights sum to 54; weighted attainment to 109/3 (see the demo's answers).
    expect(model.readiness.value).toBeCloseTo((100 * (109 / 3)) / 54, 10);
    expect(model.readiness.display).toBe('67.3');
  });

  it('counts unanswered and N/A controls separately', () => {
    expect(model.counts).toEqual({
      total: 18,
      answered: 15,
      unanswered: 1,
      notApplicable: 2,
      gaps: 9,
    });
    expect(model.unansweredNote).toBe(
      '1 unanswered control is scored as a gap until it is answered.',
    );
    expect(model.notApplicable.map((n) => n.controlId)).toEqual(['CUS-01', 'DEP-01']);
    expect(model.notApplicable.every((n) => n.justification.length > 10)).toBe(true);
  });

  it('ranks gaps by the readiness points they cost, and the points add up', () => {
    const points = model.gaps.map((g) => g.points);
    expect(points).toEqual([...points].sort((a, b) => b - a));
    // DEP-03 (critical, level 0 of 2) costs 4/54 of the score; it must come first.
    expect(model.gaps[0]?.controlId).toBe('DEP-03');
    expect(model.gaps[0]?.points).toBeCloseTo(400 / 54, 10);
    const total = points.reduce((a, b) => a + b, 0);
    expect(total + (model.readiness.value ?? 0)).toBeCloseTo(100, 9);
  });

  it('names the PDF after the organisation and date', () => {
    expect(model.fileBaseName).toBe('opsready-halcyon-finance-fictional-2026-06-04');
  });
});

describe('report document', () => {
  const doc = reportDocument(model);
  const text = JSON.stringify(doc.blocks);

  it('contains every domain name and the score', () => {
    for (const domain of catalogue.domains) expect(text).toContain(domain.name);
    expect(doc.blocks).toContainEqual({
      kind: 'score',
      label: 'Overall readiness (0-100)',
      value: '67.3',
    });
  });

  it('has its sections in order', () => {
    const headings = doc.blocks.flatMap((b) => (b.kind === 'heading' ? [b.text] : []));
    expect(headings).toEqual([
      'Operational security readiness report',
      'Readiness by domain',
      'Gaps, largest first',
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
