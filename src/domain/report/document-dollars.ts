import { heading, paragraph, table, tableSection, type Block } from './blocks.ts';
import type { ExceedanceRow, GapDollarRow, PoolRow, VectorDollarRow } from './dollars.ts';
import type { ReportModel } from './model.ts';

export const DOLLARS_TITLE = 'Dollars at risk';

/** Rows of the plan the document prints; the JSON output carries every gap. */
const PLAN_ROWS = 15;

/**
 * The dollar view: what the team could lose in a year and how likely, from the profile's public
 * figures and the funds the team stated. Without funds it says what it needs and leaves the
 * index as the report's measure.
 */
export function dollarBlocks(model: ReportModel): Block[] {
  const d = model.dollars;
  if (d.status === 'needs') {
    return [
      heading(DOLLARS_TITLE),
      paragraph(
        'No dollar figures yet: the residual-risk index above remains this report’s measure. To turn it into an expected loss a year and the chance of losing more than a given amount, the dollar view needs:',
      ),
      { kind: 'list', items: d.needs },
      ...(d.pools.length === 0
        ? []
        : [
            paragraph('The pools this architecture can state, on the Assessment page:', 'small'),
            { kind: 'list', items: d.pools.map((p) => `${p.name}: ${p.description}`) } as const,
          ]),
    ];
  }
  if (d.status === 'invalid') {
    return [
      heading(DOLLARS_TITLE),
      paragraph(
        'The funds this assessment states cannot be used, so no dollar figures are shown; correct them on the Assessment page:',
        'note',
      ),
      { kind: 'list', items: d.problems },
    ];
  }
  const more = d.gaps.length - PLAN_ROWS;
  return [
    heading(DOLLARS_TITLE, 1, { newPage: true }),
    paragraph(d.sentence),
    { kind: 'keyValues', rows: d.headline },
    paragraph(
      'An estimate from public incident data, the funds stated and labelled assumptions, not a forecast: the base rate alone is uncertain by a factor of about three either way, and the figures move in proportion to it. Every assumption is listed below with this assessment’s own arithmetic.',
      'note',
    ),
    heading('Chance of losing more than a round amount in a year', 2),
    table<ExceedanceRow>({
      id: 'dollar-exceedance',
      columns: [
        { head: 'Loss to the protocol in a year', width: 3, cell: (r) => r.amount },
        { head: 'Chance now', width: 2, cell: (r) => r.now },
        { head: 'Every control at target', width: 2, cell: (r) => r.target },
      ],
      rows: d.exceedance,
      empty: 'no round amount is within the funds stated.',
    }),
    { kind: 'curve', curve: d.curve },
    ...tableSection<PoolRow>('Funds at risk', 2, {
      id: 'dollar-pools',
      columns: [
        { head: 'Pool', width: 3, cell: (r) => r.name },
        { head: 'Whose loss', width: 1.4, cell: (r) => r.holder, hideOnPhone: true },
        { head: 'Amount', width: 1.4, cell: (r) => r.amount },
        { head: 'Reached by', width: 5, cell: (r) => r.reachedBy, hideOnPhone: true },
      ],
      rows: d.pools,
      empty: 'none stated.',
    }),
    ...tableSection<VectorDollarRow>('Expected loss a year by attack vector', 2, {
      id: 'dollar-vectors',
      columns: [
        { head: 'Attack vector', width: 3, cell: (r) => r.name },
        { head: 'Funds in reach', width: 1.6, cell: (r) => r.reach, hideOnPhone: true },
        { head: 'Incidents a year', width: 2.6, cell: (r) => r.frequency, hideOnPhone: true },
        { head: 'One incident', width: 2.6, cell: (r) => r.severity, hideOnPhone: true },
        { head: 'Now', width: 1.6, cell: (r) => r.now },
        { head: 'At target', width: 1.6, cell: (r) => r.target },
      ],
      rows: d.vectors,
      empty: 'no weighted vector.',
    }),
    ...tableSection<GapDollarRow>(
      'Plan by dollars removed per unit of effort',
      2,
      {
        id: 'dollar-plan',
        columns: [
          { head: '#', width: 0.6, cell: (r) => String(r.rank) },
          { head: 'Control', width: 1.3, cell: (r) => r.controlId, rowHeader: true },
          { head: 'Title', width: 4.2, cell: (r) => r.title, hideOnPhone: true },
          { head: 'Effort', width: 0.9, cell: (r) => r.effort },
          { head: 'Removes a year', width: 1.6, cell: (r) => r.removed },
          { head: 'Per effort unit', width: 1.6, cell: (r) => r.perEffort },
          {
            head: 'Removed ÷ effort units',
            width: 2.6,
            cell: (r) => r.arithmetic,
            hideOnPhone: true,
          },
        ],
        rows: d.gaps.slice(0, PLAN_ROWS),
        empty: 'no gap removes any expected loss.',
      },
      [
        paragraph(
          'The remediation plan’s gaps ordered by expected dollars removed a year per unit of effort (S 1, M 2, L 4): an estimate that rests on the dollar model’s assumptions listed below (the base rate, the lognormal severity, the caps by funds in reach, prevention and mitigation as in the index), not on the index alone. Each gap is raised to its target by itself, the expected loss a year recomputed in closed form, and the difference divided by its effort units.',
          'small',
        ),
      ],
    ),
    ...(more > 0
      ? [
          paragraph(
            `… and ${String(more)} more gap${more === 1 ? '' : 's'} (npm run score -- --json lists every one).`,
            'small',
          ),
        ]
      : []),
    heading('Assumptions of the dollar view, with this assessment’s figures', 2),
    { kind: 'list', items: d.assumptions },
    paragraph(d.stability, 'small'),
  ];
}
