import type { Catalogue, Control } from '../catalogue/schema.ts';
import {
  derivedUuid,
  OPSREADY_NS,
  OSCAL_VERSION,
  ours,
  propValue,
  type OscalLink,
  type OscalMetadata,
  type OscalPart,
  type OscalProp,
  type OscalResource,
} from './model.ts';

/**
 * The catalogue as an OSCAL 1.1.3 catalog: one group per domain, one control per control, and
 * everything OSCAL has no field for (scale, severity, effort, baseline, attack vectors, what a
 * control applies to) as props and parts in OpsReady's namespace, so `catalogFromOscal` reads the
 * same catalogue back. The scale, the attack vectors, the architecture features and the framework
 * references are back-matter resources, which controls link to.
 *
 * Every UUID is derived from the catalogue id, its version and what it names, so the same
 * catalogue version always yields the same document, byte for byte.
 */

export interface OscalCatalog {
  readonly catalog: {
    readonly uuid: string;
    readonly metadata: OscalMetadata;
    readonly groups: readonly OscalGroup[];
    readonly 'back-matter'?: { readonly resources: readonly OscalResource[] };
  };
}

export interface OscalGroup {
  readonly id: string;
  readonly class: string;
  readonly title: string;
  readonly props: readonly OscalProp[];
  readonly parts: readonly OscalPart[];
  readonly controls: readonly OscalControl[];
}

export interface OscalControl {
  readonly id: string;
  readonly class: string;
  readonly title: string;
  readonly props: readonly OscalProp[];
  readonly links?: readonly OscalLink[];
  readonly parts: readonly OscalPart[];
}

/** What a back-matter resource defines, in the `definition` prop. */
export const DEFINITION = {
  scaleLevel: 'scale-level',
  vector: 'attack-vector',
  feature: 'architecture-feature',
  pool: 'funds-pool',
  reference: 'framework-reference',
} as const;

/** A control's parts, as OpsReady names them; `statement`, `guidance` and the objective are NIST's. */
export const PART = {
  statement: 'statement',
  guidance: 'guidance',
  objective: 'assessment-objective',
  level: 'level',
  method: 'assessment-method',
  objects: 'assessment-objects',
} as const;

/** The part ids of one control; the assessment results point findings at the statement. */
export function statementId(controlId: string): string {
  return `${controlId}_smt`;
}

function scope(catalogue: Catalogue): string {
  return `${catalogue.meta.id}@${catalogue.meta.version}`;
}

export function catalogUuid(catalogue: Catalogue): string {
  return derivedUuid(`catalog:${scope(catalogue)}`);
}

/** The UUID naming a control of this catalogue version in other documents. */
export function controlUuid(catalogue: Catalogue, controlId: string): string {
  return derivedUuid(`control:${scope(catalogue)}:${controlId}`);
}

function referenceKey(r: { framework: string; id: string }): string {
  return `${r.framework} ${r.id}`;
}

function referenceUuid(catalogue: Catalogue, r: { framework: string; id: string }): string {
  return derivedUuid(`reference:${scope(catalogue)}:${referenceKey(r)}`);
}

function controlProps(control: Control, order: number): OscalProp[] {
  return [
    { name: 'label', value: control.id },
    // Zero-padded so that a string sort keeps the catalogue's order.
    { name: 'sort-id', value: String(order).padStart(4, '0') },
    ours('severity', control.severity),
    ours('effort', control.effort),
    ours('baseline', String(control.baseline)),
    ...(control.appliesTo ?? []).map((f) => ours('applies-to', f)),
    ...control.vectors.flatMap((v) =>
      v.effects.map((effect) => ours('attack-vector', v.vector, { class: effect })),
    ),
  ];
}

function controlParts(catalogue: Catalogue, control: Control): OscalPart[] {
  const id = control.id;
  return [
    { id: statementId(id), name: PART.statement, prose: control.objective },
    { id: `${id}_gdn`, name: PART.guidance, prose: control.rationale },
    {
      id: `${id}_obj`,
      name: PART.objective,
      prose: `Determine the level ${id} reaches on the scale of ${catalogue.meta.name}, one descriptor per level below.`,
      parts: control.levels.map((descriptor, level) => ({
        id: `${id}_obj.level-${String(level)}`,
        name: PART.level,
        ns: OPSREADY_NS,
        title: catalogue.scale[level]?.name ?? `Level ${String(level)}`,
        props: [ours('level', String(level))],
        prose: descriptor,
      })),
    },
    {
      id: `${id}_asm`,
      name: PART.method,
      prose: control.verification,
      parts: control.evidence.map((item, i) => ({
        id: `${id}_asm.evidence-${String(i + 1)}`,
        name: PART.objects,
        prose: item,
      })),
    },
  ];
}

function resources(catalogue: Catalogue): OscalResource[] {
  const s = scope(catalogue);
  const scale = catalogue.scale.map((l) => ({
    uuid: derivedUuid(`scale-level:${s}:${String(l.level)}`),
    title: l.name,
    description: l.meaning,
    props: [ours('definition', DEFINITION.scaleLevel), ours('level', String(l.level))],
  }));
  const vectors = catalogue.vectors.map((v) => ({
    uuid: derivedUuid(`attack-vector:${s}:${v.id}`),
    title: v.name,
    description: v.description,
    props: [
      ours('definition', DEFINITION.vector),
      ours('id', v.id),
      ...(v.amplifier === true ? [ours('amplifier', 'true')] : []),
      ...(v.reaches ?? []).map((pool) => ours('reaches', pool)),
      ...(v.appliesTo ?? []).map((f) => ours('applies-to', f)),
    ],
  }));
  const features = (catalogue.architecture ?? []).map((f) => ({
    uuid: derivedUuid(`architecture-feature:${s}:${f.id}`),
    title: f.name,
    description: f.description,
    props: [ours('definition', DEFINITION.feature), ours('id', f.id)],
  }));
  const pools = (catalogue.pools ?? []).map((p) => ({
    uuid: derivedUuid(`funds-pool:${s}:${p.id}`),
    title: p.name,
    description: p.description,
    props: [
      ours('definition', DEFINITION.pool),
      ours('id', p.id),
      ours('holder', p.holder),
      ...p.appliesTo.map((f) => ours('applies-to', f)),
    ],
  }));
  const seen = new Set<string>();
  const references = catalogue.controls.flatMap((c) =>
    (c.references ?? []).flatMap((r) => {
      const key = referenceKey(r);
      if (seen.has(key)) return [];
      seen.add(key);
      const text = r.title === undefined ? key : `${key} ${r.title}`;
      return [
        {
          uuid: referenceUuid(catalogue, r),
          title: text,
          citation: { text },
          props: [
            ours('definition', DEFINITION.reference),
            ours('framework', r.framework),
            ours('reference-id', propValue(r.id)),
            ...(r.title === undefined ? [] : [ours('reference-title', propValue(r.title))]),
          ],
        },
      ];
    }),
  );
  return [...scale, ...vectors, ...features, ...pools, ...references];
}

/**
 * `lastModified` is the catalogue's own release date when its changelog gives one (so the
 * document depends on the catalogue alone), else the caller's date.
 */
export function catalogToOscal(catalogue: Catalogue, fallbackDate: string): OscalCatalog {
  const release = catalogue.meta.changelog?.[0]?.date;
  const day = release?.length === 10 ? release : fallbackDate;
  let order = 0;
  return {
    catalog: {
      uuid: catalogUuid(catalogue),
      metadata: {
        title: catalogue.meta.name,
        'last-modified': `${day}T00:00:00Z`,
        version: catalogue.meta.version,
        'oscal-version': OSCAL_VERSION,
        props: [ours('catalogue-id', catalogue.meta.id)],
        remarks: catalogue.meta.description,
      },
      groups: catalogue.domains.map((domain) => ({
        id: domain.id,
        class: 'domain',
        title: domain.name,
        props: [ours('prefix', domain.prefix)],
        parts: [{ id: `${domain.id}_ovw`, name: 'overview', prose: domain.description }],
        controls: catalogue.controls
          .filter((c) => c.domain === domain.id)
          .map((control) => {
            order += 1;
            const links = (control.references ?? []).map((r) => ({
              href: `#${referenceUuid(catalogue, r)}`,
              rel: 'reference',
              text: r.title === undefined ? referenceKey(r) : `${referenceKey(r)} ${r.title}`,
            }));
            return {
              id: control.id,
              class: 'opsready-control',
              title: control.title,
              props: controlProps(control, order),
              ...(links.length > 0 ? { links } : {}),
              parts: controlParts(catalogue, control),
            };
          }),
      })),
      'back-matter': { resources: resources(catalogue) },
    },
  };
}

/** The file as written: two-space JSON with a final newline, so two exports diff cleanly. */
export function oscalJson(document: unknown): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
