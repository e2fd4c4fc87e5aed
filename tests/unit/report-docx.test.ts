import { describe, expect, it } from 'vitest';
import { parseAssessmentFile } from '../../src/domain/assessment/import.ts';
import {
  tableCells,
  tableOfContents,
  type Block,
  type ReportDocument,
} from '../../src/domain/report/blocks.ts';
import { READINESS_LABEL, RISK_LABEL } from '../../src/domain/report/document-summary.ts';
import { resolveProfile } from '../../src/domain/threat/resolve.ts';
import { fitColumns, renderReportDocx } from '../../src/lib/report-docx.ts';
import { prepareReportExport } from '../../src/lib/report-export.ts';
import { bundledCatalogue, demoAssessmentText } from '../fixtures/catalogue.ts';
import { parseXml, readZip, type ZipEntry } from '../fixtures/zip.ts';

/**
 * The Word file opened as a reviewer's tool would: unzipped by a reader written here (not the
 * writer's zip library), its parts parsed as XML, and the report read back from the WordprocessingML.
 * What a real word processor makes of it is checked with pandoc in report-docx-pandoc.test.ts.
 */
const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const catalogue = bundledCatalogue();
const parsed = parseAssessmentFile(demoAssessmentText(), 'demo.json', catalogue);
if (!parsed.ok) throw new Error('demo must parse');
const demo = parsed.value.file.assessment;
const created = new Date('2026-11-25T09:00:00Z');

const exported = await prepareReportExport({
  catalogue,
  assessment: demo,
  profile: resolveProfile(catalogue, demo),
  reportDate: '2026-11-25',
});
const doc = exported.document;
const bytes = await renderReportDocx(doc, { creationDate: created });
const zip = readZip(bytes);

function part(name: string): Document {
  const entry = zip.get(name);
  if (entry === undefined) throw new Error(`the file has no ${name}`);
  return parseXml(entry.data.toString('utf8'), name);
}

const body = part('word/document.xml').getElementsByTagNameNS(W, 'body')[0];
if (body === undefined) throw new Error('no w:body');

const wAttr = (el: Element | undefined, name: string): string | null =>
  el?.getAttributeNS(W, name) ?? null;
const child = (el: Element, name: string): Element | undefined =>
  Array.from(el.children).find((c) => c.namespaceURI === W && c.localName === name);
const all = (el: Element | Document, name: string): Element[] =>
  Array.from(el.getElementsByTagNameNS(W, name));

/** A paragraph's text as Word shows it: its runs' text, tabs and line breaks. */
function text(p: Element): string {
  let out = '';
  const walk = (el: Element): void => {
    for (const c of Array.from(el.children)) {
      if (c.namespaceURI !== W) continue;
      if (c.localName === 't') out += c.textContent;
      else if (c.localName === 'tab' && el.localName === 'r') out += '\t';
      else if (c.localName === 'br') out += '\n';
      else if (c.localName !== 'instrText' && c.localName !== 'pPr' && c.localName !== 'rPr')
        walk(c);
    }
  };
  walk(p);
  return out;
}
const styleOf = (p: Element): string | null => {
  const pPr = child(p, 'pPr');
  return pPr === undefined ? null : wAttr(child(pPr, 'pStyle'), 'val');
};

interface WordTable {
  readonly headerRows: number;
  readonly rowsThatCanSplit: number;
  readonly rows: string[][];
}
function wordTable(tbl: Element): WordTable {
  const rows = Array.from(tbl.children).filter((c) => c.localName === 'tr');
  const props = rows.map((tr) => child(tr, 'trPr'));
  return {
    headerRows: props.filter((p) => p !== undefined && child(p, 'tblHeader') !== undefined).length,
    rowsThatCanSplit: props.filter((p) => p === undefined || child(p, 'cantSplit') === undefined)
      .length,
    rows: rows.map((tr) =>
      Array.from(tr.children)
        .filter((c) => c.localName === 'tc')
        .map((tc) => all(tc, 'p').map(text).join('\n')),
    ),
  };
}
const bodyTables = Array.from(body.children)
  .filter((c) => c.localName === 'tbl')
  .map(wordTable);
const paragraphs = all(body, 'p');

const kind = <K extends Block['kind']>(k: K) =>
  doc.blocks.filter((b): b is Extract<Block, { kind: K }> => b.kind === k);

// A render parses no fonts, but lays out some 40 pages of tables: seconds on a shared machine.
describe('the Word report', { timeout: 60_000 }, () => {
  it('gives the same file for the same report and date; another date changes only the dates', async () => {
    // docx numbers bookmarks from one counter per process, so a second render in the same process
    // numbers the contents' bookmarks on from the first; a fresh process (the command line) gives
    // the same bytes, which the end-to-end CLI test checks.
    const bookmarksRenumbered = (xml: string): string =>
      xml.replace(/_Toc\d+/g, '_Toc#').replace(/(<w:bookmark(?:Start|End)[^>]*w:id=")\d+/g, '$1#');
    const same = (a: ZipEntry | undefined, b: ZipEntry | undefined): boolean =>
      bookmarksRenumbered(a?.data.toString('utf8') ?? 'a') ===
      bookmarksRenumbered(b?.data.toString('utf8') ?? 'b');
    const again = readZip(await renderReportDocx(doc, { creationDate: created }));
    expect([...again.keys()]).toEqual([...zip.keys()]);
    for (const [name, entry] of again) {
      expect(entry.modified).toBe('2026-11-25T09:00:00');
      expect(same(entry, zip.get(name)), name).toBe(true);
    }
    const later = readZip(
      await renderReportDocx(doc, { creationDate: new Date('2027-01-02T03:04:05Z') }),
    );
    expect([...later.keys()]).toEqual([...zip.keys()]);
    for (const [name, entry] of later) {
      // DOS times count two seconds.
      expect(entry.modified).toBe('2027-01-02T03:04:04');
      expect(same(entry, zip.get(name)), name).toBe(name !== 'docProps/core.xml');
    }
  });

  it("writes every section heading in Word's heading styles, in order, and nothing else in them", () => {
    const headings = paragraphs
      .filter((p) => /^Heading\d$/.test(styleOf(p) ?? ''))
      .map((p) => [styleOf(p), text(p)]);
    expect(headings).toEqual(
      kind('heading').map((h) => [h.level === 1 ? 'Heading1' : 'Heading2', h.text]),
    );
    expect(headings.length).toBeGreaterThan(30);
    const title = paragraphs.filter((p) => styleOf(p) === 'Title').map(text);
    expect(title).toEqual([kind('cover')[0]?.title]);
    // The styles are Word's own, by the names its navigation pane and contents field look for.
    const styles = part('word/styles.xml');
    const named = (id: string): string | null =>
      wAttr(
        all(styles, 'style')
          .find((s) => wAttr(s, 'styleId') === id)
          ?.getElementsByTagNameNS(W, 'name')[0],
        'val',
      );
    expect([named('Heading1'), named('Heading2'), named('Title')]).toEqual([
      'Heading 1',
      'Heading 2',
      'Title',
    ]);
  });

  it('starts on a new page where the PDF does', () => {
    const breaking = paragraphs
      .filter((p) => {
        const pPr = child(p, 'pPr');
        return pPr !== undefined && child(pPr, 'pageBreakBefore') !== undefined;
      })
      .map(text);
    expect(breaking).toEqual([
      'Contents',
      ...kind('heading')
        .filter((h) => h.newPage === true)
        .map((h) => h.text),
    ]);
  });

  it('prints both scores as the model computes them, on the cover and in the board summary', () => {
    const { readiness, residualRisk } = exported.model;
    expect(paragraphs.filter((p) => styleOf(p) === 'ScoreValue').map(text)).toEqual([
      readiness.display,
      residualRisk.display,
    ]);
    expect(paragraphs.filter((p) => styleOf(p) === 'ScoreLabel').map(text)).toEqual([
      READINESS_LABEL,
      RISK_LABEL,
    ]);
    const scores = paragraphs.filter((p) => styleOf(p) === 'Score').map(text);
    expect(scores).toEqual(kind('score').map((s) => `${s.label}: ${s.value}`));
    expect(scores).toContain(`${READINESS_LABEL}: ${readiness.display}`);
    expect(scores).toContain(`${RISK_LABEL}: ${residualRisk.display}`);
  });

  it('draws each table as a Word table whose header row repeats on every page', () => {
    const tables = kind('table').filter((t) => t.rows.length > 0);
    expect(tables.length).toBeGreaterThan(15);
    for (const t of tables) {
      const expected = [t.columns.map((c) => c.head), ...tableCells(t)];
      const found = bodyTables.find((w) => JSON.stringify(w.rows) === JSON.stringify(expected));
      expect(found, `table ${t.id}`).toBeDefined();
      // One header row, the first; no row breaks across a page.
      expect(found?.headerRows, t.id).toBe(1);
      expect(found?.rowsThatCanSplit, t.id).toBe(0);
    }
    const headed = bodyTables.filter((w) => w.headerRows > 0).length;
    // Tables, charts, the matrix and curves have heads; the cover's and key-value tables do not.
    expect(headed).toBe(
      tables.length + kind('chart').length + kind('matrix').length + kind('curve').length,
    );
    // An empty table is one line that says so.
    for (const t of kind('table').filter((b) => b.rows.length === 0))
      expect(paragraphs.map(text)).toContain(t.empty);
  });

  it('gives each chart and the matrix as a table of their numbers under their text alternative', () => {
    const texts = paragraphs.map(text);
    for (const { chart } of kind('chart')) {
      const caption = texts.indexOf(chart.title);
      expect(caption, chart.id).toBeGreaterThan(-1);
      expect(texts[caption + 1]).toBe(chart.summary);
      // The last column draws the bars (a bar and its background are two empty paragraphs).
      expect(bodyTables.map((t) => t.rows.map((r) => r.map((c) => c.trim())))).toContainEqual([
        ['', chart.unit, ''],
        ...chart.bars.map((b) => [b.label, b.display, '']),
      ]);
    }
    // The bars are drawn: each value's shaded paragraph spans its share of the cell.
    const chart = kind('chart')[0]?.chart;
    if (chart === undefined) throw new Error('no chart');
    const tbl = Array.from(body.children).filter((c) => c.localName === 'tbl')[
      bodyTables.findIndex((t) => t.rows[0]?.[1] === chart.unit)
    ];
    const room = Number(wAttr(all(tbl ?? body, 'gridCol').at(-1), 'w')) - 160;
    const drawn = all(tbl ?? body, 'p')
      .filter((p) => styleOf(p) === 'Bar')
      .map((p) => (room - Number(wAttr(all(p, 'ind')[0], 'right'))) / room);
    const values = chart.bars.flatMap((b) => (b.value === null || b.value <= 0 ? [] : [b.value]));
    expect(drawn).toHaveLength(values.length);
    drawn.forEach((share, i) => expect(share).toBeCloseTo((values[i] ?? 0) / chart.max, 2));
    for (const { matrix } of kind('matrix')) {
      expect(texts[texts.indexOf(matrix.title) + 1]).toBe(matrix.summary);
      expect(bodyTables.map((t) => t.rows.slice(1))).toContainEqual(
        matrix.points.map((p) => [p.label, p.incidentDisplay, p.costDisplay, p.residualDisplay]),
      );
    }
    expect(paragraphs.filter((p) => styleOf(p) === 'Caption').length).toBe(
      kind('chart').length + kind('matrix').length + kind('curve').length,
    );
  });

  it('has a contents field over the level-1 headings, filled in, which Word updates on opening', () => {
    const sdt = all(body, 'sdt')[0];
    if (sdt === undefined) throw new Error('no contents');
    const instructions = all(sdt, 'instrText').map((i) => i.textContent);
    expect(instructions[0]).toBe('TOC \\h \\o "1-1"');
    const entries = all(sdt, 'p')
      .filter((p) => styleOf(p) === 'TOC1')
      .map((p) => text(p).replace(/\t$/, ''));
    expect(entries).toEqual(tableOfContents(doc).map((e) => e.text));
    expect(all(part('word/settings.xml'), 'updateFields')).toHaveLength(1);
  });

  it('numbers every page and prints the fingerprint in the footer; the cover has no running header', () => {
    const sectPr = child(body, 'sectPr');
    if (sectPr === undefined) throw new Error('no section properties');
    expect(child(sectPr, 'titlePg')).toBeDefined();
    const rels = part('word/_rels/document.xml.rels');
    const target = (type: 'header' | 'footer', which: string): Document => {
      const ref = all(sectPr, `${type}Reference`).find((r) => wAttr(r, 'type') === which);
      const id = ref?.getAttributeNS(
        'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
        'id',
      );
      const rel = Array.from(rels.getElementsByTagName('Relationship')).find(
        (r) => r.getAttribute('Id') === id,
      );
      return part(`word/${rel?.getAttribute('Target') ?? '?'}`);
    };
    for (const which of ['default', 'first']) {
      const footer = target('footer', which);
      const fields = all(footer, 'instrText').map((i) => i.textContent.trim());
      expect(fields).toEqual(['PAGE', 'NUMPAGES']);
      expect(all(footer, 'p').map(text)[0]).toMatch(
        new RegExp(`^${doc.footer.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\tPage  of $`),
      );
    }
    expect(doc.footer).toMatch(/^Data SHA-256 [0-9a-f]{16}…$/);
    expect(all(target('header', 'default'), 'p').map(text)).toEqual([doc.header]);
    expect(all(target('header', 'first'), 'p').map(text).join('')).toBe('');
  });

  it('carries the document properties, dated by the render, and the full fingerprint', () => {
    const core = part('docProps/core.xml');
    const field = (ns: string, name: string): string | null =>
      core.getElementsByTagNameNS(ns, name)[0]?.textContent ?? null;
    const DC = 'http://purl.org/dc/elements/1.1/';
    const CP = 'http://schemas.openxmlformats.org/package/2006/metadata/core-properties';
    const TERMS = 'http://purl.org/dc/terms/';
    expect(field(DC, 'title')).toBe(doc.metadata.title);
    expect(field(DC, 'subject')).toBe(doc.metadata.subject);
    expect(field(DC, 'creator')).toBe(doc.metadata.author);
    expect(field(CP, 'keywords')).toBe(doc.metadata.keywords);
    const sha = exported.model.data.sha256 ?? '';
    expect(sha).toMatch(/^[0-9a-f]{64}$/);
    expect(field(DC, 'description')).toBe(
      `${doc.header}. Assessment data: SHA-256 ${sha} of ${exported.model.data.fileName}`,
    );
    expect(field(TERMS, 'created')).toBe('2026-11-25T09:00:00Z');
    expect(field(TERMS, 'modified')).toBe('2026-11-25T09:00:00Z');
    const custom = part('docProps/custom.xml');
    const property = Array.from(custom.getElementsByTagName('property')).find(
      (p) => p.getAttribute('name') === 'OpsReady data SHA-256',
    );
    expect(property?.textContent).toBe(sha);
  });

  it('keeps text XML cannot hold from breaking the file, and writes markup as text', async () => {
    const hostile: ReportDocument = {
      ...doc,
      blocks: [
        { kind: 'heading', level: 1, text: 'Notes <b>&amp;</b>', id: 'notes' },
        { kind: 'paragraph', text: 'bell\u0007 lone\ud800 pair\ud83d\udd11 ]]> "quoted"' },
        { kind: 'list', items: ['first\u0000', 'second\r\nline'] },
        { kind: 'keyValues', rows: [{ key: 'Ключ', value: '鍵の管理 🔑' }] },
      ],
    };
    const files = readZip(await renderReportDocx(hostile, { creationDate: new Date(0) }));
    // Before 1980 a zip cannot say: the earliest time it can.
    expect(files.get('word/document.xml')?.modified).toBe('1980-01-01T00:00:00');
    const xml = parseXml(files.get('word/document.xml')?.data.toString('utf8') ?? '', 'document');
    const texts = all(xml, 'p').map(text);
    expect(texts).toContain('Notes <b>&amp;</b>');
    expect(texts).toContain('bell\ufffd lone\ufffd pair\ud83d\udd11 ]]> "quoted"');
    expect(texts).toContain('first\ufffd');
    expect(texts).toContain('second\nline');
    expect(texts).toContain('鍵の管理 🔑');
  });

  it('widens columns for their header words and short words, taking room from wide columns', () => {
    const { widths, size } = fitColumns(
      ['#', 'Risk removed', 'Notes'],
      [['10', '2.5', 'a long note that can wrap anywhere between its words']],
      [1, 1, 8],
    );
    const total = widths.reduce((a, b) => a + b, 0);
    // "removed" at 8 pt, bold: about 7 × 8 × 20 × 0.6 twips plus the cell's margins.
    expect(widths[1]).toBeGreaterThanOrEqual(7 * 8 * 20 * 0.6 + 160 - 1);
    expect(widths[2]).toBeGreaterThan(widths[1] ?? 0);
    expect(Math.abs(total - 9866)).toBeLessThan(5);
    expect(size).toBe(17);
  });
});
