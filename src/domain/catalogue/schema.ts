import { z } from 'zod';

/**
 * The catalogue is written as data (YAML or JSON files in `controls/`). A file may hold any of the
 * sections below; the loader merges every file into one catalogue and then checks the
 * cross-references. A single file holding every section is also a complete catalogue, which is what
 * a team shares when it brings its own.
 */

const text = z.string().trim().min(1, 'expected non-empty text');
const slug = z
  .string()
  .regex(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/, 'expected a lower-case id like "key-compromise"');

export const CONTROL_ID_PATTERN = /^[A-Z]{2,5}-\d{2,3}$/;
export const controlIdSchema = z
  .string()
  .regex(CONTROL_ID_PATTERN, 'expected a control id like "SIG-04" (prefix, dash, 2–3 digits)');

export const severitySchema = z.enum(['low', 'medium', 'high', 'critical']);
export type Severity = z.infer<typeof severitySchema>;

export const effortSchema = z.enum(['S', 'M', 'L']);
export type Effort = z.infer<typeof effortSchema>;

/**
 * How a control acts on an attack vector. The scoring model treats prevention (fewer incidents)
 * differently from detection, loss limits and response (smaller incidents), so the distinction is
 * recorded per vector rather than per control.
 */
export const vectorEffectSchema = z.enum(['prevents', 'detects', 'limits-loss', 'speeds-response']);
export type VectorEffect = z.infer<typeof vectorEffectSchema>;

export const frameworkSchema = z.enum(['CCSS', 'SEAL', 'NIST-CSF-2.0', 'CIS-v8', 'ISO-27001-2022']);
export type Framework = z.infer<typeof frameworkSchema>;

export const catalogueMetaSchema = z.strictObject({
  id: slug,
  name: text,
  version: z
    .string()
    .regex(/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/, 'expected a semantic version like "1.2.0"'),
  description: text,
});
export type CatalogueMeta = z.infer<typeof catalogueMetaSchema>;

export const scaleLevelSchema = z.strictObject({
  level: z.int().min(0),
  name: text,
  meaning: text,
});
export type ScaleLevel = z.infer<typeof scaleLevelSchema>;

export const domainSchema = z.strictObject({
  id: slug,
  name: text,
  prefix: z.string().regex(/^[A-Z]{2,5}$/, 'expected an upper-case id prefix like "SIG"'),
  description: text,
});
export type Domain = z.infer<typeof domainSchema>;

export const vectorSchema = z.strictObject({
  id: slug,
  name: text,
  description: text,
});
export type AttackVector = z.infer<typeof vectorSchema>;

export const controlSchema = z.strictObject({
  id: controlIdSchema,
  domain: slug,
  title: text,
  /** What good looks like, in one sentence. */
  objective: text,
  /** Why it matters: the attack path it breaks. */
  rationale: text,
  /** Descriptor for each level of the catalogue's scale, index = level. */
  levels: z.array(text).min(2, 'expected one descriptor per level of the scale'),
  /** Baseline target level a team should reach. */
  baseline: z.int().min(1, 'expected a baseline of at least 1 (0 means the control is absent)'),
  severity: severitySchema,
  effort: effortSchema,
  vectors: z
    .array(
      z.strictObject({
        vector: slug,
        effects: z.array(vectorEffectSchema).min(1, 'expected at least one effect'),
      }),
    )
    .min(1, 'expected at least one attack vector'),
  /** What an auditor asks for or inspects. */
  verification: text,
  evidence: z.array(text).min(1, 'expected at least one evidence example'),
  references: z
    .array(
      z.strictObject({
        framework: frameworkSchema,
        id: text,
        title: text.optional(),
      }),
    )
    .optional(),
});
export type Control = z.infer<typeof controlSchema>;

export const catalogueFileSchema = z.strictObject({
  /** Lets editors find the generated JSON Schema; ignored by the loader. */
  $schema: z.string().optional(),
  catalogue: catalogueMetaSchema.optional(),
  // Answers store levels up to 10, so a scale cannot be longer than 0–10.
  scale: z
    .array(scaleLevelSchema)
    .min(2, 'expected at least two levels')
    .max(11, 'expected at most 11 levels (0–10)')
    .optional(),
  domains: z.array(domainSchema).optional(),
  vectors: z.array(vectorSchema).optional(),
  controls: z.array(controlSchema).optional(),
});
export type CatalogueFile = z.infer<typeof catalogueFileSchema>;

/** The merged, cross-checked catalogue the rest of the app trusts. */
export interface Catalogue {
  readonly meta: CatalogueMeta;
  readonly scale: readonly ScaleLevel[];
  readonly domains: readonly Domain[];
  readonly vectors: readonly AttackVector[];
  /** Grouped by domain in the domains' order; within a domain, in the order written. */
  readonly controls: readonly Control[];
}

export function maxLevel(catalogue: Catalogue): number {
  return catalogue.scale.length - 1;
}
