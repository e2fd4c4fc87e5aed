import { Fragment, useState, type ReactNode } from 'react';
import {
  rowHeaderIndex,
  tableCells,
  type Block,
  type KeyValue,
  type ReportDocument,
  type TableBlock,
} from '../../domain/report/blocks.ts';
import { BarChartSvg } from './BarChartSvg.tsx';
import { RiskMatrixSvg } from './RiskMatrixSvg.tsx';
import { ExceedanceCurveSvg } from './ExceedanceCurveSvg.tsx';

/** What only the screen has, each drawn at its named place in the document. */
export interface DocumentSlots {
  /** Under the page title: the export buttons and whatever else acts on the whole report. */
  readonly head?: ReactNode;
  /** After the executive summary, whose scores it changes: the threat profile picker and editor. */
  readonly profile?: ReactNode;
}

interface Section {
  readonly heading: Extract<Block, { kind: 'heading' }>;
  readonly blocks: readonly Block[];
}

/**
 * The report document on screen: the same blocks the PDF and the Markdown walk, so the three say
 * the same words. The contents are left out, being page furniture for paper; of the cover, the screen
 * shows its facts (who, what, when, from which data) under the title, as the PDF's first page does.
 * Headings sit under the page's h1: document level 1 is h2, level 2 is h3.
 */
export function DocumentView({
  document,
  title,
  slots = {},
}: {
  document: ReportDocument;
  title: string;
  slots?: DocumentSlots;
}) {
  const domIds = uniqueIds(document.blocks);
  const cover = document.blocks.find(
    (b): b is Extract<Block, { kind: 'cover' }> => b.kind === 'cover',
  );
  return (
    <>
      <div className="page-head">
        <h1>{title}</h1>
        <p>{document.header}</p>
        {slots.head}
      </div>
      {cover && (
        <section aria-label="About this report">
          <BlockView block={{ kind: 'keyValues', rows: cover.rows }} labelledBy="" />
        </section>
      )}
      {sections(document.blocks).map((section) => {
        const id = domIds.get(section.heading) ?? section.heading.id;
        return (
          <Fragment key={id}>
            <section aria-labelledby={id}>
              <h2 id={id}>{section.heading.text}</h2>
              <Blocks blocks={section.blocks} label={id} domIds={domIds} />
            </section>
            {section.heading.id === 'executive-summary' && slots.profile}
          </Fragment>
        );
      })}
    </>
  );
}

/** The blocks under each level-1 heading; what comes before the first (cover, contents) is not shown. */
function sections(blocks: readonly Block[]): Section[] {
  const out: { heading: Section['heading']; blocks: Block[] }[] = [];
  for (const block of blocks) {
    if (block.kind === 'heading' && block.level === 1) out.push({ heading: block, blocks: [] });
    else out.at(-1)?.blocks.push(block);
  }
  return out;
}

/**
 * DOM ids for the headings: the document's anchors, prefixed so they cannot meet the app's own
 * ids, and numbered where two headings share a text ("Incident exposure" is a section and a part of
 * the methodology).
 */
function uniqueIds(blocks: readonly Block[]): Map<Block, string> {
  const seen = new Map<string, number>();
  const ids = new Map<Block, string>();
  for (const block of blocks) {
    if (block.kind !== 'heading') continue;
    const n = (seen.get(block.id) ?? 0) + 1;
    seen.set(block.id, n);
    ids.set(block, `report-${block.id}${n === 1 ? '' : `-${String(n)}`}`);
  }
  return ids;
}

function Blocks({
  blocks,
  label,
  domIds,
}: {
  blocks: readonly Block[];
  label: string;
  domIds: Map<Block, string>;
}) {
  // Tables are named by the heading they follow; consecutive charts share one row of figures.
  const out: ReactNode[] = [];
  let labelledBy = label;
  let charts: ReactNode[] = [];
  const flushCharts = (): void => {
    if (charts.length > 0) {
      out.push(
        <div className="charts" key={`charts-${String(out.length)}`}>
          {charts}
        </div>,
      );
      charts = [];
    }
  };
  blocks.forEach((block, i) => {
    if (block.kind === 'chart') {
      charts.push(<BarChartSvg key={block.chart.id} chart={block.chart} />);
      return;
    }
    flushCharts();
    if (block.kind === 'heading') labelledBy = domIds.get(block) ?? block.id;
    out.push(<BlockView key={i} block={block} labelledBy={labelledBy} />);
  });
  flushCharts();
  return <>{out}</>;
}

function BlockView({ block, labelledBy }: { block: Block; labelledBy: string }) {
  switch (block.kind) {
    case 'cover':
    case 'toc':
    case 'chart':
      return null;
    case 'matrix':
      return <RiskMatrixSvg matrix={block.matrix} />;
    case 'curve':
      return <ExceedanceCurveSvg curve={block.curve} />;
    case 'heading':
      return block.level === 1 ? (
        <h2 id={labelledBy}>{block.text}</h2>
      ) : (
        <h3 id={labelledBy}>{block.text}</h3>
      );
    case 'paragraph':
      return (
        <p
          className={
            block.tone === 'note' ? 'callout' : block.tone === 'small' ? 'muted' : undefined
          }
        >
          {block.text}
        </p>
      );
    case 'list':
      return (
        <ol>
          {block.items.map((item, i) => (
            <li key={i}>{item}</li>
          ))}
        </ol>
      );
    case 'score': {
      const labelId = `${block.id}-label`;
      return (
        <div className="score-block">
          <span className="score-label" id={labelId}>
            {block.label}
          </span>
          <span className="score-value" data-testid={block.id} aria-describedby={labelId}>
            {block.value}
          </span>
        </div>
      );
    }
    case 'keyValues':
      return (
        <dl className="facts">
          {block.rows.map((row, i) => (
            <Fragment key={i}>
              <dt>{row.key}</dt>
              <dd>
                <FactValue row={row} />
              </dd>
            </Fragment>
          ))}
        </dl>
      );
    case 'table':
      return <DocumentTable block={block} labelledBy={labelledBy} />;
  }
}

/** A hash is set as code, whole, so a reader can select it and compare it with `sha256sum`. */
function FactValue({ row }: { row: KeyValue }) {
  const at = row.digest === undefined ? -1 : row.value.indexOf(row.digest);
  if (row.digest === undefined || at < 0) return <>{row.value}</>;
  return (
    <>
      {row.value.slice(0, at)}
      <code data-testid={row.id}>{row.digest}</code>
      {row.value.slice(at + row.digest.length)}
    </>
  );
}

/**
 * A table block as a real table: one header row, the naming cell of each row a row header, and the
 * columns a phone has no room for hidden there by CSS (they stay in the page for print and screen
 * readers). A table with several orders gets a switch between them; the first is the printed one.
 */
function DocumentTable({ block, labelledBy }: { block: TableBlock; labelledBy: string }) {
  const [order, setOrder] = useState(0);
  const options = block.orders?.options ?? [];
  const rows = options[order]?.rows ?? block.rows;
  const header = rowHeaderIndex(block);
  const narrow = (i: number): string | undefined =>
    block.columns[i]?.hideOnPhone === true ? 'hide-narrow' : undefined;
  return (
    <>
      {block.orders && options.length > 1 && (
        <fieldset className="segmented">
          <legend>{block.orders.legend}</legend>
          {options.map((option, i) => (
            <label key={option.label}>
              <input
                type="radio"
                name={`${block.id}-order`}
                checked={order === i}
                onChange={() => setOrder(i)}
              />{' '}
              {option.label}
            </label>
          ))}
        </fieldset>
      )}
      {rows.length === 0 ? (
        <p>{block.empty}</p>
      ) : (
        <table aria-labelledby={labelledBy} data-table={block.id}>
          <thead>
            <tr>
              {block.columns.map((c, i) => (
                <th key={i} scope="col" className={narrow(i)}>
                  {c.head}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {tableCells(block, rows).map((cells, r) => (
              <tr key={r}>
                {cells.map((text, i) =>
                  i === header ? (
                    <th key={i} scope="row" className={narrow(i)}>
                      <CellText text={text} />
                    </th>
                  ) : (
                    <td key={i} className={narrow(i)} data-tone={block.columns[i]?.tone?.(rows[r])}>
                      <CellText text={text} />
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

/** A cell's first line as its text, each further line as a note under it. */
function CellText({ text }: { text: string }) {
  const [first, ...rest] = text.split('\n');
  return (
    <>
      {first}
      {rest.map((line, i) => (
        <span key={i} className="row-note">
          {line}
        </span>
      ))}
    </>
  );
}
