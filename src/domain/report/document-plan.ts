import { heading, paragraph, table, tableSection, type Block } from './blocks.ts';
import type { GapRow } from './gaps.ts';
import type { ReportModel } from './model.ts';

/** What to do next: the ranked gaps, the actions a workshop agreed and what is still parked. */
export function planBlocks(model: ReportModel): Block[] {
  const robust = new Map(model.robustness.rows.map((r) => [r.controlId, r]));
  const fragile = model.robustness.rows.filter((r) => !r.robust);
  const anyAction = model.gaps.some((g) => g.actions.length > 0);
  // With funds stated, a third order: by the dollar view's expected dollars removed per unit of
  // effort (gaps that remove none last, in risk order). Without funds the plan is unchanged.
  const dollars = model.dollars.status === 'ready' ? model.dollars.gaps : null;
  const dollarRank = new Map((dollars ?? []).map((g, i) => [g.controlId, i]));
  const byDollars =
    dollars === null
      ? null
      : [...model.gaps].sort(
          (a, b) =>
            (dollarRank.get(a.controlId) ?? Infinity) - (dollarRank.get(b.controlId) ?? Infinity) ||
            a.rank - b.rank,
        );
  return [
    heading('Remediation plan'),
    paragraph(
      'Every control below its target, ordered by the residual-risk points it would remove if it ' +
        'alone reached its target. “Per effort” divides that by the effort units, for teams that ' +
        'want the quickest wins first.' +
        (anyAction || model.gaps.length === 0
          ? ''
          : ' No action is recorded against any gap yet, so the table has no action column.') +
        (byDollars === null
          ? ''
          : ' With the funds stated, the plan can also be ordered by expected dollars removed a year per unit of effort; that order rests on the dollar model’s assumptions, and Dollars at risk shows each gap’s arithmetic.'),
    ),
    table<GapRow>({
      id: 'remediation-plan',
      rows: model.gaps,
      orders: {
        legend: 'Order',
        options: [
          { label: 'By risk removed', rows: model.gaps },
          { label: 'By risk removed per unit of effort', rows: model.gapsByEffort },
          ...(byDollars === null
            ? []
            : [{ label: 'By dollars removed per unit of effort (dollar model)', rows: byDollars }]),
        ],
      },
      columns: [
        { head: '#', width: 0.6, cell: (g) => String(g.rank) },
        {
          head: 'Control',
          width: 3.4,
          rowHeader: true,
          cell: (g) => `${g.controlId} ${g.title}`,
        },
        {
          head: 'Now → target',
          width: 2.5,
          // "unanswered" on a line of its own, so a narrow column never splits it.
          cell: (g) =>
            g.level === null
              ? `${g.levelDisplay}\n→ ${String(g.target)}`
              : `${g.levelDisplay} → ${String(g.target)}`,
        },
        {
          head: 'Owner',
          width: 2.3,
          hideOnPhone: true,
          // Whose it is, and from where: a control without an owner is carried by its actions'.
          cell: (g) =>
            g.owner === ''
              ? 'no owner'
              : g.ownerSource === 'action'
                ? `${g.owner}\n(action owner)`
                : g.owner,
        },
        // Without a single action recorded the column would only repeat "none": the intro says so.
        ...(anyAction
          ? [
              {
                head: 'Action',
                width: 2.6,
                hideOnPhone: true,
                cell: (g: GapRow) => g.actions.join('\n') || 'none recorded',
              },
            ]
          : []),
        { head: 'Effort', width: 1.1, cell: (g) => g.effort, hideOnPhone: true },
        { head: 'Risk removed', width: 1.5, cell: (g) => g.riskRemovedDisplay },
        { head: 'Per effort', width: 1.3, cell: (g) => g.perEffortDisplay },
        {
          head: 'Robust',
          width: 1.4,
          cell: (g) => robust.get(g.controlId)?.display ?? '-',
        },
        {
          head: 'Vectors and incidents',
          width: 3,
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

    ...tableSection('Action items', 1, {
      id: 'actions',
      rows: model.actions,
      columns: [
        { head: 'Control', width: 3, cell: (a) => `${a.controlId} ${a.title}` },
        {
          head: 'Action',
          width: 5,
          cell: (a) => a.text + (a.evidenceLink === '' ? '' : `\nEvidence: ${a.evidenceLink}`),
        },
        { head: 'Owner', width: 2, cell: (a) => a.owner || 'no owner' },
        { head: 'Due', width: 1.6, cell: (a) => a.due || 'no date' },
        { head: 'Priority', width: 1.4, cell: (a) => a.priority },
        { head: 'Status', width: 1.6, cell: (a) => a.status },
      ],
      empty: 'no remediation actions were recorded.',
    }),

    ...tableSection(
      'Parking lot',
      1,
      {
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
        empty: 'nothing is parked (no control is flagged to revisit or waiting for evidence).',
      },
      [paragraph('Controls flagged to revisit or waiting for evidence, with who owes what.')],
    ),
  ];
}
