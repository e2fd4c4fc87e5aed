import * as z from '../zod.ts';
import { answerSchema } from '../assessment/answer-schema.ts';
import { controlIdSchema } from '../catalogue/schema.ts';
import { evidenceListSchema } from '../data-schemas.ts';
import { safeIdSchema } from '../ids.ts';

/**
 * What a workshop adds to an assessment: the participants' own answers (attributed, never merged
 * away), who agreed each final answer and when, the action items, the agenda and the sign-off.
 * The assessment's `answers` stay the agreed answers, so scoring and the report need nothing new
 * to score a workshop.
 */

const isoDateTime = z.iso.datetime({ offset: true });
/** A calendar day that exists: 2025-02-31 is refused. */
const isoDay = z.iso.date({ error: 'expected a date like "2026-11-25"' });
const name = z
  .string()
  .check(
    z.trim(),
    z.minLength(1, 'expected a name'),
    z.maxLength(200, 'expected at most 200 characters'),
  );
const sha256 = z.string().check(z.regex(/^[0-9a-f]{64}$/, 'expected a SHA-256 in lower-case hex'));

export const participantRoleSchema = z.enum(['team', 'auditor']);
export type ParticipantRole = z.infer<typeof participantRoleSchema>;

/** One participant's answers, imported from the file they exported on their own machine. */
export const participantSchema = z.strictObject({
  id: safeIdSchema,
  name,
  /** Team members self-assess; an auditor's levels are verified against evidence. */
  role: participantRoleSchema,
  source: z.strictObject({
    fileName: z.string().check(z.maxLength(300)),
    /** The name the assessment had in the participant's own browser. */
    assessmentName: z.string().check(z.maxLength(200)),
    catalogueVersion: z.string().check(z.minLength(1), z.maxLength(50)),
    /** SHA-256 of the imported file, so the attribution can be checked against it. */
    sha256,
    /**
     * The id the assessment had in the participant's own browser: with the name, who this is, so
     * the same person re-exported (other bytes, other hash) is not counted twice. Absent in
     * participants imported before it was recorded.
     */
    assessmentId: z.optional(safeIdSchema),
  }),
  importedAt: isoDateTime,
  answers: z.record(controlIdSchema, answerSchema),
});
export type Participant = z.infer<typeof participantSchema>;

/**
 * Who agreed a control's answer, when, and which answer: if the answer is changed later (on the
 * Assessment page, by undo, in another tab) the agreement no longer describes it and is not shown.
 */
export const agreementSchema = z.strictObject({
  by: z
    .array(name)
    .check(z.minLength(1, 'expected at least one person who agreed'), z.maxLength(50)),
  at: isoDateTime,
  answer: answerSchema,
});
export type Agreement = z.infer<typeof agreementSchema>;

export const actionPrioritySchema = z.enum(['high', 'medium', 'low']);
export type ActionPriority = z.infer<typeof actionPrioritySchema>;

/** Where an action stands; an action recorded before statuses existed is open. */
export const actionStatusSchema = z.enum(['open', 'in-progress', 'done']);
export type ActionStatus = z.infer<typeof actionStatusSchema>;

/** A remediation action recorded against a control, usually a gap. */
export const actionSchema = z.strictObject({
  id: safeIdSchema,
  controlId: controlIdSchema,
  text: z
    .string()
    .check(
      z.trim(),
      z.minLength(1, 'expected what will be done'),
      z.maxLength(2_000, 'expected at most 2,000 characters'),
    ),
  owner: z.string().check(z.trim(), z.maxLength(200, 'expected at most 200 characters')),
  due: z.optional(isoDay),
  priority: actionPrioritySchema,
  createdAt: isoDateTime,
  /** Absent in actions recorded before statuses existed: those read as open. */
  status: z.optional(actionStatusSchema),
  /** Where the evidence that the action is done is kept: a link or a reference, as typed. */
  evidenceLink: z.optional(
    z.string().check(z.trim(), z.maxLength(2_000, 'expected at most 2,000 characters')),
  ),
  /** When the action was last edited; absent when never edited since it was recorded. */
  updatedAt: z.optional(isoDateTime),
});
export type Action = z.infer<typeof actionSchema>;

/**
 * An auditor's check of a control's answer against evidence: who, when, which evidence, and the
 * answer checked. Like an agreement, it describes only that answer: a later change makes it an
 * earlier answer's verification, shown as such and never as current.
 */
export const verificationSchema = z.strictObject({
  by: name,
  at: isoDateTime,
  evidence: evidenceListSchema.check(
    z.minLength(1, 'expected the evidence the answer was verified against'),
  ),
  answer: answerSchema,
  note: z.optional(
    z.string().check(z.trim(), z.maxLength(2_000, 'expected at most 2,000 characters')),
  ),
});
export type Verification = z.infer<typeof verificationSchema>;

/** Minutes planned per domain, in the order the session takes them. */
export const agendaItemSchema = z.strictObject({
  domain: z.string().check(z.minLength(1), z.maxLength(100)),
  minutes: z
    .int()
    .check(z.gte(1, 'expected at least 1 minute'), z.lte(600, 'expected at most 600 minutes')),
});
export type AgendaItem = z.infer<typeof agendaItemSchema>;

export const signatorySchema = z.strictObject({
  name,
  role: z
    .string()
    .check(
      z.trim(),
      z.minLength(1, 'expected a role'),
      z.maxLength(200, 'expected at most 200 characters'),
    ),
});

/** The close of a workshop: who signs for what, and the data they signed. */
export const signOffSchema = z.strictObject({
  signatories: z
    .array(signatorySchema)
    .check(z.minLength(1, 'expected at least one signatory'), z.maxLength(20)),
  organisation: z.string().check(z.trim(), z.maxLength(200, 'expected at most 200 characters')),
  scope: z.string().check(z.trim(), z.maxLength(2_000, 'expected at most 2,000 characters')),
  date: isoDay,
  statement: z
    .string()
    .check(
      z.trim(),
      z.minLength(1, 'expected a statement'),
      z.maxLength(5_000, 'expected at most 5,000 characters'),
    ),
  signedAt: isoDateTime,
  /**
   * SHA-256 of the assessment as exported at the moment of signing, without the sign-off itself:
   * the report compares it with the current data and says when the answers changed after signing.
   */
  dataSha256: sha256,
});
export type SignOff = z.infer<typeof signOffSchema>;

/** Each item is found by its id (or domain) when it is changed or removed, so each must be unique. */
function unique<T>(key: (item: T) => string, what: string) {
  return (list: readonly T[], ctx: z.core.$RefinementCtx): void => {
    const seen = new Set<string>();
    list.forEach((item, i) => {
      const k = key(item);
      if (seen.has(k))
        ctx.addIssue({ code: 'custom', path: [i], message: `${what} "${k}" appears twice` });
      seen.add(k);
    });
  };
}

export const workshopSchema = z.strictObject({
  agenda: z
    .array(agendaItemSchema)
    .check(z.maxLength(50), z.superRefine(unique((a: AgendaItem) => a.domain, 'domain'))),
  participants: z
    .array(participantSchema)
    .check(
      z.maxLength(50, 'expected at most 50 participants'),
      z.superRefine(unique((p: Participant) => p.id, 'participant id')),
    ),
  agreements: z.record(controlIdSchema, agreementSchema),
  actions: z
    .array(actionSchema)
    .check(
      z.maxLength(2_000, 'expected at most 2,000 actions'),
      z.superRefine(unique((a: Action) => a.id, 'action id')),
    ),
  signOff: z.optional(signOffSchema),
  /**
   * The people the facilitator has ticked as agreeing: each new agreement is recorded with them.
   * Absent until someone changes the choice; then `defaultAgreeing` applies.
   */
  agreeing: z.optional(z.array(name).check(z.maxLength(50, 'expected at most 50 names'))),
  /** Controls marked as discussed in this workshop, with when (besides agreed and parked ones). */
  discussed: z.optional(z.record(controlIdSchema, isoDateTime)),
  /** An auditor's verification of each control's answer against evidence. */
  verifications: z.optional(z.record(controlIdSchema, verificationSchema)),
});
export type Workshop = z.infer<typeof workshopSchema>;

export const EMPTY_WORKSHOP: Workshop = {
  agenda: [],
  participants: [],
  agreements: {},
  actions: [],
};

/**
 * The workshop as format 4 files and data version 4 held it: no action status, evidence link or
 * edit time, no choice of who agrees, no discussed controls, no verifications. Older files are
 * checked against it so a version 4 file cannot carry what only version 5 defines. Built when an
 * older file is read, not at load: every visit would pay for a schema few of them use.
 */
export function buildWorkshopV4Schema() {
  return z.extend(
    z.omit(workshopSchema, { agreeing: true, discussed: true, verifications: true }),
    {
      actions: z
        .array(z.omit(actionSchema, { status: true, evidenceLink: true, updatedAt: true }))
        .check(
          z.maxLength(2_000, 'expected at most 2,000 actions'),
          z.superRefine(unique((a: { readonly id: string }) => a.id, 'action id')),
        ),
    },
  );
}
