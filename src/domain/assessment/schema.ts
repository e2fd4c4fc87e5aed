import * as z from '../zod.ts';
import { controlIdSchema } from '../catalogue/schema.ts';
import { threatProfileSchema } from '../threat/profile.ts';
import { buildWorkshopV4Schema, workshopSchema } from '../workshop/schema.ts';
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
  target: z.optional(
    z
      .int()
      .check(
        z.gte(1, 'expected a target of at least 1'),
        z.lte(10, 'expected a target of at most 10'),
      ),
  ),
  owner: z.optional(
    z.string().check(z.trim(), z.maxLength(200, 'expected at most 200 characters')),
  ),
  /** Links or references to where the evidence is kept. */
  evidence: z.optional(evidenceListSchema),
  /** Verified with evidence, or self-reported. */
  confidence: z.optional(confidenceSchema),
  /** Flagged to come back to. */
  revisit: z.optional(z.boolean()),
  /** Evidence was asked for and has not been seen yet. */
  evidenceRequested: z.optional(z.boolean()),
  /** Who owes what for this control, e.g. "K. Osei: signer rotation log". */
  followUp: z.optional(
    z.string().check(z.trim(), z.maxLength(500, 'expected at most 500 characters')),
  ),
});
export type ControlMeta = z.infer<typeof controlMetaSchema>;

/**
 * What the team runs, as the catalogue's architecture features it does NOT operate: absent or
 * empty, everything is operated, which is how every assessment made before it scores.
 */
export const architectureSchema = z.strictObject({
  notOperated: z.array(slug).check(
    z.maxLength(100, 'expected at most 100 features'),
    z.refine((ids) => new Set(ids).size === ids.length, 'expected each feature once'),
  ),
});
export type Architecture = z.infer<typeof architectureSchema>;

/**
 * Above any protocol's holdings (the largest hold tens of billions): a figure past it is a typing
 * slip, not a balance.
 */
export const MAX_POOL_USD = 1_000_000_000_000;

export const poolUsdSchema = z
  .number({ error: 'expected an amount in US dollars, e.g. 25000000' })
  .check(
    z.nonnegative('expected an amount of at least $0'),
    z.lte(MAX_POOL_USD, 'expected at most $1,000,000,000,000 (one trillion); is a digit extra?'),
  );

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
    .check(z.refine((p) => Object.keys(p).length <= 50, 'expected at most 50 pools')),
  annualIncidents: z.optional(
    z
      .number({ error: 'expected incidents a year, e.g. 0.1' })
      .check(
        z.positive('expected incidents a year above 0'),
        z.lte(100, 'expected at most 100 incidents a year'),
      ),
  ),
});
export type Funds = z.infer<typeof fundsSchema>;

export const assessmentSchema = z.strictObject({
  id: safeIdSchema,
  name: z
    .string()
    .check(
      z.trim(),
      z.minLength(1, 'expected a name'),
      z.maxLength(200, 'expected at most 200 characters'),
    ),
  organisation: z.string().check(z.trim(), z.maxLength(200, 'expected at most 200 characters')),
  scope: z.string().check(z.trim(), z.maxLength(2_000, 'expected at most 2,000 characters')),
  assessors: z
    .array(
      z
        .string()
        .check(
          z.trim(),
          z.minLength(1, 'expected a name'),
          z.maxLength(200, 'expected a name of at most 200 characters'),
        ),
    )
    .check(z.maxLength(50, 'expected at most 50 assessors')),
  /** The catalogue the answers were given against, so a later catalogue can tell what changed. */
  catalogue: z.strictObject({
    id: z.string().check(z.minLength(1)),
    version: z.string().check(z.minLength(1)),
  }),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  answers: z.record(controlIdSchema, answerSchema),
  meta: z.record(controlIdSchema, controlMetaSchema),
  /** The catalogue profile the report weights gaps with; absent means the catalogue's default. */
  profileId: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
  /** A profile the team edited; when present it is used instead of `profileId`. */
  customProfile: z.optional(threatProfileSchema),
  /** Participants, agreements, actions, agenda and sign-off of a workshop, when there was one. */
  workshop: z.optional(workshopSchema),
  architecture: z.optional(architectureSchema),
  /** Direct answers to framework requirements the catalogue does not establish (SEAL, CCSS). */
  frameworks: z.optional(frameworkAnswersSchema),
  /** What each funds pool holds, for the dollar view; absent, the report keeps to the index. */
  funds: z.optional(fundsSchema),
});
export type Assessment = z.infer<typeof assessmentSchema>;

/** The fields a person edits in the details form; the store checks them before saving. */
export const assessmentDetailsSchema = z.pick(assessmentSchema, {
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

/** What a file of an older version must hold: its envelope, and the assessment as it was then. */
type LegacyFileSchema = z.ZodMiniType<{ readonly assessment: unknown }>;

/**
 * The schemas of the older versions, derived from the current ones. Built on the first import of
 * an older file, not at load: every visit would otherwise pay to build schemas few visits use.
 */
function buildLegacyFileSchemas() {
  const legacyMetaSchema = z.omit(controlMetaSchema, { evidenceRequested: true, followUp: true });

  /** The assessment as format 5 held it: everything but the funds. */
  const assessmentV5Schema = z.omit(assessmentSchema, { funds: true });

  /** The assessment as format 4 held it: everything but what formats 5 and 6 added. */
  const assessmentV4Schema = z.extend(z.omit(assessmentV5Schema, { frameworks: true }), {
    workshop: z.optional(buildWorkshopV4Schema()),
  });

  return {
    /** Version 1 files, as exported before per-control meta existed. */
    [FileFormats.Initial]: z.strictObject({
      format: formatField,
      formatVersion: z.literal(FileFormats.Initial),
      assessment: z.omit(assessmentV4Schema, { meta: true, workshop: true, architecture: true }),
    }),

    /** Version 2 files: meta, but no workshop and no follow-up fields. */
    [FileFormats.ControlMeta]: z.strictObject({
      format: formatField,
      formatVersion: z.literal(FileFormats.ControlMeta),
      assessment: z.extend(z.omit(assessmentV4Schema, { workshop: true, architecture: true }), {
        meta: z.record(controlIdSchema, legacyMetaSchema),
      }),
    }),

    /** Version 3 files: the workshop, but no architecture. */
    [FileFormats.Workshop]: z.strictObject({
      format: formatField,
      formatVersion: z.literal(FileFormats.Workshop),
      assessment: z.omit(assessmentV4Schema, { architecture: true }),
    }),

    /** Version 4 files: the architecture, but nothing version 5 added. */
    [FileFormats.Architecture]: z.strictObject({
      format: formatField,
      formatVersion: z.literal(FileFormats.Architecture),
      assessment: assessmentV4Schema,
    }),

    /** Version 5 files: framework answers and the workshop follow-up, but no funds. */
    [FileFormats.FollowUp]: z.strictObject({
      format: formatField,
      formatVersion: z.literal(FileFormats.FollowUp),
      assessment: assessmentV5Schema,
    }),
  };
}

let legacyFileSchemas: ReturnType<typeof buildLegacyFileSchemas> | undefined;
const legacy = () => (legacyFileSchemas ??= buildLegacyFileSchemas());

/**
 * What a file of each older version must hold, checked before it is brought up to date. Each is
 * a lazy schema: the first parse of any builds them all.
 */
export const legacyAssessmentFileSchemas: Readonly<Record<number, LegacyFileSchema | undefined>> = {
  [FileFormats.Initial]: z.lazy(() => legacy()[FileFormats.Initial]),
  [FileFormats.ControlMeta]: z.lazy(() => legacy()[FileFormats.ControlMeta]),
  [FileFormats.Workshop]: z.lazy(() => legacy()[FileFormats.Workshop]),
  [FileFormats.Architecture]: z.lazy(() => legacy()[FileFormats.Architecture]),
  [FileFormats.FollowUp]: z.lazy(() => legacy()[FileFormats.FollowUp]),
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
