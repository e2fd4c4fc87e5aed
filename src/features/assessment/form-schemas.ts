import { z } from 'zod';
import { assessmentSchema, naAnswerSchema } from '../../domain/assessment/schema.ts';

/** The form edits the same fields the import validates, so the rules cannot drift apart. */
export const detailsFormSchema = z.object({
  name: assessmentSchema.shape.name,
  organisation: assessmentSchema.shape.organisation,
  scope: assessmentSchema.shape.scope,
  /** One name per line in the form; stored as a list. */
  assessors: z.string().max(10_000),
});
export type DetailsForm = z.infer<typeof detailsFormSchema>;

export const naFormSchema = z.object({ justification: naAnswerSchema.shape.justification });
export type NaForm = z.infer<typeof naFormSchema>;

export function assessorsFromText(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}
