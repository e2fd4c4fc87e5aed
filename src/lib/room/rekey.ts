import type { ExchangeKeyJwk, WrappedSecret } from '../../domain/room/messages.ts';
import { fromBase64Url, randomBytes, toBase64Url } from './envelope.ts';

/**
 * Re-keying a room after a removal. Every participant has, besides the ECDSA key that signs what
 * they send, an ECDH P-256 key pair whose public half is in their own signed document. To move
 * the room away from a removed member, the facilitator draws a new room secret and wraps it for
 * each member still in: ECDH between a fresh ephemeral key and the member's public key, HKDF,
 * then AES-GCM. The HKDF info and the AES-GCM additional data both name the epoch, the room the
 * wrap was issued in, the member's id and both public keys, so a wrap cannot be moved to another
 * member, epoch or room, and an altered one fails to decrypt. The removed member, whose key no
 * wrap was made for, cannot derive any of the wrapping keys.
 */

const PROTOCOL = 'opsready-room/1';
const ECDH = { name: 'ECDH', namedCurve: 'P-256' } as const;
const encoder = new TextEncoder();

export interface ExchangeKeys {
  readonly pub: ExchangeKeyJwk;
  readonly privateKey: CryptoKey;
}

export async function newExchangeKeys(): Promise<{ keys: ExchangeKeys; privateJwk: JsonWebKey }> {
  const pair = await crypto.subtle.generateKey(ECDH, true, ['deriveBits']);
  const privateJwk = await crypto.subtle.exportKey('jwk', pair.privateKey);
  return { keys: await exchangeKeysFromJwk(privateJwk), privateJwk };
}

/** The tab's saved ECDH key (sessionStorage), so a reload can still unwrap. */
export async function exchangeKeysFromJwk(privateJwk: JsonWebKey): Promise<ExchangeKeys> {
  const { kty, crv, x, y, d } = privateJwk;
  if (kty !== 'EC' || crv !== 'P-256' || x === undefined || y === undefined || d === undefined) {
    throw new Error('expected a P-256 private key');
  }
  const privateKey = await crypto.subtle.importKey(
    'jwk',
    { kty, crv, x, y, d, ext: true },
    ECDH,
    false,
    ['deriveBits'],
  );
  return { pub: { kty: 'EC', crv: 'P-256', x, y }, privateKey };
}

/** What a wrap is bound to: the recipient checks these against what it expects. */
export interface WrapBinding {
  /** The epoch the room moves to (1 for the first re-key). */
  readonly epoch: number;
  /** The id of the room the wrap was issued in (the one being left). */
  readonly fromRoomId: string;
  /** The recipient's member id (their ECDSA key's). */
  readonly memberId: string;
}

const context = (
  b: WrapBinding,
  recipient: ExchangeKeyJwk,
  epk: { readonly x: string; readonly y: string },
): Uint8Array<ArrayBuffer> =>
  encoder.encode(
    [
      `${PROTOCOL} rekey`,
      String(b.epoch),
      b.fromRoomId,
      b.memberId,
      `${recipient.x}.${recipient.y}`,
      `${epk.x}.${epk.y}`,
    ].join('\n'),
  );

async function wrappingKey(
  privateKey: CryptoKey,
  publicKey: { readonly x: string; readonly y: string },
  info: Uint8Array<ArrayBuffer>,
): Promise<CryptoKey> {
  const pub = await crypto.subtle.importKey(
    'jwk',
    { kty: 'EC', crv: 'P-256', x: publicKey.x, y: publicKey.y },
    ECDH,
    false,
    [],
  );
  const shared = await crypto.subtle.deriveBits({ name: 'ECDH', public: pub }, privateKey, 256);
  const base = await crypto.subtle.importKey('raw', shared, 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: encoder.encode(PROTOCOL), info },
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/** Wraps a room secret (32 bytes, base64url) for one member. */
export async function wrapSecret(
  secret: string,
  recipient: ExchangeKeyJwk,
  binding: WrapBinding,
): Promise<WrappedSecret> {
  const raw = fromBase64Url(secret);
  if (raw.length !== 32) throw new Error('a room secret is 32 bytes');
  const ephemeral = await crypto.subtle.generateKey(ECDH, true, ['deriveBits']);
  const { x, y } = await crypto.subtle.exportKey('jwk', ephemeral.publicKey);
  if (x === undefined || y === undefined) throw new Error('the ephemeral key has no coordinates');
  const epk = { x, y };
  const bound = context(binding, recipient, epk);
  const key = await wrappingKey(ephemeral.privateKey, recipient, bound);
  const iv = randomBytes(12);
  const ct = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: bound }, key, raw);
  return { epk, iv: toBase64Url(iv), ct: toBase64Url(new Uint8Array(ct)) };
}

/**
 * The room secret in a wrap made for this member, epoch and room; undefined when it was made for
 * another key, another binding, or was altered (AES-GCM refuses it).
 */
export async function unwrapSecret(
  wrap: WrappedSecret,
  own: ExchangeKeys,
  binding: WrapBinding,
): Promise<string | undefined> {
  try {
    const bound = context(binding, own.pub, wrap.epk);
    const key = await wrappingKey(own.privateKey, wrap.epk, bound);
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: fromBase64Url(wrap.iv), additionalData: bound },
      key,
      fromBase64Url(wrap.ct),
    );
    return plain.byteLength === 32 ? toBase64Url(new Uint8Array(plain)) : undefined;
  } catch {
    return undefined;
  }
}
