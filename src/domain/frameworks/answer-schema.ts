import * as z from '../zod.ts';

/**
 * A team's own answer to a framework requirement the catalogue does not establish (an SFC control
 * marked "not covered", or the baseline items listed under `notAssessed`). The states are those of
 * SEAL's own self-assessment checklist (yes / partial / no / N/A); N/A needs a justification, as
 * the certification rule requires. Kept apart from `assessment/schema.ts` so the crosswalk code can
 * use it without importing the assessment.
 */
const evidence = z.optional(
  z.string().check(z.trim(), z.maxLength(5_000, 'expected evidence of at most 5,000 characters')),
);

export const DIRECT_STATES = ['yes', 'partial', 'no', 'na'] as const;
export type DirectState = (typeof DIRECT_STATES)[number];

const answeredSchema = z.strictObject({
  state: z.enum(['yes', 'partial', 'no']),
  /** Links or references to what shows it, or notes; one free text as in SEAL's checklist. */
  evidence,
});

const naSchema = z.strictObject({
  state: z.literal('na'),
  justification: z
    .string()
    .check(
      z.trim(),
      z.minLength(1, 'a justification is required when a requirement is marked not applicable'),
      z.maxLength(5_000, 'expected a justification of at most 5,000 characters'),
    ),
  evidence,
});

export const directAnswerSchema = z.discriminatedUnion('state', [answeredSchema, naSchema]);
export type DirectAnswer = z.infer<typeof directAnswerSchema>;

const MAX_DIRECT_ANSWERS = 500;

/**
 * What the assessment stores under `frameworks`: SEAL answers by SFC control id, CCSS answers by
 * component and level ("1.3.3/1"). Both optional, so every assessment made before stays valid.
 */
export const frameworkAnswersSchema = z.strictObject({
  seal: z.optional(
    z
      .record(
        z
          .string()
          .check(
            z.regex(/^[a-z]{2,4}-\d+\.\d+\.\d+$/, 'expected an SFC control id like "ms-3.1.4"'),
          ),
        directAnswerSchema,
      )
      .check(
        z.refine(
          (r) => Object.keys(r).length <= MAX_DIRECT_ANSWERS,
          'expected at most 500 answers',
        ),
      ),
  ),
  ccss: z.optional(
    z
      .record(
        z
          .string()
          .check(
            z.regex(/^\d+\.\d+\.\d+\/[1-3]$/, 'expected a CCSS component and level like "1.3.3/1"'),
          ),
        directAnswerSchema,
      )
      .check(
        z.refine(
          (r) => Object.keys(r).length <= MAX_DIRECT_ANSWERS,
          'expected at most 500 answers',
        ),
      ),
  ),
});
export type FrameworkAnswers = z.infer<typeof frameworkAnswersSchema>;
