import {
  bodySchema,
  frameSchema,
  MAX_FRAME_BYTES,
  signedSchema,
  type Body,
  type PrivateKeyJwk,
  type PublicKeyJwk,
} from '../../domain/room/messages.ts';
import { parseJson } from '../../domain/json.ts';

/**
 * The end-to-end envelope of a live room. The room secret lives only in the link's fragment,
 * which browsers never send to a server; from it HKDF derives the room id the relay routes by and
 * the AES-GCM key, so the relay learns which frames belong together and nothing else. Every frame
 * gets a fresh random 96-bit IV; its header (sender, session, counter) is the additional
 * authenticated data, so a header cannot be changed or a frame moved to another room unnoticed.
 * Inside, the body is signed with the sender's own ECDSA key: the room key says "someone in the
 * room", the signature says who, so one participant cannot write as another.
 */

const PROTOCOL = 'opsready-room/1';
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export function toBase64Url(bytes: Uint8Array): string {
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Throws on anything but base64url. */
export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('expected base64url');
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

export function randomBytes(length: number): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(length));
}

/** A new room's secret: 256 random bits, written into the link's fragment. */
export function newRoomSecret(): string {
  return toBase64Url(randomBytes(32));
}

export interface RoomKeys {
  /** What the relay routes by: HKDF of the secret, from which the secret cannot be recovered. */
  readonly roomId: string;
  readonly key: CryptoKey;
}

export async function roomKeys(secret: string): Promise<RoomKeys> {
  const raw = fromBase64Url(secret);
  if (raw.length !== 32) throw new Error('a room secret is 32 bytes');
  const base = await crypto.subtle.importKey('raw', raw, 'HKDF', false, [
    'deriveBits',
    'deriveKey',
  ]);
  const hkdf = (info: string) => ({
    name: 'HKDF',
    hash: 'SHA-256',
    salt: encoder.encode(PROTOCOL),
    info: encoder.encode(info),
  });
  const id = await crypto.subtle.deriveBits(hkdf('room id'), base, 128);
  const key = await crypto.subtle.deriveKey(
    hkdf('room key'),
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
  return { roomId: toBase64Url(new Uint8Array(id)), key };
}

export interface Identity {
  readonly memberId: string;
  readonly pub: PublicKeyJwk;
  readonly privateKey: CryptoKey;
}

/** A member id is the SHA-256 of the public key, so it cannot be claimed without the private key. */
export async function memberIdOf(pub: PublicKeyJwk): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', encoder.encode(`${pub.x}.${pub.y}`));
  return toBase64Url(new Uint8Array(digest).slice(0, 16));
}

const ECDSA = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGN = { name: 'ECDSA', hash: 'SHA-256' } as const;

export async function newIdentity(): Promise<{ identity: Identity; privateJwk: JsonWebKey }> {
  const pair = await crypto.subtle.generateKey(ECDSA, true, ['sign', 'verify']);
  const privateJwk = await crypto.subtle.exportKey('jwk', pair.privateKey);
  return { identity: await identityFromJwk(privateJwk), privateJwk };
}

/** A private key read back from a tab's saved copy, as Web Crypto imports it: its fields only. */
export function jwkOf({ kty, crv, x, y, d }: PrivateKeyJwk): JsonWebKey {
  return { kty, crv, x, y, d };
}

/** The identity saved in this tab (sessionStorage), so a reload stays the same member. */
export async function identityFromJwk(privateJwk: JsonWebKey): Promise<Identity> {
  const { kty, crv, x, y } = privateJwk;
  if (kty !== 'EC' || crv !== 'P-256' || x === undefined || y === undefined) {
    throw new Error('expected a P-256 private key');
  }
  // Web Crypto's own words ("Invalid keyData", "DataError") do not say which key failed.
  const privateKey = await crypto.subtle
    .importKey('jwk', privateJwk, ECDSA, false, ['sign'])
    .catch((e: unknown) => {
      throw new Error(
        `the saved signing key is not a usable P-256 key (${e instanceof Error ? e.message : String(e)})`,
      );
    });
  const pub: PublicKeyJwk = { kty: 'EC', crv: 'P-256', x, y };
  return { memberId: await memberIdOf(pub), pub, privateKey };
}

export interface Header {
  readonly from: string;
  readonly session: string;
  readonly n: number;
}

const headerText = (roomId: string, h: Header): string =>
  `${PROTOCOL}\n${roomId}\n${h.from}\n${h.session}\n${String(h.n)}`;
const aad = (roomId: string, h: Header): Uint8Array<ArrayBuffer> =>
  encoder.encode(headerText(roomId, h));
/**
 * The signature covers the header as well as the body: anyone with the room key could otherwise
 * wrap a member's signed body in a new header (another session, a fresh counter) and replay it.
 */
const signedText = (roomId: string, h: Header, body: string): Uint8Array<ArrayBuffer> =>
  encoder.encode(`${headerText(roomId, h)}\n${body}`);

/** Encrypts and signs one body; returns the frame's text as the relay carries it. */
export async function seal(
  room: RoomKeys,
  identity: Identity,
  session: string,
  n: number,
  body: Body,
): Promise<string> {
  const header: Header = { from: identity.memberId, session, n };
  const bodyText = JSON.stringify(body);
  const signature = await crypto.subtle.sign(
    SIGN,
    identity.privateKey,
    signedText(room.roomId, header, bodyText),
  );
  const inner = JSON.stringify({
    pub: identity.pub,
    body: bodyText,
    sig: toBase64Url(new Uint8Array(signature)),
  });
  const iv = randomBytes(12);
  const ct = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: aad(room.roomId, header) },
    room.key,
    encoder.encode(inner),
  );
  return JSON.stringify({
    v: 1,
    ...header,
    iv: toBase64Url(iv),
    ct: toBase64Url(new Uint8Array(ct)),
  });
}

export type Refusal =
  'too-large' | 'malformed' | 'undecryptable' | 'replayed' | 'bad-signature' | 'malformed-body';

export const REFUSAL_TEXT: Readonly<Record<Refusal, string>> = {
  'too-large': `a message larger than ${String(MAX_FRAME_BYTES / 1_048_576)} MB`,
  malformed: 'a message that is not a room frame',
  undecryptable: 'a message that does not decrypt with this room’s key (wrong key, or altered)',
  replayed: 'a message seen before (replayed)',
  'bad-signature': 'a message whose signature does not match the member it claims to be from',
  'malformed-body': 'a message whose content is not what the room exchanges',
};

export type Opened =
  | { readonly ok: true; readonly header: Header; readonly body: Body }
  | { readonly ok: false; readonly refusal: Refusal; readonly from?: string };

/**
 * Each (sender, session) counter must only grow: a frame replayed by the relay or anyone on the
 * network carries a counter already seen. Bounded, so a flood of invented sessions cannot grow
 * it without end; the oldest sessions are forgotten first.
 */
export class ReplayGuard {
  private readonly seen = new Map<string, number>();
  constructor(private readonly limit = 2_000) {}

  /** True, and remembered, when the counter is new; false for a replay. */
  accept(h: Header): boolean {
    const key = `${h.from}.${h.session}`;
    const last = this.seen.get(key);
    if (last !== undefined && h.n <= last) return false;
    this.seen.delete(key);
    this.seen.set(key, h.n);
    if (this.seen.size > this.limit) {
      const oldest = this.seen.keys().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
    return true;
  }
}

/**
 * Checks, decrypts and verifies a frame: size, shape, key (AES-GCM with the header as AAD), the
 * sender's signature and that the sender id is their key's, then the counter. Only then is the
 * body parsed; nothing of a refused frame is used.
 */
export async function open(room: RoomKeys, text: string, guard: ReplayGuard): Promise<Opened> {
  if (text.length > MAX_FRAME_BYTES) return { ok: false, refusal: 'too-large' };
  const json = parseJson(text, 'frame');
  const frame = json.ok ? frameSchema.safeParse(json.value) : undefined;
  if (!frame?.success) return { ok: false, refusal: 'malformed' };
  const { from, session, n, iv, ct } = frame.data;
  const header: Header = { from, session, n };
  let inner: string;
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: fromBase64Url(iv), additionalData: aad(room.roomId, header) },
      room.key,
      fromBase64Url(ct),
    );
    inner = decoder.decode(plain);
  } catch {
    return { ok: false, refusal: 'undecryptable', from };
  }
  const innerJson = parseJson(inner, 'frame');
  const signed = innerJson.ok ? signedSchema.safeParse(innerJson.value) : undefined;
  if (!signed?.success) return { ok: false, refusal: 'malformed-body', from };
  const { pub, body, sig } = signed.data;
  if ((await memberIdOf(pub)) !== from) return { ok: false, refusal: 'bad-signature', from };
  let valid = false;
  try {
    const key = await crypto.subtle.importKey('jwk', { ...pub } as JsonWebKey, ECDSA, false, [
      'verify',
    ]);
    valid = await crypto.subtle.verify(
      SIGN,
      key,
      fromBase64Url(sig),
      signedText(room.roomId, header, body),
    );
  } catch {
    valid = false;
  }
  if (!valid) return { ok: false, refusal: 'bad-signature', from };
  // Counted only once authentic: a forged frame must not burn a real sender's counter.
  if (!guard.accept(header)) return { ok: false, refusal: 'replayed', from };
  const bodyJson = parseJson(body, 'frame');
  const parsed = bodyJson.ok ? bodySchema.safeParse(bodyJson.value) : undefined;
  if (!parsed?.success) return { ok: false, refusal: 'malformed-body', from };
  return { ok: true, header, body: parsed.data };
}
