import * as z from '../zod.ts';

/**
 * The part of an OSCAL catalog that OpsReady reads, checked before anything is converted. It is
 * loose on purpose: OSCAL has many fields OpsReady has no use for (roles, parties, locations…),
 * and a catalog that carries them is still a catalog; but every field that is read is checked for
 * its type here, so a wrong one is named with its path instead of failing somewhere later.
 * NIST's own JSON schema is stricter and is what the tests check our documents against.
 */

const nonEmpty = z.string().check(z.minLength(1, 'expected a non-empty string'));

export const oscalPropSchema = z.looseObject({
  name: nonEmpty,
  value: z.string(),
  ns: z.optional(z.string()),
  class: z.optional(z.string()),
});
export type ReadProp = z.infer<typeof oscalPropSchema>;

const linkSchema = z.looseObject({
  href: z.string(),
  rel: z.optional(z.string()),
  text: z.optional(z.string()),
});

export const oscalParamSchema = z.looseObject({
  id: nonEmpty,
  label: z.optional(z.string()),
  values: z.optional(z.array(z.string())),
  select: z.optional(
    z.looseObject({
      'how-many': z.optional(z.string()),
      choice: z.optional(z.array(z.string())),
    }),
  ),
  props: z.optional(z.array(oscalPropSchema)),
});
export type ReadParam = z.infer<typeof oscalParamSchema>;

export interface ReadPart {
  readonly id?: string | undefined;
  readonly name: string;
  readonly ns?: string | undefined;
  readonly title?: string | undefined;
  readonly prose?: string | undefined;
  readonly props?: readonly ReadProp[] | undefined;
  readonly parts?: readonly ReadPart[] | undefined;
}

export const oscalPartSchema: z.ZodMiniType<ReadPart> = z.lazy(() =>
  z.looseObject({
    id: z.optional(z.string()),
    name: nonEmpty,
    ns: z.optional(z.string()),
    title: z.optional(z.string()),
    prose: z.optional(z.string()),
    props: z.optional(z.array(oscalPropSchema)),
    parts: z.optional(z.array(oscalPartSchema)),
  }),
);

export interface ReadControl {
  readonly id: string;
  readonly title: string;
  readonly class?: string | undefined;
  readonly params?: readonly ReadParam[] | undefined;
  readonly props?: readonly ReadProp[] | undefined;
  readonly links?: readonly z.infer<typeof linkSchema>[] | undefined;
  readonly parts?: readonly ReadPart[] | undefined;
  readonly controls?: readonly ReadControl[] | undefined;
}

export const oscalControlSchema: z.ZodMiniType<ReadControl> = z.lazy(() =>
  z.looseObject({
    id: nonEmpty,
    title: z.string(),
    class: z.optional(z.string()),
    params: z.optional(z.array(oscalParamSchema)),
    props: z.optional(z.array(oscalPropSchema)),
    links: z.optional(z.array(linkSchema)),
    parts: z.optional(z.array(oscalPartSchema)),
    controls: z.optional(z.array(oscalControlSchema)),
  }),
);

export interface ReadGroup {
  readonly id?: string | undefined;
  readonly title: string;
  readonly class?: string | undefined;
  readonly params?: readonly ReadParam[] | undefined;
  readonly props?: readonly ReadProp[] | undefined;
  readonly parts?: readonly ReadPart[] | undefined;
  readonly groups?: readonly ReadGroup[] | undefined;
  readonly controls?: readonly ReadControl[] | undefined;
}

export const oscalGroupSchema: z.ZodMiniType<ReadGroup> = z.lazy(() =>
  z.looseObject({
    id: z.optional(z.string()),
    title: z.string(),
    class: z.optional(z.string()),
    params: z.optional(z.array(oscalParamSchema)),
    props: z.optional(z.array(oscalPropSchema)),
    parts: z.optional(z.array(oscalPartSchema)),
    groups: z.optional(z.array(oscalGroupSchema)),
    controls: z.optional(z.array(oscalControlSchema)),
  }),
);

export const oscalResourceSchema = z.looseObject({
  uuid: nonEmpty,
  title: z.optional(z.string()),
  description: z.optional(z.string()),
  props: z.optional(z.array(oscalPropSchema)),
  citation: z.optional(z.looseObject({ text: z.string() })),
});
export type ReadResource = z.infer<typeof oscalResourceSchema>;

export const oscalCatalogDocumentSchema = z.looseObject({
  catalog: z.looseObject({
    uuid: nonEmpty,
    metadata: z.looseObject({
      title: nonEmpty,
      version: nonEmpty,
      'oscal-version': nonEmpty,
      'last-modified': z.optional(z.string()),
      props: z.optional(z.array(oscalPropSchema)),
      remarks: z.optional(z.string()),
    }),
    params: z.optional(z.array(oscalParamSchema)),
    controls: z.optional(z.array(oscalControlSchema)),
    groups: z.optional(z.array(oscalGroupSchema)),
    'back-matter': z.optional(
      z.looseObject({ resources: z.optional(z.array(oscalResourceSchema)) }),
    ),
  }),
});
export type ReadCatalogDocument = z.infer<typeof oscalCatalogDocumentSchema>;

/**
 * Nesting OpsReady follows before it gives up. 800-53's deepest path (group, control,
 * enhancement, statement items four deep, their props) is about 20 levels of JSON; a hostile file
 * nested 100,000 deep would otherwise overflow the stack of a recursive schema.
 */
export const MAX_OSCAL_DEPTH = 64;

interface Trail {
  readonly key: string | number;
  readonly parent: Trail | null;
  readonly depth: number;
}

/**
 * The path of the first value nested deeper than `max`, found without recursion (each entry
 * points at its parent, so no path is copied per value); else null.
 */
export function tooDeep(value: unknown, max: number): (string | number)[] | null {
  const stack: { value: unknown; trail: Trail | null }[] = [{ value, trail: null }];
  while (stack.length > 0) {
    const top = stack.pop();
    if (!top) break;
    const depth = top.trail?.depth ?? 0;
    if (depth > max) {
      const path: (string | number)[] = [];
      for (let t = top.trail; t; t = t.parent) path.unshift(t.key);
      return path;
    }
    const children: [string | number, unknown][] = Array.isArray(top.value)
      ? top.value.map((v: unknown, i) => [i, v])
      : typeof top.value === 'object' && top.value !== null
        ? Object.entries(top.value)
        : [];
    for (const [key, child] of children) {
      if (typeof child === 'object' && child !== null) {
        stack.push({ value: child, trail: { key, parent: top.trail, depth: depth + 1 } });
      }
    }
  }
  return null;
}
