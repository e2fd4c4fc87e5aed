import { headingAnchor } from '../format.ts';
import type { BarChart, RiskMatrix } from './charts.ts';
import type { ExceedanceCurve } from './dollars.ts';

/**
 * The printable report as a list of blocks, computed without jspdf so the content and order of a
 * PDF can be tested in plain Node. The PDF renderer only decides where blocks land on the page,
 * the Markdown export renders the same list and the Report page draws it, so none of the three can
 * disagree on a word.
 */
export type Block =
  | {
      readonly kind: 'cover';
      readonly title: string;
      readonly organisation: string;
      readonly rows: readonly KeyValue[];
      readonly scores: readonly { readonly label: string; readonly value: string }[];
    }
  /** The table of contents: every level-1 heading, with its page in the PDF and a link in Markdown. */
  | { readonly kind: 'toc'; readonly title: string }
  | {
      readonly kind: 'heading';
      readonly level: 1 | 2;
      readonly text: string;
      /** The anchor GitHub gives the heading, so Markdown links resolve. */
      readonly id: string;
      /**
       * Starts a fresh page in the PDF. Other headings follow on the same page when the heading
       * and the start of what it heads fit there.
       */
      readonly newPage?: true;
    }
  | { readonly kind: 'paragraph'; readonly text: string; readonly tone?: 'note' | 'small' }
  | { readonly kind: 'list'; readonly items: readonly string[] }
  | {
      readonly kind: 'score';
      /** What finds the number on screen, for the reader's tools and the tests. */
      readonly id: string;
      readonly label: string;
      readonly value: string;
    }
  | { readonly kind: 'keyValues'; readonly rows: readonly KeyValue[] }
  | TableBlock
  | { readonly kind: 'chart'; readonly chart: BarChart }
  | { readonly kind: 'matrix'; readonly matrix: RiskMatrix }
  /** A loss-exceedance curve (the dollar view), drawn on screen and in the PDF, a table elsewhere. */
  | { readonly kind: 'curve'; readonly curve: ExceedanceCurve };

export interface KeyValue {
  readonly key: string;
  readonly value: string;
  /** A hash quoted in `value`: the screen sets it apart so it can be selected and compared whole. */
  readonly digest?: string;
  /** Names the digest on screen, for whoever reads it off the page. */
  readonly id?: string;
}

/**
 * A table whose columns say how to print a row, so a heading cannot drift from its cells. Rows stay
 * the model's rows: the screen can reorder them without the document formatting anything twice.
 */
export interface TableBlock<Row = unknown> {
  readonly kind: 'table';
  /** Tells one table from another: renderers and tests look tables up by it, never by a title. */
  readonly id: string;
  readonly columns: readonly Column<Row>[];
  readonly rows: readonly Row[];
  readonly empty: string;
  /**
   * Other orders of the same rows a reader can switch between on screen; the first is `rows`, the
   * one printed.
   */
  readonly orders?: {
    readonly legend: string;
    readonly options: readonly { readonly label: string; readonly rows: readonly Row[] }[];
  };
}

export interface Column<Row> {
  readonly head: string;
  /** Relative width; the PDF scales the widths to the page. */
  readonly width: number;
  /** The cell's text for a row; a line end starts a secondary line. */
  cell(row: Row): string;
  /** Left out at phone width on screen (the text is still there for a screen reader and print). */
  readonly hideOnPhone?: boolean;
  /** The cell that names the row. The first column does when no column says so. */
  readonly rowHeader?: boolean;
  /** A word for the cell's state (e.g. an incident outcome) that the screen colours by. */
  tone?(row: Row): string;
}

export interface ReportDocument {
  readonly metadata: {
    readonly title: string;
    readonly subject: string;
    readonly author: string;
    readonly keywords: string;
  };
  /** Running header, on every page but the cover. */
  readonly header: string;
  /** Running footer, beside the page number: ties every page to the data it came from. */
  readonly footer: string;
  readonly fileName: string;
  readonly blocks: readonly Block[];
}

export const heading = (
  text: string,
  level: 1 | 2 = 1,
  options: { readonly newPage?: boolean } = {},
): Block => ({
  kind: 'heading',
  level,
  text,
  id: headingAnchor(text),
  ...(options.newPage === true ? { newPage: true as const } : {}),
});

/**
 * A section that is only a table: its heading and the table, or, with no rows, one line that says
 * so in place of both, so an empty section never takes a heading, a table head and a page.
 */
export function tableSection<Row>(
  title: string,
  level: 1 | 2,
  spec: Omit<TableBlock<Row>, 'kind'>,
  intro: readonly Block[] = [],
): Block[] {
  if (spec.rows.length === 0) return [paragraph(`${title}: ${spec.empty}`)];
  return [heading(title, level), ...intro, table(spec)];
}

export const paragraph = (text: string, tone?: 'note' | 'small'): Block =>
  tone === undefined ? { kind: 'paragraph', text } : { kind: 'paragraph', text, tone };

/** A table block whose row type the columns are checked against. */
export function table<Row>(spec: Omit<TableBlock<Row>, 'kind'>): TableBlock<Row> {
  return { kind: 'table', ...spec };
}

/** The text of every cell, row by row, as every renderer prints it. */
export function tableCells(block: TableBlock, rows: readonly unknown[] = block.rows): string[][] {
  return rows.map((row) => block.columns.map((c) => c.cell(row)));
}

/** Index of the column that names each row. */
export function rowHeaderIndex(block: TableBlock): number {
  return Math.max(
    0,
    block.columns.findIndex((c) => c.rowHeader === true),
  );
}

/** A log-axis tick as printed: 0.001, 0.01, 0.1, 1, 10. */
export function formatTick(value: number): string {
  return String(Number(value.toPrecision(1)));
}

export const orNotSet = (text: string): string => text || '(not set)';

/** The level-1 headings, in order: the table of contents. */
export function tableOfContents(doc: ReportDocument): { text: string; id: string }[] {
  return doc.blocks.flatMap((b) =>
    b.kind === 'heading' && b.level === 1 ? [{ text: b.text, id: b.id }] : [],
  );
}

/** Every string the renderer will print, for checking them against the font before drawing. */
export function documentTexts(doc: ReportDocument): string[] {
  // Metadata is not drawn with the font, so it is not counted.
  const texts = [doc.header, doc.footer];
  for (const b of doc.blocks) {
    switch (b.kind) {
      case 'cover':
        texts.push(
          b.title,
          b.organisation,
          ...b.rows.flatMap((r) => [r.key, r.value]),
          ...b.scores.flatMap((s) => [s.label, s.value]),
        );
        break;
      case 'toc':
        texts.push(b.title);
        break;
      case 'heading':
      case 'paragraph':
        texts.push(b.text);
        break;
      case 'list':
        texts.push(...b.items);
        break;
      case 'score':
        texts.push(b.label, b.value);
        break;
      case 'keyValues':
        texts.push(...b.rows.flatMap((r) => [r.key, r.value]));
        break;
      case 'table':
        texts.push(...b.columns.map((c) => c.head), ...tableCells(b).flat(), b.empty);
        break;
      case 'chart':
        texts.push(
          b.chart.title,
          b.chart.unit,
          ...b.chart.bars.flatMap((x) => [x.label, x.display]),
        );
        break;
      case 'matrix':
        texts.push(
          b.matrix.title,
          b.matrix.summary,
          b.matrix.xLabel,
          b.matrix.yLabel,
          b.matrix.legend.dot,
          b.matrix.legend.ring,
          ...b.matrix.points.flatMap((p) => [
            p.label,
            p.incidentDisplay,
            p.costDisplay,
            p.residualDisplay,
          ]),
          ...[...b.matrix.x.ticks, ...b.matrix.y.ticks].map(formatTick),
        );
        break;
      case 'curve':
        texts.push(
          b.curve.title,
          b.curve.summary,
          b.curve.xLabel,
          b.curve.yLabel,
          ...b.curve.series.map((x) => x.label),
          ...b.curve.heads,
          ...b.curve.rows.flat(),
        );
        break;
    }
  }
  return texts;
}
