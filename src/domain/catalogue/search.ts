import type { ListedControl } from './details.ts';
import type { Control } from './schema.ts';

function words(query: string): string[] {
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w !== '');
}

function containsAll(query: string, fields: () => readonly string[]): boolean {
  const wanted = words(query);
  if (wanted.length === 0) return true;
  // Read only when there is something to find, so an empty query reads no detail of a control.
  const haystack = fields().join(' ').toLowerCase();
  return wanted.every((w) => haystack.includes(w));
}

/**
 * Free-text match for the catalogue browser and the assessment filter: every word of the query
 * must appear in the control's id, title, objective, rationale or verification procedure.
 */
export function controlMatches(control: Control, query: string): boolean {
  return containsAll(query, () => [
    control.id,
    control.title,
    control.objective,
    control.rationale,
    control.verification,
  ]);
}

/**
 * The same match on the fields a control's list part has (id, title, objective), for the
 * catalogue browser while the built-in catalogue's details are loading. A word never spans two
 * fields, so every control it finds, `controlMatches` finds too; it may miss some.
 */
export function listedControlMatches(control: ListedControl, query: string): boolean {
  return containsAll(query, () => [control.id, control.title, control.objective]);
}
