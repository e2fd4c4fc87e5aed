import { incidentsForControl } from './coverage.ts';
import type { Catalogue, Control } from './schema.ts';

/**
 * The built-in catalogue reaches the browser in two parts. The list part is what the app's own
 * start-up code reads (loading and migrating saved assessments, the stores) and what a list of
 * controls names: ids, titles, objectives, weights, vectors, the scale and the migrations. The
 * details part, each control's level descriptors, rationale, verification, evidence and
 * references, every incident, the threat profiles and the changelog, is most of the bytes and is
 * read only by the pages, so it is a chunk of its own that the pages wait for
 * (scripts/build/catalogue-plugin.ts, src/store/catalogue.ts, src/app/routes.ts), all but the
 * Catalogue page, which draws its list of controls from the list part (and the incident counts
 * below) and waits for the details only where it shows them. The level descriptors alone were
 * half of the list part's bytes, and nothing that runs before a page is drawn reads them.
 */
export const DETAIL_FIELDS = [
  'levels',
  'rationale',
  'verification',
  'evidence',
  'references',
] as const;
export type DetailField = (typeof DETAIL_FIELDS)[number];

export type ControlDetails = Pick<Control, DetailField>;
export type ListedControl = Omit<Control, DetailField>;

/** The catalogue's own fields that only pages read: the incidents and the threat profiles. */
export const CATALOGUE_DETAIL_FIELDS = ['incidents', 'profiles'] as const;
export type CatalogueDetailField = (typeof CATALOGUE_DETAIL_FIELDS)[number];

/** And of its meta, the changelog, which only the Catalogue page and the exports print. */
export const META_DETAIL_FIELDS = ['changelog'] as const;
export type MetaDetailField = (typeof META_DETAIL_FIELDS)[number];

type Meta = Catalogue['meta'];

export interface ListedCatalogue extends Omit<
  Catalogue,
  'controls' | 'meta' | CatalogueDetailField
> {
  readonly meta: Omit<Meta, MetaDetailField>;
  readonly controls: readonly ListedControl[];
}

export interface CatalogueDetails extends Pick<Catalogue, CatalogueDetailField> {
  /** By control id. */
  readonly controls: Readonly<Record<string, ControlDetails>>;
  /** Only the fields the catalogue has: an absent changelog stays absent. */
  readonly meta: Pick<Meta, MetaDetailField>;
}

/** Splits an object's fields in two, key by key, so each part keeps the order they were written in. */
function partition(
  object: object,
  isDetail: (key: string) => boolean,
): { entry: Record<string, unknown>; detail: Record<string, unknown> } {
  const entry: Record<string, unknown> = {};
  const detail: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(object)) {
    if (isDetail(key)) detail[key] = value;
    else entry[key] = value;
  }
  return { entry, detail };
}

const among =
  (fields: readonly string[]) =>
  (key: string): boolean =>
    fields.includes(key);

/** The two parts of a catalogue; `joinCatalogue` puts them back together exactly. */
export function splitCatalogue(catalogue: Catalogue): {
  list: ListedCatalogue;
  details: CatalogueDetails;
} {
  const { controls, meta, ...catalogueFields } = catalogue;
  const listed: ListedControl[] = [];
  const details: Record<string, ControlDetails> = {};
  for (const control of controls) {
    const { entry, detail } = partition(control, among(DETAIL_FIELDS));
    listed.push(entry as unknown as ListedControl);
    details[control.id] = detail as unknown as ControlDetails;
  }
  const top = partition(catalogueFields, among(CATALOGUE_DETAIL_FIELDS));
  const metaParts = partition(meta, among(META_DETAIL_FIELDS));
  return {
    list: {
      ...(top.entry as unknown as Omit<ListedCatalogue, 'meta' | 'controls'>),
      meta: metaParts.entry as unknown as ListedCatalogue['meta'],
      controls: listed,
    },
    details: {
      ...(top.detail as unknown as Pick<Catalogue, CatalogueDetailField>),
      meta: metaParts.detail,
      controls: details,
    },
  };
}

/** The catalogue from its two parts: equal to the one split, field for field. */
export function joinCatalogue(list: ListedCatalogue, details: CatalogueDetails): Catalogue {
  const controls = list.controls.map((c): Control => {
    const detail = details.controls[c.id];
    if (!detail) throw new Error(`the catalogue details have no entry for ${c.id}`);
    return { ...c, ...detail };
  });
  const { controls: _, meta, ...catalogueDetails } = details;
  return { ...list, ...catalogueDetails, meta: { ...list.meta, ...meta }, controls };
}

/**
 * What the list of controls says of the incidents before they have loaded: how many the
 * catalogue has, and in how many of them each control breaks a step (a control in none is left
 * out). Written into the list part at build time, from the catalogue the details come from.
 */
export interface IncidentCounts {
  readonly total: number;
  readonly byControl: Readonly<Record<string, number>>;
}

export function countIncidents(catalogue: Catalogue): IncidentCounts {
  const byControl: Record<string, number> = {};
  for (const control of catalogue.controls) {
    const n = incidentsForControl(catalogue, control.id).length;
    if (n > 0) byControl[control.id] = n;
  }
  return { total: catalogue.incidents.length, byControl };
}
