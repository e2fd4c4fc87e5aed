import { describe, expect, it } from 'vitest';
import { parseAssessmentFile } from '../../src/domain/assessment/import.ts';
import { headingAnchor, slugify } from '../../src/domain/format.ts';
import { documentTexts, tableCells, tableOfContents } from '../../src/domain/report/blocks.ts';
import { niceAxis } from '../../src/domain/report/charts.ts';
import { reportDocument } from '../../src/domain/report/document.ts';
import { shortIncidentName } from '../../src/domain/report/gaps.ts';
import { printable, REPLACEMENT } from '../../src/domain/report/glyphs.ts';
import { buildReportModel } from '../../src/domain/report/model.ts';
import {
  applyArchitecture,
  effectiveAnswers,
  effectiveProfile,
} from '../../src/domain/scoring/architecture.ts';
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
  // A control for something the team does not operate is left out, as if answered N/A.
  const notOperated = new Set(assessment.architecture?.notOperated ?? []);
  let weighted = 0;
  let weights = 0;
  for (const c of catalogue.controls) {
    const a = assessment.answers[c.id];
    if (a?.status === 'na') continue;
    if (c.appliesTo?.every((f) => notOperated.has(f)) === true) continue;
    const level = a?.status === 'level' ? a.level : 0;
    weighted += weight[c.severity] * (Math.min(level, c.baseline) / c.baseline);
    weights += weight[c.severity];
  }

  it('matches readiness computed from the formula', () => {
    expect(model.readiness.value).toBeCloseTo((100 * weighted) / weights, 10);
    expect(model.readiness.display).toBe('41.3');
  });

  it('counts unanswered and N/A controls separately and says unanswered are gaps', () => {
    // Of the 34 controls catalogue 1.2.0 added, the demo answers none; KEY-15, KEY-16, DEP-14 and
    // DEP-15 apply only to MPC and published packages, which Halcyon does not operate, so 30 are
    // unanswered, with 3 from before.
    expect(model.counts).toEqual({
      total: 112,
      answered: 72,
      unanswered: 33,
      notApplicable: 7,
      gaps: 74,
    });
    expect(model.unansweredNote).toBe(
      '33 unanswered controls are scored as gaps until they are answered.',
    );
    expect(model.notApplicable.map((n) => n.controlId)).toEqual([
      'KEY-09',
      'KEY-15',
      'KEY-16',
      'CUS-08',
      'DEP-11',
      'DEP-14',
      'DEP-15',
    ]);
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
    const effect = applyArchitecture(catalogue, new Set(assessment.architecture?.notOperated));
    const byEffort = computeRisk(
      catalogue,
      effectiveAnswers(effect, assessment.answers),
      effectiveProfile(effect, profile),
    ).rankedByEffort;
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
    expect(kelp?.change).toMatch(/DEP-08 from 0 to 2: would likely have been stopped/);
  });

  it('prints the worked example in the methodology', () => {
    const worked = model.methodology.find((m) => m.title === 'Worked example');
    // The demo's own top gap, so a reader can recompute a number of their own report.
    const top = model.gaps[0];
    expect(worked?.paragraphs[0]).toContain(`Your report's top gap is ${top?.controlId ?? '?'}`);
    expect(worked?.paragraphs.join(' ')).toContain(
      `= ${top?.riskRemovedDisplay ?? '?'} points, the figure the remediation plan gives ${top?.controlId ?? '?'}`,
    );
    // A procedure, so it prints as numbered steps; every other section is prose.
    expect(model.methodology.map((m) => m.form)).toEqual([
      'prose',
      'prose',
      'prose',
      'prose',
      'steps',
    ]);
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
      id: 'overall-readiness',
      label: 'Overall readiness (0-100)',
      value: '41.3',
    });
    expect(doc.blocks).toContainEqual({
      kind: 'score',
      id: 'residual-risk',
      label: 'Residual risk (0-100, lower is better)',
      value: model.residualRisk.display,
    });
  });

  it('has a cover, contents, and its sections in order', () => {
    expect(doc.blocks[0]?.kind).toBe('cover');
    expect(doc.blocks[1]?.kind).toBe('toc');
    // The demo's workshop brings actions, a parking lot, participants and verifications; an empty
    // section would be one line instead (the PDF layout test checks that).
    expect(tableOfContents(doc).map((e) => e.text)).toEqual([
      'Board summary',
      'Executive summary',
      'Readiness and risk by domain',
      'Residual risk by attack vector',
      'Remediation plan',
      'Action items',
      'Parking lot',
      'Dollars at risk',
      'Incident exposure',
      'Not applicable',
      'Workshop participants',
      'Auditor verification',
      'Methodology',
      'Appendix: every answer',
    ]);
    const sub = doc.blocks.flatMap((b) => (b.kind === 'heading' && b.level === 2 ? [b.text] : []));
    expect(sub).toEqual([
      'Since the baseline',
      'What to do first',
      'Real incidents replayed against these answers',
      'Architecture',
      // The dollar view, since the demo states its funds.
      'Chance of losing more than a round amount in a year',
      'Funds at risk',
      'Expected loss a year by attack vector',
      'Plan by dollars removed per unit of effort',
      'Assumptions of the dollar view, with this assessment’s figures',
      'Team vs auditor',
      'Answers',
      'Readiness',
      'Residual risk',
      'Incident exposure',
      'Worked example',
      'Sources and data',
      'Threat profiles compared',
      ...catalogue.domains.map((d) => `Appendix: ${d.name}`),
      'Appendix: where each residual comes from',
    ]);
  });

  it('draws the three charts from the model', () => {
    const charts = doc.blocks.flatMap((b) => (b.kind === 'chart' ? [b.chart.id] : []));
    expect(charts).toEqual(['readiness-by-domain', 'risk-by-domain', 'risk-by-vector']);
  });

  it('lists every control in the appendix, with notes in any script', () => {
    const appendix = doc.blocks.flatMap((b) =>
      b.kind === 'table' && b.id.startsWith('appendix-') ? [b] : [],
    );
    expect(appendix.map((b) => b.id)).toEqual(catalogue.domains.map((d) => `appendix-${d.id}`));
    for (const b of appendix) {
      expect(b.columns.map((c) => c.head)).toEqual([
        'Control',
        'Answer',
        'Target',
        'Owner and confidence',
        'Evidence',
        'Notes',
      ]);
    }
    const rows = appendix.flatMap((b) => tableCells(b));
    expect(rows).toHaveLength(catalogue.controls.length);
    const all = rows.flat().join('\n');
    expect(all).toContain('Zoë Ångström');
    expect(all).toContain('Олена');
    // N/A controls print their justification beside any notes.
    const na = rows.find((r) => r[0]?.startsWith('KEY-09'));
    expect(na?.[1]).toBe('N/A');
    expect(na?.[5]).toMatch(/^N\/A: /);
  });

  it('moves a long note out of the narrow appendix column to full width, whole', () => {
    const note = `${'Long note. '.repeat(600)}LAST`;
    const long = reportDocument(
      buildReportModel({
        catalogue,
        assessment: {
          ...assessment,
          answers: { ...assessment.answers, 'KEY-01': { status: 'level', level: 1, notes: note } },
        },
        profile,
        reportDate: '2026-06-04',
      }),
    );
    const at = long.blocks.findIndex((b) => b.kind === 'heading' && b.text === 'Appendix: Keys');
    const table = long.blocks[at + 1];
    const full = long.blocks[at + 2];
    if (table?.kind !== 'table' || full?.kind !== 'keyValues') throw new Error('unexpected layout');
    const cell = tableCells(table).find((r) => r[0]?.startsWith('KEY-01'))?.[5] ?? '';
    expect(cell).toMatch(/… \(in full below the table\)$/);
    expect(cell.length).toBeLessThan(300);
    expect(full.rows).toEqual([{ key: 'KEY-01 notes in full', value: note }]);
  });

  it('gives each section the anchor GitHub gives its heading', () => {
    expect(headingAnchor('Appendix: every answer')).toBe('appendix-every-answer');
    expect(headingAnchor('Readiness and risk by domain')).toBe('readiness-and-risk-by-domain');
    expect(headingAnchor('Réponse à incident')).toBe('réponse-à-incident');
  });

  it('ties every page to the data when a fingerprint is given', () => {
    expect(doc.footer).toBe('OpsReady');
    const sha = 'ab'.repeat(32);
    const withData = reportDocument(
      buildReportModel({
        catalogue,
        assessment,
        profile,
        reportDate: '2026-06-04',
        dataSha256: sha,
      }),
    );
    expect(withData.footer).toBe(`Data SHA-256 ${sha.slice(0, 16)}…`);
    expect(JSON.stringify(withData.blocks)).toContain(
      `SHA-256 ${sha} of opsready-halcyon-finance-fictional-2026-06-04.json`,
    );
  });

  it('hands every printed string to the font check', () => {
    const texts = documentTexts(doc);
    expect(texts).toContain(doc.header);
    expect(texts.join('\n')).toContain('Олена');
    expect(texts.join('\n')).toContain(model.charts.riskByVector.bars[0]?.display);
  });

  it('sets document metadata', () => {
    expect(doc.metadata.title).toBe(
      'Operational security readiness report: Halcyon Finance (fictional)',
    );
    expect(doc.fileName).toBe('opsready-halcyon-finance-fictional-2026-06-04.pdf');
  });
});

describe('printable', () => {
  // A font with Latin-1, Greek and Cyrillic, like DejaVu Sans, but no CJK and no emoji.
  const font = (code: number): boolean => code < 0x0530 || code === 0x2192 || code === 0xfffd;

  it('keeps what the font has, composed', () => {
    expect(printable('Zoë Ångström, Олена, αβγ →', font)).toEqual({
      text: 'Zoë Ångström, Олена, αβγ →',
      replaced: 0,
    });
    // "e" + combining acute is composed to "é", which the font has.
    expect(printable('cafe\u0301', font)).toEqual({ text: 'café', replaced: 0 });
  });

  it('replaces what it lacks visibly, one mark per character, never dropping it', () => {
    expect(printable('鍵 key 🔑', font)).toEqual({
      text: `${REPLACEMENT} key ${REPLACEMENT}`,
      replaced: 2,
    });
    expect(printable('bell\u0007', font)).toEqual({ text: `bell${REPLACEMENT}`, replaced: 1 });
  });

  it('normalises line ends and tabs', () => {
    expect(printable('a\r\nb\rc\td', font)).toEqual({ text: 'a\nb\nc d', replaced: 0 });
  });
});

describe('charts', () => {
  it('use round axes', () => {
    expect(niceAxis(100)).toEqual({ max: 100, ticks: [0, 20, 40, 60, 80, 100] });
    expect(niceAxis(22.1)).toEqual({ max: 25, ticks: [0, 5, 10, 15, 20, 25] });
    expect(niceAxis(32)).toEqual({ max: 40, ticks: [0, 10, 20, 30, 40] });
    expect(niceAxis(0.3)).toEqual({ max: 0.3, ticks: [0, 0.1, 0.2, 0.3] });
    expect(niceAxis(0)).toEqual({ max: 1, ticks: [0, 1] });
  });

  it('keep every bar within the axis and say every value in words', () => {
    const { readinessByDomain, riskByVector, riskByDomain } = model.charts;
    for (const chart of [readinessByDomain, riskByVector, riskByDomain]) {
      for (const bar of chart.bars) {
        expect(bar.value ?? 0).toBeLessThanOrEqual(chart.max);
        expect(bar.background ?? 0).toBeLessThanOrEqual(chart.max);
        expect(chart.summary).toContain(bar.label);
      }
    }
    expect(model.charts.readinessByDomain.summary).toContain('Custody 34.8');
    // The vector chart puts the largest residual first, and its residuals add up to the index.
    const residuals = model.charts.riskByVector.bars.map((b) => b.value ?? 0);
    expect(residuals).toEqual([...residuals].sort((a, b) => b - a));
    expect(residuals.reduce((a, b) => a + b, 0)).toBeCloseTo(model.residualRisk.value, 9);
  });
});

describe('shortIncidentName', () => {
  it.each([
    [{ name: 'Ronin bridge validator key theft', date: '2022-03-23' }, 'Ronin 2022'],
    [{ name: 'Drift Protocol admin takeover', date: '2026-04-01' }, 'Drift Protocol 2026'],
    [{ name: 'the exchange hack', date: '2020-01-01' }, 'the exchange hack 2020'],
  ])('%o → %s', (incident, expected) => {
    expect(shortIncidentName(incident)).toBe(expected);
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
