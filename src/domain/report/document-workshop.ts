import { heading, paragraph, table, type Block } from './blocks.ts';
import type { ReportModel } from './model.ts';

/** Who took part, where the team's view and the auditors' differ, and what was verified. */
export function workshopBlocks(model: ReportModel): Block[] {
  return [...participantBlocks(model), ...verificationBlocks(model)];
}

/**
 * The auditor's verification per control: who, when, against which evidence. A verification of an
 * answer changed since is listed as such and not counted, so the count never claims more.
 */
function verificationBlocks(model: ReportModel): Block[] {
  const rows = model.verifications;
  if (rows.length === 0) return [];
  const so = model.signOff;
  const signed =
    so === null
      ? ''
      : so.unchanged === true
        ? ` The sign-off of ${so.date} covers them: they are part of the data signed.`
        : so.unchanged === false
          ? ' The data changed after the sign-off, so it may not cover these as they are now.'
          : '';
  return [
    heading('Auditor verification'),
    paragraph(`${model.verificationSummary}.${signed}`),
    table({
      id: 'verifications',
      rows,
      columns: [
        { head: 'Control', width: 4, cell: (r) => `${r.controlId} ${r.title}` },
        {
          head: 'Answer verified',
          width: 2,
          cell: (r) => (r.current ? r.answer : `${r.answer} (since changed)`),
        },
        { head: 'Verified by', width: 2.5, cell: (r) => r.by },
        { head: 'When (UTC)', width: 2.5, cell: (r) => r.at.slice(0, 16).replace('T', ' ') },
        {
          head: 'Against evidence',
          width: 5,
          cell: (r) => r.evidence.join('\n') + (r.note === '' ? '' : `\nNote: ${r.note}`),
        },
      ],
      empty: 'No control was verified.',
    }),
  ];
}

function participantBlocks(model: ReportModel): Block[] {
  if (model.participants.length === 0) return [];
  const roles = model.teamVsAuditor;
  const blocks: Block[] = [
    heading('Workshop participants'),
    paragraph(
      'Each participant answered on their own and their answers are kept beside the agreed ones; ' +
        'the scores above use the agreed answers.',
    ),
    table({
      id: 'participants',
      rows: model.participants,
      columns: [
        { head: 'Participant', width: 4, cell: (x) => x.name },
        {
          head: 'Role',
          width: 3,
          cell: (x) => (x.role === 'auditor' ? 'Auditor (verified)' : 'Team (self-assessed)'),
        },
        { head: 'Controls answered', width: 2, cell: (x) => String(x.answered) },
      ],
      empty: 'No participants.',
    }),
  ];
  if (roles === null) return blocks;
  return [
    ...blocks,
    heading('Team vs auditor', 2),
    paragraph(
      `Of ${String(roles.rows.length)} controls both the team and an auditor rated, ` +
        `${String(roles.differing.length)} differ. Team: median of the team members' levels; ` +
        'auditor: median of the auditors’ verified levels.',
    ),
    table({
      id: 'team-vs-auditor',
      rows: roles.differing,
      columns: [
        { head: 'Control', width: 5, cell: (r) => `${r.controlId} ${r.title}` },
        { head: 'Team', width: 1.5, cell: (r) => String(r.team) },
        { head: 'Auditor', width: 1.5, cell: (r) => String(r.auditor) },
        {
          head: 'Difference',
          width: 2,
          cell: (r) => (r.difference > 0 ? `+${String(r.difference)}` : String(r.difference)),
        },
      ],
      empty: 'The team and the auditors agree on every control both rated.',
    }),
  ];
}
