import * as z from '../zod.ts';
import { httpUrl, slug, text } from '../data-schemas.ts';
import { controlIdSchema, isoDateSchema } from '../catalogue/schema.ts';

/**
 * Crosswalks are data (`controls/crosswalks/*.yaml`): an outside framework's controls or
 * requirements, each mapped to the catalogue controls and levels that satisfy it, or marked as not
 * covered by this catalogue. The mapping is our analysis; the framework text is the publisher's,
 * under its licence, and the file carries that attribution so every screen and export can show it.
 */

export const SFC_ID_PATTERN = /^([a-z]{2,4})-(\d+)\.(\d+)\.(\d+)$/;
export const sfcIdSchema = z
  .string()
  .check(
    z.regex(
      SFC_ID_PATTERN,
      'expected an SFC control id like "ms-3.1.4" (prefix, dash, three numbers)',
    ),
  );

/** A catalogue control and the lowest level of it that counts. */
export const mappedControlSchema = z.strictObject({
  control: controlIdSchema,
  level: z
    .int()
    .check(z.gte(1, 'expected a level of at least 1 (level 0 means the control is absent)')),
});
export type MappedControl = z.infer<typeof mappedControlSchema>;

/**
 * `all`: every listed control at or above its level (a control that is not applicable leaves the
 * list); `any`: at least one applicable control at or above its level.
 */
export const MAPPING_RULES = ['all', 'any'] as const;
export type MappingRule = (typeof MAPPING_RULES)[number];

export const mappingSchema = z.strictObject({
  rule: z.enum(MAPPING_RULES),
  controls: z
    .array(mappedControlSchema)
    .check(z.minLength(1, 'expected at least one catalogue control')),
});
export type Mapping = z.infer<typeof mappingSchema>;

const relatedSchema = z
  .array(controlIdSchema)
  .check(z.minLength(1, 'expected at least one control id, or leave related out'));

/**
 * Either `satisfiedBy` (optionally with `notAssessed`: the baseline items the mapped controls do
 * not establish, which the team answers directly) or `covered: false`.
 */
const coverageFields = {
  satisfiedBy: z.optional(mappingSchema),
  notAssessed: z.optional(
    z.array(text).check(z.minLength(1, 'expected at least one item, or leave notAssessed out')),
  ),
  covered: z.optional(z.literal(false)),
  related: z.optional(relatedSchema),
  note: z.optional(text),
};

export const crosswalkMetaSchema = z.strictObject({
  id: slug,
  /** The catalogue whose control ids the mappings name. */
  catalogue: slug,
  framework: z.enum(['SEAL', 'CCSS']),
  name: text,
  publisher: text,
  source: z.strictObject({
    repository: httpUrl,
    revision: z
      .string()
      .check(z.regex(/^[0-9a-f]{7,40}$/, 'expected a commit id (7–40 hex digits)')),
    date: isoDateSchema,
  }),
  licence: z.strictObject({ name: text, url: httpUrl, text: z.optional(text) }),
  /** Shown wherever the framework's text is shown: screen, PDF, Markdown and exports. */
  attribution: text,
  /** The framework's own pass rule, in one sentence. */
  rule: text,
});
export type CrosswalkMeta = z.infer<typeof crosswalkMetaSchema>;

export const sfcControlSchema = z.strictObject({
  id: sfcIdSchema,
  title: text,
  description: text,
  baselines: z.array(text).check(z.minLength(1, 'expected at least one baseline')),
  ...coverageFields,
});
export type SfcControl = z.infer<typeof sfcControlSchema>;

export const sfcModuleSchema = z.strictObject({
  id: slug,
  prefix: z.string().check(z.regex(/^[a-z]{2,4}$/, 'expected a lower-case id prefix like "ms"')),
  title: text,
  version: z.string().check(z.regex(/^\d+\.\d+$/, 'expected a module version like "1.1"')),
  revised: isoDateSchema,
  /** The page in the source repository the controls were copied from. */
  path: text,
  sections: z
    .array(
      z.strictObject({
        id: z.string().check(z.regex(/^[a-z]{2,4}-\d+$/, 'expected a section id like "ms-3"')),
        title: text,
        controls: z.array(sfcControlSchema).check(z.minLength(1, 'expected at least one control')),
      }),
    )
    .check(z.minLength(1, 'expected at least one section')),
});
export type SfcModule = z.infer<typeof sfcModuleSchema>;

export const sealCrosswalkFileSchema = z.strictObject({
  crosswalk: z.extend(crosswalkMetaSchema, { framework: z.literal('SEAL') }),
  modules: z.array(sfcModuleSchema).check(z.minLength(1, 'expected at least one module')),
});
export type SealCrosswalk = z.infer<typeof sealCrosswalkFileSchema>;

/** CCSS levels I–III; 0 is "uncertified". */
export const CCSS_TOP_LEVEL = 3;

export const ccssLevelSchema = z.strictObject({
  level: z
    .int()
    .check(
      z.gte(1, 'expected a CCSS level of 1, 2 or 3'),
      z.lte(CCSS_TOP_LEVEL, 'expected a CCSS level of 1, 2 or 3'),
    ),
  requirement: text,
  ...coverageFields,
});
export type CcssLevelRequirement = z.infer<typeof ccssLevelSchema>;

export const ccssComponentSchema = z.strictObject({
  id: z.string().check(z.regex(/^\d+\.\d+\.\d+$/, 'expected a component id like "1.3.2"')),
  title: text,
  uncertified: z.optional(text),
  levels: z.array(ccssLevelSchema).check(z.minLength(1, 'expected the text of at least one level')),
});
export type CcssComponent = z.infer<typeof ccssComponentSchema>;

export const ccssAspectSchema = z.strictObject({
  id: z.string().check(z.regex(/^\d\.\d{2}$/, 'expected an aspect id like "1.03"')),
  title: text,
  category: text,
  components: z.array(ccssComponentSchema).check(z.minLength(1, 'expected at least one component')),
});
export type CcssAspect = z.infer<typeof ccssAspectSchema>;

export const ccssCrosswalkFileSchema = z.strictObject({
  crosswalk: z.extend(crosswalkMetaSchema, { framework: z.literal('CCSS') }),
  aspects: z.array(ccssAspectSchema).check(z.minLength(1, 'expected at least one aspect')),
});
export type CcssCrosswalk = z.infer<typeof ccssCrosswalkFileSchema>;

/** Both crosswalks, loaded and checked against the catalogue they name. */
export interface Frameworks {
  readonly seal: SealCrosswalk;
  readonly ccss: CcssCrosswalk;
}

/** A requirement of either framework, as the readiness rules see it. */
export interface Requirement {
  readonly satisfiedBy?: Mapping | undefined;
  readonly notAssessed?: readonly string[] | undefined;
  readonly covered?: false | undefined;
  readonly related?: readonly string[] | undefined;
}

/** Key of a CCSS requirement in direct answers: component id and level, e.g. "1.3.3/1". */
export function ccssRequirementKey(componentId: string, level: number): string {
  return `${componentId}/${String(level)}`;
}
