import type { jsPDF } from 'jspdf';
import {
  documentTexts,
  formatTick,
  tableCells,
  tableOfContents,
  type Block,
  type KeyValue,
  type ReportDocument,
} from '../domain/report/blocks.ts';
import { printable, REPLACEMENT } from '../domain/report/glyphs.ts';
import { matrixLayout, type BarChart, type RiskMatrix } from '../domain/report/charts.ts';
import { roundUsd, type ExceedanceCurve } from '../domain/report/dollars.ts';
import { sha256Hex } from './sha256.ts';

/**
 * Draws a report document as a PDF. The only module that loads jspdf, and only through dynamic
 * imports, so the library stays out of the app's first load and is fetched from this site (never
 * a CDN) when someone exports. The command line (`npm run report`) uses the same function, so a
 * pipeline gets the same bytes as the browser.
 */

let libraries: ReturnType<typeof importLibraries> | undefined;
function importLibraries() {
  return Promise.all([import('jspdf'), import('jspdf-autotable')]);
}
function loadLibraries() {
  // A failed load (e.g. the site was updated and the old chunk is gone) must not stick.
  libraries ??= importLibraries().catch((error: unknown) => {
    libraries = undefined;
    throw error;
  });
  return libraries;
}

/** TrueType files of the embedded font: the built-in PDF fonts cover Latin-1 only. */
export interface PdfFonts {
  readonly regular: Uint8Array;
  readonly bold: Uint8Array;
}

export const FONT_NAME = 'DejaVu Sans';
const FAMILY = 'DejaVuSans';

const A4 = { width: 210, height: 297 } as const;
const MARGIN = 16;
const TOP = MARGIN + 6;
const BOTTOM = A4.height - MARGIN;
const TEXT_WIDTH = A4.width - 2 * MARGIN;
const PT = 0.3528; // mm per point
const COLOURS = {
  ink: [20, 33, 43],
  muted: [84, 98, 110],
  accent: [15, 61, 62],
  accentLight: [198, 222, 220],
  rule: [205, 212, 218],
  band: [236, 242, 242],
} as const;
type Rgb = readonly [number, number, number];

/** jspdf keeps files as "binary strings", one char per byte. */
function binaryString(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    out += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return out;
}

/**
 * jspdf writes metadata and bookmark titles byte by byte, which garbles anything past Latin-1.
 * PDF text strings may instead be UTF-16BE behind a byte-order mark (ISO 32000-1, 7.9.2.2).
 */
function pdfTextString(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return text;
  let out = '\u00fe\u00ff';
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    out += String.fromCharCode(unit >> 8, unit & 0xff);
  }
  return out;
}

/**
 * jspdf declares its embedded fonts with `/Ordering (Identity-H)`; the value for Identity
 * encodings is `Identity` (ISO 32000-1, 9.7.3), and poppler reports the wrong one as a syntax
 * error on every page. The fix keeps the byte length (two spaces of padding inside the
 * dictionary), so the cross-reference offsets stay valid.
 */
function fixCidOrdering(pdf: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> {
  const wrong = '/Ordering (Identity-H)';
  const right = '/Ordering (Identity)  ';
  const pattern = Array.from(wrong, (c) => c.charCodeAt(0));
  outer: for (let i = 0; i <= pdf.length - pattern.length; i += 1) {
    for (let j = 0; j < pattern.length; j += 1) if (pdf[i + j] !== pattern[j]) continue outer;
    for (let j = 0; j < right.length; j += 1) pdf[i + j] = right.charCodeAt(j);
    i += pattern.length - 1;
  }
  return pdf;
}

const pairs = (rows: readonly KeyValue[]): string[][] => rows.map((r) => [r.key, r.value]);

/**
 * The document as printed, for the file id: table rows as their cells, since the rows themselves
 * are model objects and the columns functions, which JSON would drop.
 */
function printedForm(document: ReportDocument): string {
  return JSON.stringify({
    ...document,
    blocks: document.blocks.map((b) =>
      b.kind === 'table'
        ? {
            kind: b.kind,
            id: b.id,
            head: b.columns.map((c) => c.head),
            widths: b.columns.map((c) => c.width),
            rows: tableCells(b),
            empty: b.empty,
          }
        : b,
    ),
  });
}

export interface RenderOptions {
  readonly fonts: PdfFonts;
  /** The one thing allowed to differ between two renders of the same report. */
  readonly creationDate: Date;
  /**
   * Told after each block is drawn, with how many there are. When given, the renderer also yields
   * to the event loop now and then, so a page can repaint its progress while a long PDF is drawn.
   */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Table body text in points, and a cell's left and right padding with a hair to spare, in mm. */
const BODY_SIZE = 8.5;
const DENSE_SIZE = 7.5;
const CELL_PADDING = 2 * 1.5 + 0.6;

/**
 * A table row taller than this share of the page may break across pages: moved whole it would
 * leave more than this share of a page blank (the incident rows, each a replay with its
 * arithmetic). Shorter rows always move whole, so no page is left more than this blank by a row.
 */
const SPLIT_ROW_SHARE = 0.4;
/** Lines of a tall row that must fit before it starts at the foot of a page. */
const SPLIT_ROW_MIN_LINES = 4;
/** A table of at most this many rows moves whole rather than splitting (2 rows here, 4 overleaf). */
const SHORT_TABLE_ROWS = 6;
/** A paragraph of at most this many lines is never broken; a longer one leaves at least two lines on each page. */
const SHORT_PARAGRAPH_LINES = 3;
/** A paragraph of at most this many lines right before a table or figure is its intro and moves with it. */
const INTRO_LINES = 6;

/** Blocks drawn between two yields to the event loop when progress is reported. */
const BLOCKS_PER_YIELD = 6;

export async function renderReportPdf(
  document: ReportDocument,
  { fonts, creationDate, onProgress }: RenderOptions,
): Promise<Uint8Array<ArrayBuffer>> {
  const [{ jsPDF }, { __createTable, __drawTable }] = await loadLibraries();
  const doc = new jsPDF({ unit: 'mm', format: 'a4', compress: true });
  doc.addFileToVFS('DejaVuSans.ttf', binaryString(fonts.regular));
  doc.addFont('DejaVuSans.ttf', FAMILY, 'normal');
  doc.addFileToVFS('DejaVuSans-Bold.ttf', binaryString(fonts.bold));
  doc.addFont('DejaVuSans-Bold.ttf', FAMILY, 'bold');

  // jspdf silently drops characters the font lacks, and reads text as UTF-16 code units, so
  // anything outside the Basic Multilingual Plane or missing from either weight is replaced first.
  const cmap = (style: 'normal' | 'bold'): Record<number, number | undefined> => {
    doc.setFont(FAMILY, style);
    return (
      doc.getFont() as unknown as {
        metadata: { cmap: { unicode: { codeMap: Record<number, number | undefined> } } };
      }
    ).metadata.cmap.unicode.codeMap;
  };
  const regularMap = cmap('normal');
  const boldMap = cmap('bold');
  const hasGlyph = (code: number): boolean =>
    code <= 0xffff && regularMap[code] !== undefined && boldMap[code] !== undefined;
  const t = (text: string): string => printable(text, hasGlyph).text;
  const replaced = documentTexts(document).reduce(
    (n, text) => n + printable(text, hasGlyph).replaced,
    0,
  );

  // Reproducible output: the file id is derived from the content instead of being random.
  doc.setFileId((await sha256Hex(printedForm(document))).slice(0, 32));
  doc.setCreationDate(creationDate);
  doc.setProperties({
    title: pdfTextString(document.metadata.title),
    subject: pdfTextString(document.metadata.subject),
    author: pdfTextString(document.metadata.author),
    keywords: pdfTextString(document.metadata.keywords),
    creator: 'OpsReady',
  });
  doc.setLanguage('en-GB');
  doc.setDisplayMode('fullwidth', 'continuous', 'UseOutlines');

  let y = TOP;
  const colour = (rgb: Rgb): void => {
    doc.setTextColor(rgb[0], rgb[1], rgb[2]);
  };
  const font = (size: number, style: 'normal' | 'bold' = 'normal', rgb: Rgb = COLOURS.ink) => {
    doc.setFont(FAMILY, style);
    doc.setFontSize(size);
    colour(rgb);
  };
  const lineHeight = (size: number): number => size * PT * 1.35;
  const newPage = (): void => {
    doc.addPage();
    y = TOP;
  };
  const ensureSpace = (needed: number): void => {
    if (y + needed > BOTTOM) newPage();
  };
  const lines = (text: string, width: number): string[] => breakLines(t(text), width);

  /** Wrapped text that breaks across pages line by line. */
  const write = (text: string, x: number, width: number, size: number, gapAfter: number) => {
    const lh = lineHeight(size);
    for (const line of lines(text, width)) {
      ensureSpace(lh);
      doc.text(line, x, y, { baseline: 'top' });
      y += lh;
    }
    y += gapAfter;
  };

  /**
   * A paragraph: like `write`, but one of up to three lines is never broken, and a longer one
   * leaves no single line at the foot of a page or at the head of the next.
   */
  const paragraph = (text: string, x: number, width: number, size: number, gapAfter: number) => {
    const lh = lineHeight(size);
    const all = lines(text, width);
    const room = Math.floor((BOTTOM - y) / lh + 1e-9);
    if (room < all.length) {
      // Two lines at the foot (with one more overleaf, three) or the whole paragraph overleaf.
      if (all.length <= SHORT_PARAGRAPH_LINES || room < 2 || (all.length - room < 2 && room < 3)) {
        newPage();
      } else if (all.length - room < 2) {
        // One line would be alone overleaf: take one more with it.
        for (const line of all.slice(0, room - 1)) {
          doc.text(line, x, y, { baseline: 'top' });
          y += lh;
        }
        newPage();
        for (const line of all.slice(room - 1)) {
          doc.text(line, x, y, { baseline: 'top' });
          y += lh;
        }
        y += gapAfter;
        return;
      }
    }
    for (const line of all) {
      ensureSpace(lh);
      doc.text(line, x, y, { baseline: 'top' });
      y += lh;
    }
    y += gapAfter;
  };

  type Cells = readonly (readonly string[])[];
  const tableOptions = (
    head: readonly string[] | null,
    rows: Cells,
    widths: readonly number[] | undefined,
    plain: boolean,
    startY: number,
  ) => {
    const fit = widths === undefined ? undefined : fitColumns(head, rows, widths);
    const fitted = fit?.widths;
    const size = fit?.size ?? BODY_SIZE;
    const columnStyles = Object.fromEntries((fitted ?? []).map((w, i) => [i, { cellWidth: w }]));
    return {
      ...(head === null ? {} : { head: [head.map(t)] }),
      body: rows.map((r) =>
        r.map((cell, i) => {
          const width = fitted?.[i];
          return width === undefined ? t(cell) : wrapCell(t(cell), width - 2 * 1.5 - 0.1, size);
        }),
      ),
      startY,
      margin: { left: MARGIN, right: MARGIN, top: TOP, bottom: A4.height - BOTTOM },
      theme: plain ? ('plain' as const) : ('striped' as const),
      showHead: 'everyPage' as const,
      // Whether a row may split is decided row by row in `laidOut`: autotable allows only one
      // rule for a whole table.
      rowPageBreak: 'auto' as const,
      styles: {
        font: FAMILY,
        fontSize: size,
        cellPadding: 1.5,
        overflow: 'linebreak' as const,
        textColor: [...COLOURS.ink] as [number, number, number],
        valign: 'top' as const,
      },
      headStyles: {
        font: FAMILY,
        fontStyle: 'bold' as const,
        fontSize: 8,
        fillColor: [...COLOURS.accent] as [number, number, number],
        textColor: 255,
      },
      alternateRowStyles: { fillColor: [...COLOURS.band] as [number, number, number] },
      columnStyles:
        plain && widths === undefined
          ? { 0: { fontStyle: 'bold' as const, cellWidth: 38 } }
          : columnStyles,
    };
  };

  const PAGE_HEIGHT = BOTTOM - TOP;
  /**
   * The table laid out by autotable, with each row's rule for a page break: a row up to
   * SPLIT_ROW_SHARE of a page moves whole (autotable splits any row whose first line fits unless
   * told its minimum is the whole row); a taller one may split once SPLIT_ROW_MIN_LINES fit.
   */
  const laidOut = (
    head: readonly string[] | null,
    rows: Cells,
    widths: readonly number[] | undefined,
    plain: boolean,
    startY: number,
  ) => {
    const options = tableOptions(head, rows, widths, plain, startY);
    const laid = __createTable(doc, options);
    const lh = options.styles.fontSize * doc.getLineHeightFactor() * PT;
    for (const row of laid.body) {
      const minimum = rowMinimum(row.height, lh);
      row.getMinimumRowHeight = () => minimum;
    }
    return { laid, lh };
  };
  /** What of a row must fit at the foot of a page: all of it, or the first lines of a tall one. */
  const rowMinimum = (height: number, lh: number): number =>
    height <= SPLIT_ROW_SHARE * PAGE_HEIGHT
      ? height
      : Math.min(height, 2 * 1.5 + SPLIT_ROW_MIN_LINES * lh);

  /**
   * The height a table needs before it can start on a page: its head and its first row (the
   * first lines of a tall one), or the whole of a short table that fits on a page, so that it
   * moves whole instead of leaving two rows here and four overleaf.
   */
  const tableLead = (
    head: readonly string[] | null,
    rows: Cells,
    widths: readonly number[] | undefined,
    plain: boolean,
  ): number => {
    const { laid, lh } = laidOut(head, rows, widths, plain, TOP);
    const headHeight = laid.getHeadHeight(laid.columns);
    const whole = headHeight + laid.body.reduce((sum, r) => sum + r.height, 0);
    if (laid.body.length <= SHORT_TABLE_ROWS && whole <= PAGE_HEIGHT) return whole;
    const first = laid.body[0];
    return headHeight + (first === undefined ? 0 : rowMinimum(first.height, lh));
  };

  const table = (
    head: readonly string[] | null,
    rows: Cells,
    widths: readonly number[] | undefined,
    plain: boolean,
  ): void => {
    // autotable checks only that the head fits; a head alone at the foot of a page, its first
    // row overleaf, is what this prevents.
    if (y + tableLead(head, rows, widths, plain) > BOTTOM) newPage();
    __drawTable(doc, laidOut(head, rows, widths, plain, y).laid);
    y = (doc as jsPDF & { lastAutoTable: { finalY: number } }).lastAutoTable.finalY + 5;
  };

  /**
   * Text broken into lines of at most `width` mm in the current font. jspdf and autotable break a
   * word that does not fit at whatever letter the width runs out ("Smart-contrac/t",
   * "adbyt/es.media"). Here a line breaks at spaces, then after a hyphen inside a word
   * ("Smart-/contract"), or, in a link or path, after a slash, dot or hyphen; only a run with no
   * such place (a hash) is cut between letters.
   */
  const breakLines = (text: string, width: number): string[] => {
    const fits = (s: string): boolean => doc.getTextWidth(s) <= width;
    const out: string[] = [];
    for (const paragraph of text.split('\n')) {
      let line = '';
      const push = (piece: string, joiner: string): void => {
        if (line === '') line = piece;
        else if (fits(line + joiner + piece)) line += joiner + piece;
        else {
          out.push(line);
          line = piece;
        }
      };
      for (const word of paragraph.split(' ')) {
        if (fits(word) || word === '') {
          push(word, ' ');
          continue;
        }
        const pieces = word.includes('/')
          ? word.split(/(?<=[/.\-?&=])(?=[^/.\-?&=])/)
          : word.split(/(?<=[^-]-)(?=[^-])/);
        pieces.forEach((piece, n) => {
          const joiner = n === 0 ? ' ' : '';
          if (fits(piece)) {
            push(piece, joiner);
            return;
          }
          (doc.splitTextToSize(piece, width) as string[]).forEach((part, k) => {
            push(part, k === 0 ? joiner : '');
          });
        });
      }
      out.push(line);
    }
    return out;
  };

  /** A body cell broken into lines before autotable sees it, so autotable breaks nothing. */
  const wrapCell = (text: string, width: number, size: number): string => {
    doc.setFont(FAMILY, 'normal');
    doc.setFontSize(size);
    return breakLines(text, width).join('\n');
  };

  /** The width of the widest word of `text` in mm, at a size and style. */
  const widestWord = (text: string, size: number, style: 'normal' | 'bold'): number => {
    doc.setFont(FAMILY, style);
    doc.setFontSize(size);
    const width = Math.max(
      0,
      ...t(text)
        .split(/\s+/)
        .map((word) => doc.getTextWidth(word)),
    );
    doc.setFont(FAMILY, 'normal');
    return width;
  };

  /**
   * Column widths in mm and the body size in points: the document's relative widths scaled to the
   * page, then widened until no header word and no word of a cell ("unanswered", a rank of 10,
   * "engineering)") has to be split mid-word ("Risk re/moved", "1/0", "engineeri/ng)"), the room
   * taken from the columns that have it to spare. A table too dense for that at the body size (the
   * remediation plan's ten columns) is set one point smaller before any word is given up; after
   * that, columns are widened for their words one by one, the cheapest first, while room lasts.
   */
  const fitColumns = (
    head: readonly string[] | null,
    rows: readonly (readonly string[])[],
    widths: readonly number[],
  ): { widths: number[]; size: number } => {
    const total = widths.reduce((a, b) => a + b, 0);
    const page = (m: readonly number[]): number => m.reduce((a, b) => a + b, 0);
    const minimumFor = (keep: (word: string) => boolean, size: number): number[] =>
      widths.map((_, i) => {
        const header = head?.[i] === undefined ? 0 : widestWord(head[i], 8, 'bold');
        const words = Math.max(
          0,
          ...rows.map((r) => {
            // A line that is one short word (a rank, a level, "unanswered") is always kept whole.
            const kept = (r[i] ?? '')
              .split('\n')
              .flatMap((line) =>
                line.length <= 10 && !/\s/.test(line) ? [line] : line.split(/\s+/).filter(keep),
              );
            return widestWord(kept.filter(holdable).join(' '), size, 'normal');
          }),
        );
        return Math.max(header, words) + CELL_PADDING;
      });
    // A link, a path or a 20-letter identifier would starve the other columns; it wraps instead.
    const holdable = (word: string): boolean => word.length <= 20 && !word.includes('/');
    const every = (word: string): boolean => word.length > 0;
    const short = (word: string): boolean => word.length <= 12;
    const none = (): boolean => false;
    const choose = (): { minimum: number[]; size: number } => {
      for (const [keep, size] of [
        [every, BODY_SIZE],
        [every, DENSE_SIZE],
        [short, DENSE_SIZE],
      ] as const) {
        const minimum = minimumFor(keep, size);
        if (page(minimum) <= TEXT_WIDTH) return { minimum, size };
      }
      const base = minimumFor(none, DENSE_SIZE);
      const full = minimumFor(every, DENSE_SIZE);
      const need = base.map((b, i) => (full[i] ?? b) - b);
      let room = TEXT_WIDTH - page(base);
      const minimum = [...base];
      const order = need.map((_, i) => i).sort((a, b) => (need[a] ?? 0) - (need[b] ?? 0));
      for (const i of order) {
        const extra = need[i] ?? 0;
        if (extra > room) break;
        minimum[i] = (base[i] ?? 0) + extra;
        room -= extra;
      }
      return { minimum, size: DENSE_SIZE };
    };
    const { minimum, size } = choose();
    const out = widths.map((w) => (w / total) * TEXT_WIDTH);
    const deficit = out.reduce((sum, w, i) => sum + Math.max(0, (minimum[i] ?? 0) - w), 0);
    const spare = out.reduce((sum, w, i) => sum + Math.max(0, w - (minimum[i] ?? 0)), 0);
    if (deficit === 0 || spare < deficit) return { widths: out, size };
    return {
      widths: out.map((w, i) => {
        const min = minimum[i] ?? 0;
        return w < min ? min : w - ((w - min) / spare) * deficit;
      }),
      size,
    };
  };

  const chartHeight = (c: BarChart): number => 6 + 5 + c.bars.length * 7 + 12;
  const chart = (c: BarChart): void => {
    const rowHeight = 7;
    const labelWidth = 46;
    const valueWidth = 26;
    const x0 = MARGIN + labelWidth;
    const width = TEXT_WIDTH - labelWidth - valueWidth;
    ensureSpace(chartHeight(c));
    font(10.5, 'bold', COLOURS.accent);
    doc.text(t(c.title), MARGIN, y, { baseline: 'top' });
    y += 6;
    // Legend.
    font(7.5, 'normal', COLOURS.muted);
    let lx = MARGIN;
    const legend = (rgb: Rgb, label: string): void => {
      doc.setFillColor(rgb[0], rgb[1], rgb[2]);
      doc.rect(lx, y + 0.4, 3, 2.4, 'F');
      doc.text(t(label), lx + 4.2, y, { baseline: 'top' });
      lx += 4.2 + doc.getTextWidth(t(label)) + 6;
    };
    if (c.legend.background !== null) legend(COLOURS.accentLight, c.legend.background);
    legend(COLOURS.accent, c.legend.value);
    if (c.marker !== null) {
      doc.setDrawColor(...COLOURS.ink);
      doc.setLineDashPattern([1, 0.8], 0);
      doc.line(lx, y + 1.6, lx + 4, y + 1.6);
      doc.setLineDashPattern([], 0);
      doc.text(t(c.marker.label), lx + 5.2, y, { baseline: 'top' });
    }
    y += 5;
    const top = y;
    const scale = (v: number): number => (Math.min(Math.max(v, 0), c.max) / c.max) * width;
    for (const bar of c.bars) {
      font(8.5, 'normal', COLOURS.ink);
      const label = lines(bar.label, labelWidth - 2)[0] ?? '';
      doc.text(label, MARGIN, y + rowHeight / 2, { baseline: 'middle' });
      doc.setFillColor(...COLOURS.band);
      doc.rect(x0, y + 1, width, rowHeight - 2, 'F');
      if (bar.background !== null) {
        doc.setFillColor(...COLOURS.accentLight);
        doc.rect(x0, y + 1, scale(bar.background), rowHeight - 2, 'F');
      }
      if (bar.value !== null && bar.value > 0) {
        doc.setFillColor(...COLOURS.accent);
        doc.rect(x0, y + 1.8, scale(bar.value), rowHeight - 3.6, 'F');
      }
      font(8.5, 'bold', COLOURS.ink);
      doc.text(t(bar.display), x0 + width + 2, y + rowHeight / 2, { baseline: 'middle' });
      y += rowHeight;
    }
    // Axis with four ticks, and the marker across every bar.
    doc.setDrawColor(...COLOURS.rule);
    doc.setLineWidth(0.2);
    font(7, 'normal', COLOURS.muted);
    for (const tick of c.ticks) {
      const x = x0 + scale(tick);
      doc.line(x, top, x, y);
      doc.text(String(tick), x, y + 1, {
        baseline: 'top',
        align: 'center',
      });
    }
    doc.text(t(c.unit), x0 + width / 2, y + 4.5, { baseline: 'top', align: 'center' });
    if (c.marker !== null) {
      const x = x0 + scale(c.marker.value);
      doc.setDrawColor(...COLOURS.ink);
      doc.setLineWidth(0.4);
      doc.setLineDashPattern([1, 0.8], 0);
      doc.line(x, top - 1, x, y + 0.5);
      doc.setLineDashPattern([], 0);
    }
    doc.setLineWidth(0.2);
    y += 12;
  };

  /** The loss-exceedance curve: dollars on a log axis, the chance linear; kept on one page. */
  const curveHeight = (): number => 6 + 6 + 62 + 14;
  const curve = (c: ExceedanceCurve): void => {
    const axisSpace = 16;
    const plotW = TEXT_WIDTH - axisSpace - 6;
    const plotH = 62;
    ensureSpace(curveHeight());
    font(10.5, 'bold', COLOURS.accent);
    doc.text(t(c.title), MARGIN, y, { baseline: 'top' });
    y += 6;
    font(7.5, 'normal', COLOURS.muted);
    let lx = MARGIN;
    for (const s of c.series) {
      const [r, g, b] = s.tone === 'now' ? COLOURS.accent : COLOURS.ink;
      doc.setDrawColor(r, g, b);
      doc.setLineWidth(0.6);
      doc.setLineDashPattern(s.tone === 'now' ? [] : [1.6, 1], 0);
      doc.line(lx, y + 1.6, lx + 6, y + 1.6);
      doc.setLineDashPattern([], 0);
      doc.text(t(s.label), lx + 8, y, { baseline: 'top' });
      lx += 8 + doc.getTextWidth(t(s.label)) + 6;
    }
    y += 6;
    const x0 = MARGIN + axisSpace;
    const top = y;
    const px = (usd: number): number =>
      x0 +
      ((Math.log10(usd) - Math.log10(c.x.min)) / (Math.log10(c.x.max) - Math.log10(c.x.min))) *
        plotW;
    const py = (p: number): number => top + (1 - Math.min(p, c.yMax) / c.yMax) * plotH;
    doc.setDrawColor(...COLOURS.rule);
    doc.setLineWidth(0.2);
    font(7, 'normal', COLOURS.muted);
    for (const tick of c.x.ticks) {
      doc.line(px(tick), top, px(tick), top + plotH);
      if (Number.isInteger(Math.log10(tick))) {
        doc.text(t(roundUsd(tick)), px(tick), top + plotH + 1, {
          baseline: 'top',
          align: 'center',
        });
      }
    }
    for (const tick of c.yTicks) {
      doc.line(x0, py(tick), x0 + plotW, py(tick));
      doc.text(`${String(Number((100 * tick).toPrecision(3)))}%`, x0 - 1.5, py(tick), {
        baseline: 'middle',
        align: 'right',
      });
    }
    doc.text(t(c.xLabel), x0 + plotW / 2, top + plotH + 5, { baseline: 'top', align: 'center' });
    // Rotated text runs upwards from its point, so it starts half its width below the centre
    // (jspdf's align would shift it sideways, out of the margin).
    doc.text(t(c.yLabel), MARGIN + 3, top + plotH / 2 + doc.getTextWidth(t(c.yLabel)) / 2, {
      angle: 90,
    });
    for (const s of c.series) {
      const [r, g, b] = s.tone === 'now' ? COLOURS.accent : COLOURS.ink;
      doc.setDrawColor(r, g, b);
      doc.setLineWidth(0.6);
      doc.setLineDashPattern(s.tone === 'now' ? [] : [1.6, 1], 0);
      s.points.forEach((p, i) => {
        const next = s.points[i + 1];
        if (next) doc.line(px(p.usd), py(p.p), px(next.usd), py(next.p));
      });
      doc.setLineDashPattern([], 0);
    }
    doc.setLineWidth(0.2);
    y = top + plotH + 12;
  };

  /** A key entry takes up to three lines; the block stays on one page with its key. */
  // The plot leaves the key room for a vector's figures on one line, so nine vectors take less
  // height than the plot and the block fits the foot of a page more often.
  const MATRIX = { axisSpace: 16, plotW: 80, plotH: 64 } as const;
  const matrixKeyX = MARGIN + MATRIX.axisSpace + MATRIX.plotW + 6;
  const matrixKeyW = MARGIN + TEXT_WIDTH - matrixKeyX;
  const keyFigures = (p: RiskMatrix['points'][number]): string =>
    `${p.incidentDisplay} of incidents, ${p.costDisplay} cost, residual ${p.residualDisplay}`;
  /** The key's entries as drawn: the name in bold, its figures below. */
  const keyEntries = (m: RiskMatrix): { name: string[]; figures: string[]; height: number }[] =>
    m.points.map((p) => {
      font(7.5, 'bold', COLOURS.ink);
      const name = lines(p.label, matrixKeyW - 5);
      font(7, 'normal', COLOURS.muted);
      const figures = lines(keyFigures(p), matrixKeyW - 5);
      return { name, figures, height: name.length * 3.4 + figures.length * 3.2 + 1.4 };
    });
  /** The block stays on one page with its key: the title and legend, then plot or key. */
  const matrixHeight = (m: RiskMatrix): number =>
    12 +
    Math.max(
      MATRIX.plotH + 12,
      keyEntries(m).reduce((sum, e) => sum + e.height, 0),
    ) +
    4;
  const matrix = (m: RiskMatrix): void => {
    const { axisSpace, plotW, plotH } = MATRIX;
    const keyX = matrixKeyX;
    font(7.5, 'bold', COLOURS.ink);
    const { marks, labels, xAt, yAt } = matrixLayout(m, {
      width: plotW,
      height: plotH,
      maxRadius: 6,
      labelHeight: 3,
      labelWidth: (text) => doc.getTextWidth(text) + 0.8,
    });
    ensureSpace(matrixHeight(m));
    font(10.5, 'bold', COLOURS.accent);
    doc.text(t(m.title), MARGIN, y, { baseline: 'top' });
    y += 6;
    font(7.5, 'normal', COLOURS.muted);
    let lx = MARGIN;
    for (const [rgb, label] of [
      [COLOURS.accentLight, m.legend.ring],
      [COLOURS.accent, m.legend.dot],
    ] as const) {
      doc.setFillColor(rgb[0], rgb[1], rgb[2]);
      doc.circle(lx + 1.4, y + 1.6, 1.3, 'F');
      doc.text(t(label), lx + 4.2, y, { baseline: 'top' });
      lx += 4.2 + doc.getTextWidth(t(label)) + 6;
    }
    y += 6;
    const x0 = MARGIN + axisSpace;
    const top = y;
    doc.setDrawColor(...COLOURS.rule);
    doc.setLineWidth(0.2);
    font(7, 'normal', COLOURS.muted);
    // The plot's frame: the axes are inset from it so that no ring is cut by an edge.
    doc.rect(x0, top, plotW, plotH, 'S');
    for (const tick of m.x.ticks) {
      const x = x0 + xAt(tick);
      doc.line(x, top, x, top + plotH);
      doc.text(formatTick(tick), x, top + plotH + 1, { baseline: 'top', align: 'center' });
    }
    for (const tick of m.y.ticks) {
      const yy = top + yAt(tick);
      doc.line(x0, yy, x0 + plotW, yy);
      doc.text(formatTick(tick), x0 - 1.5, yy, { baseline: 'middle', align: 'right' });
    }
    doc.text(t(m.xLabel), x0 + plotW / 2, top + plotH + 5, { baseline: 'top', align: 'center' });
    // Rotated text runs upwards from its point, so it starts half its width below the centre.
    doc.text(t(m.yLabel), MARGIN + 3, top + plotH / 2 + doc.getTextWidth(t(m.yLabel)) / 2, {
      angle: 90,
    });
    doc.text(t(m.yLabel), MARGIN + 3, top + plotH / 2, { align: 'center', angle: 90 });
    doc.setDrawColor(...COLOURS.accent);
    for (const mark of marks) {
      doc.setFillColor(...COLOURS.accentLight);
      doc.circle(x0 + mark.x, top + mark.y, Math.max(mark.ring, 0.4), 'FD');
    }
    for (const mark of marks) {
      if (mark.dot <= 0) continue;
      doc.setFillColor(...COLOURS.accent);
      doc.circle(x0 + mark.x, top + mark.y, mark.dot, 'F');
    }
    doc.setDrawColor(...COLOURS.ink);
    doc.setLineWidth(0.2);
    for (const label of labels) {
      if (label.leader !== null) {
        const l = label.leader;
        doc.line(x0 + l.x1, top + l.y1, x0 + l.x2, top + l.y2);
      }
    }
    font(7.5, 'bold', COLOURS.ink);
    for (const label of labels) {
      // On a white tab: a number over a ring must still read.
      doc.setFillColor(255, 255, 255);
      doc.rect(x0 + label.x, top + label.y, label.width, label.height, 'F');
      doc.text(label.text, x0 + label.x + 0.4, top + label.y + label.height / 2, {
        baseline: 'middle',
      });
    }
    // The key names each number with its figures, so the drawing needs no overlapping labels.
    let ky = top;
    const entries = keyEntries(m);
    marks.forEach((mark, i) => {
      const entry = entries[i];
      if (entry === undefined) return;
      font(7.5, 'bold', COLOURS.ink);
      doc.text(`${String(mark.number)}.`, keyX, ky, { baseline: 'top' });
      doc.text(entry.name, keyX + 5, ky, { baseline: 'top' });
      ky += entry.name.length * 3.4;
      font(7, 'normal', COLOURS.muted);
      doc.text(entry.figures, keyX + 5, ky, { baseline: 'top' });
      ky += entry.figures.length * 3.2 + 1.4;
    });
    y = Math.max(top + plotH + 12, ky) + 4;
  };

  const tocEntries = tableOfContents(document);
  const pageOf = new Map<string, number>();
  let tocPage = 0;
  let outlineParent: unknown = null;

  type HeadingBlock = Extract<Block, { kind: 'heading' }>;
  const headingHeight = (h: HeadingBlock): number => {
    const size = h.level === 1 ? 18 : 12.5;
    doc.setFont(FAMILY, 'bold');
    doc.setFontSize(size);
    const n = lines(h.text, TEXT_WIDTH).length;
    return h.level === 1 ? n * lineHeight(size) + 6 : 2 + n * lineHeight(size) + 1.5;
  };
  /** Lines of wrapped text at a size, measured as `write` will draw them. */
  const textLines = (text: string, width: number, size: number): number => {
    doc.setFont(FAMILY, 'normal');
    doc.setFontSize(size);
    return lines(text, width).length;
  };
  /**
   * The height the start of `blocks` needs on the page where a heading before them is drawn: a
   * heading is never left alone at the foot of a page. A paragraph's first three lines, a list's
   * first item, a table's head and first row, a chart whole; a sub-heading with what follows it.
   */
  const leadHeight = (blocks: readonly Block[]): number => {
    const b = blocks[0];
    if (b === undefined) return 0;
    switch (b.kind) {
      case 'heading':
        return b.level === 1 ? 0 : headingHeight(b) + leadHeight(blocks.slice(1));
      case 'paragraph':
        return paragraphLead(b, blocks.slice(1));
      case 'list':
        return Math.min(3, textLines(b.items[0] ?? '', TEXT_WIDTH - 7, 9.5)) * lineHeight(9.5);
      case 'score':
        return 10;
      case 'keyValues':
        return tableLead(null, pairs(b.rows), undefined, true);
      case 'table':
        return b.rows.length === 0
          ? lineHeight(9.5)
          : tableLead(
              b.columns.map((c) => c.head),
              tableCells(b),
              b.columns.map((c) => c.width),
              false,
            );
      case 'chart':
        return chartHeight(b.chart);
      case 'matrix':
        return matrixHeight(b.matrix);
      case 'curve':
        return curveHeight();
      default:
        return 0;
    }
  };
  type ParagraphBlock = Extract<Block, { kind: 'paragraph' }>;
  const paragraphSize = (b: ParagraphBlock): number => (b.tone === 'small' ? 8 : 9.5);
  const paragraphWidth = (b: ParagraphBlock): number =>
    b.tone === 'note' ? TEXT_WIDTH - 4 : TEXT_WIDTH;
  const paragraphGap = (b: ParagraphBlock): number => (b.tone === undefined ? 2.5 : 3);
  /**
   * What of a paragraph has to share a page with what comes before it: a short intro (up to
   * INTRO_LINES) right before a table or figure whole, with the start of that table or figure;
   * a paragraph of up to three lines whole; otherwise its first two lines.
   */
  const paragraphLead = (b: ParagraphBlock, after: readonly Block[]): number => {
    const size = paragraphSize(b);
    const n = textLines(b.text, paragraphWidth(b), size);
    const own = n * lineHeight(size);
    const next = after[0];
    if (
      n <= INTRO_LINES &&
      next !== undefined &&
      ['table', 'keyValues', 'chart', 'matrix', 'curve'].includes(next.kind)
    ) {
      return own + paragraphGap(b) + leadHeight(after);
    }
    return n <= SHORT_PARAGRAPH_LINES ? own : 2 * lineHeight(size);
  };
  /** Room for a heading and the start of what it heads, never more than a page can give. */
  const keepWithNext = (own: number, following: readonly Block[]): number =>
    Math.min(own + leadHeight(following), BOTTOM - TOP);

  const drawBlock = (block: Block, following: readonly Block[]): void => {
    switch (block.kind) {
      case 'cover': {
        doc.setFillColor(...COLOURS.accent);
        doc.rect(0, 0, A4.width, 62, 'F');
        font(10, 'bold', [255, 255, 255]);
        doc.text('OpsReady', MARGIN, 18);
        font(22, 'bold', [255, 255, 255]);
        doc.text(lines(block.title, TEXT_WIDTH), MARGIN, 34);
        y = 78;
        font(20, 'bold', COLOURS.ink);
        for (const line of lines(block.organisation, TEXT_WIDTH)) {
          doc.text(line, MARGIN, y, { baseline: 'top' });
          y += lineHeight(20);
        }
        y += 6;
        const boxWidth = (TEXT_WIDTH - 6) / 2;
        block.scores.forEach((s, i) => {
          const x = MARGIN + i * (boxWidth + 6);
          doc.setFillColor(...COLOURS.band);
          doc.rect(x, y, boxWidth, 30, 'F');
          font(9, 'normal', COLOURS.muted);
          doc.text(t(s.label), x + 5, y + 5, { baseline: 'top' });
          font(26, 'bold', COLOURS.accent);
          doc.text(t(s.value), x + 5, y + 13, { baseline: 'top' });
        });
        y += 38;
        table(null, pairs(block.rows), undefined, true);
        if (replaced > 0) {
          font(9, 'normal', COLOURS.ink);
          write(
            `${String(replaced)} character${replaced === 1 ? ' is' : 's are'} not in the embedded font (${FONT_NAME}) and ` +
              `${replaced === 1 ? 'is' : 'are'} printed as ${REPLACEMENT}. The Markdown export and the assessment data keep them as written.`,
            MARGIN,
            TEXT_WIDTH,
            9,
            3,
          );
        }
        font(8, 'normal', COLOURS.muted);
        write(
          'Confidential: this report describes the security gaps of the organisation named above. ' +
            'It was produced on the assessor’s machine by OpsReady; the assessment data was not sent anywhere.',
          MARGIN,
          TEXT_WIDTH,
          8,
          0,
        );
        break;
      }
      case 'toc':
        newPage();
        tocPage = doc.getNumberOfPages();
        font(18, 'bold', COLOURS.accent);
        doc.text(t(block.title), MARGIN, y, { baseline: 'top' });
        // The entries are drawn at the end, when every section's page is known.
        break;
      case 'heading':
        if (block.level === 1) {
          if (block.newPage === true) newPage();
          else ensureSpace(keepWithNext(headingHeight(block), following));
          font(18, 'bold', COLOURS.accent);
          write(block.text, MARGIN, TEXT_WIDTH, 18, 1);
          doc.setDrawColor(...COLOURS.accent);
          doc.setLineWidth(0.5);
          doc.line(MARGIN, y, MARGIN + TEXT_WIDTH, y);
          doc.setLineWidth(0.2);
          y += 5;
          pageOf.set(block.id, doc.getNumberOfPages());
          outlineParent = doc.outline.add(null, pdfTextString(block.text), {
            pageNumber: doc.getNumberOfPages(),
          });
        } else {
          ensureSpace(keepWithNext(headingHeight(block), following));
          y += 2;
          font(12.5, 'bold', COLOURS.accent);
          write(block.text, MARGIN, TEXT_WIDTH, 12.5, 1.5);
          doc.outline.add(outlineParent, pdfTextString(block.text), {
            pageNumber: doc.getNumberOfPages(),
          });
        }
        break;
      case 'paragraph': {
        // An intro moves to the next page with the start of the table or figure it introduces.
        const lead = paragraphLead(block, following);
        if (lead <= PAGE_HEIGHT) ensureSpace(lead);
        if (block.tone === 'note') {
          const start = y;
          const startPage = doc.getNumberOfPages();
          font(9.5, 'normal', COLOURS.ink);
          paragraph(block.text, MARGIN + 4, TEXT_WIDTH - 4, 9.5, 0);
          if (doc.getNumberOfPages() === startPage) {
            doc.setFillColor(...COLOURS.accent);
            doc.rect(MARGIN, start, 1.2, y - start, 'F');
          }
          y += 3;
        } else if (block.tone === 'small') {
          font(8, 'normal', COLOURS.muted);
          paragraph(block.text, MARGIN, TEXT_WIDTH, 8, 3);
        } else {
          font(9.5, 'normal', COLOURS.ink);
          paragraph(block.text, MARGIN, TEXT_WIDTH, 9.5, 2.5);
        }
        break;
      }
      case 'list':
        block.items.forEach((item, i) => {
          font(9.5, 'bold', COLOURS.accent);
          ensureSpace(lineHeight(9.5));
          doc.text(`${String(i + 1)}.`, MARGIN, y, { baseline: 'top' });
          font(9.5, 'normal', COLOURS.ink);
          write(item, MARGIN + 7, TEXT_WIDTH - 7, 9.5, 0.8);
        });
        y += 1.5;
        break;
      case 'score': {
        // The number and its label on one line: a board page holds both scores and their words.
        ensureSpace(10);
        font(20, 'bold', COLOURS.accent);
        const value = t(block.value);
        doc.text(value, MARGIN, y, { baseline: 'top' });
        const after = MARGIN + doc.getTextWidth(value) + 4;
        font(9.5, 'normal', COLOURS.muted);
        doc.text(t(block.label), after, y + 2.6, { baseline: 'top' });
        y += 9.5;
        break;
      }
      case 'keyValues':
        table(null, pairs(block.rows), undefined, true);
        break;
      case 'table':
        // An empty table is one line of text, not a head over a row that says it is empty.
        if (block.rows.length === 0) {
          font(9.5, 'normal', COLOURS.ink);
          write(block.empty, MARGIN, TEXT_WIDTH, 9.5, 2.5);
        } else {
          table(
            block.columns.map((c) => c.head),
            tableCells(block),
            block.columns.map((c) => c.width),
            false,
          );
        }
        break;
      case 'chart':
        chart(block.chart);
        break;
      case 'matrix':
        matrix(block.matrix);
        break;
      case 'curve':
        curve(block.curve);
        break;
    }
  };

  const total = document.blocks.length;
  for (const [i, block] of document.blocks.entries()) {
    drawBlock(block, document.blocks.slice(i + 1, i + 4));
    if (onProgress !== undefined) {
      onProgress(i + 1, total);
      if ((i + 1) % BLOCKS_PER_YIELD === 0) {
        await new Promise<void>((resolve) => setTimeout(resolve, 0));
      }
    }
  }

  // Contents, with links, now that every section has its page.
  if (tocPage > 0) {
    doc.setPage(tocPage);
    let ty = TOP + 14;
    tocEntries.forEach((entry, i) => {
      const page = pageOf.get(entry.id);
      if (page === undefined) return;
      font(11, 'normal', COLOURS.ink);
      const label = `${String(i + 1)}.  ${t(entry.text)}`;
      doc.text(label, MARGIN, ty, { baseline: 'top' });
      doc.text(String(page), MARGIN + TEXT_WIDTH, ty, { baseline: 'top', align: 'right' });
      doc.setDrawColor(...COLOURS.rule);
      doc.setLineDashPattern([0.4, 1.2], 0);
      const from = MARGIN + doc.getTextWidth(label) + 2;
      const to = MARGIN + TEXT_WIDTH - doc.getTextWidth(String(page)) - 2;
      if (to > from) doc.line(from, ty + 3.2, to, ty + 3.2);
      doc.setLineDashPattern([], 0);
      doc.link(MARGIN, ty - 1, TEXT_WIDTH, 7, { pageNumber: page });
      ty += 8;
    });
  }

  // Running header, footer and page numbers go on last, when the page count is known.
  const pages = doc.getNumberOfPages();
  for (let page = 1; page <= pages; page += 1) {
    doc.setPage(page);
    font(7.5, 'normal', COLOURS.muted);
    if (page > 1) {
      doc.text(t(document.header), MARGIN, 10);
      doc.setDrawColor(...COLOURS.rule);
      doc.line(MARGIN, 12, MARGIN + TEXT_WIDTH, 12);
    }
    doc.text(t(document.footer), MARGIN, A4.height - 8);
    doc.text(`Page ${String(page)} of ${String(pages)}`, A4.width - MARGIN, A4.height - 8, {
      align: 'right',
    });
  }
  return fixCidOrdering(new Uint8Array(doc.output('arraybuffer')));
}
