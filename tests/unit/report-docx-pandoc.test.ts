import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAssessmentFile } from '../../src/domain/assessment/import.ts';
import { READINESS_LABEL, RISK_LABEL } from '../../src/domain/report/document-summary.ts';
import { reportMarkdown } from '../../src/domain/report/markdown.ts';
import { resolveProfile } from '../../src/domain/threat/resolve.ts';
import { renderReportDocx } from '../../src/lib/report-docx.ts';
import { prepareReportExport } from '../../src/lib/report-export.ts';
import { bundledCatalogue, demoAssessmentText } from '../fixtures/catalogue.ts';

/**
 * The Word file read by a real reader, Debian's pandoc (installed by scripts/ci/setup-system-deps),
 * and compared with the Markdown export read by the same reader: what a reviewer sees in Word must
 * say every word the Markdown says, in the same order.
 */
if (spawnSync('pandoc', ['--version']).error !== undefined) {
  throw new Error(
    'pandoc is missing: run `bash scripts/ci/setup-system-deps` (Debian: apt-get install pandoc)',
  );
}

const catalogue = bundledCatalogue();
const parsed = parseAssessmentFile(demoAssessmentText(), 'demo.json', catalogue);
if (!parsed.ok) throw new Error('demo must parse');
const demo = parsed.value.file.assessment;
const { document, model } = await prepareReportExport({
  catalogue,
  assessment: demo,
  profile: resolveProfile(catalogue, demo),
  reportDate: '2026-11-25',
});
const dir = mkdtempSync(join(tmpdir(), 'opsready-docx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const docxPath = join(dir, 'report.docx');
writeFileSync(docxPath, await renderReportDocx(document, { creationDate: new Date(0) }));
const mdPath = join(dir, 'report.md');
writeFileSync(mdPath, reportMarkdown(document));

const pandoc = (...args: string[]): string =>
  execFileSync('pandoc', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

// Just the parts of pandoc's JSON AST (pandoc-types 1.22) the walk reads.
interface Node {
  readonly t: string;
  readonly c?: unknown;
}
interface Ast {
  readonly meta: Record<string, Node>;
  readonly blocks: Node[];
}
interface Unit {
  readonly heading?: number;
  readonly text: string;
}

const normal = (text: string): string => text.replace(/\s+/g, ' ').trim();

function inlines(list: unknown): string {
  return (list as Node[])
    .map((n): string => {
      const c = n.c as never;
      switch (n.t) {
        case 'Str':
          return c;
        case 'Space':
        case 'SoftBreak':
        case 'LineBreak':
          return ' ';
        case 'Code':
        case 'Math':
        case 'RawInline':
          return (c as [unknown, string])[1];
        case 'Link':
        case 'Image':
        case 'Span':
          return inlines((c as [unknown, unknown])[1]);
        case 'Quoted':
        case 'Cite':
          return inlines((c as [unknown, unknown])[1]);
        case 'Note':
          return '';
        default:
          // Emph, Strong, Underline, Strikeout, Superscript, Subscript, SmallCaps.
          return inlines(c);
      }
    })
    .join('');
}

/** Headings, paragraphs, list items and table cells, in reading order, as normalised text. */
function units(blocks: readonly Node[]): Unit[] {
  const out: Unit[] = [];
  const push = (unit: Unit): void => {
    const text = normal(unit.text);
    if (text !== '') out.push({ ...unit, text });
  };
  const cellsOf = (rows: unknown): void => {
    for (const [, cells] of rows as [unknown, [unknown, unknown, unknown, unknown, Node[]][]][]) {
      for (const cell of cells)
        push({
          text: units(cell[4])
            .map((u) => u.text)
            .join(' '),
        });
    }
  };
  for (const b of blocks) {
    const c = b.c as never;
    switch (b.t) {
      case 'Header':
        push({ heading: (c as [number])[0], text: inlines((c as [number, unknown, Node[]])[2]) });
        break;
      case 'Para':
      case 'Plain': {
        // The Markdown prints a figure's title in bold before its text alternative
        // ("**Title.** Summary"); Word gives the title a Caption paragraph of its own.
        const list = c as Node[];
        if (list[0]?.t === 'Strong' && list.length > 1) {
          push({ text: inlines([list[0]]).replace(/\.$/, '') });
          push({ text: inlines(list.slice(1)) });
        } else push({ text: inlines(list) });
        break;
      }
      case 'BlockQuote':
        out.push(...units(c));
        break;
      case 'Div':
        out.push(...units((c as [unknown, Node[]])[1]));
        break;
      case 'OrderedList':
        for (const item of (c as [unknown, Node[][]])[1]) out.push(...units(item));
        break;
      case 'BulletList':
        for (const item of c as Node[][]) out.push(...units(item));
        break;
      case 'Table': {
        const [, , , head, bodies, foot] = c as [
          unknown,
          unknown,
          unknown,
          [unknown, unknown],
          [unknown, unknown, unknown, unknown][],
          [unknown, unknown],
        ];
        cellsOf(head[1]);
        for (const body of bodies) {
          cellsOf(body[2]);
          cellsOf(body[3]);
        }
        cellsOf(foot[1]);
        break;
      }
      default:
        break;
    }
  }
  return out;
}

const read = (path: string, from: string): Ast =>
  JSON.parse(pandoc('-f', from, '-t', 'json', path)) as Ast;
const word = read(docxPath, 'docx');
const markdown = read(mdPath, 'gfm');
const meta = (key: string): Unit[] => {
  const node = word.meta[key];
  return node === undefined ? [] : [{ text: normal(inlines(node.c)) }];
};
// pandoc reads the Title and Subtitle paragraphs as the document's title and subtitle.
const wordUnits = [...meta('title'), ...meta('subtitle'), ...units(word.blocks)];
const markdownUnits = units(markdown.blocks);

/** Units before the contents (the cover), and from the contents on. */
function split(list: readonly Unit[]): [Unit[], Unit[]] {
  const at = list.findIndex((u) => u.text === 'Contents');
  if (at < 0) throw new Error('no Contents');
  return [list.slice(0, at), list.slice(at)];
}

describe('the Word report, read by pandoc', { timeout: 60_000 }, () => {
  const [wordCover, wordRest] = split(wordUnits);
  const [markdownCover, markdownRest] = split(markdownUnits);

  it('says on its cover what the Markdown says (the PDF order: the scores before the facts)', () => {
    const texts = wordCover.map((u) => u.text);
    for (const u of markdownCover) expect(texts).toContain(u.text);
    // Only the name over the title is the Word cover's own.
    expect(texts.filter((t) => !markdownCover.some((u) => u.text === t))).toEqual(['OpsReady']);
  });

  it('says every heading, paragraph, list item and table cell of the Markdown, in order, and nothing else', () => {
    expect(markdownRest.length).toBeGreaterThan(1_000);
    let at = 0;
    const extra: string[] = [];
    for (const u of markdownRest) {
      const found = wordRest.findIndex((w, i) => i >= at && w.text === u.text);
      if (found < 0) {
        throw new Error(
          `not in the Word file after "${wordRest[at - 1]?.text ?? ''}": "${u.text}"`,
        );
      }
      extra.push(...wordRest.slice(at, found).map((w) => w.text));
      at = found + 1;
    }
    extra.push(...wordRest.slice(at).map((w) => w.text));
    expect(extra).toEqual([]);
  });

  it("reads the sections as headings one level above the Markdown's (the title is its #)", () => {
    const headings = (list: readonly Unit[]) =>
      list.flatMap((u) => (u.heading === undefined ? [] : [[u.heading, u.text] as const]));
    expect(headings(wordRest)).toEqual(
      headings(markdownRest).map(([level, text]) => [level - 1, text]),
    );
    expect(headings(wordRest).filter(([level]) => level === 1)).toHaveLength(
      document.blocks.filter((b) => b.kind === 'heading' && b.level === 1).length,
    );
  });

  it('shows both scores and every section heading as plain text', () => {
    const plain = pandoc('-f', 'docx', '-t', 'plain', '--wrap=none', docxPath);
    const lines = plain.split('\n').map((l) => l.trim());
    expect(lines).toContain(`${READINESS_LABEL}: ${model.readiness.display}`);
    expect(lines).toContain(`${RISK_LABEL}: ${model.residualRisk.display}`);
    for (const b of document.blocks) if (b.kind === 'heading') expect(lines).toContain(b.text);
  });
});
