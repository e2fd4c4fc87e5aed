import * as z from '../../domain/zod.ts';
import {
  assessmentDetailsSchema,
  controlMetaSchema,
  naAnswerSchema,
  type ControlMeta,
} from '../../domain/assessment/schema.ts';

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
  assessors: z.string().check(
    z.superRefine((text, ctx) => {
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
  ),
});
export type DetailsForm = z.infer<typeof detailsFormSchema>;

export const naFormSchema = z.object({ justification: naAnswerSchema.shape.justification });
export type NaForm = z.infer<typeof naFormSchema>;

export function linesOf(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/**
 * Owner, evidence, confidence, target and notes of one control. Checked against the same schemas
 * the store and the import use; evidence is typed one item per line.
 */
export const metaFormSchema = z.object({
  target: z.string(),
  owner: z.string().check(z.trim(), z.maxLength(200, 'expected at most 200 characters')),
  evidence: z.string().check(
    z.superRefine((text, ctx) => {
      const checked = controlMetaSchema.shape.evidence.safeParse(linesOf(text));
      if (checked.success) return;
      for (const issue of checked.error.issues) {
        const line = issue.path[0];
        ctx.addIssue({
          code: 'custom',
          message:
            typeof line === 'number' ? `line ${String(line + 1)}: ${issue.message}` : issue.message,
        });
      }
    }),
  ),
  confidence: z.enum(['', 'verified', 'self-reported']),
  notes: z.string().check(z.maxLength(20_000, 'expected notes of at most 20,000 characters')),
});
export type MetaForm = z.infer<typeof metaFormSchema>;

/** The meta fields this form edits; every other field (flags, follow-up, …) is kept as it is. */
const FORM_FIELDS = ['target', 'owner', 'evidence', 'confidence'] as const;

/**
 * The meta to store: the form's fields, empty ones left out, over everything else the control's
 * meta already holds (the revisit flag, a requested piece of evidence, a follow-up), so saving the
 * form never drops what the workshop recorded.
 */
export function metaFromForm(form: MetaForm, current: ControlMeta | undefined): ControlMeta {
  const evidence = linesOf(form.evidence);
  const kept = Object.fromEntries(
    Object.entries(current ?? {}).filter(
      ([key]) => !(FORM_FIELDS as readonly string[]).includes(key),
    ),
  ) as ControlMeta;
  return {
    ...kept,
    ...(form.target !== '' ? { target: Number(form.target) } : {}),
    ...(form.owner.trim() !== '' ? { owner: form.owner.trim() } : {}),
    ...(evidence.length > 0 ? { evidence } : {}),
    ...(form.confidence !== '' ? { confidence: form.confidence } : {}),
  };
}

/** The form's values for a control's meta and notes as they are stored. */
export function metaFormValues(meta: ControlMeta | undefined, notes: string | undefined): MetaForm {
  return {
    target: meta?.target === undefined ? '' : String(meta.target),
    owner: meta?.owner ?? '',
    evidence: (meta?.evidence ?? []).join('\n'),
    confidence: meta?.confidence ?? '',
    notes: notes ?? '',
  };
}

/**
 * The values to save: each field that passes its check as typed, and each that does not as it
 * was stored, so one field still being corrected never holds back what was typed in the others.
 */
export function savablePart<T extends Record<string, unknown>>(
  schema: z.ZodMiniObject<{ [K in keyof T]: z.ZodMiniType<T[K]> }>,
  typed: T,
  stored: T,
): { readonly values: T; readonly invalid: boolean } {
  let invalid = false;
  const values = { ...stored };
  for (const key of Object.keys(schema.shape) as (keyof T)[]) {
    const checked = schema.shape[key].safeParse(typed[key]);
    if (checked.success) values[key] = checked.data;
    else invalid = true;
  }
  return { values, invalid };
}
