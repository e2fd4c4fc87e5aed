import type { Control } from './schema.ts';

/**
 * Free-text match for the catalogue browser and the assessment filter: every word of the query
 * must appear in the control's id, title, objective, rationale or verification procedure.
 */
export function controlMatches(control: Control, query: string): boolean {
  const words = query
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w !== '');
  if (words.length === 0) return true;
  const haystack =
    `${control.id} ${control.title} ${control.objective} ${control.rationale} ${control.verification}`.toLowerCase();
  return words.every((w) => haystack.includes(w));
}
