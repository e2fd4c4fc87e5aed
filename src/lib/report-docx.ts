import type * as Docx from 'docx';
import {
  rowHeaderIndex,
  tableCells,
  type Block,
  type KeyValue,
  type ReportDocument,
  type TableBlock,
} from '../domain/report/blocks.ts';
import type { BarChart, RiskMatrix } from '../domain/report/charts.ts';

/**
 * Draws a report document as a Word file (.docx) a reviewer can edit: the same blocks as the PDF,
 * the Markdown and the screen, so none of them can disagree on a word. Headings use Word's own
 * Heading 1 and 2 styles, so the navigation pane and the contents field work; tables are real
 * tables whose header row repeats on every page; charts are tables of their numbers under their
 * text alternative, as in the Markdown. The only module that loads `docx`, and only through a
 * dynamic import, so the library stays out of the app's first load. `npm run report` uses the same
 * function.
 */

let library: Promise<typeof Docx> | undefined;
function loadLibrary(): Promise<typeof Docx> {
  // A failed load (e.g. the site was updated and the old chunk is gone) must not stick.
  library ??= import('docx').catch((error: unknown) => {
    library = undefined;
    throw error;
  });
  return library;
}

export interface DocxRenderOptions {
  /**
   * The document's created and modified dates and its zip entries' times: the one thing allowed
   * to differ between two renders of the same report.
   */
  readonly creationDate: Date;
  /** Told after each block is laid out, with how many there are. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Blocks laid out between two yields to the event loop when progress is reported. */
const BLOCKS_PER_YIELD = 10;

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Word's page: A4, with the PDF's look at a Word document's usual margins. */
const TWIPS_PER_MM = 1440 / 25.4;
const PAGE = { width: 11906, height: 16838 } as const;
const mm = (n: number): number => Math.round(n * TWIPS_PER_MM);
const MARGIN = mm(18);
const TEXT_WIDTH = PAGE.width - 2 * MARGIN;
const COLOURS = {
  ink: '14212B',
  muted: '54626E',
  accent: '0F3D3E',
  accentLight: 'C6DEDC',
  rule: 'CDD4DA',
  band: 'ECF2F2',
} as const;
/**
 * On every Windows and Mac, and metric-compatible with Liberation Sans, which LibreOffice
 * substitutes on Linux, so a page breaks alike in both.
 */
const FONT = 'Arial';
/** Half-points, as Word counts font sizes. */
const SIZE = { body: 20, small: 16, table: 17, dense: 15, head: 16 } as const;
const LIST = 'report-list';

/**
 * Characters XML 1.0 cannot hold (controls other than tab and line ends, lone surrogates, U+FFFE,
 * U+FFFF): Word refuses a whole file with one of them in a note, so each becomes U+FFFD. The
 * Markdown export and the assessment data keep them as written.
 */
const NOT_XML =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
export const xmlSafe = (text: string): string => text.replace(NOT_XML, '\ufffd');

export async function renderReportDocx(
  document: ReportDocument,
  { creationDate, onProgress }: DocxRenderOptions,
): Promise<Uint8Array<ArrayBuffer>> {
  const d = await loadLibrary();
  const total = document.blocks.length;
  let listCount = 0;

  /** Runs of one text, a line end starting a new line in the same paragraph. */
  const runs = (text: string, style: Omit<Docx.IRunOptions, 'text' | 'break'> = {}) =>
    xmlSafe(text)
      .split(/\r\n?|\n/)
      .map((line, i) => new d.TextRun({ ...style, text: line, ...(i > 0 ? { break: 1 } : {}) }));

  const para = (text: string, options: Omit<Docx.IParagraphOptions, 'text' | 'children'> = {}) =>
    new d.Paragraph({ ...options, children: runs(text) });

  const cell = (
    children: Docx.Paragraph[],
    options: { readonly head?: boolean; readonly shade?: boolean; readonly width?: number } = {},
  ) =>
    new d.TableCell({
      children,
      margins: { top: 40, bottom: 40, left: 80, right: 80 },
      ...(options.width === undefined
        ? {}
        : { width: { size: options.width, type: d.WidthType.DXA } }),
      ...(options.head === true
        ? { shading: { type: d.ShadingType.CLEAR, fill: COLOURS.accent, color: 'auto' } }
        : options.shade === true
          ? { shading: { type: d.ShadingType.CLEAR, fill: COLOURS.band, color: 'auto' } }
          : {}),
    });

  /** A cell's text: its first line as it is, further lines smaller and muted, as on screen. */
  const cellText = (text: string, strong: boolean, size: number): Docx.Paragraph[] =>
    xmlSafe(text)
      .split(/\r\n?|\n/)
      .map((line, i) => {
        // Typed apart: TextRun also takes a string, whose legacy String.bold lint would see here.
        const run: Docx.IRunOptions = {
          text: line,
          bold: strong,
          size: i > 0 ? Math.min(size, SIZE.small) : size,
          ...(i > 0 ? { color: COLOURS.muted } : {}),
        };
        return new d.Paragraph({ style: 'TableText', children: [new d.TextRun(run)] });
      });

  /**
   * A table with a header row Word repeats on every page it runs onto; a row is never split across
   * two pages, as in the PDF.
   */
  const table = (
    head: readonly string[] | null,
    rows: readonly (readonly string[])[],
    widths: readonly number[],
    rowHeader: number | null,
    /** A last column drawn rather than written (a chart's bars), with an empty head. */
    drawn?: { readonly width: number; cell(row: number, width: number): Docx.Paragraph[] },
  ): Docx.Table => {
    const fitted = fitColumns(
      head === null || drawn === undefined ? head : [...head, ''],
      drawn === undefined ? rows : rows.map((r) => [...r, '']),
      drawn === undefined ? widths : [...widths, drawn.width],
    );
    const { widths: columnWidths, size } = fitted;
    const border = { style: d.BorderStyle.SINGLE, size: 4, color: COLOURS.rule };
    return new d.Table({
      width: { size: TEXT_WIDTH, type: d.WidthType.DXA },
      columnWidths,
      layout: d.TableLayoutType.FIXED,
      borders: {
        top: border,
        bottom: border,
        left: border,
        right: border,
        insideHorizontal: border,
        insideVertical: border,
      },
      rows: [
        ...(head === null
          ? []
          : [
              new d.TableRow({
                tableHeader: true,
                cantSplit: true,
                children: (drawn === undefined ? head : [...head, '']).map((h, i) =>
                  cell(
                    [
                      new d.Paragraph({
                        style: 'TableText',
                        children: runs(h, { bold: true, color: 'FFFFFF', size: SIZE.head }),
                      }),
                    ],
                    { head: true, width: columnWidths[i] ?? 0 },
                  ),
                ),
              }),
            ]),
        ...rows.map(
          (row, r) =>
            new d.TableRow({
              cantSplit: true,
              children: [
                ...row.map((text, i) =>
                  cell(cellText(text, i === rowHeader, size), {
                    shade: head !== null && r % 2 === 1,
                    width: columnWidths[i] ?? 0,
                  }),
                ),
                ...(drawn === undefined
                  ? []
                  : [
                      cell(drawn.cell(r, (columnWidths[row.length] ?? 0) - CELL_PADDING), {
                        width: columnWidths[row.length] ?? 0,
                      }),
                    ]),
              ],
            }),
        ),
      ],
    });
  };

  const pairs = (rows: readonly KeyValue[]): string[][] => rows.map((r) => [r.key, r.value]);
  const keyValues = (rows: readonly KeyValue[]): Docx.Table => table(null, pairs(rows), [1, 3], 0);

  /** A figure's title, in Word's Caption style (a table of figures can collect it). */
  const caption = (text: string): Docx.Paragraph =>
    para(text, { style: 'Caption', keepNext: true });

  /**
   * A bar as a shaded, empty paragraph whose right indent leaves the rest of the cell blank: Word
   * draws it, and a reader of the text (pandoc, a screen reader) meets no stray characters.
   */
  const bar = (value: number, max: number, fill: string, room: number): Docx.Paragraph =>
    new d.Paragraph({
      style: 'Bar',
      indent: { right: Math.round((1 - Math.min(Math.max(value / max, 0), 1)) * room) },
      shading: { type: d.ShadingType.CLEAR, fill, color: 'auto' },
      children: [],
    });
  const chart = (c: BarChart): (Docx.Paragraph | Docx.Table)[] => [
    caption(c.title),
    para(c.summary, { keepNext: true }),
    table(
      ['', c.unit],
      c.bars.map((b) => [b.label, b.display]),
      [3, 1],
      0,
      {
        width: 4,
        // The background (e.g. the exposure before controls) above the value, lighter.
        cell: (r, room) => {
          const b = c.bars[r];
          if (b === undefined) return [];
          return [
            ...(b.background === null ? [] : [bar(b.background, c.max, COLOURS.accentLight, room)]),
            ...(b.value === null || b.value <= 0
              ? []
              : [bar(b.value, c.max, COLOURS.accent, room)]),
          ];
        },
      },
    ),
  ];

  const matrix = (m: RiskMatrix): (Docx.Paragraph | Docx.Table)[] => [
    caption(m.title),
    para(m.summary, { keepNext: true }),
    table(
      [
        'Attack vector',
        'Incident share (how often)',
        'Cost per incident (× average)',
        'Residual of exposure',
      ],
      m.points.map((p) => [p.label, p.incidentDisplay, p.costDisplay, p.residualDisplay]),
      [3, 2, 2, 2],
      0,
    ),
  ];

  const dataTable = (b: TableBlock): Docx.Table =>
    table(
      b.columns.map((c) => c.head),
      tableCells(b),
      b.columns.map((c) => c.width),
      rowHeaderIndex(b),
    );

  const render = (block: Block): (Docx.Paragraph | Docx.Table | Docx.TableOfContents)[] => {
    switch (block.kind) {
      case 'cover':
        return [
          para('OpsReady', { style: 'CoverBrand' }),
          para(block.title, { heading: d.HeadingLevel.TITLE }),
          para(block.organisation, { style: 'Subtitle' }),
          // The scores as the PDF's cover shows them: each label over its number, side by side.
          new d.Table({
            width: { size: TEXT_WIDTH, type: d.WidthType.DXA },
            columnWidths: block.scores.map(() => Math.floor(TEXT_WIDTH / block.scores.length)),
            layout: d.TableLayoutType.FIXED,
            borders: d.TableBorders.NONE,
            rows: [
              ['ScoreLabel', (s: (typeof block.scores)[number]) => s.label] as const,
              ['ScoreValue', (s: (typeof block.scores)[number]) => s.value] as const,
            ].map(
              ([style, text]) =>
                new d.TableRow({
                  cantSplit: true,
                  children: block.scores.map((s) =>
                    cell([para(text(s), { style, keepNext: true })], { shade: true }),
                  ),
                }),
            ),
          }),
          para('', { style: 'Gap' }),
          keyValues(block.rows),
        ];
      case 'toc':
        // Filled in with the level-1 headings as written; Word adds the page numbers when it
        // updates the field, which it offers on opening.
        return [
          para(block.title, { style: 'TOCHeading', pageBreakBefore: true }),
          new d.TableOfContents(block.title, { hyperlink: true, headingStyleRange: '1-1' }),
        ];
      case 'heading':
        return [
          para(block.text, {
            heading: block.level === 1 ? d.HeadingLevel.HEADING_1 : d.HeadingLevel.HEADING_2,
            ...(block.newPage === true ? { pageBreakBefore: true } : {}),
          }),
        ];
      case 'paragraph':
        return [
          para(block.text, {
            ...(block.tone === 'note' ? { style: 'Note' } : {}),
            ...(block.tone === 'small' ? { style: 'Small' } : {}),
          }),
        ];
      case 'list': {
        // Each list counts from 1 again, as in the PDF and the Markdown.
        listCount += 1;
        const instance = listCount;
        return block.items.map((item) =>
          para(item, { numbering: { reference: LIST, level: 0, instance } }),
        );
      }
      case 'score':
        return [
          new d.Paragraph({
            style: 'Score',
            children: [
              ...runs(`${block.label}: `, { color: COLOURS.muted, size: 22 }),
              ...runs(block.value, { bold: true, color: COLOURS.accent, size: 40 }),
            ],
          }),
        ];
      case 'keyValues':
        return [keyValues(block.rows), para('', { style: 'Gap' })];
      case 'table':
        return block.rows.length === 0
          ? [para(block.empty, { style: 'Empty' })]
          : [dataTable(block), para('', { style: 'Gap' })];
      case 'chart':
        return [...chart(block.chart), para('', { style: 'Gap' })];
      case 'matrix':
        return [...matrix(block.matrix), para('', { style: 'Gap' })];
      case 'curve':
        // The curve's points as the table the document gives them in, under its text alternative.
        return [
          caption(block.curve.title),
          para(block.curve.summary, { keepNext: true }),
          table(
            block.curve.heads,
            block.curve.rows,
            block.curve.heads.map(() => 1),
            0,
          ),
          para('', { style: 'Gap' }),
        ];
    }
  };

  const children: (Docx.Paragraph | Docx.Table | Docx.TableOfContents)[] = [];
  for (const [i, block] of document.blocks.entries()) {
    children.push(...render(block));
    if (onProgress !== undefined) {
      onProgress(i + 1, total);
      // Now and then back to the event loop, so a page can repaint its progress.
      if ((i + 1) % BLOCKS_PER_YIELD === 0) {
        await new Promise<void>((resolve) => setTimeout(resolve, 0));
      }
    }
  }

  const properties = documentProperties(document);
  const footer = (): Docx.Footer =>
    new d.Footer({
      children: [
        new d.Paragraph({
          style: 'Furniture',
          tabStops: [{ type: d.TabStopType.RIGHT, position: TEXT_WIDTH }],
          children: [
            ...runs(document.footer),
            new d.TextRun({
              children: ['\tPage ', d.PageNumber.CURRENT, ' of ', d.PageNumber.TOTAL_PAGES],
            }),
          ],
        }),
      ],
    });
  const file = new d.Document({
    // The same as docProps/core.xml below, which replaces what docx writes for the dates' sake.
    title: xmlSafe(properties.core.title),
    subject: xmlSafe(properties.core.subject),
    creator: xmlSafe(properties.core.creator),
    keywords: xmlSafe(properties.core.keywords),
    description: xmlSafe(properties.core.description),
    ...(properties.digest === undefined
      ? {}
      : { customProperties: [{ name: 'OpsReady data SHA-256', value: properties.digest }] }),
    // Word offers to update the contents (adding page numbers) when the file is opened.
    features: { updateFields: true },
    styles: styles(d),
    numbering: {
      config: [
        {
          reference: LIST,
          levels: [
            {
              level: 0,
              format: d.LevelFormat.DECIMAL,
              text: '%1.',
              alignment: d.AlignmentType.LEFT,
              style: {
                paragraph: { indent: { left: 400, hanging: 400 } },
                run: { bold: true, color: COLOURS.accent },
              },
            },
          ],
        },
      ],
    },
    sections: [
      {
        properties: {
          // The cover has the footer but no running header, as in the PDF.
          titlePage: true,
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            // The running header and footer sit in the margins, clear of the text.
            margin: {
              top: mm(24),
              bottom: mm(22),
              left: MARGIN,
              right: MARGIN,
              header: mm(10),
              footer: mm(10),
            },
          },
        },
        headers: {
          default: new d.Header({
            children: [para(document.header, { style: 'Furniture' })],
          }),
          first: new d.Header({ children: [] }),
        },
        footers: { default: footer(), first: footer() },
        children,
      },
    ],
  });
  const packed = await d.Packer.toArrayBuffer(file, false, [
    { path: 'docProps/core.xml', data: coreProperties(properties.core, creationDate) },
  ]);
  return setZipTimes(new Uint8Array(packed), creationDate);
}

/** Cell margins left and right, twips. */
const CELL_PADDING = 160;

/**
 * Column widths in twips and the body size in half-points: the document's relative widths scaled
 * to the page, then widened until no header word and no word of a cell ("unanswered",
 * "engineering)", a rank of 10) has to be split mid-word ("Risk re/moved", "Robu/st"), the room
 * taken from the columns that have it to spare, as the PDF does. A table too dense for that (the
 * remediation plan's ten columns) is set a point smaller, then keeps whole only its header words
 * and its one-word lines. Word measures nothing until it opens the file, so a word's width is
 * estimated from its length: Arial averages about half an em, and 0.6 errs wide. Words longer
 * than 12 characters (links, hashes) are left to wrap.
 */
export function fitColumns(
  head: readonly string[] | null,
  rows: readonly (readonly string[])[],
  widths: readonly number[],
): { widths: number[]; size: number } {
  const em = (halfPoints: number): number => (halfPoints / 2) * 20 * 0.6;
  const widest = (words: readonly string[], halfPoints: number): number =>
    Math.max(0, ...words.filter((w) => w.length <= 12).map((w) => w.length * em(halfPoints)));
  const split = (text: string): string[] => text.split(/\s+/);
  const oneWordLines = (text: string): string[] =>
    text.split('\n').filter((line) => !/\s/.test(line.trim()) && line.trim().length <= 10);
  const minimumFor = (cellWords: (text: string) => string[], size: number): number[] =>
    widths.map(
      (_, i) =>
        Math.max(
          head?.[i] === undefined ? 0 : widest(split(head[i]), SIZE.head),
          ...rows.map((r) => widest(cellWords(r[i] ?? ''), size)),
        ) + CELL_PADDING,
    );
  const sum = (list: readonly number[]): number => list.reduce((a, b) => a + b, 0);
  let size: number = SIZE.table;
  let minimum = minimumFor(split, size);
  for (const [words, dense] of [
    [split, SIZE.dense],
    [oneWordLines, SIZE.dense],
  ] as const) {
    if (sum(minimum) <= TEXT_WIDTH) break;
    size = dense;
    minimum = minimumFor(words, dense);
  }
  // Still too dense: every column gives up the same share of its minimum.
  const need = sum(minimum);
  const floor = need > TEXT_WIDTH ? minimum.map((m) => (m * TEXT_WIDTH) / need) : minimum;
  const total = sum(widths) || 1;
  const out = widths.map((w) => (w / total) * TEXT_WIDTH);
  const deficit = out.reduce((acc, w, i) => acc + Math.max(0, (floor[i] ?? 0) - w), 0);
  const spare = out.reduce((acc, w, i) => acc + Math.max(0, w - (floor[i] ?? 0)), 0);
  return {
    size,
    widths: out.map((w, i) => {
      const min = floor[i] ?? 0;
      if (w <= min) return Math.round(min);
      return Math.round(w - (spare === 0 ? 0 : ((w - min) / spare) * deficit));
    }),
  };
}

function styles(d: typeof Docx): Docx.IStylesOptions {
  const accent = { color: COLOURS.accent, bold: true, font: FONT };
  const base = { basedOn: 'Normal', next: 'Normal', quickFormat: true } as const;
  return {
    default: {
      document: {
        // British English, as the report is written, so Word's proofing tools check it as such.
        run: { font: FONT, size: SIZE.body, color: COLOURS.ink, language: { value: 'en-GB' } },
        paragraph: { spacing: { after: 100, line: 264, lineRule: d.LineRuleType.AUTO } },
      },
      title: { run: { ...accent, size: 48 }, paragraph: { spacing: { after: 160 } } },
      heading1: {
        run: { ...accent, size: 34 },
        paragraph: {
          keepNext: true,
          keepLines: true,
          spacing: { before: 360, after: 160 },
          border: { bottom: { style: d.BorderStyle.SINGLE, size: 8, color: COLOURS.accent } },
        },
      },
      heading2: {
        run: { ...accent, size: 25 },
        paragraph: { keepNext: true, keepLines: true, spacing: { before: 240, after: 100 } },
      },
      caption: {
        run: { ...accent, italics: false, size: 21 },
        paragraph: { keepNext: true, spacing: { before: 160, after: 80 } },
      },
    },
    paragraphStyles: [
      {
        id: 'Subtitle',
        name: 'Subtitle',
        ...base,
        run: { bold: true, size: 36, color: COLOURS.ink },
        paragraph: { spacing: { after: 240 } },
      },
      {
        id: 'CoverBrand',
        name: 'Cover brand',
        ...base,
        run: { ...accent, size: 20 },
      },
      {
        id: 'TOCHeading',
        name: 'TOC Heading',
        ...base,
        run: { ...accent, size: 34 },
        paragraph: { spacing: { after: 200 } },
      },
      {
        id: 'Note',
        name: 'Note',
        ...base,
        paragraph: {
          indent: { left: 220 },
          border: {
            left: { style: d.BorderStyle.SINGLE, size: 18, color: COLOURS.accent, space: 8 },
          },
        },
      },
      {
        id: 'Small',
        name: 'Small print',
        ...base,
        run: { size: SIZE.small, color: COLOURS.muted },
      },
      { id: 'Empty', name: 'Empty table', ...base, run: { italics: true } },
      {
        id: 'Score',
        name: 'Score',
        ...base,
        paragraph: { keepNext: true, spacing: { before: 120, after: 120 } },
      },
      {
        id: 'ScoreLabel',
        name: 'Score label',
        ...base,
        run: { size: 18, color: COLOURS.muted },
        paragraph: { spacing: { before: 80, after: 0 } },
      },
      {
        id: 'ScoreValue',
        name: 'Score value',
        ...base,
        run: { ...accent, size: 52 },
        paragraph: { spacing: { after: 80 } },
      },
      {
        id: 'TableText',
        name: 'Table text',
        ...base,
        run: { size: SIZE.table },
        paragraph: { spacing: { after: 0, line: 240, lineRule: d.LineRuleType.AUTO } },
      },
      {
        id: 'Furniture',
        name: 'Page furniture',
        ...base,
        run: { size: 15, color: COLOURS.muted },
        paragraph: { spacing: { after: 0 } },
      },
      {
        id: 'Bar',
        name: 'Chart bar',
        ...base,
        run: { size: 10 },
        paragraph: {
          spacing: { before: 20, after: 20, line: 150, lineRule: d.LineRuleType.EXACT },
        },
      },
      {
        id: 'Gap',
        name: 'Gap',
        ...base,
        run: { size: 8 },
        paragraph: { spacing: { after: 0, line: 160, lineRule: d.LineRuleType.AUTO } },
      },
    ],
  };
}

const escapeXml = (text: string): string =>
  xmlSafe(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

interface CoreFields {
  readonly title: string;
  readonly subject: string;
  readonly creator: string;
  readonly keywords: string;
  readonly description: string;
}

/**
 * What Word shows under File > Info and indexers read: the PDF's metadata, and as the description
 * the running header with the fingerprint of the data, which a reviewer's edits leave in place.
 */
function documentProperties(document: ReportDocument): {
  readonly core: CoreFields;
  readonly digest: string | undefined;
} {
  const fingerprint = document.blocks
    .flatMap((b) => (b.kind === 'cover' ? b.rows : []))
    .find((r) => r.digest !== undefined);
  return {
    core: {
      title: document.metadata.title,
      subject: document.metadata.subject,
      creator: document.metadata.author,
      keywords: document.metadata.keywords,
      description:
        fingerprint === undefined
          ? document.header
          : `${document.header}. ${fingerprint.key}: ${fingerprint.value}`,
    },
    digest: fingerprint?.digest,
  };
}

/**
 * The core properties as `docx` writes them, but dated `creationDate` rather than now, in whole
 * seconds, so the same report gives the same file.
 */
function coreProperties(core: CoreFields, creationDate: Date): string {
  const when = `${creationDate.toISOString().slice(0, 19)}Z`;
  const element = (name: string, value: string): string =>
    value === '' ? '' : `<${name}>${escapeXml(value)}</${name}>`;
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
    'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    element('dc:title', core.title) +
    element('dc:subject', core.subject) +
    element('dc:creator', core.creator) +
    element('cp:keywords', core.keywords) +
    element('dc:description', core.description) +
    element('cp:lastModifiedBy', 'OpsReady') +
    '<cp:revision>1</cp:revision>' +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified>` +
    '<dc:language>en-GB</dc:language>' +
    '</cp:coreProperties>'
  );
}

/**
 * Sets every entry's modification time in a zip file (its local header and its central directory
 * record) to `date`, in UTC: the zip library stamps each entry with the time of packing, in the
 * machine's time zone, so two renders a second apart would differ. The times are not covered by
 * the entries' CRCs, so nothing else changes. DOS times start in 1980 and count two seconds.
 */
export function setZipTimes(zip: Uint8Array<ArrayBuffer>, date: Date): Uint8Array<ArrayBuffer> {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const clamped = date.getUTCFullYear() < 1980 ? new Date(Date.UTC(1980, 0, 1)) : date;
  const dosTime =
    (clamped.getUTCHours() << 11) |
    (clamped.getUTCMinutes() << 5) |
    Math.floor(clamped.getUTCSeconds() / 2);
  const dosDate =
    ((clamped.getUTCFullYear() - 1980) << 9) |
    ((clamped.getUTCMonth() + 1) << 5) |
    clamped.getUTCDate();
  // The end-of-central-directory record: the last 22 bytes, as the writer adds no comment.
  let end = zip.length - 22;
  while (end >= 0 && view.getUint32(end, true) !== 0x06054b50) end -= 1;
  if (end < 0) throw new Error('the Word file is not a zip file (no end of central directory)');
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  for (let i = 0; i < count; i += 1) {
    if (view.getUint32(at, true) !== 0x02014b50)
      throw new Error(`zip central directory record ${String(i)} is malformed`);
    view.setUint16(at + 12, dosTime, true);
    view.setUint16(at + 14, dosDate, true);
    const local = view.getUint32(at + 42, true);
    if (view.getUint32(local, true) !== 0x04034b50)
      throw new Error(`zip local header ${String(i)} is malformed`);
    view.setUint16(local + 10, dosTime, true);
    view.setUint16(local + 12, dosDate, true);
    at +=
      46 +
      view.getUint16(at + 28, true) +
      view.getUint16(at + 30, true) +
      view.getUint16(at + 32, true);
  }
  return zip;
}
