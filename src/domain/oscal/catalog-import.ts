import {
  CONTROL_ID_PATTERN,
  effortSchema,
  frameworkSchema,
  severitySchema,
  vectorEffectSchema,
  type ArchitectureFeature,
  type AttackVector,
  type CatalogueFile,
  type Control,
  type Domain,
  type FundsPool,
  type ScaleLevel,
  type VectorEffect,
} from '../catalogue/schema.ts';
import { fail, formatPath, ok, problemsFromZod, type Problem, type Result } from '../validation.ts';
import {
  MAX_OSCAL_DEPTH,
  oscalCatalogDocumentSchema,
  tooDeep,
  type ReadCatalogDocument,
  type ReadControl,
  type ReadGroup,
  type ReadParam,
  type ReadPart,
  type ReadProp,
  type ReadResource,
} from './catalog-schema.ts';
import { DEFINITION, PART } from './catalog-export.ts';
import { OPSREADY_NS, RMF_NS } from './model.ts';
import {
  emptyParamUse,
  flattenPart,
  inNamespace,
  plainProse,
  propOf,
  substituteParams,
  type ParamUse,
} from './prose.ts';

/**
 * An OSCAL catalog read as an OpsReady catalogue file: groups become domains (nested groups too,
 * named "Parent: Child"), controls and their enhancements are flattened into their domain in the
 * catalog's sort order, placeholders are filled from the parameters, and what OpsReady needs but
 * OSCAL has no field for is read from OpsReady's own props when the catalog carries them (one this
 * app exported) or set to the stated defaults below, each default counted in the report the user
 * sees before the catalogue is used. The result goes through the same loader and checks as any
 * team catalogue.
 */

export interface OscalImportReport {
  readonly title: string;
  readonly version: string;
  readonly oscalVersion: string;
  readonly controls: number;
  readonly domains: number;
  /** Controls the catalog marks withdrawn: not imported. */
  readonly withdrawn: number;
  /** True when the catalog carried OpsReady's own fields (an OpsReady export). */
  readonly opsReadyFields: boolean;
  /** What was assumed, one sentence each, with how many controls it concerns. */
  readonly assumptions: readonly string[];
}

export interface OscalImport {
  readonly file: CatalogueFile;
  readonly report: OscalImportReport;
}

/**
 * An OSCAL catalog may be larger than the 4 MB a team catalogue file may be: NIST's 800-53 rev5
 * catalog is 3.2 MB as JSON for release 5.0.1, and from 5.1.1 on it carries 800-53A's assessment
 * objectives and methods, so that its MODERATE baseline alone is 3.9 MB and the full catalog is
 * past 4 MB. What is kept is the converted catalogue, which is far smaller (1.8 MB for 5.0.1) and
 * still held to the 4 MB limit.
 */
export const MAX_OSCAL_BYTES = 16 * 1024 * 1024;

/** Beyond this a catalog is not one a person assesses in a browser (800-53 rev5 has 1,189). */
export const MAX_OSCAL_CONTROLS = 5_000;

/** Is this parsed JSON an OSCAL catalog rather than an OpsReady catalogue file? */
export function isOscalCatalog(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'catalog' in value;
}

/** The scale used when the catalog defines none, modelled on OpsReady's own 0–3 scale. */
export const DEFAULT_SCALE: readonly ScaleLevel[] = [
  {
    level: 0,
    name: 'Not implemented',
    meaning: 'The control is not in place, or nobody can show that it is.',
  },
  {
    level: 1,
    name: 'Partially implemented',
    meaning:
      "Some of the control's statement is in place, or all of it is but it is not documented.",
  },
  {
    level: 2,
    name: 'Implemented',
    meaning: 'Every part of the statement is in place and documented, with a named owner.',
  },
  {
    level: 3,
    name: 'Independently assessed',
    meaning:
      'As Implemented, and in the last 12 months someone independent of its owners examined the evidence and confirmed it.',
  },
];

export const DEFAULTS = {
  baseline: 2,
  severity: 'medium',
  effort: 'M',
  vector: {
    id: 'unmapped',
    name: 'Not mapped to an attack vector',
    description:
      'The source catalog does not say which attack paths its controls break, so each control is placed here to be scored. Residual risk by attack vector says nothing about real threats for these controls.',
  },
  verification:
    'Examine the documents and records that show each part of the statement is met, and interview the people who carry it out.',
  evidence: "Documents, records or system output showing that the control's statement is met",
  rationale: 'The source catalog gives no guidance for this control.',
} as const;

interface Counts {
  noLevels: number;
  noBaseline: number;
  noSeverity: number;
  noEffort: number;
  noVectors: number;
  noVerification: number;
  noEvidence: number;
  noGuidance: number;
  noStatement: number;
  droppedLinks: number;
}

interface Context {
  readonly source: string;
  readonly params: ReadonlyMap<string, ReadParam>;
  readonly resources: ReadonlyMap<string, ReadResource>;
  readonly scale: readonly ScaleLevel[];
  readonly use: ParamUse;
  readonly counts: Counts;
  readonly problems: Problem[];
}

interface Flat {
  readonly control: ReadControl;
  readonly path: (string | number)[];
  readonly order: number;
}

interface FlatGroup {
  readonly group: ReadGroup | null;
  readonly name: string;
  readonly path: (string | number)[];
  readonly controls: Flat[];
}

const SLUG = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/;

function ourProp(props: readonly ReadProp[] | undefined, name: string): ReadProp | undefined {
  return propOf(props, name, OPSREADY_NS);
}

function ourProps(props: readonly ReadProp[] | undefined, name: string): ReadProp[] {
  return (props ?? []).filter((p) => p.name === name && p.ns === OPSREADY_NS);
}

function toSlug(text: string): string {
  const s = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const lead = /^[a-z]/.test(s) ? s : `g-${s}`;
  return lead.replace(/-+$/, '') || 'group';
}

/** At most 40 characters, cut at a word boundary when it has to be cut. */
function shortSlug(text: string): string {
  const s = toSlug(text);
  if (s.length <= 40) return s;
  return s
    .slice(0, 41)
    .replace(/-[^-]*$/, '')
    .replace(/-+$/, '');
}

function unique(
  base: string,
  used: Set<string>,
  join: (base: string, n: number) => string,
): string {
  let candidate = base;
  for (let n = 2; used.has(candidate); n++) candidate = join(base, n);
  used.add(candidate);
  return candidate;
}

function collectParams(doc: ReadCatalogDocument): Map<string, ReadParam> {
  const params = new Map<string, ReadParam>();
  const add = (list: readonly ReadParam[] | undefined): void =>
    list?.forEach((p) => {
      if (!params.has(p.id)) params.set(p.id, p);
    });
  const visitControl = (c: ReadControl): void => {
    add(c.params);
    c.controls?.forEach(visitControl);
  };
  const visitGroup = (g: ReadGroup): void => {
    add(g.params);
    g.controls?.forEach(visitControl);
    g.groups?.forEach(visitGroup);
  };
  add(doc.catalog.params);
  doc.catalog.controls?.forEach(visitControl);
  doc.catalog.groups?.forEach(visitGroup);
  return params;
}

function flattenGroups(doc: ReadCatalogDocument): FlatGroup[] {
  const groups: FlatGroup[] = [];
  let order = 0;
  const flattenControls = (
    list: readonly ReadControl[] | undefined,
    path: (string | number)[],
    into: Flat[],
  ): void =>
    list?.forEach((control, i) => {
      const at = [...path, 'controls', i];
      into.push({ control, path: at, order: order++ });
      flattenControls(control.controls, at, into);
    });
  const top: Flat[] = [];
  flattenControls(doc.catalog.controls, ['catalog'], top);
  if (top.length > 0) {
    groups.push({
      group: null,
      name: doc.catalog.metadata.title.trim(),
      path: ['catalog'],
      controls: top,
    });
  }
  const visit = (g: ReadGroup, path: (string | number)[], parent: string | null): void => {
    const title = g.title.trim() !== '' ? g.title.trim() : (g.id ?? 'Untitled group');
    const name = parent === null ? title : `${parent}: ${title}`;
    const controls: Flat[] = [];
    flattenControls(g.controls, path, controls);
    if (controls.length > 0) groups.push({ group: g, name, path, controls });
    g.groups?.forEach((child, i) => visit(child, [...path, 'groups', i], name));
  };
  doc.catalog.groups?.forEach((g, i) => visit(g, ['catalog', 'groups', i], null));
  return groups;
}

function isWithdrawn(c: ReadControl): boolean {
  const status = propOf(c.props, 'status')?.value.trim().toLowerCase();
  return status === 'withdrawn' || status === 'moved';
}

function sortKey(f: Flat): string | undefined {
  return propOf(f.control.props, 'sort-id')?.value;
}

function findParts(
  parts: readonly ReadPart[] | undefined,
  test: (p: ReadPart) => boolean,
): ReadPart[] {
  const found: ReadPart[] = [];
  const stack = [...(parts ?? [])].reverse();
  while (stack.length > 0) {
    const p = stack.pop();
    if (!p) break;
    if (test(p)) found.push(p);
    stack.push(...[...(p.parts ?? [])].reverse());
  }
  return found;
}

function isOursLevel(p: ReadPart): boolean {
  return p.name === PART.level && p.ns === OPSREADY_NS;
}

function methodOf(p: ReadPart): string | undefined {
  const prop = (p.props ?? []).find(
    (x) => x.name === 'method' && (x.ns === RMF_NS || inNamespace(x.ns, undefined)),
  );
  return prop?.value.trim().toUpperCase();
}

function enumProp<T extends string>(
  ctx: Context,
  props: readonly ReadProp[] | undefined,
  path: (string | number)[],
  name: string,
  schema: { safeParse: (v: unknown) => { success: true; data: T } | { success: false } },
  allowed: string,
): T | undefined {
  const i = (props ?? []).findIndex((p) => p.name === name && p.ns === OPSREADY_NS);
  if (i < 0) return undefined;
  const value = props?.[i]?.value ?? '';
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  ctx.problems.push({
    source: ctx.source,
    path: formatPath([...path, 'props', i, 'value']),
    message: `"${value.slice(0, 80)}" is not an OpsReady ${name}; expected one of ${allowed}`,
  });
  return undefined;
}

function convertControl(
  ctx: Context,
  flat: Flat,
  id: string,
  domain: string,
  renumbered: boolean,
): Control {
  const c = flat.control;
  const render = (prose: string): string =>
    plainProse(substituteParams(prose, ctx.params, ctx.use));
  const parts = c.parts ?? [];
  const label = propOf(c.props, 'label')?.value.trim();
  const baseTitle =
    c.title.trim() !== '' ? c.title.trim() : label !== undefined && label !== '' ? label : c.id;
  // A renumbered control keeps the catalog's label in front of its title, always: AC-003 is
  // 800-53's AC-2(1), and the label is the name its readers know it by.
  const title =
    label !== undefined && label !== '' && (renumbered || label !== id)
      ? `${label} ${baseTitle}`
      : baseTitle;

  const statement = parts
    .filter((p) => p.name === PART.statement)
    .flatMap((p) => flattenPart(p, render));
  if (statement.length === 0) ctx.counts.noStatement++;
  const guidance = parts
    .filter((p) => p.name === PART.guidance)
    .flatMap((p) => flattenPart(p, render));
  if (guidance.length === 0) ctx.counts.noGuidance++;

  const levelParts = findParts(parts, isOursLevel);
  const byLevel = new Map<number, string>();
  for (const p of levelParts) {
    const n = Number(ourProp(p.props, 'level')?.value);
    const prose = render(p.prose ?? '').trim();
    if (Number.isInteger(n) && prose !== '' && !byLevel.has(n)) byLevel.set(n, prose);
  }
  const levels = ctx.scale.map((l) => byLevel.get(l.level));
  const complete = levels.every((l) => l !== undefined);
  if (!complete) ctx.counts.noLevels++;

  const methods = findParts(parts, (p) => p.name === PART.method);
  const methodProse = methods.map((m) => render(m.prose ?? '').trim()).filter((s) => s !== '');
  const objectives = parts
    .filter((p) => p.name === PART.objective)
    .flatMap((p) => flattenPart(p, render, isOursLevel));
  const objectsOf = (m: ReadPart): string[] =>
    findParts(m.parts, (p) => p.name === PART.objects).flatMap((p) =>
      render(p.prose ?? '')
        .split(/\n\s*\n/)
        .map((s) => s.trim())
        .filter((s) => s !== ''),
    );
  const others = methods
    .filter((m) => methodOf(m) === 'INTERVIEW' || methodOf(m) === 'TEST')
    .map((m) => `${methodOf(m) === 'TEST' ? 'Test' : 'Interview'}: ${objectsOf(m).join('; ')}`)
    .filter((s) => !s.endsWith(': '));
  let verification: string;
  if (methodProse.length > 0) verification = methodProse.join('\n');
  else if (objectives.length > 0 || others.length > 0) {
    verification = [
      ...(objectives.length > 0 ? ['Determine if:', ...objectives] : []),
      ...others,
    ].join('\n');
  } else {
    ctx.counts.noVerification++;
    verification = DEFAULTS.verification;
  }
  const evidence = methods
    .filter((m) => methodOf(m) === undefined || methodOf(m) === 'EXAMINE')
    .flatMap(objectsOf);
  if (evidence.length === 0) ctx.counts.noEvidence++;

  const severity = enumProp(
    ctx,
    c.props,
    flat.path,
    'severity',
    severitySchema,
    'low, medium, high, critical',
  );
  const effort = enumProp(ctx, c.props, flat.path, 'effort', effortSchema, 'S, M, L');
  if (severity === undefined) ctx.counts.noSeverity++;
  if (effort === undefined) ctx.counts.noEffort++;
  const baselineProp = ourProp(c.props, 'baseline');
  let baseline: number = DEFAULTS.baseline;
  if (baselineProp === undefined) ctx.counts.noBaseline++;
  else {
    const n = Number(baselineProp.value);
    if (Number.isInteger(n) && n >= 1) baseline = n;
    else {
      ctx.problems.push({
        source: ctx.source,
        path: formatPath([...flat.path, 'props', (c.props ?? []).indexOf(baselineProp), 'value']),
        message: `"${baselineProp.value.slice(0, 80)}" is not a baseline; expected a whole level of at least 1`,
      });
    }
  }

  const vectors: { vector: string; effects: VectorEffect[] }[] = [];
  (c.props ?? []).forEach((p, i) => {
    if (p.name !== 'attack-vector' || p.ns !== OPSREADY_NS) return;
    const effect = vectorEffectSchema.safeParse(p.class ?? 'prevents');
    if (!effect.success) {
      ctx.problems.push({
        source: ctx.source,
        path: formatPath([...flat.path, 'props', i, 'class']),
        message: `"${String(p.class).slice(0, 80)}" is not an effect on an attack vector; expected one of prevents, detects, limits-loss, speeds-response`,
      });
      return;
    }
    const entry = vectors.find((v) => v.vector === p.value);
    if (entry) {
      if (!entry.effects.includes(effect.data)) entry.effects.push(effect.data);
    } else vectors.push({ vector: p.value, effects: [effect.data] });
  });
  if (vectors.length === 0) {
    ctx.counts.noVectors++;
    vectors.push({ vector: DEFAULTS.vector.id, effects: ['prevents'] });
  }
  const appliesTo = ourProps(c.props, 'applies-to').map((p) => p.value);

  const references: NonNullable<Control['references']> = [];
  for (const link of c.links ?? []) {
    if (link.rel !== 'reference') continue;
    const resource = link.href.startsWith('#') ? ctx.resources.get(link.href.slice(1)) : undefined;
    const framework = frameworkSchema.safeParse(ourProp(resource?.props, 'framework')?.value);
    const refId = ourProp(resource?.props, 'reference-id')?.value;
    if (!framework.success || refId === undefined) {
      ctx.counts.droppedLinks++;
      continue;
    }
    const refTitle = ourProp(resource?.props, 'reference-title')?.value;
    references.push({
      framework: framework.data,
      id: refId,
      ...(refTitle === undefined ? {} : { title: refTitle }),
    });
  }

  return {
    id,
    domain,
    title,
    objective: statement.length > 0 ? statement.join('\n') : `${title}.`,
    rationale: guidance.length > 0 ? guidance.join('\n') : DEFAULTS.rationale,
    levels: ctx.scale.map((l) => byLevel.get(l.level) ?? l.meaning),
    baseline: Math.min(baseline, ctx.scale.length - 1),
    severity: severity ?? DEFAULTS.severity,
    effort: effort ?? DEFAULTS.effort,
    ...(appliesTo.length > 0 ? { appliesTo } : {}),
    vectors,
    verification,
    evidence: evidence.length > 0 ? evidence : [DEFAULTS.evidence],
    ...(references.length > 0 ? { references } : {}),
  };
}

function definitions(resources: readonly ReadResource[], kind: string): ReadResource[] {
  return resources.filter((r) => ourProp(r.props, 'definition')?.value === kind);
}

function readScale(resources: readonly ReadResource[]): ScaleLevel[] | undefined {
  const levels = definitions(resources, DEFINITION.scaleLevel)
    .map((r) => ({
      level: Number(ourProp(r.props, 'level')?.value),
      name: (r.title ?? '').trim(),
      meaning: plainProse(r.description ?? '').trim(),
    }))
    .sort((a, b) => a.level - b.level);
  const valid =
    levels.length >= 2 &&
    levels.length <= 11 &&
    levels.every((l, i) => l.level === i && l.name !== '' && l.meaning !== '');
  return valid ? levels : undefined;
}

function readVectors(resources: readonly ReadResource[]): AttackVector[] {
  return definitions(resources, DEFINITION.vector).flatMap((r) => {
    const id = ourProp(r.props, 'id')?.value ?? '';
    const name = (r.title ?? '').trim();
    const description = (r.description ?? '').trim();
    if (id === '' || name === '' || description === '') return [];
    const appliesTo = ourProps(r.props, 'applies-to').map((p) => p.value);
    const reaches = ourProps(r.props, 'reaches').map((p) => p.value);
    return [
      {
        id,
        name,
        description,
        ...(reaches.length > 0 ? { reaches } : {}),
        ...(ourProp(r.props, 'amplifier')?.value === 'true' ? { amplifier: true } : {}),
        ...(appliesTo.length > 0 ? { appliesTo } : {}),
      },
    ];
  });
}

function readFeatures(resources: readonly ReadResource[]): ArchitectureFeature[] {
  return definitions(resources, DEFINITION.feature).flatMap((r) => {
    const id = ourProp(r.props, 'id')?.value ?? '';
    const name = (r.title ?? '').trim();
    const description = (r.description ?? '').trim();
    return id === '' || name === '' || description === '' ? [] : [{ id, name, description }];
  });
}

function readPools(resources: readonly ReadResource[]): FundsPool[] {
  return definitions(resources, DEFINITION.pool).flatMap((r) => {
    const id = ourProp(r.props, 'id')?.value ?? '';
    const name = (r.title ?? '').trim();
    const description = (r.description ?? '').trim();
    const holder = ourProp(r.props, 'holder')?.value;
    const appliesTo = ourProps(r.props, 'applies-to').map((p) => p.value);
    if (id === '' || name === '' || description === '' || appliesTo.length === 0) return [];
    return holder === 'protocol' || holder === 'users'
      ? [{ id, name, description, holder, appliesTo }]
      : [];
  });
}

function readVersion(version: string): { version: string; assumed: boolean } {
  const v = version.trim();
  if (SEMVER.test(v)) return { version: v, assumed: false };
  const m = /(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(v);
  if (!m) return { version: '0.0.0', assumed: true };
  return { version: `${m[1] ?? '0'}.${m[2] ?? '0'}.${m[3] ?? '0'}`, assumed: true };
}

function prefixCandidates(group: ReadGroup | null, name: string): string[] {
  const fromProp = ourProp(group?.props, 'prefix')?.value ?? '';
  const fromId = (group?.id ?? '').toUpperCase().replace(/[^A-Z]/g, '');
  const initials = name
    .split(/[^A-Za-z]+/)
    .filter((w) => w.length > 0)
    .map((w) => w[0]?.toUpperCase() ?? '')
    .join('');
  const letters = name.toUpperCase().replace(/[^A-Z]/g, '');
  return [fromProp, fromId, initials, letters.slice(0, 3), letters.slice(0, 5)]
    .map((c) => c.slice(0, 5))
    .filter((c) => /^[A-Z]{2,5}$/.test(c));
}

function choosePrefix(candidates: readonly string[], used: Set<string>): string {
  for (const c of candidates) {
    if (!used.has(c)) {
      used.add(c);
      return c;
    }
  }
  const base = (candidates[0] ?? 'GR').slice(0, 3);
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  for (const a of letters) {
    for (const b of letters) {
      const c = `${base}${a}${b}`.slice(0, 5);
      if (/^[A-Z]{2,5}$/.test(c) && !used.has(c)) {
        used.add(c);
        return c;
      }
    }
  }
  return base;
}

/**
 * The catalogue's description, which the Catalogue page shows and which is stored with it: the
 * catalog's own remarks, else where it came from, and what was assumed, so the defaults stay
 * visible after the import report is gone.
 */
function describe(
  meta: ReadCatalogDocument['catalog']['metadata'],
  assumptions: readonly string[],
): string {
  const own = plainProse(meta.remarks ?? '').trim();
  const base =
    own !== ''
      ? own
      : `Imported from the OSCAL catalog "${meta.title.trim()}", version ${meta.version.trim()} (OSCAL ${meta['oscal-version'].trim()}).`;
  const topics = assumptions
    .map((a) => (a.split(':')[0] ?? '').toLowerCase())
    .filter((t) => t !== '');
  return topics.length === 0
    ? base
    : `${base} On import OpsReady assumed or changed (npm run oscal -- import lists each): ${topics.join(', ')}.`;
}

/** `value` is the parsed JSON of the file named `source`. */
export function catalogFromOscal(value: unknown, source: string): Result<OscalImport> {
  const deep = tooDeep(value, MAX_OSCAL_DEPTH);
  if (deep) {
    return fail([
      {
        source,
        path: formatPath(deep.slice(0, 12)),
        message: `nested more than ${String(MAX_OSCAL_DEPTH)} levels deep; expected an OSCAL catalog (800-53 needs about 20)`,
      },
    ]);
  }
  const parsed = oscalCatalogDocumentSchema.safeParse(value);
  if (!parsed.success) return fail(problemsFromZod(source, parsed.error));
  const doc = parsed.data;
  const meta = doc.catalog.metadata;
  const resources = doc.catalog['back-matter']?.resources ?? [];
  const problems: Problem[] = [];
  const assumptions: string[] = [];

  const groups = flattenGroups(doc);
  const total = groups.reduce((n, g) => n + g.controls.length, 0);
  if (total === 0) {
    return fail([
      {
        source,
        path: 'catalog',
        message:
          'the catalog has no controls; expected at least one in catalog.controls or catalog.groups',
      },
    ]);
  }
  if (total > MAX_OSCAL_CONTROLS) {
    return fail([
      {
        source,
        path: 'catalog',
        message: `the catalog has ${String(total)} controls; at most ${String(MAX_OSCAL_CONTROLS)} are accepted`,
      },
    ]);
  }
  // Ids are how controls, parts and links refer to each other: one used twice is ambiguous.
  const firstSeen = new Map<string, string>();
  for (const g of groups) {
    for (const f of g.controls) {
      const previous = firstSeen.get(f.control.id);
      if (previous !== undefined) {
        problems.push({
          source,
          path: formatPath([...f.path, 'id']),
          message: `duplicate control id "${f.control.id.slice(0, 80)}" (first at ${previous}); expected each id once`,
        });
      } else firstSeen.set(f.control.id, formatPath(f.path));
    }
  }
  if (problems.length > 0) return fail(problems);

  const scaleRead = readScale(resources);
  const scale = scaleRead ?? [...DEFAULT_SCALE];
  if (!scaleRead) {
    assumptions.push(
      `Scale: the catalog defines none, so OpsReady's default 0–3 scale is used (${DEFAULT_SCALE.map((l) => `${String(l.level)} ${l.name}`).join(', ')}).`,
    );
  }
  const ctx: Context = {
    source,
    params: collectParams(doc),
    resources: new Map(resources.map((r) => [r.uuid, r])),
    scale,
    use: emptyParamUse(),
    counts: {
      noLevels: 0,
      noBaseline: 0,
      noSeverity: 0,
      noEffort: 0,
      noVectors: 0,
      noVerification: 0,
      noEvidence: 0,
      noGuidance: 0,
      noStatement: 0,
      droppedLinks: 0,
    },
    problems,
  };

  const usedPrefixes = new Set<string>();
  const usedDomainIds = new Set<string>();
  const domains: Domain[] = [];
  const controls: Control[] = [];
  const renumbered: string[] = [];
  let renumberedCount = 0;
  let withdrawn = 0;
  for (const g of groups) {
    const kept = g.controls.filter((f) => {
      if (!isWithdrawn(f.control)) return true;
      withdrawn++;
      return false;
    });
    if (kept.length === 0) continue;
    const sorted = kept.every((f) => sortKey(f) !== undefined)
      ? [...kept].sort((a, b) => {
          const ka = sortKey(a) ?? '';
          const kb = sortKey(b) ?? '';
          return ka < kb ? -1 : ka > kb ? 1 : a.order - b.order;
        })
      : kept;
    const prefix = choosePrefix(prefixCandidates(g.group, g.name), usedPrefixes);
    const idBase =
      g.group?.id !== undefined && SLUG.test(g.group.id)
        ? g.group.id
        : toSlug(g.group?.id ?? g.name);
    const domainId = unique(idBase.slice(0, 60), usedDomainIds, (b, n) => `${b}-${String(n)}`);
    const overview = (g.group?.parts ?? [])
      .flatMap((p) => flattenPart(p, (s) => plainProse(substituteParams(s, ctx.params, ctx.use))))
      .join('\n');
    domains.push({
      id: domainId,
      name: g.name,
      prefix,
      description: overview !== '' ? overview : `The "${g.name}" group of ${meta.title.trim()}.`,
    });
    const own = sorted.map((f) => f.control.id.toUpperCase());
    const keepIds =
      own.every((id) => CONTROL_ID_PATTERN.test(id) && id.startsWith(`${prefix}-`)) &&
      new Set(own).size === own.length;
    if (sorted.length > 999 && !keepIds) {
      problems.push({
        source,
        path: formatPath(g.path),
        message: `the group "${g.name.slice(0, 80)}" has ${String(sorted.length)} controls; OpsReady numbers at most 999 per domain`,
      });
      continue;
    }
    // Three digits always, so a renumbered id never reads like the catalog's own (AC-02 for AC-2).
    const width = 3;
    sorted.forEach((f, i) => {
      const id = keepIds
        ? (own[i] ?? f.control.id)
        : `${prefix}-${String(i + 1).padStart(width, '0')}`;
      if (!keepIds) {
        renumberedCount++;
        if (renumbered.length < 4) renumbered.push(`${f.control.id} → ${id}`);
      }
      controls.push(convertControl(ctx, f, id, domainId, !keepIds));
    });
  }
  if (problems.length > 0) return fail(problems.slice(0, 50));

  const definedVectors = readVectors(resources);
  const needsUnmapped =
    ctx.counts.noVectors > 0 && !definedVectors.some((v) => v.id === DEFAULTS.vector.id);
  const vectors = needsUnmapped ? [...definedVectors, { ...DEFAULTS.vector }] : definedVectors;
  const features = readFeatures(resources);
  const pools = readPools(resources);

  const catalogueIdProp = ourProp(meta.props, 'catalogue-id')?.value;
  const derivedId = `${shortSlug(meta.title)}-${
    doc.catalog.uuid
      .toLowerCase()
      .replace(/[^0-9a-f]/g, '')
      .slice(0, 8) || 'catalog'
  }`;
  const id =
    catalogueIdProp !== undefined && SLUG.test(catalogueIdProp) ? catalogueIdProp : derivedId;
  if (id === derivedId) {
    assumptions.push(
      `Catalogue id: "${id}", made from the catalog's title and UUID (OSCAL has no short id).`,
    );
  }
  const version = readVersion(meta.version);
  if (version.assumed) {
    assumptions.push(
      `Version: "${meta.version.trim().slice(0, 40)}" is not a version like 1.2.0, so it is read as ${version.version}.`,
    );
  }

  const n = controls.length;
  const of = (count: number): string => `${String(count)} of ${String(n)} controls`;
  const c = ctx.counts;
  if (renumberedCount > 0) {
    assumptions.push(
      `Control ids: ${String(renumberedCount)} ids do not fit OpsReady's form (a domain prefix, a dash, 2–3 digits), so controls are numbered in the catalog's sort order, with the catalog's label kept at the start of each title (${renumbered.join(', ')}${renumberedCount > renumbered.length ? ', …' : ''}).`,
    );
  }
  if (c.noLevels > 0)
    assumptions.push(
      `Level descriptors: ${of(c.noLevels)} have none; each level's meaning on the scale is used as its descriptor.`,
    );
  if (c.noBaseline > 0)
    assumptions.push(
      `Baseline target: ${of(c.noBaseline)} have none; level ${String(DEFAULTS.baseline)} (${scale[DEFAULTS.baseline]?.name ?? ''}) is assumed.`,
    );
  if (c.noSeverity > 0)
    assumptions.push(
      `Severity: ${of(c.noSeverity)} have none; ${DEFAULTS.severity} is assumed, so these weigh the same in readiness.`,
    );
  if (c.noEffort > 0)
    assumptions.push(`Effort: ${of(c.noEffort)} have none; ${DEFAULTS.effort} is assumed.`);
  if (c.noVectors > 0)
    assumptions.push(
      `Attack vectors: ${of(c.noVectors)} name none; they address "${DEFAULTS.vector.name}" (prevents), so residual risk by vector says nothing about real threats for them.`,
    );
  if (c.noStatement > 0)
    assumptions.push(
      `Statement: ${of(c.noStatement)} have none; the title stands as the objective.`,
    );
  if (c.noGuidance > 0)
    assumptions.push(`Guidance: ${of(c.noGuidance)} have none; the rationale says so.`);
  if (c.noVerification > 0)
    assumptions.push(
      `Verification: ${of(c.noVerification)} have no assessment objective or method; a general procedure (examine records, interview the people) is used.`,
    );
  if (c.noEvidence > 0)
    assumptions.push(
      `Evidence: ${of(c.noEvidence)} list no objects to examine; one general example is used.`,
    );
  const u = ctx.use;
  const placeholders = u.values + u.selections + u.assignments + u.unresolved.size;
  if (placeholders > 0) {
    const unresolved = [...u.unresolved];
    assumptions.push(
      `Parameters: ${String(u.values)} placeholders filled with the catalog's values, ${String(u.selections)} shown as [Selection: …] and ${String(u.assignments)} as [Assignment: …] for the organisation to fill in${unresolved.length > 0 ? `; ${String(unresolved.length)} name no parameter of the catalog and are shown as [Assignment: id] (${unresolved.slice(0, 3).join(', ')}${unresolved.length > 3 ? ', …' : ''})` : ''}.`,
    );
  }
  if (c.droppedLinks > 0)
    assumptions.push(
      `References: ${String(c.droppedLinks)} reference links are not kept; OpsReady lists references only to the frameworks it checks (${frameworkSchema.options.join(', ')}).`,
    );
  if (withdrawn > 0)
    assumptions.push(
      `Withdrawn: ${String(withdrawn)} controls the catalog marks withdrawn are left out.`,
    );

  const file: CatalogueFile = {
    catalogue: {
      id,
      name: meta.title.trim(),
      version: version.version,
      description: describe(meta, assumptions),
    },
    scale,
    domains,
    ...(features.length > 0 ? { architecture: features } : {}),
    ...(pools.length > 0 ? { pools } : {}),
    vectors,
    controls,
  };
  return ok({
    file,
    report: {
      title: meta.title.trim(),
      version: meta.version.trim(),
      oscalVersion: meta['oscal-version'].trim(),
      controls: n,
      domains: domains.length,
      withdrawn,
      opsReadyFields: catalogueIdProp !== undefined,
      assumptions,
    },
  });
}
