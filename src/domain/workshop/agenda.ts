import type { Assessment } from '../assessment/schema.ts';
import type { Catalogue, Control } from '../catalogue/schema.ts';
import type { AgendaItem } from './schema.ts';

/** Two minutes a control, rounded up to five: a starting point the facilitator adjusts. */
export function defaultMinutes(controls: number): number {
  return Math.max(5, Math.ceil((controls * 2) / 5) * 5);
}

/**
 * The agenda as saved, completed with every catalogue domain it does not list yet, in catalogue
 * order; saved domains the catalogue no longer has are left out.
 */
export function agendaOf(catalogue: Catalogue, assessment: Assessment): AgendaItem[] {
  const saved = (assessment.workshop?.agenda ?? []).filter((a) =>
    catalogue.domains.some((d) => d.id === a.domain),
  );
  const missing = catalogue.domains
    .filter((d) => !saved.some((a) => a.domain === d.id))
    .map((d) => ({
      domain: d.id,
      minutes: defaultMinutes(catalogue.controls.filter((c) => c.domain === d.id).length),
    }));
  return [...saved, ...missing];
}

/** The controls in the order the session takes them: the agenda's domains, each in catalogue order. */
export function agendaOrder(catalogue: Catalogue, assessment: Assessment): Control[] {
  return agendaOf(catalogue, assessment).flatMap((item) =>
    catalogue.controls.filter((c) => c.domain === item.domain),
  );
}

/** Why a control counts as discussed in this workshop; null when it does not yet. */
export type DiscussedBy = 'agreed' | 'parked' | 'marked' | null;

/**
 * A control is discussed once the room agreed an answer to it here (even one changed since), parked
 * it (to revisit, or waiting for evidence), or the facilitator marked it discussed. An answer that
 * was already there (a baseline, a self-assessment) is not a discussion.
 */
export function discussedBy(assessment: Assessment, controlId: string): DiscussedBy {
  const workshop = assessment.workshop;
  if (workshop?.agreements[controlId] !== undefined) return 'agreed';
  const meta = assessment.meta[controlId];
  if (meta?.revisit === true || meta?.evidenceRequested === true) return 'parked';
  if (workshop?.discussed?.[controlId] !== undefined) return 'marked';
  return null;
}

/** The controls of `domain` not yet discussed in this workshop. */
export function controlsLeft(catalogue: Catalogue, assessment: Assessment, domain: string): number {
  return catalogue.controls.filter(
    (c) => c.domain === domain && discussedBy(assessment, c.id) === null,
  ).length;
}
