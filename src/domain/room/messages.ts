import * as z from '../zod.ts';
import { answerSchema } from '../assessment/answer-schema.ts';
import { controlIdSchema } from '../catalogue/schema.ts';
import { participantRoleSchema } from '../workshop/schema.ts';

/**
 * What travels in a live workshop room, checked at every boundary. The relay sees only `frame`s:
 * who sent it (an id derived from the sender's public key), a per-session counter and the
 * AES-GCM ciphertext. Everything else is inside the ciphertext and is checked again once
 * decrypted, because anyone holding the room key can write anything there.
 */

/** The most a frame may weigh on the wire; the relay refuses larger ones too. */
export const MAX_FRAME_BYTES = 1_048_576;
/** Room ids, member ids and sessions are base64url; their lengths are fixed by what they encode. */
const b64url = (length: number) =>
  z.string().check(
    z.regex(new RegExp(`^[A-Za-z0-9_-]{${String(length)}}$`), {
      message: `expected ${String(length)} base64url characters`,
    }),
  );

/** 16 bytes: a room id (from the key, by HKDF) or a member id (from a public key, by SHA-256). */
export const roomIdSchema = b64url(22);
export const memberIdSchema = b64url(22);
/** 8 random bytes, fresh each time a browser tab joins, so counters restart without replaying. */
export const sessionIdSchema = b64url(11);

export const frameSchema = z.strictObject({
  v: z.literal(1),
  from: memberIdSchema,
  session: sessionIdSchema,
  /** Strictly increasing per (from, session): a frame seen before, or older, is a replay. */
  n: z.int().check(z.gte(1), z.lte(Number.MAX_SAFE_INTEGER)),
  /** 96-bit AES-GCM IV, fresh for every frame. */
  iv: b64url(16),
  ct: z
    .string()
    .check(
      z.minLength(24),
      z.maxLength(Math.ceil((MAX_FRAME_BYTES * 4) / 3)),
      z.regex(/^[A-Za-z0-9_-]+$/, { message: 'expected base64url ciphertext' }),
    ),
});
export type Frame = z.infer<typeof frameSchema>;

/** An ECDSA P-256 public key as JWK, the sender's identity in the room. */
export const publicKeySchema = z.strictObject({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  x: b64url(43),
  y: b64url(43),
  ext: z.optional(z.boolean()),
  key_ops: z.optional(z.array(z.literal('verify')).check(z.maxLength(1))),
});
export type PublicKeyJwk = z.infer<typeof publicKeySchema>;

/** The decrypted frame: a body signed by the sender's key (the signature covers the header too). */
export const signedSchema = z.strictObject({
  pub: publicKeySchema,
  body: z.string().check(z.maxLength(MAX_FRAME_BYTES)),
  /** ECDSA P-256 / SHA-256, IEEE P1363 form: 64 bytes. */
  sig: b64url(86),
});
export type Signed = z.infer<typeof signedSchema>;

const bytes = z
  .string()
  .check(
    z.maxLength(MAX_FRAME_BYTES),
    z.regex(/^[A-Za-z0-9_-]*$/, { message: 'expected base64url bytes' }),
  );

export const bodySchema = z.discriminatedUnion('t', [
  /** "I have (re)connected": everyone answers with the whole of their own document. */
  z.strictObject({ t: z.literal('hello') }),
  /** A Yjs update to the sender's own document (nobody writes another's). */
  z.strictObject({ t: z.literal('doc'), u: bytes }),
  /** A y-protocols awareness update: presence. */
  z.strictObject({ t: z.literal('presence'), u: bytes }),
]);
export type Body = z.infer<typeof bodySchema>;

/** What a relay may say itself, in plain text, about frames it refused. It never carries content. */
export const relayNoticeSchema = z.strictObject({
  relay: z.enum(['too-large', 'rate', 'room-full', 'rooms-full']),
});
export type RelayNotice = z.infer<typeof relayNoticeSchema>;

const name = z
  .string()
  .check(
    z.trim(),
    z.minLength(1, 'expected a name'),
    z.maxLength(80, 'expected at most 80 characters'),
  );

/** What a participant writes in their own document. */
export const profileSchema = z.strictObject({ name, role: participantRoleSchema });
export type Profile = z.infer<typeof profileSchema>;

export const proposalSchema = z.strictObject({
  /** Unique in the sender's document; with the sender's id, unique in the room. */
  id: z.string().check(z.regex(/^[A-Za-z0-9_-]{1,40}$/)),
  kind: z.enum(['action', 'parking']),
  controlId: controlIdSchema,
  text: z
    .string()
    .check(
      z.trim(),
      z.minLength(1, 'expected some text'),
      z.maxLength(500, 'expected at most 500 characters'),
    ),
});
export type Proposal = z.infer<typeof proposalSchema>;

export const participantAnswerSchema = answerSchema;

/** The control the room is on, as participants see it (their catalogue may differ). */
export const controlViewSchema = z.strictObject({
  id: controlIdSchema,
  title: z.string().check(z.maxLength(500)),
  objective: z.string().check(z.maxLength(5_000)),
  /** Each level's name and descriptor, level 0 first. */
  levels: z
    .array(
      z.strictObject({
        name: z.string().check(z.maxLength(100)),
        text: z.string().check(z.maxLength(2_000)),
      }),
    )
    .check(z.minLength(2), z.maxLength(11)),
  /** "control 3 of 112", for the participant's bearings. */
  position: z.string().check(z.maxLength(100)),
});
export type ControlView = z.infer<typeof controlViewSchema>;

/** The room as the facilitator runs it: the only document participants take orders from. */
export const memberStatusSchema = z.enum(['in', 'refused', 'removed']);
export type MemberStatus = z.infer<typeof memberStatusSchema>;

export const rosterEntrySchema = z.strictObject({
  name,
  role: participantRoleSchema,
  status: memberStatusSchema,
  /** Why a member was refused: shown to them, so they can pick another name. */
  reason: z.optional(z.string().check(z.maxLength(300))),
});
export type RosterEntry = z.infer<typeof rosterEntrySchema>;

export const stageSchema = z.strictObject({
  control: z.nullable(controlViewSchema),
  closed: z.boolean(),
});
export type Stage = z.infer<typeof stageSchema>;

/** What the facilitator shares of the assessment of record, for the participants' screens. */
export const sharedRecordSchema = z.strictObject({
  agreed: z.record(
    controlIdSchema,
    z.strictObject({
      answer: z.string().check(z.maxLength(5_100)),
      by: z.array(z.string().check(z.maxLength(200))).check(z.maxLength(50)),
    }),
  ),
  notes: z.record(controlIdSchema, z.string().check(z.maxLength(20_000))),
  parking: z.record(controlIdSchema, z.string().check(z.maxLength(500))),
  actions: z
    .array(
      z.strictObject({
        controlId: controlIdSchema,
        text: z.string().check(z.maxLength(2_000)),
        owner: z.string().check(z.maxLength(200)),
        priority: z.string().check(z.maxLength(20)),
      }),
    )
    .check(z.maxLength(2_000)),
});
export type SharedRecord = z.infer<typeof sharedRecordSchema>;

/** The spread, once revealed: who answered what to the current control. */
export const spreadSchema = z
  .array(
    z.strictObject({
      name,
      role: participantRoleSchema,
      answer: z.string().check(z.maxLength(5_100)),
      note: z.optional(z.string().check(z.maxLength(20_000))),
    }),
  )
  .check(z.maxLength(50));
export type Spread = z.infer<typeof spreadSchema>;

/** A name as a person would compare it: case and spacing aside, so "bea" cannot pass for "Bea". */
export function comparableName(text: string): string {
  return text.normalize('NFKC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('en');
}

// ---- Re-keying after a removal ---------------------------------------------------------------

/**
 * An ECDH P-256 public key, which each participant publishes in their own (signed) document so
 * that a new room secret can be wrapped for them alone. It is a key pair of its own, never the
 * ECDSA signing key: one key is never used both to sign and to agree keys.
 */
export const exchangeKeySchema = z.pick(publicKeySchema, {
  kty: true,
  crv: true,
  x: true,
  y: true,
});
export type ExchangeKeyJwk = z.infer<typeof exchangeKeySchema>;

/** One member's copy of the new room secret: ECDH with a fresh ephemeral key, HKDF, AES-GCM. */
export const wrappedSecretSchema = z.strictObject({
  /** The ephemeral public key (x, y), used for this wrap only. */
  epk: z.strictObject({ x: b64url(43), y: b64url(43) }),
  iv: b64url(16),
  /** The 32-byte secret and the 16-byte tag: 48 bytes. */
  ct: b64url(64),
});
export type WrappedSecret = z.infer<typeof wrappedSecretSchema>;

/** At most as many wraps as the relay lets members into one room. */
export const MAX_WRAPS = 60;

/**
 * The facilitator's announcement that the room moved to a new secret, written in their own
 * document in the room it leaves. `from` is that room's id: a copy carried into later rooms says
 * nothing to the members already there. The new room's id is not in it, so a removed member
 * does not even learn where the room went.
 */
export const rekeySchema = z.strictObject({
  epoch: z.int().check(z.gte(1), z.lte(1_000_000)),
  from: roomIdSchema,
  wraps: z.record(memberIdSchema, wrappedSecretSchema).check(
    z.refine((w) => Object.keys(w).length <= MAX_WRAPS, {
      message: `expected at most ${String(MAX_WRAPS)} wrapped secrets`,
    }),
  ),
});
export type Rekey = z.infer<typeof rekeySchema>;

// ---- What a tab keeps of its room across a reload (sessionStorage) ----------------------------

/** A P-256 private key as Web Crypto exports it (ECDSA for signing, ECDH for unwrapping). */
export const privateKeySchema = z.extend(exchangeKeySchema, {
  d: b64url(43),
  ext: z.optional(z.boolean()),
  key_ops: z.optional(z.array(z.enum(['sign', 'deriveBits', 'deriveKey'])).check(z.maxLength(3))),
});
export type PrivateKeyJwk = z.infer<typeof privateKeySchema>;

const roomSecretSchema = b64url(43);
/** A saved Y document: bounded by what a document may weigh (2 MB), base64url. */
const savedDocSchema = z
  .string()
  .check(
    z.maxLength(Math.ceil((2 * 1_048_576 * 4) / 3) + 4),
    z.regex(/^[A-Za-z0-9_-]*$/, { message: 'expected a base64url document' }),
  );

export const savedParticipantSchema = z.strictObject({
  v: z.literal(1),
  /** The ECDSA signing key: the member's identity in the room. */
  jwk: privateKeySchema,
  /** The ECDH key new room secrets are wrapped for. */
  exchange: privateKeySchema,
  doc: savedDocSchema,
  /** Every secret this tab has been in, the current one last. */
  secrets: z.array(roomSecretSchema).check(z.minLength(1), z.maxLength(100)),
  /** The facilitator removed this member: the tab says so, whatever link it is opened with. */
  removed: z.boolean(),
});
export type SavedParticipant = z.infer<typeof savedParticipantSchema>;

export const savedFacilitatorSchema = z.strictObject({
  v: z.literal(1),
  assessmentId: z.string().check(z.minLength(1), z.maxLength(200)),
  /** The current room secret and how many times the room was re-keyed. */
  secret: roomSecretSchema,
  epoch: z.int().check(z.gte(0), z.lte(1_000_000)),
  jwk: privateKeySchema,
  doc: savedDocSchema,
  /** Proposals already taken into the assessment, as `member:proposal`. */
  taken: z
    .array(z.string().check(z.regex(/^[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]{1,40}$/)))
    .check(z.maxLength(60 * 200)),
  controlId: z.nullable(controlIdSchema),
  /** After a removal the new link stays hidden until the facilitator shows it. */
  linkHidden: z.boolean(),
  /** Who was removed last (for the panel's explanation). */
  removedName: z.optional(name),
});
export type SavedFacilitator = z.infer<typeof savedFacilitatorSchema>;
