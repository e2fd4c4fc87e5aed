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
