import { heading, paragraph, table, type Block, type Column } from './blocks.ts';
import type { ReportModel } from './model.ts';

type Row = NonNullable<ReportModel['profileComparison']>['rows'][number];

/**
 * The threat profiles compared, in the methodology: each vector's incident and loss share under
 * every profile the catalogue ships, and the population each rests on, so a reader can weigh the
 * report's profile against the others (e.g. the TRM Labs half-year against the two-year ledger).
 */
export function profileComparisonBlocks(model: ReportModel): Block[] {
  const c = model.profileComparison;
  if (c === null) return [];
  const used = c.profiles.find((p) => p.used);
  const label = (p: (typeof c.profiles)[number]): string =>
    `${p.name}${p.used ? ' (used here)' : ''}`;
  const columns: Column<Row>[] = [
    { head: 'Vector', width: 2, rowHeader: true, cell: (r) => r.vector },
    ...c.profiles.map((p, i): Column<Row> => ({
      head: label(p),
      width: 2,
      cell: (r) => r.cells[i] ?? '–',
    })),
  ];
  return [
    heading('Threat profiles compared', 2),
    paragraph(
      `Each cell is a vector's share of incidents / share of stolen value under that profile. The scores in this report use ${used?.name ?? 'the profile named above'}; the other columns show how the weights would move with other data. A profile built from named incidents over a threshold describes large losses only: its incident shares are not those of all incidents.`,
    ),
    table({
      id: 'profile-comparison',
      columns,
      rows: c.rows,
      empty: 'No profile weights any vector.',
    }),
    { kind: 'list', items: c.profiles.map((p) => `${label(p)}: ${p.population}`) },
  ];
}
