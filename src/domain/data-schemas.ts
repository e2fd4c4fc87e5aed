import { z } from 'zod';

/** Building blocks shared by the schemas of hand-written data files (catalogue, profiles). */

export const text = z.string().trim().min(1, 'expected non-empty text');

export const slug = z
  .string()
  .regex(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/, 'expected a lower-case id like "key-compromise"');

/** Only http(s): a source link is shown to people, and `javascript:` must never reach an href. */
export const httpUrl = z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' });

export const sourceSchema = z.strictObject({
  title: text,
  url: httpUrl.optional(),
  /** What this source supports, or how far it can be trusted (e.g. "secondary; relays …"). */
  note: text.optional(),
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
      .trim()
      .min(1, 'expected a link or reference')
      .max(2_000, 'expected at most 2,000 characters'),
  )
  .max(50, 'expected at most 50 evidence items');
