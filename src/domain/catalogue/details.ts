import type { Catalogue, Control, Incident } from './schema.ts';

/**
 * The built-in catalogue reaches the browser in two parts. The list part is what the app needs to
 * start and to answer: ids, titles, objectives, level descriptors, weights and vectors. The
 * details part, each control's rationale, verification, evidence and references and every
 * incident, is most of the bytes and is read only to show them or to write the report, so it is
 * loaded after the first paint (scripts/build/catalogue-plugin.ts, src/store/catalogue.ts).
 */
export const DETAIL_FIELDS = ['rationale', 'verification', 'evidence', 'references'] as const;
export type DetailField = (typeof DETAIL_FIELDS)[number];

export type ControlDetails = Pick<Control, DetailField>;
export type ListedControl = Omit<Control, DetailField>;

export interface ListedCatalogue extends Omit<Catalogue, 'controls' | 'incidents'> {
  readonly controls: readonly ListedControl[];
}

export interface CatalogueDetails {
  /** By control id. */
  readonly controls: Readonly<Record<string, ControlDetails>>;
  readonly incidents: readonly Incident[];
}

function isDetailField(key: string): key is DetailField {
  return (DETAIL_FIELDS as readonly string[]).includes(key);
}

/** The two parts of a catalogue; `joinCatalogue` puts them back together exactly. */
export function splitCatalogue(catalogue: Catalogue): {
  list: ListedCatalogue;
  details: CatalogueDetails;
} {
  const { controls, incidents, ...rest } = catalogue;
  const listed: ListedControl[] = [];
  const details: Record<string, ControlDetails> = {};
  for (const control of controls) {
    const entry: Record<string, unknown> = {};
    const detail: Record<string, unknown> = {};
    // Key by key, so each part keeps the order the fields were written in.
    for (const [key, value] of Object.entries(control)) {
      if (isDetailField(key)) detail[key] = value;
      else entry[key] = value;
    }
    listed.push(entry as unknown as ListedControl);
    details[control.id] = detail as unknown as ControlDetails;
  }
  return { list: { ...rest, controls: listed }, details: { controls: details, incidents } };
}

/** The catalogue from its two parts: equal to the one split, field for field. */
export function joinCatalogue(list: ListedCatalogue, details: CatalogueDetails): Catalogue {
  const controls = list.controls.map((c): Control => {
    const detail = details.controls[c.id];
    if (!detail) throw new Error(`the catalogue details have no entry for ${c.id}`);
    return { ...c, ...detail };
  });
  return { ...list, controls, incidents: details.incidents };
}
