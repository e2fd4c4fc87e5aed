import { z } from 'zod';
import { controlIdSchema } from '../catalogue/schema.ts';
import { threatProfileSchema } from '../threat/profile.ts';

/**
 * An answer is either a maturity level or "not applicable" with a written reason. A control with
 * no entry in `answers` is unanswered, which is a different state from level 0: the report counts
 * unanswered controls separately and says that they were scored as gaps.
 */
const notes = z.string().max(20_000, 'expected notes of at most 20,000 characters').optional();

export const levelAnswerSchema = z.strictObject({
  status: z.literal('level'),
  level: z.int().min(0, 'expected a level of 0 or more').max(10, 'expected a level of at most 10'),
  notes,
});

export const naAnswerSchema = z.strictObject({
  status: z.literal('na'),
  justification: z
    .string()
    .trim()
    .min(1, 'a justification is required when a control is marked not applicable')
    .max(5_000, 'expected a justification of at most 5,000 characters'),
  notes,
});

export const answerSchema = z.discriminatedUnion('status', [levelAnswerSchema, naAnswerSchema]);
export type Answer = z.infer<typeof answerSchema>;
export type LevelAnswer = z.infer<typeof levelAnswerSchema>;
export type NaAnswer = z.infer<typeof naAnswerSchema>;

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
  evidence: z
    .array(
      z
        .string()
        .trim()
        .min(1, 'expected a link or reference')
        .max(2_000, 'expected at most 2,000 characters'),
    )
    .max(50, 'expected at most 50 evidence items')
    .optional(),
  /** Verified with evidence, or self-reported. */
  confidence: confidenceSchema.optional(),
  /** Flagged to come back to (e.g. evidence requested). */
  revisit: z.boolean().optional(),
});
export type ControlMeta = z.infer<typeof controlMetaSchema>;

export const assessmentSchema = z.strictObject({
  id: z.string().min(1).max(100),
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
/** 2 added per-control `meta` (target, owner, evidence, confidence, revisit). Files of 1 still import. */
export const ASSESSMENT_FILE_VERSION = 2;

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

/** Version 1 files, as exported before per-control meta existed. */
export const assessmentFileV1Schema = z.strictObject({
  format: formatField,
  formatVersion: z.literal(1),
  assessment: assessmentSchema.omit({ meta: true }),
});

/** Any file version this build reads, upgraded to the current shape. */
export const anyAssessmentFileSchema = z
  .strictObject({
    format: formatField,
    formatVersion: z.union([z.literal(1), z.literal(ASSESSMENT_FILE_VERSION)], {
      error: `expected format version 1 or ${String(ASSESSMENT_FILE_VERSION)}; a newer file needs a newer OpsReady`,
    }),
    assessment: z.unknown(),
  })
  .transform((file, ctx): AssessmentFile => {
    const schema = file.formatVersion === 1 ? assessmentFileV1Schema : assessmentFileSchema;
    const parsed = schema.safeParse(file);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.addIssue({ ...issue, code: 'custom' });
      return z.NEVER;
    }
    return {
      format: ASSESSMENT_FILE_FORMAT,
      formatVersion: ASSESSMENT_FILE_VERSION,
      assessment: { meta: {}, ...parsed.data.assessment },
    };
  });

export function toAssessmentFile(assessment: Assessment): AssessmentFile {
  return { format: ASSESSMENT_FILE_FORMAT, formatVersion: ASSESSMENT_FILE_VERSION, assessment };
}
