import { z } from 'zod';
import { controlIdSchema } from '../catalogue/schema.ts';
import { threatProfileSchema } from '../threat/profile.ts';
import { workshopSchema, workshopV4Schema } from '../workshop/schema.ts';
import { defineHistory, knownVersions } from '../persistence/migrations.ts';
import { safeIdSchema } from '../ids.ts';
import { evidenceListSchema, slug } from '../data-schemas.ts';
import { answerSchema } from './answer-schema.ts';
import { frameworkAnswersSchema } from '../frameworks/answer-schema.ts';

export {
  answerSchema,
  levelAnswerSchema,
  naAnswerSchema,
  type Answer,
  type LevelAnswer,
  type NaAnswer,
} from './answer-schema.ts';

const isoDateTime = z.iso.datetime({ offset: true });

export const confidenceSchema = z.enum(['verified', 'self-reported']);
export type Confidence = z.infer<typeof confidenceSchema>;

/**
 * Everything about a control besides its answer: what it is aimed at and who carries it. Kept
 * apart from the answer because a control can have an owner or a target before anyone scores it,
 * and an unanswered control must stay unanswered.
 */
export const controlMetaSchema = z.strictObject({
  /** Overrides the catalogue baseline for this assessment. */
  target: z
    .int()
    .min(1, 'expected a target of at least 1')
    .max(10, 'expected a target of at most 10')
    .optional(),
  owner: z.string().trim().max(200, 'expected at most 200 characters').optional(),
  /** Links or references to where the evidence is kept. */
  evidence: evidenceListSchema.optional(),
  /** Verified with evidence, or self-reported. */
  confidence: confidenceSchema.optional(),
  /** Flagged to come back to. */
  revisit: z.boolean().optional(),
  /** Evidence was asked for and has not been seen yet. */
  evidenceRequested: z.boolean().optional(),
  /** Who owes what for this control, e.g. "K. Osei: signer rotation log". */
  followUp: z.string().trim().max(500, 'expected at most 500 characters').optional(),
});
export type ControlMeta = z.infer<typeof controlMetaSchema>;

/**
 * What the team runs, as the catalogue's architecture features it does NOT operate: absent or
 * empty, everything is operated, which is how every assessment made before it scores.
 */
export const architectureSchema = z.strictObject({
  notOperated: z
    .array(slug)
    .max(100, 'expected at most 100 features')
    .refine((ids) => new Set(ids).size === ids.length, 'expected each feature once'),
});
export type Architecture = z.infer<typeof architectureSchema>;

/**
 * Above any protocol's holdings (the largest hold tens of billions): a figure past it is a typing
 * slip, not a balance.
 */
export const MAX_POOL_USD = 1_000_000_000_000;

export const poolUsdSchema = z
  .number({ error: 'expected an amount in US dollars, e.g. 25000000' })
  .nonnegative('expected an amount of at least $0')
  .max(MAX_POOL_USD, 'expected at most $1,000,000,000,000 (one trillion); is a digit extra?');

/**
 * The funds each part of the architecture puts at risk, in US dollars as of one date, for the
 * dollar view. Pool ids come from the catalogue's `pools`; the store, the importer's caller and
 * the command line check them against the catalogue and the architecture, which a schema cannot
 * see. `annualIncidents` replaces the profile's base rate when the team has its own.
 */
export const fundsSchema = z.strictObject({
  asOf: z.iso.date({ error: 'expected a date like 2026-12-01' }),
  pools: z
    .record(slug, poolUsdSchema)
    .refine((p) => Object.keys(p).length <= 50, 'expected at most 50 pools'),
  annualIncidents: z
    .number({ error: 'expected incidents a year, e.g. 0.1' })
    .positive('expected incidents a year above 0')
    .max(100, 'expected at most 100 incidents a year')
    .optional(),
});
export type Funds = z.infer<typeof fundsSchema>;

export const assessmentSchema = z.strictObject({
  id: safeIdSchema,
  name: z.string().trim().min(1, 'expected a name').max(200, 'expected at most 200 characters'),
  organisation: z.string().trim().max(200, 'expected at most 200 characters'),
  scope: z.string().trim().max(2_000, 'expected at most 2,000 characters'),
  assessors: z
    .array(
      z
        .string()
        .trim()
        .min(1, 'expected a name')
        .max(200, 'expected a name of at most 200 characters'),
    )
    .max(50, 'expected at most 50 assessors'),
  /** The catalogue the answers were given against, so a later catalogue can tell what changed. */
  catalogue: z.strictObject({ id: z.string().min(1), version: z.string().min(1) }),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  answers: z.record(controlIdSchema, answerSchema),
  meta: z.record(controlIdSchema, controlMetaSchema),
  /** The catalogue profile the report weights gaps with; absent means the catalogue's default. */
  profileId: z.string().min(1).max(100).optional(),
  /** A profile the team edited; when present it is used instead of `profileId`. */
  customProfile: threatProfileSchema.optional(),
  /** Participants, agreements, actions, agenda and sign-off of a workshop, when there was one. */
  workshop: workshopSchema.optional(),
  architecture: architectureSchema.optional(),
  /** Direct answers to framework requirements the catalogue does not establish (SEAL, CCSS). */
  frameworks: frameworkAnswersSchema.optional(),
  /** What each funds pool holds, for the dollar view; absent, the report keeps to the index. */
  funds: fundsSchema.optional(),
});
export type Assessment = z.infer<typeof assessmentSchema>;

/** The fields a person edits in the details form; the store checks them before saving. */
export const assessmentDetailsSchema = assessmentSchema.pick({
  name: true,
  organisation: true,
  scope: true,
  assessors: true,
});
export type AssessmentDetails = z.infer<typeof assessmentDetailsSchema>;

export const ASSESSMENT_FILE_FORMAT = 'opsready-assessment';

/**
 * The released versions of the exported file, oldest first. A new version is named here, gets its
 * step in FILE_HISTORY, the schema it replaces moves to `legacyAssessmentFileSchemas`, and a frozen example under
 * tests/fixtures/assessment-files/ (a test refuses a version without one). Files of every version
 * still import.
 */
export const FileFormats = {
  Initial: 1,
  /** Per-control `meta` (target, owner, evidence, confidence, revisit). */
  ControlMeta: 2,
  /** The workshop (participants, agreements, actions, agenda, sign-off) and follow-up fields in `meta`. */
  Workshop: 3,
  /** What the team does not operate (`architecture`), optional. */
  Architecture: 4,
  /**
   * Direct answers to framework requirements (`frameworks`); in the workshop, each action's
   * status, evidence link and edit time, who agrees, controls discussed and auditor
   * verifications. All optional.
   */
  FollowUp: 5,
  /** What each funds pool holds, as of a date, and the team's own base rate (`funds`), optional. */
  Funds: 6,
} as const;

export const ASSESSMENT_FILE_VERSION = FileFormats.Funds;

const formatField = z.literal(ASSESSMENT_FILE_FORMAT, {
  error: `expected "${ASSESSMENT_FILE_FORMAT}" (is this an OpsReady assessment file?)`,
});

/** The exported file: an envelope that says what it is, so a wrong file is named as such. */
export const assessmentFileSchema = z.strictObject({
  format: formatField,
  formatVersion: z.literal(ASSESSMENT_FILE_VERSION, {
    error: `expected format version ${String(ASSESSMENT_FILE_VERSION)}`,
  }),
  assessment: assessmentSchema,
});
export type AssessmentFile = z.infer<typeof assessmentFileSchema>;

const legacyMetaSchema = controlMetaSchema.omit({ evidenceRequested: true, followUp: true });

/** The assessment as format 5 held it: everything but the funds. */
const assessmentV5Schema = assessmentSchema.omit({ funds: true });

/** The assessment as format 4 held it: everything but what formats 5 and 6 added. */
const assessmentV4Schema = assessmentV5Schema
  .omit({ frameworks: true })
  .extend({ workshop: workshopV4Schema.optional() });

/** Version 1 files, as exported before per-control meta existed. */
export const assessmentFileV1Schema = z.strictObject({
  format: formatField,
  formatVersion: z.literal(FileFormats.Initial),
  assessment: assessmentV4Schema.omit({ meta: true, workshop: true, architecture: true }),
});

/** Version 2 files: meta, but no workshop and no follow-up fields. */
export const assessmentFileV2Schema = z.strictObject({
  format: formatField,
  formatVersion: z.literal(FileFormats.ControlMeta),
  assessment: assessmentV4Schema
    .omit({ workshop: true, architecture: true })
    .extend({ meta: z.record(controlIdSchema, legacyMetaSchema) }),
});

/** Version 3 files: the workshop, but no architecture. */
export const assessmentFileV3Schema = z.strictObject({
  format: formatField,
  formatVersion: z.literal(FileFormats.Workshop),
  assessment: assessmentV4Schema.omit({ architecture: true }),
});

/** Version 4 files: the architecture, but nothing version 5 added. */
export const assessmentFileV4Schema = z.strictObject({
  format: formatField,
  formatVersion: z.literal(FileFormats.Architecture),
  assessment: assessmentV4Schema,
});

/** Version 5 files: framework answers and the workshop follow-up, but no funds. */
export const assessmentFileV5Schema = z.strictObject({
  format: formatField,
  formatVersion: z.literal(FileFormats.FollowUp),
  assessment: assessmentV5Schema,
});

/** What a file of each older version must hold, checked before it is brought up to date. */
export const legacyAssessmentFileSchemas: Readonly<
  Record<number, z.ZodType<{ readonly assessment: unknown }> | undefined>
> = {
  [FileFormats.Initial]: assessmentFileV1Schema,
  [FileFormats.ControlMeta]: assessmentFileV2Schema,
  [FileFormats.Workshop]: assessmentFileV3Schema,
  [FileFormats.Architecture]: assessmentFileV4Schema,
  [FileFormats.FollowUp]: assessmentFileV5Schema,
};

/** The steps bring a file's `assessment` up to date; the envelope is rewritten by the importer. */
export const FILE_HISTORY = defineHistory('format version', FileFormats, [
  {
    from: FileFormats.Initial,
    up: (assessment) =>
      typeof assessment === 'object' && assessment !== null
        ? { meta: {}, ...assessment }
        : assessment,
  },
  {
    // Everything 3 added is optional, so a version 2 assessment is a version 3 one.
    from: FileFormats.ControlMeta,
    up: (assessment) => assessment,
  },
  {
    // A version 3 assessment says nothing about its architecture: everything operated, as it was
    // scored then.
    from: FileFormats.Workshop,
    up: (assessment) => assessment,
  },
  {
    // Everything 5 added is optional: an action without a status is open, nobody has been
    // chosen as agreeing (the default applies), nothing is marked discussed or verified.
    from: FileFormats.Architecture,
    up: (assessment) => assessment,
  },
  {
    // A version 5 assessment states no funds: the report keeps to the index, as it did then.
    from: FileFormats.FollowUp,
    up: (assessment) => assessment,
  },
]);

/** The envelope of any file version this build reads; the assessment is checked by its version. */
export const assessmentFileEnvelopeSchema = z.strictObject({
  format: formatField,
  formatVersion: z.literal(knownVersions(FILE_HISTORY), {
    error: `expected format version ${String(FILE_HISTORY.first)} to ${String(FILE_HISTORY.current)}; a newer file needs a newer OpsReady`,
  }),
  assessment: z.unknown(),
});

export function toAssessmentFile(assessment: Assessment): AssessmentFile {
  return { format: ASSESSMENT_FILE_FORMAT, formatVersion: ASSESSMENT_FILE_VERSION, assessment };
}
