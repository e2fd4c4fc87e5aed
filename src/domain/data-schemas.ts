import * as z from './zod.ts';

/** Building blocks shared by the schemas of hand-written data files (catalogue, profiles). */

export const text = z.string().check(z.trim(), z.minLength(1, 'expected non-empty text'));

export const slug = z
  .string()
  .check(
    z.regex(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/, 'expected a lower-case id like "key-compromise"'),
  );

/** Only http(s): a source link is shown to people, and `javascript:` must never reach an href. */
export const httpUrl = z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' });

export const sourceSchema = z.strictObject({
  title: text,
  url: z.optional(httpUrl),
  /** What this source supports, or how far it can be trusted (e.g. "secondary; relays …"). */
  note: z.optional(text),
});
export type Source = z.infer<typeof sourceSchema>;

/**
 * Links or references to where evidence is kept, as a control's details and an auditor's
 * verification both record it.
 */
export const evidenceListSchema = z
  .array(
    z
      .string()
      .check(
        z.trim(),
        z.minLength(1, 'expected a link or reference'),
        z.maxLength(2_000, 'expected at most 2,000 characters'),
      ),
  )
  .check(z.maxLength(50, 'expected at most 50 evidence items'));
