import type { Catalogue } from '../catalogue/schema.ts';
import { csvRows } from '../csv.ts';
import type { Workshop } from '../workshop/schema.ts';
import type { DirectAnswer } from '../frameworks/answer-schema.ts';
import { scoreControl } from '../scoring/readiness.ts';
import {
  toAssessmentFile,
  type Answer,
  type Assessment,
  type AssessmentFile,
  type ControlMeta,
} from './schema.ts';

function sortedRecord<T, U>(record: Readonly<Record<string, T>>, map: (value: T) => U) {
  const out: Record<string, U> = {};
  for (const key of Object.keys(record).sort()) out[key] = map(record[key] as T);
  return out;
}

function orderedAnswer(answer: Answer): Answer {
  const notes = answer.notes === undefined ? {} : { notes: answer.notes };
  return answer.status === 'level'
    ? { status: 'level', level: answer.level, ...notes }
    : { status: 'na', justification: answer.justification, ...notes };
}

function orderedMeta(meta: ControlMeta): ControlMeta {
  return {
    ...(meta.target === undefined ? {} : { target: meta.target }),
    ...(meta.owner === undefined ? {} : { owner: meta.owner }),
    ...(meta.evidence === undefined ? {} : { evidence: [...meta.evidence] }),
    ...(meta.confidence === undefined ? {} : { confidence: meta.confidence }),
    ...(meta.revisit === undefined ? {} : { revisit: meta.revisit }),
    ...(meta.evidenceRequested === undefined ? {} : { evidenceRequested: meta.evidenceRequested }),
    ...(meta.followUp === undefined ? {} : { followUp: meta.followUp }),
  };
}

/** Participants and actions keep their recorded order (import order, creation order). */
function orderedWorkshop(w: Workshop): Workshop {
  return {
    agenda: w.agenda.map((item) => ({ domain: item.domain, minutes: item.minutes })),
    participants: w.participants.map((p) => ({
      id: p.id,
      name: p.name,
      role: p.role,
      source: {
        fileName: p.source.fileName,
        assessmentName: p.source.assessmentName,
        catalogueVersion: p.source.catalogueVersion,
        sha256: p.source.sha256,
        ...(p.source.assessmentId === undefined ? {} : { assessmentId: p.source.assessmentId }),
      },
      importedAt: p.importedAt,
      answers: sortedRecord(p.answers, orderedAnswer),
    })),
    agreements: sortedRecord(w.agreements, (a) => ({
      by: [...a.by],
      at: a.at,
      answer: orderedAnswer(a.answer),
    })),
    actions: w.actions.map((x) => ({
      id: x.id,
      controlId: x.controlId,
      text: x.text,
      owner: x.owner,
      ...(x.due === undefined ? {} : { due: x.due }),
      priority: x.priority,
      createdAt: x.createdAt,
      ...(x.status === undefined ? {} : { status: x.status }),
      ...(x.evidenceLink === undefined ? {} : { evidenceLink: x.evidenceLink }),
      ...(x.updatedAt === undefined ? {} : { updatedAt: x.updatedAt }),
    })),
    ...(w.agreeing === undefined ? {} : { agreeing: [...w.agreeing] }),
    ...(w.discussed === undefined ? {} : { discussed: sortedRecord(w.discussed, (at) => at) }),
    ...(w.verifications === undefined
      ? {}
      : {
          verifications: sortedRecord(w.verifications, (v) => ({
            by: v.by,
            at: v.at,
            evidence: [...v.evidence],
            answer: orderedAnswer(v.answer),
            ...(v.note === undefined ? {} : { note: v.note }),
          })),
        }),
    ...(w.signOff === undefined
      ? {}
      : {
          signOff: {
            signatories: w.signOff.signatories.map((x) => ({ name: x.name, role: x.role })),
            organisation: w.signOff.organisation,
            scope: w.signOff.scope,
            date: w.signOff.date,
            statement: w.signOff.statement,
            signedAt: w.signOff.signedAt,
            dataSha256: w.signOff.dataSha256,
          },
        }),
  };
}

/**
 * The same assessment must always produce the same bytes, whatever order the answers were given
 * in, so two exports can be compared with a plain diff and kept in version control.
 */
/** Direct framework answers sorted by requirement id, each with its fields in one order. */
function orderedFrameworks(f: NonNullable<Assessment['frameworks']>): Assessment['frameworks'] {
  const answer = (x: DirectAnswer): DirectAnswer =>
    x.state === 'na'
      ? {
          state: x.state,
          justification: x.justification,
          ...(x.evidence === undefined ? {} : { evidence: x.evidence }),
        }
      : { state: x.state, ...(x.evidence === undefined ? {} : { evidence: x.evidence }) };
  return {
    ...(f.seal === undefined ? {} : { seal: sortedRecord(f.seal, answer) }),
    ...(f.ccss === undefined ? {} : { ccss: sortedRecord(f.ccss, answer) }),
  };
}

export function assessmentToJson(assessment: Assessment): string {
  const a = assessment;
  const ordered: Assessment = {
    id: a.id,
    name: a.name,
    organisation: a.organisation,
    scope: a.scope,
    assessors: [...a.assessors],
    catalogue: { id: a.catalogue.id, version: a.catalogue.version },
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
    answers: sortedRecord(a.answers, orderedAnswer),
    meta: sortedRecord(a.meta, orderedMeta),
    ...(a.profileId === undefined ? {} : { profileId: a.profileId }),
    ...(a.customProfile === undefined ? {} : { customProfile: a.customProfile }),
    ...(a.workshop === undefined ? {} : { workshop: orderedWorkshop(a.workshop) }),
    ...(a.architecture === undefined
      ? {}
      : { architecture: { notOperated: [...a.architecture.notOperated] } }),
    ...(a.frameworks === undefined ? {} : { frameworks: orderedFrameworks(a.frameworks) }),
    ...(a.funds === undefined
      ? {}
      : {
          funds: {
            asOf: a.funds.asOf,
            pools: sortedRecord(a.funds.pools, (usd) => usd),
            ...(a.funds.annualIncidents === undefined
              ? {}
              : { annualIncidents: a.funds.annualIncidents }),
          },
        }),
  };
  const file: AssessmentFile = toAssessmentFile(ordered);
  return `${JSON.stringify(file, null, 2)}\n`;
}

export const CSV_HEADER = [
  'control_id',
  'domain',
  'title',
  'status',
  'level',
  'target',
  'baseline',
  'gap',
  'justification',
  'notes',
  'owner',
  'confidence',
  'revisit',
  'evidence',
] as const;

/**
 * One row per catalogue control, in catalogue order, so the sheet lines up with the report even
 * for unanswered controls. Answers to controls the catalogue no longer has are left out.
 */
export function assessmentToCsv(assessment: Assessment, catalogue: Catalogue): string {
  const domains = new Map(catalogue.domains.map((d) => [d.id, d.name]));
  const rows: string[][] = [[...CSV_HEADER]];
  for (const control of catalogue.controls) {
    const answer = assessment.answers[control.id];
    const meta = assessment.meta[control.id] ?? {};
    const score = scoreControl(control, answer, meta.target ?? control.baseline);
    rows.push([
      control.id,
      domains.get(control.domain) ?? control.domain,
      control.title,
      answer?.status ?? 'unanswered',
      answer?.status === 'level' ? String(answer.level) : '',
      String(score.target),
      String(control.baseline),
      score.gap ? 'yes' : 'no',
      answer?.status === 'na' ? answer.justification : '',
      answer?.notes ?? '',
      meta.owner ?? '',
      meta.confidence ?? '',
      meta.revisit === undefined ? '' : meta.revisit ? 'yes' : 'no',
      (meta.evidence ?? []).join(' | '),
    ]);
  }
  return csvRows(rows);
}

export interface CatalogueDiff {
  /** The assessment was made against a catalogue with this catalogue's id. */
  readonly sameCatalogue: boolean;
  /** Same catalogue id, different version. */
  readonly versionChanged: boolean;
  /** Controls the assessment answered or described that this catalogue does not have, sorted. */
  readonly removed: readonly string[];
  /**
   * When the version changed: this catalogue's controls the assessment has neither answered nor
   * described, in catalogue order. The file does not list the old catalogue's controls, so these
   * stand in for "new since"; a control the team skipped in the old version is listed too.
   */
  readonly added: readonly string[];
}

export function catalogueDiff(assessment: Assessment, catalogue: Catalogue): CatalogueDiff {
  const known = new Set(catalogue.controls.map((c) => c.id));
  const touched = new Set([...Object.keys(assessment.answers), ...Object.keys(assessment.meta)]);
  const sameCatalogue = assessment.catalogue.id === catalogue.meta.id;
  const versionChanged = sameCatalogue && assessment.catalogue.version !== catalogue.meta.version;
  return {
    sameCatalogue,
    versionChanged,
    removed: [...touched].filter((id) => !known.has(id)).sort(),
    added: versionChanged
      ? catalogue.controls.map((c) => c.id).filter((id) => !touched.has(id))
      : [],
  };
}

export interface Dropped {
  readonly answers: readonly string[];
  readonly meta: readonly string[];
}

/** A copy that holds nothing for controls the catalogue no longer has, and what was left out. */
export function withoutRemoved(
  assessment: Assessment,
  catalogue: Catalogue,
): { readonly assessment: Assessment; readonly dropped: Dropped } {
  const known = new Set(catalogue.controls.map((c) => c.id));
  const keep = <T>(record: Readonly<Record<string, T>>) =>
    Object.fromEntries(Object.entries(record).filter(([id]) => known.has(id)));
  const workshop = assessment.workshop && {
    ...assessment.workshop,
    participants: assessment.workshop.participants.map((p) => ({ ...p, answers: keep(p.answers) })),
    agreements: keep(assessment.workshop.agreements),
    actions: assessment.workshop.actions.filter((x) => known.has(x.controlId)),
    ...(assessment.workshop.discussed === undefined
      ? {}
      : { discussed: keep(assessment.workshop.discussed) }),
    ...(assessment.workshop.verifications === undefined
      ? {}
      : { verifications: keep(assessment.workshop.verifications) }),
  };
  return {
    assessment: {
      ...assessment,
      answers: keep(assessment.answers),
      meta: keep(assessment.meta),
      ...(workshop === undefined ? {} : { workshop }),
    },
    dropped: {
      answers: Object.keys(assessment.answers)
        .filter((id) => !known.has(id))
        .sort(),
      meta: Object.keys(assessment.meta)
        .filter((id) => !known.has(id))
        .sort(),
    },
  };
}
