import type { Block, ReportDocument } from './document.ts';

/**
 * The report as Markdown, rendered from the same blocks as the PDF so the two cannot disagree:
 * something a reviewer can edit, diff and paste into their own document. Tables are GitHub tables.
 */
export function reportMarkdown(doc: ReportDocument): string {
  const out: string[] = [];
  let first = true;
  for (const block of doc.blocks) {
    out.push(renderBlock(block, first));
    first = false;
  }
  return `${out.join('\n\n')}\n`;
}

function renderBlock(block: Block, first: boolean): string {
  switch (block.kind) {
    case 'heading':
      return `${first ? '#' : '##'} ${inline(block.text)}`;
    case 'paragraph':
      return inline(block.text);
    case 'score':
      return `**${inline(block.label)}: ${inline(block.value)}**`;
    case 'keyValues':
      return table(
        ['', ''],
        block.rows.map(([k, v]) => [k, v]),
      );
    case 'table':
      return block.rows.length === 0 ? `_${inline(block.empty)}_` : table(block.head, block.rows);
  }
}

/** Text Markdown would read as markup is escaped; a line break becomes a space (table cells hold one line). */
function inline(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/([*_`[\]<>#])/g, '\\$1')
    .replace(/\r?\n/g, ' ');
}

function cell(text: string): string {
  return inline(text).replace(/\|/g, '\\|').replace(/ {2,}/g, ' ').trim() || ' ';
}

function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.map(cell).join(' | ')} |`;
  return [line(head), `|${head.map(() => ' --- ').join('|')}|`, ...rows.map(line)].join('\n');
}
