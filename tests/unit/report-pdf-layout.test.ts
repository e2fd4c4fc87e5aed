import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAssessmentFile } from '../../src/domain/assessment/import.ts';
import type { Assessment } from '../../src/domain/assessment/schema.ts';
import {
  documentTexts,
  tableOfContents,
  type Block,
  type ReportDocument,
} from '../../src/domain/report/blocks.ts';
import { resolveProfile } from '../../src/domain/threat/resolve.ts';
import { prepareReportExport } from '../../src/lib/report-export.ts';
import { renderReportPdf } from '../../src/lib/report-pdf.ts';
import { pdfFonts } from '../../scripts/cli/pdf-fonts.ts';
import { repoRoot } from '../fixtures/catalogue.ts';
import { demoInputs } from '../fixtures/demo.ts';
import { bodyLines, pagesWithLine, pdfLayout, type PdfPage } from '../fixtures/pdf-layout.ts';

/**
 * The PDF's layout, read back from the file with poppler: where each word landed on which page.
 * Small documents built for one rule each make the rule fail clearly when it breaks; the report
 * itself then has to pass the same rules.
 */
const fonts = pdfFonts();
const render = (doc: ReportDocument) =>
  renderReportPdf(doc, { fonts, creationDate: new Date('2026-12-01T00:00:00Z') });

const synthetic = (blocks: Block[]): ReportDocument => ({
  metadata: { title: 'Layout', subject: 'Layout', author: 'Test', keywords: 'test' },
  header: 'Layout test',
  footer: 'OpsReady',
  fileName: 'layout.pdf',
  blocks,
});

/** Where the words of a document of `blocks` land, page by page. */
const layoutOf = async (blocks: Block[]): Promise<PdfPage[]> =>
  pdfLayout(await render(synthetic(blocks)));

const filler = (n: number): Block => ({
  kind: 'paragraph',
  text: Array.from({ length: n }, (_, i) => `Filler sentence number ${String(i + 1)}.`).join(' '),
});

/** The pages on which a word appears, in the body. */
const pagesOf = (pages: readonly PdfPage[], word: string): number[] => [
  ...new Set(
    pages
      .filter((p) => bodyLines(p).some((l) => l.words.some((w) => w.text === word)))
      .map((p) => p.number),
  ),
];

describe('the PDF layout', { timeout: 120_000 }, () => {
  it('never breaks a header or a short cell inside a word', async () => {
    const rows = Array.from({ length: 12 }, (_, i) => ({ rank: i + 1 }));
    const pages = await layoutOf([
      {
        kind: 'table',
        id: 'narrow',
        rows,
        columns: [
          { head: '#', width: 0.2, cell: (r: { rank: number }) => String(r.rank) },
          { head: 'Risk removed', width: 0.4, cell: () => '4.5' },
          { head: 'Robust', width: 0.4, cell: () => '16 of 18' },
          { head: 'Now → target', width: 0.5, cell: () => 'unanswered → 2' },
          { head: 'Text', width: 12, cell: () => 'Plenty of room here.' },
        ],
        empty: 'none',
      },
    ]);
    const words = pages.flatMap((p) => p.words.map((w) => w.text));
    for (const whole of ['removed', 'Robust', 'target', 'unanswered', '10', '11', '12']) {
      expect(words).toContain(whole);
    }
    for (const piece of ['moved', 'Robus', 'unanswe', 'red']) expect(words).not.toContain(piece);
  });

  it('moves a table row to the next page whole rather than splitting it', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => ({ n: String(i).padStart(2, '0') }));
    const lines = (r: { n: string }, c: string): string =>
      Array.from({ length: 6 }, (_, l) => `r${r.n}${c}${String(l)}`).join('\n');
    const statement = Array.from({ length: 14 }, (_, l) => `statement${String(l)}`).join('\n');
    const pages = await layoutOf([
      filler(20),
      {
        kind: 'table',
        id: 'rows',
        rows,
        columns: [
          { head: 'A', width: 1, cell: (r: { n: string }) => lines(r, 'a') },
          { head: 'B', width: 1, cell: (r: { n: string }) => lines(r, 'b') },
        ],
        empty: 'none',
      },
      filler(30),
      { kind: 'keyValues', rows: [{ key: 'Statement', value: statement }] },
    ]);
    expect(pages.length).toBeGreaterThan(3);
    for (const r of rows) {
      const where = new Set(
        ['a', 'b'].flatMap((c) => [0, 5].flatMap((l) => pagesOf(pages, `r${r.n}${c}${String(l)}`))),
      );
      expect([...where], `row ${r.n}`).toHaveLength(1);
    }
    expect(new Set([0, 13].flatMap((l) => pagesOf(pages, `statement${String(l)}`))).size).toBe(1);
  });

  it('splits a row taller than 40% of a page rather than leaving most of a page blank', async () => {
    // A row of 60 lines (about 80% of a page) after half a page of text: moved whole it would
    // leave that half blank, so it starts under the text and runs on overleaf.
    const tall = Array.from({ length: 60 }, (_, l) => `tallrow${String(l)}`).join('\n');
    const pages = await layoutOf([
      filler(40),
      {
        kind: 'table',
        id: 'tall',
        rows: [{ n: 1 }, { n: 2 }],
        columns: [
          {
            head: 'Tall',
            width: 1,
            cell: (r: { n: number }) => `${tall}\nrow${String(r.n)}end`,
          },
        ],
        empty: 'none',
      },
    ]);
    const fillerEnd = pagesOf(pages, 'number').at(-1);
    expect(pagesOf(pages, 'tallrow0')[0]).toBe(fillerEnd);
    expect(pagesOf(pages, 'row1end')[0]).toBe((fillerEnd ?? 0) + 1);
    // No page but the last is left more than 40% blank.
    for (const page of pages.slice(0, -1)) {
      const lowest = Math.max(...bodyLines(page).map((l) => l.yMax));
      expect(lowest / page.height, `page ${String(page.number)}`).toBeGreaterThan(0.6);
    }
  });

  it('moves a heading and its intro with a short table whole, and never breaks a short paragraph', async () => {
    // Wherever the foot of the page falls, the heading, its two-line intro and the five rows are
    // on one page, and a three-line paragraph is on one page.
    // About 200 filler sentences fill a page, so these put the foot of it at every line of the
    // heading, the intro and the table in turn.
    let movedWhole = 0;
    for (let n = 176; n <= 216; n += 4) {
      const pages = await layoutOf([
        filler(n),
        { kind: 'heading', level: 2, text: 'Short table', id: 'short-table' },
        {
          kind: 'paragraph',
          text: `introstart ${'This table is introduced by a paragraph of two lines. '.repeat(2)}introend`,
        },
        {
          kind: 'table',
          id: 'short',
          rows: [0, 1, 2, 3, 4].map((i) => ({ i })),
          columns: [
            { head: 'Row', width: 1, cell: (r: { i: number }) => `shortrow${String(r.i)}` },
          ],
          empty: 'none',
        },
      ]);
      const heading = pagesWithLine(pages, 'Short table').map((p) => p.number);
      expect(heading, `filler ${String(n)}`).toHaveLength(1);
      // The filler ends on a page the block did not stay on: the foot fell inside the block.
      if ((pagesOf(pages, 'number').at(-1) ?? 0) < (heading[0] ?? 0)) movedWhole++;
      const together = ['introstart', 'introend', 'shortrow0', 'shortrow4'].flatMap((w) =>
        pagesOf(pages, w),
      );
      expect(new Set([...heading, ...together]).size, `filler ${String(n)}`).toBe(1);
      const short = await layoutOf([
        filler(n),
        {
          kind: 'paragraph',
          text: `shortstart ${'A paragraph of three lines is never broken across two pages. '.repeat(4)}shortend`,
        },
      ]);
      expect(
        new Set(['shortstart', 'shortend'].flatMap((w) => pagesOf(short, w))).size,
        `paragraph after filler ${String(n)}`,
      ).toBe(1);
    }
    // The fillers did bring the page's foot into the block, so some of them moved it whole.
    expect(movedWhole).toBeGreaterThan(0);
  });

  it('keeps a heading with the start of what it heads, and says an empty table in one line', async () => {
    // Enough filler to bring the heading near the foot of the first page.
    const pages = await layoutOf([
      filler(64),
      { kind: 'heading', level: 2, text: 'Lonely heading', id: 'lonely-heading' },
      {
        kind: 'table',
        id: 'tall',
        rows: [{ n: 1 }],
        columns: [
          {
            head: 'Tall',
            width: 1,
            cell: () => Array.from({ length: 12 }, (_, i) => `tall${String(i)}`).join('\n'),
          },
        ],
        empty: 'none',
      },
      { kind: 'heading', level: 1, text: 'Empty section', id: 'empty-section' },
      { kind: 'table', id: 'empty', rows: [], columns: [], empty: 'Nothing here.' },
    ]);
    const heading = pagesWithLine(pages, 'Lonely heading');
    expect(heading).toHaveLength(1);
    expect(pagesOf(pages, 'tall0')).toEqual([heading[0]?.number]);
    // Not a page of its own, and no table head over the empty text.
    expect(pagesWithLine(pages, 'Empty section')[0]?.number).toBe(heading[0]?.number);
    expect(pagesWithLine(pages, 'Nothing here.')).toHaveLength(1);
  });
});

describe('progress while drawing', { timeout: 120_000 }, () => {
  it('reports each block drawn, in order, and draws the same bytes as without it', async () => {
    const doc = synthetic([
      filler(40),
      filler(40),
      filler(40),
      filler(40),
      filler(40),
      filler(40),
      filler(40),
    ]);
    const seen: [number, number][] = [];
    const creationDate = new Date('2026-12-01T00:00:00Z');
    const withProgress = await renderReportPdf(doc, {
      fonts,
      creationDate,
      onProgress: (done, total) => seen.push([done, total]),
    });
    expect(seen).toEqual(doc.blocks.map((_, i) => [i + 1, doc.blocks.length]));
    expect(Buffer.from(withProgress).equals(Buffer.from(await render(doc)))).toBe(true);
  });
});

describe('the report as printed', { timeout: 120_000 }, () => {
  const { catalogue, demo } = demoInputs();
  // The demo's answers, signed, with no actions and nothing parked: the empty sections.
  const meta = Object.fromEntries(
    Object.entries(demo.meta).map(([id, m]) => {
      const { revisit: _r, evidenceRequested: _e, ...rest } = m;
      return [id, rest];
    }),
  );
  const assessment: Assessment = {
    ...demo,
    meta,
    workshop: {
      agenda: [],
      participants: [],
      agreements: {},
      actions: [],
      signOff: {
        signatories: [{ name: 'Ana Auditor', role: 'Lead assessor' }],
        organisation: demo.organisation,
        scope: demo.scope,
        date: '2026-11-30',
        statement: 'We reviewed each control with the team. '.repeat(30).trim(),
        signedAt: '2026-11-30T12:00:00.000Z',
        dataSha256: 'a'.repeat(64),
      },
    },
  };
  /** The report of `a` (against `baseline`) on the day the layout was checked. */
  const exportOf = (a: Assessment, baseline?: Assessment) =>
    prepareReportExport({
      catalogue,
      assessment: a,
      profile: resolveProfile(catalogue, a),
      reportDate: '2026-12-01',
      ...(baseline === undefined ? {} : { baseline }),
    });

  /** The board summary fills page 3 and runs over nothing: page 4 starts the next section. */
  const expectBoardOnOnePage = (pages: readonly PdfPage[]) => {
    expect(pagesWithLine(pages, 'Board summary').map((x) => x.number)).toEqual([3]);
    const next = pages[3];
    if (!next) throw new Error('no page after the board');
    expect(bodyLines(next)[0]?.text).toBe('Executive summary');
  };

  const prepared = exportOf(assessment);
  const laid = prepared.then(async (p) => ({ ...p, pages: pdfLayout(await render(p.document)) }));

  it('puts the board summary on one page of its own, right after the contents', async () => {
    const { pages, model } = await laid;
    const board = pagesWithLine(pages, 'Board summary');
    expect(board.map((p) => p.number)).toEqual([3]);
    const page = board[0];
    if (!page) throw new Error('no board page');
    const text = bodyLines(page).map((l) => l.text);
    for (const line of [
      'What to do first',
      'Real incidents replayed against these answers',
      'Since the baseline',
    ]) {
      expect(text).toContain(line);
    }
    // The last incident headline, and the scores, on the same page.
    const last = model.exposure.at(-1)?.headline ?? '';
    expect(text.join(' ')).toContain(last.split(' ').slice(0, 4).join(' '));
    expect(bodyLines(pages[3] ?? page)[0]?.text).toBe('Executive summary');
  });

  it('keeps the board summary on one page with a baseline and an action for each of the five', async () => {
    const { model } = await prepared;
    const top = model.gaps.slice(0, 5);
    const busy: Assessment = {
      ...assessment,
      workshop: {
        agenda: [],
        participants: [],
        agreements: {},
        actions: top.map((g, i) => ({
          id: `a${String(i)}`,
          controlId: g.controlId,
          text: `Close ${g.controlId}: agree the design, build it, test it and record the evidence`,
          owner: 'L. Haddad (protocol engineering)',
          due: '2027-02-28',
          priority: 'high' as const,
          createdAt: '2026-11-30T10:00:00.000Z',
        })),
      },
    };
    const baseline: Assessment = {
      ...demo,
      id: 'baseline',
      name: 'Halcyon Finance, the signed workshop of the second quarter',
      updatedAt: '2026-06-03T00:00:00.000Z',
      answers: Object.fromEntries(
        Object.entries(demo.answers).map(([id, a]) => [
          id,
          a.status === 'level' && a.level > 0 ? { ...a, level: a.level - 1 } : a,
        ]),
      ),
    };
    const p = await exportOf(busy, baseline);
    expect(p.model.changes.rows.length).toBeGreaterThan(10);
    expectBoardOnOnePage(pdfLayout(await render(p.document)));
  });

  const readDemo = (name: string): Assessment => {
    const parsed = parseAssessmentFile(
      readFileSync(`${repoRoot}public/demo/${name}`, 'utf8'),
      name,
      catalogue,
    );
    if (!parsed.ok) throw new Error(`${name} must parse`);
    return parsed.value.file.assessment;
  };

  // The shipped demo against the signed baseline it ships with.
  const shipped = () => exportOf(demo, readDemo('halcyon-baseline.json'));

  it('keeps the shipped demo’s board page to one page against its signed baseline', async () => {
    expectBoardOnOnePage(pdfLayout(await render((await shipped()).document)));
  });

  it('breaks no word of the shipped demo across lines, except after a hyphen, or a link after a slash or dot', async () => {
    const p = await shipped();
    const words = new Set(
      documentTexts(p.document).flatMap((text) => text.split(/\s+/).filter((w) => w.length > 1)),
    );
    // Two lines of one cell, the first ending in a piece and the second starting with the rest
    // ("engineeri" / "ng)", "Unanswere" / "d"), where the word is one the text holds whole.
    const broken = pdfLayout(await render(p.document)).flatMap((page) =>
      bodyLines(page).flatMap((line, i, all) => {
        const next = all[i + 1];
        const last = line.words.at(-1)?.text ?? '';
        const first = next?.words[0]?.text ?? '';
        const joined = last + first;
        // A link broken anywhere but after a slash, dot or hyphen ("adbyt/es.media").
        if (
          next?.block === line.block &&
          /^<?https?:\/\//.test(last) &&
          !/[/.\-?&=]$/.test(last) &&
          !/^(<|https?:)/.test(first)
        ) {
          return [`page ${String(page.number)}: ${last}/${first}`];
        }
        return next?.block === line.block &&
          /^[(A-Za-z]/.test(last) &&
          /^[a-z]/.test(first) &&
          !last.endsWith('-') &&
          !joined.includes('/') &&
          words.has(joined)
          ? [`page ${String(page.number)}: ${last}/${first}`]
          : [];
      }),
    );
    expect(broken).toEqual([]);
  });

  it('gives no empty section a page, and starts a section on a fresh page only where it must', async () => {
    const { pages, document } = await laid;
    expect(pagesWithLine(pages, 'Action items')).toEqual([]);
    expect(pagesWithLine(pages, 'Parking lot')).toEqual([]);
    for (const line of ['Action items: no remediation actions', 'Parking lot: nothing is parked']) {
      expect(
        pages.filter((p) => bodyLines(p).some((l) => l.text.startsWith(line))),
        line,
      ).toHaveLength(1);
    }
    // A page that ends before half-way may be followed by a section that always starts a page, or
    // by a row too tall for the rest of it; never by a section that could have started there.
    const level1 = document.blocks.flatMap((b) =>
      b.kind === 'heading' && b.level === 1 ? [b] : [],
    );
    const forced = new Set(level1.filter((b) => b.newPage === true).map((b) => b.text));
    const sections = new Set(level1.map((b) => b.text));
    for (const page of pages.slice(2, -1)) {
      const nextFirst = bodyLines(pages[page.number] ?? page)[0]?.text ?? '';
      if (!sections.has(nextFirst) || forced.has(nextFirst)) continue;
      const lowest = Math.max(...bodyLines(page).map((l) => l.yMax));
      expect(
        lowest / page.height,
        `page ${String(page.number)} before ${nextFirst}`,
      ).toBeGreaterThan(0.5);
    }
  });

  it('never leaves a heading alone at the foot of a page', async () => {
    const { pages, document } = await laid;
    const headings = document.blocks.flatMap((b) => (b.kind === 'heading' ? [b.text] : []));
    for (const text of new Set(headings)) {
      for (const page of pagesWithLine(pages, text)) {
        const lines = bodyLines(page);
        const at = lines.findIndex((l) => l.text === text);
        const below = lines.filter((l) => l.yMin > (lines[at]?.yMax ?? 0));
        expect(below.length, `${text} on page ${String(page.number)}`).toBeGreaterThan(0);
      }
    }
    expect(tableOfContents(document).length).toBeGreaterThan(5);
  });

  it('keeps the sign-off statement in one piece', async () => {
    const { pages } = await laid;
    const statement = pages.filter((p) =>
      bodyLines(p).some((l) => l.text.includes('We reviewed each control with the team.')),
    );
    expect(statement).toHaveLength(1);
  });

  it('gives the appendix notes the widest column', async () => {
    const { pages } = await laid;
    const page = pages.find((p) => bodyLines(p).some((l) => l.text === 'Appendix: every answer'));
    if (!page) throw new Error('no appendix page');
    const notes = page.words.find((w) => w.text === 'Notes');
    const evidence = page.words.find((w) => w.text === 'Evidence');
    if (!notes || !evidence) throw new Error('no appendix header');
    const right = page.width - (16 / 25.4) * 72;
    const textWidth = page.width - 2 * ((16 / 25.4) * 72);
    // The Notes column runs from its header's left edge (less the cell padding) to the margin. A
    // third of the line, not more: the other columns must hold their words whole
    // ("communications"), which the layout puts first.
    expect((right - notes.xMin) / textWidth).toBeGreaterThan(0.33);
    expect(right - notes.xMin).toBeGreaterThan(2 * (notes.xMin - evidence.xMin));
  });
});
