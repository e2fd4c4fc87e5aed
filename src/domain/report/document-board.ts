import type { BoardAction } from './board.ts';
import { heading, paragraph, table, type Block } from './blocks.ts';
import { READINESS_LABEL, RISK_LABEL } from './document-summary.ts';
import type { ReportModel } from './model.ts';

/**
 * The first page after the contents, for a board: the two scores with a sentence each, the five
 * gaps whose closing removes the most risk with who owns them and by when, one line per incident
 * replayed, and what moved since the baseline. Everything here is said again, with its working,
 * in the sections that follow.
 */
export function boardBlocks(model: ReportModel): Block[] {
  const { board, changes } = model;
  return [
    heading('Board summary', 1, { newPage: true }),
    {
      kind: 'score',
      id: 'overall-readiness',
      label: READINESS_LABEL,
      value: model.readiness.display,
    },
    paragraph(model.readiness.sentence),
    { kind: 'score', id: 'residual-risk', label: RISK_LABEL, value: model.residualRisk.display },
    paragraph(model.residualRisk.sentence),
    heading('Since the baseline', 2),
    paragraph(
      changes.rows.length === 0
        ? changes.sentence
        : `${changes.sentence} Each is listed in the executive summary.`,
    ),
    heading('What to do first', 2),
    ...(board.actions.length === 0
      ? [paragraph('No control is below its target, so there is no gap to close.')]
      : [
          table<BoardAction>({
            id: 'board-actions',
            rows: board.actions,
            columns: [
              { head: '#', width: 0.6, cell: (a) => String(a.rank) },
              { head: 'Action', width: 7.2, rowHeader: true, cell: (a) => a.what },
              { head: 'Owner', width: 2.6, cell: (a) => a.owner },
              { head: 'Due', width: 1.7, cell: (a) => a.due },
              { head: 'Risk removed', width: 1.6, cell: (a) => a.riskRemovedDisplay },
            ],
            empty: 'No gaps.',
          }),
          ...(board.together === null ? [] : [paragraph(board.together, 'small')]),
        ]),
    heading('Real incidents replayed against these answers', 2),
    model.exposure.length === 0
      ? paragraph('The catalogue has no incident scenarios.')
      : { kind: 'list', items: model.exposure.map((x) => x.headline) },
    paragraph(
      'Analysis, not a forecast: which control breaks which step is the catalogue’s reading of ' +
        'public reports and P is modelled; “Incident exposure” names every control counted.',
      'small',
    ),
  ];
}
