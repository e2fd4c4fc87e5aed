import { z } from 'zod';
import { assessmentDetailsSchema, naAnswerSchema } from '../../domain/assessment/schema.ts';

export function assessorsFromText(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/**
 * The form edits the same fields, under the same rules, as the store and the import accept, so
 * nothing the form lets through can fail to load later. Assessors are typed one per line.
 */
export const detailsFormSchema = z.object({
  name: assessmentDetailsSchema.shape.name,
  organisation: assessmentDetailsSchema.shape.organisation,
  scope: assessmentDetailsSchema.shape.scope,
  assessors: z.string().superRefine((text, ctx) => {
    const checked = assessmentDetailsSchema.shape.assessors.safeParse(assessorsFromText(text));
    if (checked.success) return;
    for (const issue of checked.error.issues) {
      const line = issue.path[0];
      ctx.addIssue({
        code: 'custom',
        message: typeof line === 'number' ? `line ${line + 1}: ${issue.message}` : issue.message,
      });
    }
  }),
});
export type DetailsForm = z.infer<typeof detailsFormSchema>;

export const naFormSchema = z.object({ justification: naAnswerSchema.shape.justification });
export type NaForm = z.infer<typeof naFormSchema>;
