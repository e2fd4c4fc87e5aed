import { heading, paragraph, table, type Block } from './blocks.ts';
import type { ReportModel } from './model.ts';

/**
 * SEAL certification and CCSS readiness, and the coverage of the other cited frameworks. Left out
 * when the report has no crosswalks for its catalogue.
 */
export function readinessBlocks(model: Pick<ReportModel, 'frameworks'>): Block[] {
  const f = model.frameworks;
  if (f === null) return [];
  return [
    heading('Framework readiness', 1, { newPage: true }),
    paragraph(
      `Derived from the answers in this report, with the team's own answers where the catalogue does not reach. ${f.sealRule} ${String(f.readyModules)} of ${String(f.modules.length)} SEAL modules are ready to apply.`,
    ),
    table({
      id: 'seal-modules',
      rows: f.modules,
      columns: [
        { head: 'SEAL module', width: 4, cell: (m) => m.title, rowHeader: true },
        { head: 'Controls', width: 1.5, cell: (m) => String(m.controls), hideOnPhone: true },
        { head: 'Implemented', width: 1.8, cell: (m) => String(m.implemented) },
        { head: 'Partial', width: 1.5, cell: (m) => String(m.partial) },
        { head: 'Not impl.', width: 1.5, cell: (m) => String(m.notImplemented), hideOnPhone: true },
        { head: 'N/A', width: 1.2, cell: (m) => String(m.na), hideOnPhone: true },
        { head: 'Unanswered', width: 1.8, cell: (m) => String(m.unanswered), hideOnPhone: true },
        { head: 'Ready to apply', width: 1.8, cell: (m) => m.ready },
      ],
      empty: 'No SEAL modules.',
    }),
    paragraph(
      'A status is never stronger than its evidence: implemented needs every mapped catalogue control at the level shown (rule "all"; one of them for "any") and, where the catalogue covers only part of a control, the team\'s own "yes" for the rest; partial means some of that is there; N/A carries the catalogue\'s or the team\'s justification.',
      'small',
    ),
    paragraph(f.sealAttribution, 'small'),
    heading('SEAL controls', 2),
    table({
      id: 'seal-controls',
      rows: f.sfcControls,
      columns: [
        { head: 'SFC control', width: 4, cell: (c) => `${c.id} ${c.title}`, rowHeader: true },
        { head: 'Status', width: 1.8, cell: (c) => c.status },
        { head: 'Based on', width: 6, cell: (c) => c.basis, hideOnPhone: true },
      ],
      empty: 'No SFC controls.',
    }),
    heading('CCSS level', 2),
    paragraph(
      `Overall: ${f.ccss.overall}, the lowest level across the aspects (${f.ccss.limiting}). An aspect reaches a level when every requirement at that level and below is met or not applicable. ${f.ccss.attribution}`,
    ),
    table({
      id: 'ccss-aspects',
      rows: f.ccss.aspects,
      columns: [
        { head: 'CCSS aspect', width: 3.5, cell: (a) => a.aspect, rowHeader: true },
        { head: 'Level', width: 1.6, cell: (a) => a.level },
        { head: 'For the next level', width: 6, cell: (a) => a.next },
      ],
      empty: 'No CCSS aspects.',
    }),
    ...f.ccss.notice.split(/\n\s*\n/).map((p) => paragraph(p.replace(/\s+/g, ' '), 'small')),
    ...f.coverage.flatMap((c) =>
      c.rows.length === 0
        ? [paragraph(`${c.name}: the catalogue cites no ids.`)]
        : [
            heading(`Coverage: ${c.name}`, 2),
            table({
              id: `soa-${c.id.toLowerCase()}`,
              rows: c.rows,
              columns: [
                { head: 'Id', width: 1.6, cell: (r) => r.id, rowHeader: true },
                { head: 'Title', width: 4, cell: (r) => r.title || '—', hideOnPhone: true },
                { head: 'Status', width: 2, cell: (r) => r.status },
                { head: 'Controls (level/target)', width: 4.5, cell: (r) => r.controls },
              ],
              empty: 'No ids cited.',
            }),
          ],
    ),
    paragraph(
      'A citation says a control addresses the framework id; it does not say the control alone satisfies it.',
      'small',
    ),
  ];
}
