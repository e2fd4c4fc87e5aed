import type { AppendixDomain, AppendixRow } from './appendix.ts';
import { heading, paragraph, table, type Block } from './blocks.ts';
import type { ReportModel } from './model.ts';

/**
 * Notes longer than this leave the appendix table, which is a narrow column, and follow it at full
 * width: a long note in a 50 mm column runs to pages of three words a line.
 */
export const INLINE_NOTE_LIMIT = 600;

/** Every answer as given, domain by domain. */
export function appendixBlocks(model: ReportModel): Block[] {
  return [
    heading('Appendix: every answer', 1, { newPage: true }),
    paragraph(
      'Each control as answered, with its target (* where the assessment set its own), owner, ' +
        'confidence, evidence and notes. "Flagged" marks controls the team chose to revisit.',
    ),
    ...model.appendix.flatMap(domainAppendix),
  ];
}

const notesOf = (r: AppendixRow): string =>
  [r.justification === '' ? '' : `N/A: ${r.justification}`, r.notes]
    .filter((x) => x !== '')
    .join('\n');

function domainAppendix(domain: AppendixDomain): Block[] {
  const long = domain.rows.filter((r) => notesOf(r).length > INLINE_NOTE_LIMIT);
  return [
    heading(`Appendix: ${domain.name}`, 2),
    table({
      id: `appendix-${domain.id}`,
      rows: domain.rows,
      columns: [
        { head: 'Control', width: 2.6, cell: (r) => `${r.controlId} ${r.title}` },
        {
          head: 'Answer',
          width: 2.1,
          cell: (r) => r.answerDisplay + (r.flagged ? '\nFlagged' : ''),
        },
        {
          head: 'Target',
          width: 1.2,
          cell: (r) => `${String(r.target)}${r.ownTarget ? '*' : ''}${r.gap ? '\nbelow' : ''}`,
        },
        {
          head: 'Owner and confidence',
          width: 2,
          hideOnPhone: true,
          cell: (r) => [r.owner, r.confidence].filter((x) => x !== '').join('\n') || '-',
        },
        {
          head: 'Evidence',
          width: 2.3,
          hideOnPhone: true,
          cell: (r) => r.evidence.join('\n') || '-',
        },
        {
          // The widest column: notes are the longest text of the appendix.
          head: 'Notes',
          width: 8,
          hideOnPhone: true,
          cell: (r) => {
            const notes = notesOf(r);
            return notes.length > INLINE_NOTE_LIMIT
              ? `${notes.slice(0, 240).trimEnd()}… (in full below the table)`
              : notes || '-';
          },
        },
      ],
      empty: 'No controls.',
    }),
    ...(long.length === 0
      ? []
      : [
          {
            kind: 'keyValues',
            rows: long.map((r) => ({ key: `${r.controlId} notes in full`, value: notesOf(r) })),
          } as const,
        ]),
  ];
}
