import * as z from '../zod.ts';
import { slug, sourceSchema, text } from '../data-schemas.ts';
import { threatProfileSchema, type ThreatProfile } from '../threat/profile.ts';
import { incidentLedgerSchema } from '../threat/ledger.ts';

export type { Source } from '../data-schemas.ts';

/**
 * The catalogue is written as data (YAML or JSON files in `controls/`). A file may hold any of the
 * sections below; the loader merges every file into one catalogue and then checks the
 * cross-references. A single file holding every section is also a complete catalogue, which is what
 * a team shares when it brings its own.
 */

export const CONTROL_ID_PATTERN = /^[A-Z]{2,5}-\d{2,3}$/;
export const controlIdSchema = z
  .string()
  .check(
    z.regex(CONTROL_ID_PATTERN, 'expected a control id like "SIG-04" (prefix, dash, 2–3 digits)'),
  );

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

/** Longer than any real version; the version is quoted on the report cover and in every export. */
export const MAX_VERSION_LENGTH = 64;

const semver = z
  .string()
  .check(
    z.maxLength(MAX_VERSION_LENGTH, `expected at most ${String(MAX_VERSION_LENGTH)} characters`),
    z.regex(/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/, 'expected a semantic version like "1.2.0"'),
  );

/** A calendar date, or only a month where the public record gives no day. */
export const isoDateSchema = z
  .string()
  .check(
    z.regex(
      /^\d{4}-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?$/,
      'expected a date like "2025-02-21" (or "2025-02" when the day is unknown)',
    ),
  );

export const changelogEntrySchema = z.strictObject({
  version: semver,
  date: isoDateSchema,
  changes: z.array(text).check(z.minLength(1, 'expected at least one change')),
});
export type ChangelogEntry = z.infer<typeof changelogEntrySchema>;

export const catalogueMetaSchema = z.strictObject({
  id: slug,
  name: text,
  version: semver,
  description: text,
  /** Newest first; the first entry must be the current version. */
  changelog: z.optional(z.array(changelogEntrySchema)),
});
export type CatalogueMeta = z.infer<typeof catalogueMetaSchema>;

export const scaleLevelSchema = z.strictObject({
  level: z.int().check(z.gte(0)),
  name: text,
  meaning: text,
});
export type ScaleLevel = z.infer<typeof scaleLevelSchema>;

export const domainSchema = z.strictObject({
  id: slug,
  name: text,
  prefix: z.string().check(z.regex(/^[A-Z]{2,5}$/, 'expected an upper-case id prefix like "SIG"')),
  description: text,
});
export type Domain = z.infer<typeof domainSchema>;

/**
 * Something a team may or may not operate (a bridge, hot wallets, a web front end). Controls and
 * vectors name the features they apply to, so a team that runs none of them is not scored on them.
 */
export const architectureFeatureSchema = z.strictObject({
  id: slug,
  name: text,
  description: text,
});
export type ArchitectureFeature = z.infer<typeof architectureFeatureSchema>;

/**
 * Applies when the team operates ANY of the listed features; left out, it always applies. An empty
 * list would mean "never", which no control or vector means, so it is refused.
 */
const appliesToSchema = z
  .array(slug)
  .check(z.minLength(1, 'expected at least one feature id, or leave appliesTo out'));

/**
 * Funds a part of the architecture puts at risk (contract TVL, treasury, hot-wallet float, bridge
 * escrow, custody), which an assessment states in US dollars for the dollar view. A pool exists
 * only for a team that operates one of `appliesTo`; `holder` says whose loss a theft from it is:
 * the protocol's (it holds or owes the funds) or users' own (their wallets, drained through the
 * team's front end or packages), which the report keeps apart.
 */
export const FUNDS_HOLDERS = ['protocol', 'users'] as const;
export type FundsHolder = (typeof FUNDS_HOLDERS)[number];

export const fundsPoolSchema = z.strictObject({
  id: slug,
  name: text,
  description: text,
  holder: z.enum(FUNDS_HOLDERS),
  appliesTo: z
    .array(slug)
    .check(z.minLength(1, 'expected the architecture feature(s) that hold these funds')),
});
export type FundsPool = z.infer<typeof fundsPoolSchema>;

export const vectorSchema = z.strictObject({
  id: slug,
  name: text,
  description: text,
  /**
   * The funds pools (ids from `pools`) one incident of this vector can take from: its loss is
   * capped by what they hold. Required for every vector that is not an amplifier once the
   * catalogue declares pools.
   */
  reaches: z.optional(
    z.array(slug).check(z.minLength(1, 'expected at least one pool id, or leave reaches out')),
  ),
  /**
   * True for a vector that makes losses larger rather than causing incidents (slow response).
   * Threat profiles give it no share, so every control must also address a vector that is not one.
   */
  amplifier: z.optional(z.boolean()),
  appliesTo: z.optional(appliesToSchema),
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
  levels: z.array(text).check(z.minLength(2, 'expected one descriptor per level of the scale')),
  /** Baseline target level a team should reach. */
  baseline: z
    .int()
    .check(z.gte(1, 'expected a baseline of at least 1 (0 means the control is absent)')),
  severity: severitySchema,
  effort: effortSchema,
  appliesTo: z.optional(appliesToSchema),
  vectors: z
    .array(
      z.strictObject({
        vector: slug,
        effects: z.array(vectorEffectSchema).check(z.minLength(1, 'expected at least one effect')),
      }),
    )
    .check(z.minLength(1, 'expected at least one attack vector')),
  /** What an auditor asks for or inspects. */
  verification: text,
  evidence: z.array(text).check(z.minLength(1, 'expected at least one evidence example')),
  references: z.optional(
    z.array(
      z.strictObject({
        framework: frameworkSchema,
        id: text,
        title: z.optional(text),
      }),
    ),
  ),
});
export type Control = z.infer<typeof controlSchema>;

/** Who operates a control named in a break: the victim's team, or a vendor it can only assess. */
export const BREAK_HOLDERS = ['team', 'vendor'] as const;
export type BreakHolder = (typeof BREAK_HOLDERS)[number];

/** Technical enforcement (a guard, a hardware key), a procedure people follow, or training. */
export const BREAK_KINDS = ['technical', 'procedure', 'training'] as const;
export type BreakKind = (typeof BREAK_KINDS)[number];

/**
 * How a control breaks one step of an incident's attack path, and the level at which it does: a
 * team at or above `level` would have broken the step in the way `effect` says. `uncertain` (with
 * `because`) marks a break that the incident's own unknowns leave open.
 */
export const stepBreakSchema = z.strictObject({
  control: controlIdSchema,
  level: z
    .int()
    .check(z.gte(1, 'expected a level of at least 1 (level 0 means the control is absent)')),
  effect: vectorEffectSchema,
  holder: z.enum(BREAK_HOLDERS),
  kind: z.enum(BREAK_KINDS),
  uncertain: z.optional(z.literal(true)),
  because: z.optional(text),
});
export type StepBreak = z.infer<typeof stepBreakSchema>;

export const attackStepSchema = z.strictObject({
  title: text,
  description: text,
  vector: z.optional(slug),
  /** Facts about this step that the public record does not establish. */
  unknowns: z.optional(z.array(text)),
  /** Analysis, not sourced fact: which controls would have broken this step. May be empty. */
  breaks: z.array(stepBreakSchema),
});
export type AttackStep = z.infer<typeof attackStepSchema>;

export const incidentSchema = z.strictObject({
  id: slug,
  name: text,
  date: isoDateSchema,
  victim: text,
  loss: z.strictObject({
    /** Best single figure in US dollars, for sorting and totals; `note` gives its basis. */
    usd: z.number().check(z.nonnegative()),
    note: text,
  }),
  attribution: z.optional(text),
  summary: text,
  rootCause: text,
  /** Attack vectors the incident used, most important first. */
  vectors: z.array(slug).check(z.minLength(1, 'expected at least one attack vector')),
  steps: z
    .array(attackStepSchema)
    .check(z.minLength(2, 'expected an attack path of at least two steps')),
  detection: z.optional(text),
  response: z.optional(text),
  unknowns: z.optional(z.array(text)),
  sources: z.array(sourceSchema).check(z.minLength(1, 'expected at least one public source')),
});
export type Incident = z.infer<typeof incidentSchema>;

/**
 * How answers made against an older version of the catalogue are carried to a control that took
 * over their scope. `merged`: parts of several controls became one; `split`: part of one control
 * became its own. The sources keep their ids and answers; the control `into` takes, when it is
 * unanswered, the lowest level among the sources' level answers (`rule: lowest`), since the merged
 * scope is only as good as its weakest part, and is flagged to revisit with the derivation noted.
 */
export const MIGRATION_RULES = ['lowest'] as const;
export type MigrationRule = (typeof MIGRATION_RULES)[number];

export const catalogueMigrationSchema = z.strictObject({
  /** The catalogue version that made the change: assessments made against an older one are carried. */
  version: semver,
  kind: z.enum(['merged', 'split']),
  into: controlIdSchema,
  from: z
    .array(controlIdSchema)
    .check(z.minLength(1, 'expected at least one control to carry answers from')),
  rule: z.enum(MIGRATION_RULES),
  /** What moved, in a sentence, for the changelog reader and the follow-up note. */
  note: text,
});
export type CatalogueMigration = z.infer<typeof catalogueMigrationSchema>;

export const catalogueFileSchema = z.strictObject({
  /** Lets editors find the generated JSON Schema; ignored by the loader. */
  $schema: z.optional(z.string()),
  catalogue: z.optional(catalogueMetaSchema),
  // Answers store levels up to 10, so a scale cannot be longer than 0–10.
  scale: z.optional(
    z
      .array(scaleLevelSchema)
      .check(
        z.minLength(2, 'expected at least two levels'),
        z.maxLength(11, 'expected at most 11 levels (0–10)'),
      ),
  ),
  domains: z.optional(z.array(domainSchema)),
  architecture: z.optional(z.array(architectureFeatureSchema)),
  pools: z.optional(z.array(fundsPoolSchema)),
  vectors: z.optional(z.array(vectorSchema)),
  controls: z.optional(z.array(controlSchema)),
  incidents: z.optional(z.array(incidentSchema)),
  /** The team's answers through which vendor-held breaks count in the incident replay. */
  vendorAssurance: z.optional(z.array(controlIdSchema)),
  profiles: z.optional(z.array(threatProfileSchema)),
  /** Ledgers of named incidents; each gives a threat profile computed from its entries. */
  ledgers: z.optional(z.array(incidentLedgerSchema)),
  migrations: z.optional(z.array(catalogueMigrationSchema)),
});
export type CatalogueFile = z.infer<typeof catalogueFileSchema>;

/** The merged, cross-checked catalogue the rest of the app trusts. */
export interface Catalogue {
  readonly meta: CatalogueMeta;
  readonly scale: readonly ScaleLevel[];
  readonly domains: readonly Domain[];
  /**
   * What a team may say it does not operate, in the order written. Optional so a catalogue built in
   * code without it reads as "no features": every control and vector applies.
   */
  readonly architecture?: readonly ArchitectureFeature[];
  /** The funds pools an assessment can state, in the order written; absent: no dollar view. */
  readonly pools?: readonly FundsPool[];
  readonly vectors: readonly AttackVector[];
  /** Grouped by domain in the domains' order; within a domain, in the order written. */
  readonly controls: readonly Control[];
  /** Newest first. */
  readonly incidents: readonly Incident[];
  /**
   * Controls through which vendor-held incident breaks count; absent or empty, they count for
   * nothing.
   */
  readonly vendorAssurance?: readonly string[];
  /** Threat profiles shipped with the catalogue; the default one first. May be empty. */
  readonly profiles: readonly ThreatProfile[];
  /**
   * Answer migrations for controls that were merged or split, oldest version first; absent when
   * the catalogue declares none.
   */
  readonly migrations?: readonly CatalogueMigration[];
}

export function maxLevel(catalogue: Catalogue): number {
  return catalogue.scale.length - 1;
}
