import * as z from '../zod.ts';

/**
 * An answer is either a maturity level or "not applicable" with a written reason. A control with
 * no entry in `answers` is unanswered, which is a different state from level 0: the report counts
 * unanswered controls separately and says that they were scored as gaps.
 */
const notes = z.optional(
  z.string().check(z.maxLength(20_000, 'expected notes of at most 20,000 characters')),
);

export const levelAnswerSchema = z.strictObject({
  status: z.literal('level'),
  level: z
    .int()
    .check(z.gte(0, 'expected a level of 0 or more'), z.lte(10, 'expected a level of at most 10')),
  notes,
});

export const naAnswerSchema = z.strictObject({
  status: z.literal('na'),
  justification: z
    .string()
    .check(
      z.trim(),
      z.minLength(1, 'a justification is required when a control is marked not applicable'),
      z.maxLength(5_000, 'expected a justification of at most 5,000 characters'),
    ),
  notes,
});

export const answerSchema = z.discriminatedUnion('status', [levelAnswerSchema, naAnswerSchema]);
export type Answer = z.infer<typeof answerSchema>;
export type LevelAnswer = z.infer<typeof levelAnswerSchema>;
export type NaAnswer = z.infer<typeof naAnswerSchema>;
