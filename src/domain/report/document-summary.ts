import {
  heading,
  orNotSet,
  paragraph,
  table,
  tableSection,
  type Block,
  type KeyValue,
} from './blocks.ts';
import type { ReportModel } from './model.ts';

/** The one-line facts several sections repeat, worded once. */
export function factLines(model: ReportModel) {
  const p = model.profile;
  return {
    profile: `${p.name} (${p.period})${p.custom ? ', edited by the team' : ''}`,
    catalogue: `${model.catalogue.name} (${model.catalogue.id} ${model.catalogue.version})`,
    data: dataRow(model),
  };
}

/** The fingerprint of the data, as a fact row: the screen finds the hash in it by its id. */
function dataRow(model: ReportModel): KeyValue {
  const sha = model.data.sha256;
  return sha === null
    ? { key: 'Assessment data', value: 'not computed' }
    : { key: 'Assessment data', value: `SHA-256 ${sha} of ${model.data.fileName}`, digest: sha };
}

export const READINESS_LABEL = 'Overall readiness (0-100)';
export const RISK_LABEL = 'Residual risk (0-100, lower is better)';

export function summaryBlocks(model: ReportModel): Block[] {
  const c = model.counts;
  const p = model.profile;
  const lines = factLines(model);
  return [
    // Executive summary: what the scores rest on. Who, what and when are on the cover, the scores
    // on the board page; neither is repeated here.
    heading('Executive summary', 1, { newPage: true }),
    paragraph(
      `${String(c.total)} controls: ${String(c.answered)} answered, ${String(c.unanswered)} unanswered, ` +
        `${String(c.notApplicable)} not applicable; ${String(c.gaps)} below target.`,
    ),
    // Its own note, so no reader misses that a blank answer lowers the scores.
    ...(model.unansweredNote === null ? [] : [paragraph(model.unansweredNote, 'note')]),
    paragraph(
      `Gaps are weighted with the threat profile ${lines.profile}` +
        (p.population === null ? '' : `: ${p.population}`) +
        '.' +
        (p.hasAssumptions
          ? ' Some of its figures are assumptions; the vector table marks which.'
          : ''),
    ),
    paragraph(
      `Profile sources: ${p.sources.map((src) => src.title).join('; ') || 'none (reference profile)'}.`,
      'small',
    ),
    ...(p.heavyTail === null ? [] : [paragraph(p.heavyTail, 'note')]),
    ...changeBlocks(model),
    ...architectureBlocks(model),
    ...signOffBlocks(model),
  ];
}

type ChangeRow = ReportModel['changes']['rows'][number];

/** Every control whose answer moved since the baseline the board page compares with. */
function changeBlocks(model: ReportModel): Block[] {
  if (model.changes.baseline === null) return [];
  return tableSection<ChangeRow>(
    'Changes since the baseline',
    2,
    {
      id: 'changes',
      rows: model.changes.rows,
      columns: [
        { head: 'Control', width: 4, rowHeader: true, cell: (r) => `${r.controlId} ${r.title}` },
        { head: 'Before', width: 1.6, cell: (r) => r.before },
        { head: 'Now', width: 1.6, cell: (r) => r.after },
        { head: 'Change', width: 2.2, cell: (r) => r.changeDisplay },
        { head: 'Risk points', width: 1.6, cell: (r) => r.riskDeltaDisplay },
      ],
      empty: 'no answer changed.',
    },
    [
      paragraph(
        `${model.changes.sentence} Risk points: the move in residual risk from this one change ` +
          'alone, everything else as in the baseline; controls share attack vectors, so these do ' +
          'not add up to the total move.',
        'small',
      ),
    ],
  );
}

type RemovedControlRow = ReportModel['architecture']['removedControls'][number];

/** What the team operates and what that removed; nothing when the catalogue asks about nothing. */
export function architectureBlocks(model: ReportModel): Block[] {
  const a = model.architecture;
  if (!a.declared) return [];
  const names = (rows: readonly { readonly name: string }[]): string =>
    rows.map((r) => r.name).join('; ') || 'none';
  return [
    heading('Architecture', 2),
    {
      kind: 'keyValues',
      rows: [
        { key: 'Operated', value: names(a.operated) },
        { key: 'Not operated', value: names(a.notOperated) },
        {
          key: 'Vectors given no weight',
          value:
            a.removedVectors
              .map((v) => `${v.name} (had ${v.exposureDisplay} of 100 points)`)
              .join('; ') || 'none',
        },
      ],
    },
    paragraph(a.sentence),
    ...(a.removedControls.length === 0
      ? []
      : [
          table<RemovedControlRow>({
            id: 'architecture-removed',
            columns: [
              { head: 'Control', width: 1, cell: (r) => r.controlId, rowHeader: true },
              { head: 'Title', width: 3, cell: (r) => r.title },
              { head: 'Why not applicable', width: 3, cell: (r) => r.reason },
            ],
            rows: a.removedControls,
            empty: 'No control was removed.',
          }),
        ]),
  ];
}

/** The sign-off line of the cover: who signed, when, and whether the answers still hold. */
export function signOffLine(model: ReportModel): string | null {
  const so = model.signOff;
  if (so === null) return null;
  const signedState =
    so.unchanged === null
      ? ''
      : so.unchanged
        ? '; the answers are unchanged since'
        : '; THE ANSWERS CHANGED AFTER SIGNING';
  return `${so.date} by ${so.signatories.join('; ')}${signedState}`;
}

/**
 * The signed hash with the file that reproduces it: a sign-off hashes the assessment without the
 * sign-off, which no other export contains byte for byte, so the report names the one that does.
 */
function signedRow(model: ReportModel): KeyValue {
  const so = model.signOff;
  const file = model.data.signedFileName;
  if (so === null) return { key: 'Data signed', value: 'not signed' };
  const now = model.data.signedSha256;
  const check =
    now === null
      ? ''
      : now === so.dataSha256
        ? ` The data as it is now gives the same value.`
        : ` The data as it is now gives ${now} instead: it changed after signing.`;
  return {
    key: 'Data signed',
    value:
      `SHA-256 ${so.dataSha256} of ${file}: the assessment without the sign-off itself, as ` +
      `“Export signed content” on the Report page writes it; sha256sum of that file reproduces ` +
      `the value while the answers are those signed.${check}`,
    digest: so.dataSha256,
  };
}

function signOffBlocks(model: ReportModel): Block[] {
  const so = model.signOff;
  if (so === null) return [];
  return [
    heading('Sign-off', 2),
    {
      kind: 'keyValues',
      rows: [
        { key: 'Signed by', value: so.signatories.join('; ') },
        { key: 'Organisation', value: orNotSet(so.organisation) },
        { key: 'Scope', value: orNotSet(so.scope) },
        { key: 'Date', value: so.date },
        { key: 'Statement', value: so.statement },
        // What the auditors had verified against evidence when this was signed.
        { key: 'Verified', value: so.verified },
        signedRow(model),
        {
          key: 'Since signing',
          value:
            so.unchanged === null
              ? 'not checked'
              : so.unchanged
                ? 'The answers are unchanged.'
                : 'The answers changed after the sign-off: this report is not the one signed.',
        },
        factLines(model).data,
      ],
    },
  ];
}
