import { describe, expect, it } from 'vitest';
import { parseAssessmentFile } from '../../src/domain/assessment/import.ts';
import { table, tableOfContents } from '../../src/domain/report/blocks.ts';
import { reportDocument } from '../../src/domain/report/document.ts';
import { reportMarkdown } from '../../src/domain/report/markdown.ts';
import { buildReportModel } from '../../src/domain/report/model.ts';
import { resolveProfile } from '../../src/domain/threat/resolve.ts';
import { bundledCatalogue, demoAssessmentText } from '../fixtures/catalogue.ts';

const catalogue = bundledCatalogue();
const parsed = parseAssessmentFile(demoAssessmentText(), 'demo.json', catalogue);
if (!parsed.ok) throw new Error('demo must parse');
const assessment = parsed.value.file.assessment;
const model = buildReportModel({
  catalogue,
  assessment,
  profile: resolveProfile(catalogue, assessment),
  reportDate: '2026-11-25',
});
const doc = reportDocument(model);
const md = reportMarkdown(doc);

describe('the Markdown report', () => {
  it('has the same sections as the PDF, as headings under the title', () => {
    const headings = md.split('\n').filter((l) => l.startsWith('#'));
    const expected = doc.blocks.flatMap((b) =>
      b.kind === 'heading' ? [`${b.level === 1 ? '##' : '###'} ${b.text}`] : [],
    );
    expect(headings).toEqual(['# Operational security readiness report', ...expected]);
  });

  it('links the contents to the sections', () => {
    expect(md).toContain('1. [Board summary](#board-summary)');
    expect(md).toContain('2. [Executive summary](#executive-summary)');
    const toc = tableOfContents(doc);
    expect(md).toContain(`${String(toc.length)}. [Appendix: every answer](#appendix-every-answer)`);
  });

  it('prints each chart as its text alternative and a table of its numbers', () => {
    expect(md).toContain(
      `**Readiness by domain against target.** ${model.charts.readinessByDomain.summary}`,
    );
    expect(md).toContain('| Custody | 34.8 |');
  });

  it('keeps every answer and note, in any script', () => {
    expect(md).toContain('Zoë Ångström');
    expect(md).toContain('Олена');
    expect(md).toContain('## Appendix: every answer');
  });

  it('carries both scores, as on screen', () => {
    expect(md).toContain(`**Overall readiness (0-100): ${model.readiness.display}**`);
    expect(md).toContain(
      `**Residual risk (0-100, lower is better): ${model.residualRisk.display}**`,
    );
  });

  it('renders tables as GitHub tables with one row per domain', () => {
    const header =
      '| Domain | Readiness | Answered | Below target | N/A | Weight | Risk removable |';
    const lines = md.split('\n');
    const at = lines.indexOf(header);
    expect(at).toBeGreaterThan(-1);
    expect(lines[at + 1]).toBe('| --- | --- | --- | --- | --- | --- | --- |');
    const rows = lines.slice(at + 2, at + 2 + catalogue.domains.length);
    expect(rows.map((r) => r.split(' | ')[0]?.replace('| ', ''))).toEqual(
      catalogue.domains.map((d) => d.name),
    );
  });

  it('escapes pipes, markup and line breaks inside cells', () => {
    const text = reportMarkdown({
      ...doc,
      blocks: [
        { kind: 'heading', level: 1, text: 'T', id: 't' },
        table({
          id: 't',
          columns: [
            { head: 'A', width: 1, cell: (r: readonly string[]) => r[0] ?? '' },
            { head: 'B', width: 1, cell: (r: readonly string[]) => r[1] ?? '' },
          ],
          rows: [['x | y', 'line one\nline *two* <script> ![img](http://x)']],
          empty: '',
        }),
      ],
    });
    expect(text).toContain(
      '| x \\| y | line one line \\*two\\* \\<script\\> \\!\\[img\\](http://x) |',
    );
  });
});
