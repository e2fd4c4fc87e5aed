import { describe, expect, it } from 'vitest';
import { parseAssessmentFile } from '../../src/domain/assessment/import.ts';
import type { Assessment } from '../../src/domain/assessment/schema.ts';
import { resolveProfile } from '../../src/domain/threat/resolve.ts';
import { prepareReportExport } from '../../src/lib/report-export.ts';
import { renderReportPdf } from '../../src/lib/report-pdf.ts';
import { sha256Hex } from '../../src/lib/sha256.ts';
import { bundledCatalogue, demoAssessmentText } from '../fixtures/catalogue.ts';
import { pdfFonts } from '../../scripts/cli/pdf-fonts.ts';

/**
 * The PDF bytes, checked without a PDF reader: reproducibility, the embedded font and the
 * metadata encoding. What the pages say is read back with poppler in tests/e2e.
 */
const catalogue = bundledCatalogue();
const parsed = parseAssessmentFile(demoAssessmentText(), 'demo.json', catalogue);
if (!parsed.ok) throw new Error('demo must parse');
const demo = parsed.value.file.assessment;
const fonts = pdfFonts();

async function render(assessment: Assessment, creationDate: Date) {
  const { document, dataJson } = await prepareReportExport({
    catalogue,
    assessment,
    profile: resolveProfile(catalogue, assessment),
    reportDate: '2026-11-25',
  });
  const bytes = await renderReportPdf(document, { fonts, creationDate });
  return { bytes, text: Buffer.from(bytes).toString('latin1'), document, dataJson };
}

const withoutCreationDate = (text: string): string =>
  text.replace(/\/CreationDate \(D:[^)]*\)/, '/CreationDate ()');

// Each render parses two TrueType fonts and lays out some 20 pages: seconds on a shared machine.
describe('the PDF renderer', { timeout: 60_000 }, () => {
  it('gives the same bytes for the same inputs, apart from the creation date', async () => {
    const a = await render(demo, new Date('2026-11-25T09:00:00Z'));
    const b = await render(demo, new Date('2026-11-25T09:00:00Z'));
    const c = await render(demo, new Date('2027-01-02T03:04:05Z'));
    expect(Buffer.compare(Buffer.from(a.bytes), Buffer.from(b.bytes))).toBe(0);
    expect(c.text).not.toBe(a.text);
    expect(withoutCreationDate(c.text)).toBe(withoutCreationDate(a.text));
    expect(a.text).toContain('/CreationDate (D:20261125090000');
  });

  it('states the SHA-256 of the exported assessment JSON', async () => {
    const { document, dataJson } = await render(demo, new Date(0));
    const sha = await sha256Hex(dataJson);
    expect(sha).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(document.blocks)).toContain(`SHA-256 ${sha} of`);
    // A changed answer changes the fingerprint.
    const changed = {
      ...demo,
      answers: { ...demo.answers, 'KEY-01': { status: 'level', level: 0 } },
    } as const;
    const other = await prepareReportExport({
      catalogue,
      assessment: changed,
      profile: resolveProfile(catalogue, changed),
      reportDate: '2026-11-25',
    });
    expect(other.model.data.sha256).not.toBe(sha);
  });

  it('embeds a subset of the Unicode font and declares it correctly', async () => {
    const { bytes, text } = await render(demo, new Date(0));
    expect(text).toContain('/BaseFont /DejaVuSans');
    expect(text).toContain('/FontFile2');
    expect(text).toContain('/Ordering (Identity)');
    expect(text).not.toContain('/Ordering (Identity-H)');
    // Subset: far smaller than the two font files it embeds.
    expect(bytes.length).toBeLessThan((fonts.regular.length + fonts.bold.length) / 2);
  });

  it('writes metadata beyond Latin-1 as UTF-16, not as mangled bytes', async () => {
    const { text } = await render({ ...demo, organisation: 'Олена Labs' }, new Date(0));
    // The document information dictionary, not a bookmark's /Title.
    const title = /\/Producer \([^)]*\)\s*\/Title \(([^)]*)\)/.exec(text)?.[1] ?? '';
    expect(title.startsWith('\u00fe\u00ff')).toBe(true);
    const utf16 = Buffer.from(title.slice(2), 'latin1').swap16().toString('utf16le');
    expect(utf16).toBe('Operational security readiness report: Олена Labs');
  });

  it('keeps control characters and line breaks out of the metadata', async () => {
    const hostile = 'Evil\u001b[2J\r\nLabs\u202E\u2028\u0085 Ltd';
    const { text, document } = await render(
      { ...demo, organisation: hostile, assessors: [hostile, 'Ana'] },
      new Date(0),
    );
    expect(document.metadata).toEqual({
      title: 'Operational security readiness report: Evil [2J Labs Ltd',
      subject: 'Operational security readiness of Evil [2J Labs Ltd, 2026-11-25',
      author: 'Evil [2J Labs Ltd, Ana',
      keywords: 'opsready, opsready-core 1.2.0',
    });
    // The information dictionary as written: the same single line, in UTF-16 only if needed.
    const title = /\/Producer \([^)]*\)\s*\/Title \(([^)]*)\)/.exec(text)?.[1];
    expect(title).toBe('Operational security readiness report: Evil [2J Labs Ltd');
  });
});
