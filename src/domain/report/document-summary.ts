import { heading, orNotSet, paragraph, table, type Block, type KeyValue } from './blocks.ts';
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
    heading('Executive summary'),
    {
      kind: 'keyValues',
      rows: [
        { key: 'Organisation', value: orNotSet(model.organisation) },
        { key: 'Assessment', value: model.assessmentName },
        { key: 'Scope', value: orNotSet(model.scope) },
        { key: 'Assessors', value: orNotSet(model.assessors.join(', ')) },
        { key: 'Last changed', value: model.assessedOn },
        { key: 'Report date', value: model.reportDate },
        { key: 'Catalogue', value: lines.catalogue },
        { key: 'Threat profile', value: lines.profile },
        {
          key: 'Profile source',
          value: p.sources.map((src) => src.title).join('; ') || 'none (reference profile)',
        },
      ],
    },
    {
      kind: 'score',
      id: 'overall-readiness',
      label: READINESS_LABEL,
      value: model.readiness.display,
    },
    paragraph(model.readiness.sentence),
    { kind: 'score', id: 'residual-risk', label: RISK_LABEL, value: model.residualRisk.display },
    paragraph(model.residualRisk.sentence),
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
    ...(p.heavyTail === null ? [] : [paragraph(p.heavyTail, 'note')]),
    ...architectureBlocks(model),
    ...signOffBlocks(model),
  ];
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
        {
          key: 'Data signed',
          value: `SHA-256 ${so.dataSha256} (the assessed data, without the sign-off itself)`,
          digest: so.dataSha256,
        },
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
