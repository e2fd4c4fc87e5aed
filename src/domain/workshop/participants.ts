import { parseAssessmentFile } from '../assessment/import.ts';
import type { Answer, Assessment } from '../assessment/schema.ts';
import { maxLevel, type Catalogue, type Control } from '../catalogue/schema.ts';
import { parseJson } from '../json.ts';
import { fail, ok, problemsFromZod, type Problem, type Result } from '../validation.ts';
import {
  participantSchema,
  type Agreement,
  type Participant,
  type ParticipantRole,
} from './schema.ts';

/**
 * Comparing participants' own answers during a workshop: where they disagree (so the session
 * spends its time there), and where the auditor verified something different from what the team
 * claimed. The participants' answers are never merged: the assessment's `answers` stay the ones
 * the room agreed.
 */

export interface ParticipantAnswer {
  readonly participantId: string;
  readonly name: string;
  readonly role: ParticipantRole;
  /** undefined when the participant skipped the control (or their catalogue version lacked it). */
  readonly answer: Answer | undefined;
}

export interface DisagreementRow {
  readonly controlId: string;
  readonly title: string;
  readonly domainId: string;
  /** One entry per participant, in the workshop's participant order. */
  readonly answers: readonly ParticipantAnswer[];
  /** Levels given (not N/A, not skipped). */
  readonly levels: readonly number[];
  readonly skipped: number;
  readonly notApplicable: number;
  /** max − min of `levels`; null with fewer than one level. */
  readonly spread: number | null;
  /** Median of `levels` (lower median for even counts, so it is always a level on the scale); null without levels. */
  readonly median: number | null;
  /**
   * Sort key, higher = more disagreement: the spread; when some participants said N/A and others
   * gave a level, that counts as the full scale (catalogue max level), since it is a disagreement
   * about whether the control applies at all. 0 when everyone who answered agrees.
   */
  readonly disagreement: number;
  /** Everyone who answered gave the same answer (same level, or all N/A), and at least two answered. */
  readonly unanimous: boolean;
  /** The assessment's current (agreed) answer, and who agreed it. */
  readonly agreed: Answer | undefined;
  readonly agreement: Agreement | undefined;
}

/**
 * The lower median: an average of two levels could fall between levels (1.5), which is not an
 * answer anyone could give, so the row would suggest a level nobody can agree on.
 */
export function lowerMedian(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[(sorted.length - 1) >> 1] ?? null;
}

function levelsOf(answers: readonly (Answer | undefined)[]): number[] {
  return answers.flatMap((a) => (a?.status === 'level' ? [a.level] : []));
}

/** What each participant answered to one control (their notes with it), in participant order. */
export function participantAnswersFor(
  participants: readonly Participant[],
  controlId: string,
): ParticipantAnswer[] {
  return participants.map((p) => ({
    participantId: p.id,
    name: p.name,
    role: p.role,
    answer: p.answers[controlId],
  }));
}

/** Participants who gave one control the same answer in the same words. */
export interface AnswerGroup {
  readonly answer: Answer | undefined;
  readonly people: readonly ParticipantAnswer[];
}

/**
 * The answers grouped by identical answer, reason and note, in the order first given: a note
 * several participants share (one file passed round) is read once, with everyone who gave it.
 */
export function answerGroups(answers: readonly ParticipantAnswer[]): AnswerGroup[] {
  const groups = new Map<string, { answer: Answer | undefined; people: ParticipantAnswer[] }>();
  for (const p of answers) {
    const a = p.answer;
    const key = JSON.stringify([
      a?.status ?? 'skipped',
      a?.status === 'level' ? a.level : a?.status === 'na' ? a.justification : '',
      a?.notes ?? '',
    ]);
    const group = groups.get(key);
    if (group) group.people.push(p);
    else groups.set(key, { answer: a, people: [p] });
  }
  return [...groups.values()];
}

/** Every catalogue control that at least one participant answered, most disagreement first, then catalogue order. */
export function disagreementRows(catalogue: Catalogue, assessment: Assessment): DisagreementRow[] {
  const participants = assessment.workshop?.participants ?? [];
  const agreements = assessment.workshop?.agreements ?? {};
  const top = maxLevel(catalogue);
  const rows: { row: DisagreementRow; order: number }[] = [];
  catalogue.controls.forEach((control, order) => {
    const answers = participantAnswersFor(participants, control.id);
    const given = answers.flatMap((a) => (a.answer === undefined ? [] : [a.answer]));
    if (given.length === 0) return;
    const levels = levelsOf(given);
    const notApplicable = given.length - levels.length;
    const spread = levels.length === 0 ? null : Math.max(...levels) - Math.min(...levels);
    // Whether a control applies at all is a bigger question than how well it is met.
    const disagreement =
      notApplicable > 0 && levels.length > 0 ? Math.max(top, spread ?? 0) : (spread ?? 0);
    rows.push({
      order,
      row: {
        controlId: control.id,
        title: control.title,
        domainId: control.domain,
        answers,
        levels,
        skipped: answers.length - given.length,
        notApplicable,
        spread,
        median: lowerMedian(levels),
        disagreement,
        unanimous: given.length >= 2 && disagreement === 0,
        agreed: assessment.answers[control.id],
        agreement: agreements[control.id],
      },
    });
  });
  return rows
    .sort((a, b) => b.row.disagreement - a.row.disagreement || a.order - b.order)
    .map(({ row }) => row);
}

export interface ParticipantImport {
  readonly participant: Participant;
  /** e.g. answers dropped because the participant's file was made against an older catalogue version that had controls this one no longer has. */
  readonly warnings: readonly Problem[];
}

/**
 * Turns an exported assessment file (the text a participant exported) into a Participant:
 * validated with `parseAssessmentFile` against the catalogues given (so files from an older
 * version of the same catalogue are accepted, answers to removed controls dropped with warnings),
 * refusing a file whose catalogue id differs from `catalogue.meta.id` with a clear Problem.
 * `name` defaults to the file's first assessor, else its assessment name. Only the file's `answers` are kept.
 */
export function participantFromFile(input: {
  readonly text: string;
  readonly fileName: string;
  readonly catalogue: Catalogue;
  readonly role: ParticipantRole;
  readonly name?: string;
  readonly id: string;
  readonly importedAt: string;
  readonly sha256: string;
}): Result<ParticipantImport> {
  const { text, fileName, catalogue } = input;
  const parsed = parseAssessmentFile(text, fileName, catalogue);
  if (!parsed.ok) {
    return fail(parsed.problems.map((p) => withWorkshopWording(p, text, catalogue)));
  }
  const file = parsed.value.file.assessment;
  const given = input.name?.trim() ?? '';
  const candidate: Participant = {
    id: input.id,
    name: given !== '' ? given : (file.assessors[0] ?? file.name),
    role: input.role,
    source: {
      fileName,
      assessmentName: file.name,
      // The version the participant answered against, not this one: it explains dropped answers.
      catalogueVersion: file.catalogue.version,
      sha256: input.sha256,
      assessmentId: file.id,
    },
    importedAt: input.importedAt,
    answers: file.answers,
  };
  // The caller's inputs (id, time, hash, name) are checked too, so nothing invalid gets stored.
  const checked = participantSchema.safeParse(candidate);
  if (!checked.success) return fail(problemsFromZod(fileName, checked.error, ['participant']));
  return ok({
    participant: checked.data,
    // Only answers are imported, so warnings about the file's dropped meta would be noise.
    warnings: parsed.value.warnings.filter((w) => w.path.startsWith('assessment.answers.')),
  });
}

/** A name as a person would compare it: case and spacing aside. */
function normalisedName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLocaleLowerCase('en');
}

/** The answers as text that does not depend on key order, so equal answers compare equal. */
function canonicalAnswers(answers: Participant['answers']): string {
  // An answer is one flat object, so listing its keys sorted orders the whole of it.
  const entries = Object.entries(answers)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([id, answer]) => [id, JSON.stringify(answer, Object.keys(answer).sort())]);
  return JSON.stringify(entries);
}

/**
 * The participant already in the workshop who is the same as `candidate`, if any. One person must
 * count once in every median, whatever bytes their file arrived in. The same person is: the same
 * file (hash); or the same assessment (its id in their browser) under the same name, however it
 * was re-exported; or, for a participant recorded before assessment ids were, the same name with
 * the same answers (the same file with its whitespace or key order changed).
 */
export function sameParticipant(
  existing: readonly Participant[],
  candidate: Participant,
): Participant | undefined {
  const name = normalisedName(candidate.name);
  const answers = canonicalAnswers(candidate.answers);
  return existing.find((p) => {
    if (p.source.sha256 === candidate.source.sha256) return true;
    if (normalisedName(p.name) !== name) return false;
    if (p.source.assessmentId !== undefined && candidate.source.assessmentId !== undefined) {
      return p.source.assessmentId === candidate.source.assessmentId;
    }
    return canonicalAnswers(p.answers) === answers;
  });
}

/**
 * `parseAssessmentFile` advises loading the other catalogue, which cannot help here: a
 * participant's answers are only comparable with answers to the same catalogue.
 */
function withWorkshopWording(problem: Problem, text: string, catalogue: Catalogue): Problem {
  if (problem.path !== 'assessment.catalogue.id') return problem;
  const id = fileCatalogueId(text);
  return {
    ...problem,
    message: `made against catalogue ${id === undefined ? 'another catalogue' : `"${id}"`}, but this assessment uses "${catalogue.meta.id}"; participants' answers can only be compared within one catalogue`,
  };
}

function fileCatalogueId(text: string): string | undefined {
  const json = parseJson(text, '');
  if (!json.ok) return undefined;
  const id = path(json.value, ['assessment', 'catalogue', 'id']);
  return typeof id === 'string' ? id : undefined;
}

function path(value: unknown, keys: readonly string[]): unknown {
  let node = value;
  for (const key of keys) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

export interface RoleComparisonRow {
  readonly controlId: string;
  readonly title: string;
  readonly domainId: string;
  /** Median of the team participants' levels. */
  readonly team: number;
  /** Median of the auditor participants' levels. */
  readonly auditor: number;
  /** auditor − team: negative when the auditor verified less than the team claimed. */
  readonly difference: number;
}

/** Controls where both some team participant and some auditor gave a level; sorted by |difference| desc, then catalogue order. `differing` is the subset with difference ≠ 0. */
export function teamVsAuditor(
  catalogue: Catalogue,
  participants: readonly Participant[],
): {
  readonly rows: readonly RoleComparisonRow[];
  readonly differing: readonly RoleComparisonRow[];
} {
  // Each role's participants picked once, not twice for every control of the catalogue.
  const byRole: Record<ParticipantRole, readonly Participant[]> = {
    team: participants.filter((p) => p.role === 'team'),
    auditor: participants.filter((p) => p.role === 'auditor'),
  };
  const medianFor = (role: ParticipantRole, control: Control): number | null =>
    lowerMedian(
      levelsOf(
        // A participant skips many controls, and a hasOwn test is much cheaper than reading a
        // key an object lacks; control ids never name a prototype property.
        byRole[role].map((p) =>
          Object.hasOwn(p.answers, control.id) ? p.answers[control.id] : undefined,
        ),
      ),
    );
  const rows: { row: RoleComparisonRow; order: number }[] = [];
  catalogue.controls.forEach((control, order) => {
    const team = medianFor('team', control);
    const auditor = medianFor('auditor', control);
    if (team === null || auditor === null) return;
    rows.push({
      order,
      row: {
        controlId: control.id,
        title: control.title,
        domainId: control.domain,
        team,
        auditor,
        difference: auditor - team,
      },
    });
  });
  const sorted = rows
    .sort((a, b) => Math.abs(b.row.difference) - Math.abs(a.row.difference) || a.order - b.order)
    .map(({ row }) => row);
  return { rows: sorted, differing: sorted.filter((r) => r.difference !== 0) };
}
