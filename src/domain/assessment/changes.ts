import type { Agreement, Workshop } from '../workshop/schema.ts';
import { EMPTY_WORKSHOP } from '../workshop/schema.ts';
import type { Answer, Assessment, ControlMeta } from './schema.ts';

/**
 * The changes the store makes to an assessment, as pure functions of the value before: the rules
 * that must hold wherever an answer is set (notes survive a new level, an empty detail record is
 * not kept) live here once instead of in each screen that sets one.
 */

/** What a person picks for a control; the notes are the answer's, not the pick's. */
export type AnswerChoice =
  | { readonly status: 'level'; readonly level: number }
  | { readonly status: 'na'; readonly justification: string };

/** The most characters an assessment name may have (the schema's limit). */
export const MAX_NAME_LENGTH = 200;

/** Marks an imported assessment whose id was already taken here. */
export const IMPORTED_SUFFIX = ' (imported)';

/** A flag a control's details can carry, switched on and off by one key or button. */
export type MetaFlag = 'revisit' | 'evidenceRequested';

/** The record without `id`, and with `value` appended under it unless that is undefined. */
function withEntry<T>(
  record: Readonly<Record<string, T>>,
  id: string,
  value: T | undefined,
): Record<string, T> {
  const next = Object.fromEntries(Object.entries(record).filter(([key]) => key !== id));
  if (value !== undefined) next[id] = value;
  return next;
}

/**
 * The answer a choice makes, keeping the notes of the answer it replaces: changing a level, or
 * marking a control not applicable, must never lose what was written about it.
 */
export function chooseAnswer(current: Answer | undefined, choice: AnswerChoice): Answer {
  const notes = current?.notes !== undefined ? { notes: current.notes } : {};
  return choice.status === 'level'
    ? { status: 'level', level: choice.level, ...notes }
    : { status: 'na', justification: choice.justification, ...notes };
}

/** The answer with these notes, trimmed; blank notes are removed rather than kept empty. */
export function withNotes(answer: Answer, notes: string): Answer {
  const { notes: _old, ...rest } = answer;
  const text = notes.trim();
  return text === '' ? rest : { ...rest, notes: text };
}

/** Sets (or, with null, clears) the answer to one control. */
export function withAnswer<A extends Pick<Assessment, 'answers'>>(
  assessment: A,
  controlId: string,
  answer: Answer | null,
): A {
  return { ...assessment, answers: withEntry(assessment.answers, controlId, answer ?? undefined) };
}

/**
 * Sets (or, with null, clears) the details of one control. An empty record carries nothing;
 * dropping it keeps exports small.
 */
export function withMeta<A extends Pick<Assessment, 'meta'>>(
  assessment: A,
  controlId: string,
  meta: ControlMeta | null,
): A {
  const kept = meta !== null && Object.keys(meta).length > 0 ? meta : undefined;
  return { ...assessment, meta: withEntry(assessment.meta, controlId, kept) };
}

/** Puts back the value a control had, or removes it if it had none: what undo restores. */
export function withRestored<A extends Pick<Assessment, 'answers' | 'meta'>>(
  assessment: A,
  field: 'answers' | 'meta',
  controlId: string,
  before: Answer | ControlMeta | undefined,
): A {
  const values = withEntry<unknown>(assessment[field], controlId, before);
  return { ...assessment, [field]: values };
}

/** The details with the flag switched: on when it was off, removed when it was on. */
export function toggleFlag(meta: ControlMeta | undefined, flag: MetaFlag): ControlMeta {
  const { [flag]: current, ...rest } = meta ?? {};
  return current === true ? rest : { ...rest, [flag]: true };
}

/** The details with who owes what for the control; blank removes it. */
export function withFollowUp(meta: ControlMeta | undefined, followUp: string): ControlMeta {
  const { followUp: _old, ...rest } = meta ?? {};
  const text = followUp.trim();
  return text === '' ? rest : { ...rest, followUp: text };
}

/** The name with a suffix, shortened first so the whole stays within the name limit. */
export function withSuffix(name: string, suffix: string, max: number = MAX_NAME_LENGTH): string {
  return `${name.slice(0, Math.max(0, max - suffix.length)).trimEnd()}${suffix}`;
}

/**
 * The assessment as stored from a file: as it is unless its id is taken, then under a new id and
 * marked "(imported)", so an import never overwrites an assessment already here.
 */
export function importedAs(
  assessment: Assessment,
  taken: (id: string) => boolean,
  newId: () => string,
): Assessment {
  return taken(assessment.id)
    ? { ...assessment, id: newId(), name: withSuffix(assessment.name, IMPORTED_SUFFIX) }
    : assessment;
}

/**
 * The agreed answer and who agreed it, applied together: the answer takes the agreed one in its
 * place, and the workshop (an empty one on first use) records the agreement.
 */
export function withAgreement<A extends Pick<Assessment, 'answers' | 'workshop'>>(
  assessment: A,
  controlId: string,
  answer: Answer,
  agreement: Agreement,
): A & { workshop: Workshop } {
  const base: Workshop = assessment.workshop ?? EMPTY_WORKSHOP;
  return {
    ...assessment,
    answers: { ...assessment.answers, [controlId]: answer },
    workshop: { ...base, agreements: { ...base.agreements, [controlId]: agreement } },
  };
}

/**
 * Which assessment to open after deleting `id`: the one that was open if it was another, else the
 * neighbour in the list, so the picker stays roughly where the user was. Null when none is left.
 */
export function activeAfterDelete(
  order: readonly string[],
  activeId: string | null,
  id: string,
): string | null {
  const left = order.filter((key) => key !== id);
  if (left.length === 0) return null;
  if (activeId !== id) return activeId;
  const at = order.indexOf(id);
  return order[at + 1] ?? order[at - 1] ?? left[0] ?? null;
}
