import { heading, paragraph, table, type Block } from './blocks.ts';
import type { ReportModel } from './model.ts';

/** What to do next: the ranked gaps, the actions a workshop agreed and what is still parked. */
export function planBlocks(model: ReportModel): Block[] {
  const robust = new Map(model.robustness.rows.map((r) => [r.controlId, r]));
  const fragile = model.robustness.rows.filter((r) => !r.robust);
  return [
    heading('Remediation plan'),
    paragraph(
      'Every control below its target, ordered by the residual-risk points it would remove if it ' +
        'alone reached its target. “Per effort” divides that by the effort units, for teams that ' +
        'want the quickest wins first.',
    ),
    table({
      id: 'remediation-plan',
      rows: model.gaps,
      orders: {
        legend: 'Order',
        options: [
          { label: 'By risk removed', rows: model.gaps },
          { label: 'By risk removed per unit of effort', rows: model.gapsByEffort },
        ],
      },
      columns: [
        { head: '#', width: 0.6, cell: (g) => String(g.rank) },
        {
          head: 'Control',
          width: 3.9,
          rowHeader: true,
          cell: (g) =>
            `${g.controlId} ${g.title}` + g.actions.map((a) => `\nAction: ${a}`).join(''),
        },
        {
          head: 'Now → target',
          width: 2.4,
          cell: (g) => `${g.levelDisplay} → ${String(g.target)}`,
        },
        { head: 'Owner', width: 2, cell: (g) => g.owner || '-', hideOnPhone: true },
        { head: 'Effort', width: 1.45, cell: (g) => g.effort, hideOnPhone: true },
        { head: 'Risk removed', width: 1.55, cell: (g) => g.riskRemovedDisplay },
        { head: 'Per effort', width: 1.4, cell: (g) => g.perEffortDisplay },
        {
          head: 'Robust',
          width: 1.45,
          cell: (g) => robust.get(g.controlId)?.display ?? '-',
        },
        {
          head: 'Vectors and incidents',
          width: 4.3,
          hideOnPhone: true,
          cell: (g) =>
            g.vectors.join(', ') +
            (g.incidentsShort.length === 0 ? '' : `\nIncidents: ${g.incidentsShort.join(', ')}`),
        },
      ],
      empty: 'No gaps: every applicable control is at or above its target.',
    }),
    ...(model.robustness.rows.length === 0
      ? []
      : [
          paragraph(model.robustness.method, 'small'),
          ...(fragile.length === 0
            ? []
            : [
                {
                  kind: 'list',
                  items: fragile.map((r) => `${r.controlId} (#${String(r.rank)}): ${r.dropsOut}`),
                } as const,
              ]),
        ]),

    heading('Action items'),
    table({
      id: 'actions',
      rows: model.actions,
      columns: [
        { head: 'Control', width: 3, cell: (a) => `${a.controlId} ${a.title}` },
        { head: 'Action', width: 5, cell: (a) => a.text },
        { head: 'Owner', width: 2, cell: (a) => a.owner || '-' },
        { head: 'Due', width: 1.6, cell: (a) => a.due || '-' },
        { head: 'Priority', width: 1.4, cell: (a) => a.priority },
      ],
      empty: 'No remediation actions were recorded.',
    }),

    heading('Parking lot'),
    paragraph('Controls flagged to revisit or waiting for evidence, with who owes what.'),
    table({
      id: 'parking-lot',
      rows: model.parkingLot,
      columns: [
        { head: 'Control', width: 4, cell: (r) => `${r.controlId} ${r.title}` },
        {
          head: 'Why',
          width: 2.5,
          cell: (r) =>
            [r.revisit ? 'Revisit' : '', r.evidenceRequested ? 'Evidence requested' : '']
              .filter((x) => x !== '')
              .join('; '),
        },
        { head: 'Who owes what', width: 5, cell: (r) => r.followUp || r.owner || '-' },
      ],
      empty: 'Nothing is parked.',
    }),
  ];
}
