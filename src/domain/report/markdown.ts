import {
  tableCells,
  tableOfContents,
  type Block,
  type KeyValue,
  type ReportDocument,
} from './blocks.ts';
import type { BarChart, RiskMatrix } from './charts.ts';
import type { ExceedanceCurve } from './dollars.ts';

/**
 * The report as Markdown, rendered from the same blocks as the PDF so the two cannot disagree:
 * something a reviewer can edit, diff and paste into their own document. Tables are GitHub
 * tables; charts become a table of their numbers under their text alternative.
 */
export function reportMarkdown(doc: ReportDocument): string {
  return `${doc.blocks.map((block) => renderBlock(block, doc)).join('\n\n')}\n`;
}

function renderBlock(block: Block, doc: ReportDocument): string {
  switch (block.kind) {
    case 'cover':
      return [
        `# ${inline(block.title)}`,
        `**${inline(block.organisation)}**`,
        table(['', ''], [...pairs(block.rows), ...block.scores.map((s) => [s.label, s.value])]),
      ].join('\n\n');
    case 'toc':
      return [
        `**${inline(block.title)}**`,
        tableOfContents(doc)
          .map((entry, i) => `${String(i + 1)}. [${inline(entry.text)}](#${entry.id})`)
          .join('\n'),
      ].join('\n\n');
    case 'heading':
      return `${block.level === 1 ? '##' : '###'} ${inline(block.text)}`;
    case 'paragraph':
      return block.tone === 'note' ? `> ${inline(block.text)}` : inline(block.text);
    case 'list':
      return block.items.map((item, i) => `${String(i + 1)}. ${inline(item)}`).join('\n');
    case 'score':
      return `**${inline(block.label)}: ${inline(block.value)}**`;
    case 'keyValues':
      return table(['', ''], pairs(block.rows));
    case 'table':
      return block.rows.length === 0
        ? `_${inline(block.empty)}_`
        : table(
            block.columns.map((c) => c.head),
            tableCells(block),
          );
    case 'chart':
      return chart(block.chart);
    case 'matrix':
      return matrix(block.matrix);
    case 'curve':
      return curve(block.curve);
  }
}

const pairs = (rows: readonly KeyValue[]): string[][] => rows.map((r) => [r.key, r.value]);

function chart(c: BarChart): string {
  return [
    `**${inline(c.title)}.** ${inline(c.summary)}`,
    table(
      ['', c.unit],
      c.bars.map((b) => [b.label, b.display]),
    ),
  ].join('\n\n');
}

function matrix(m: RiskMatrix): string {
  return [
    `**${inline(m.title)}.** ${inline(m.summary)}`,
    table(
      [
        'Attack vector',
        'Incident share (how often)',
        'Cost per incident (× average)',
        'Residual of exposure',
      ],
      m.points.map((p) => [p.label, p.incidentDisplay, p.costDisplay, p.residualDisplay]),
    ),
  ].join('\n\n');
}

/** A curve becomes the table of its points, under its text alternative. */
function curve(c: ExceedanceCurve): string {
  return [`**${inline(c.title)}.** ${inline(c.summary)}`, table(c.heads, c.rows)].join('\n\n');
}

/**
 * Text Markdown would read as markup is escaped, so a note cannot inject HTML, an image, a link
 * with hidden text or a heading; any line end (CR, LF or both) becomes a space, since table cells
 * hold one line. A bare URL a note contains still shows as a link, which is what evidence links
 * are for: its text is the address itself.
 */
function inline(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/([*_`[\]<>#!|~])/g, '\\$1')
    .replace(/\r\n?|\n/g, ' ');
}

function cell(text: string): string {
  return inline(text).replace(/ {2,}/g, ' ').trim() || ' ';
}

function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.map(cell).join(' | ')} |`;
  return [line(head), `|${head.map(() => ' --- ').join('|')}|`, ...rows.map(line)].join('\n');
}
