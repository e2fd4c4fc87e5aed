import type { ReadParam, ReadPart, ReadProp } from './catalog-schema.ts';

/**
 * OSCAL prose is Markdown with `{{ insert: param, id }}` placeholders for the values an
 * organisation chooses. OpsReady shows plain text, so each placeholder becomes the text NIST's own
 * publications print: the value when the catalog sets one, else "[Selection (one or more): a; b]"
 * for a choice or "[Assignment: label]" for a blank, and links to the back matter keep their text.
 */

export interface ParamUse {
  /** Placeholders replaced by a value the catalog sets. */
  values: number;
  /** … by a list of choices. */
  selections: number;
  /** … by the parameter's label, as a blank to fill in. */
  assignments: number;
  /** Placeholders naming a parameter the catalog does not define, kept as "[Assignment: id]". */
  unresolved: Set<string>;
}

export function emptyParamUse(): ParamUse {
  return { values: 0, selections: 0, assignments: 0, unresolved: new Set() };
}

const INSERT = /\{\{\s*insert\s*:\s*param\s*,\s*([^\s{}]+)\s*\}\}/g;

/** Choices may themselves insert parameters; past this depth a cycle is assumed and cut. */
const MAX_PARAM_DEPTH = 8;

export function substituteParams(
  prose: string,
  params: ReadonlyMap<string, ReadParam>,
  use: ParamUse,
  depth = 0,
): string {
  return prose.replace(INSERT, (_match, id: string) => {
    const param = params.get(id);
    if (!param || depth >= MAX_PARAM_DEPTH) {
      use.unresolved.add(id);
      return `[Assignment: ${id}]`;
    }
    const values = (param.values ?? []).filter((v) => v.trim() !== '');
    if (values.length > 0) {
      use.values += 1;
      return values.map((v) => substituteParams(v, params, use, depth + 1)).join(', ');
    }
    const choices = param.select?.choice ?? [];
    if (choices.length > 0) {
      use.selections += 1;
      const many = param.select?.['how-many'] === 'one-or-more' ? ' (one or more)' : '';
      const listed = choices.map((c) => substituteParams(c, params, use, depth + 1)).join('; ');
      return `[Selection${many}: ${listed}]`;
    }
    use.assignments += 1;
    const label = param.label?.trim();
    return `[Assignment: ${label === undefined || label === '' ? id : label}]`;
  });
}

/** `[text](#fragment)` links into the back matter keep their text; other Markdown stays as is. */
export function plainProse(prose: string): string {
  return prose.replace(/\[([^\]\n]*)\]\(#[^)\s]*\)/g, '$1');
}

/** OSCAL's own names carry no `ns`, or spell out its default namespace. */
const OSCAL_NS = 'http://csrc.nist.gov/ns/oscal';

export function inNamespace(actual: string | undefined, wanted: string | undefined): boolean {
  return wanted === undefined ? actual === undefined || actual === OSCAL_NS : actual === wanted;
}

export function propOf(
  props: readonly ReadProp[] | undefined,
  name: string,
  ns?: string,
): ReadProp | undefined {
  return props?.find((p) => p.name === name && inNamespace(p.ns, ns));
}

/**
 * A part and its sub-parts as lines: each line its label (when it has one) and its prose,
 * parts without prose left out,
 * depth first, the order a reader meets them in. Parts `skip` names are left out with theirs.
 */
export function flattenPart(
  part: ReadPart,
  render: (prose: string) => string,
  skip: (part: ReadPart) => boolean = () => false,
): string[] {
  const lines: string[] = [];
  const visit = (p: ReadPart): void => {
    if (skip(p)) return;
    const label = propOf(p.props, 'label')?.value.trim() ?? '';
    const prose = render(p.prose ?? '').trim();
    // A label alone heads the items below it ("AC-01a."), which carry their own labels.
    if (prose !== '') lines.push(label === '' ? prose : `${label} ${prose}`);
    p.parts?.forEach(visit);
  };
  visit(part);
  return lines;
}
