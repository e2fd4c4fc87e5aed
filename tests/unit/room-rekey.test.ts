import { describe, expect, it } from 'vitest';
import { rekeySchema, wrappedSecretSchema } from '../../src/domain/room/messages.ts';
import { fromBase64Url, newRoomSecret, toBase64Url } from '../../src/lib/room/envelope.ts';
import {
  exchangeKeysFromJwk,
  newExchangeKeys,
  unwrapSecret,
  wrapSecret,
  type WrapBinding,
} from '../../src/lib/room/rekey.ts';

const BEA = 'B'.repeat(22);
const CEM = 'C'.repeat(22);
const OLD_ROOM = 'R'.repeat(22);
const binding = (memberId: string, epoch = 1): WrapBinding => ({
  epoch,
  fromRoomId: OLD_ROOM,
  memberId,
});

/** Flips one bit of a base64url value, keeping it base64url of the same length. */
function flip(text: string, at = 5): string {
  const bytes = fromBase64Url(text);
  bytes[at] = (bytes[at] ?? 0) ^ 1;
  return toBase64Url(bytes);
}

describe('wrapping a new room secret for each remaining member', () => {
  it('unwraps with the member’s own key and binding, and the wrap is what the schema allows', async () => {
    const secret = newRoomSecret();
    const { keys } = await newExchangeKeys();
    const wrap = await wrapSecret(secret, keys.pub, binding(BEA));
    expect(wrappedSecretSchema.parse(wrap)).toEqual(wrap);
    expect(JSON.stringify(wrap)).not.toContain(secret);
    expect(await unwrapSecret(wrap, keys, binding(BEA))).toBe(secret);
  });

  it('a removed member’s key cannot unwrap any remaining member’s copy', async () => {
    const secret = newRoomSecret();
    const bea = await newExchangeKeys();
    const removed = await newExchangeKeys();
    const wrap = await wrapSecret(secret, bea.keys.pub, binding(BEA));
    // Even claiming Bea's member id, and with Bea's public key in hand, the private key is wrong.
    expect(await unwrapSecret(wrap, removed.keys, binding(BEA))).toBeUndefined();
    const posing = { pub: bea.keys.pub, privateKey: removed.keys.privateKey };
    expect(await unwrapSecret(wrap, posing, binding(BEA))).toBeUndefined();
  });

  it('refuses a tampered wrap: ciphertext, IV or ephemeral key altered', async () => {
    const secret = newRoomSecret();
    const { keys } = await newExchangeKeys();
    const other = await newExchangeKeys();
    const wrap = await wrapSecret(secret, keys.pub, binding(BEA));
    expect(await unwrapSecret({ ...wrap, ct: flip(wrap.ct) }, keys, binding(BEA))).toBeUndefined();
    expect(await unwrapSecret({ ...wrap, iv: flip(wrap.iv, 0) }, keys, binding(BEA))).toBe(
      undefined,
    );
    const epk = { x: other.keys.pub.x, y: other.keys.pub.y };
    expect(await unwrapSecret({ ...wrap, epk }, keys, binding(BEA))).toBeUndefined();
  });

  it('is bound to the member, the epoch and the room it was issued in', async () => {
    const secret = newRoomSecret();
    const { keys } = await newExchangeKeys();
    const wrap = await wrapSecret(secret, keys.pub, binding(BEA, 2));
    expect(await unwrapSecret(wrap, keys, binding(BEA, 2))).toBe(secret);
    // Moved under another member's id (one holding the same ECDH key, even) or to another epoch.
    expect(await unwrapSecret(wrap, keys, binding(CEM, 2))).toBeUndefined();
    expect(await unwrapSecret(wrap, keys, binding(BEA, 1))).toBeUndefined();
    expect(await unwrapSecret(wrap, keys, binding(BEA, 3))).toBeUndefined();
    expect(
      await unwrapSecret(wrap, keys, { ...binding(BEA, 2), fromRoomId: 'S'.repeat(22) }),
    ).toBeUndefined();
  });

  it('uses a fresh ephemeral key and IV for every wrap, and a reloaded key still unwraps', async () => {
    const secret = newRoomSecret();
    const { keys, privateJwk } = await newExchangeKeys();
    const a = await wrapSecret(secret, keys.pub, binding(BEA));
    const b = await wrapSecret(secret, keys.pub, binding(BEA));
    expect(a.epk).not.toEqual(b.epk);
    expect(a.iv).not.toBe(b.iv);
    expect(a.ct).not.toBe(b.ct);
    const reloaded = await exchangeKeysFromJwk(
      JSON.parse(JSON.stringify(privateJwk)) as JsonWebKey,
    );
    expect(await unwrapSecret(b, reloaded, binding(BEA))).toBe(secret);
  });

  it('the announcement is validated: member ids, wrap shapes and how many', async () => {
    const { keys } = await newExchangeKeys();
    const wrap = await wrapSecret(newRoomSecret(), keys.pub, binding(BEA));
    expect(
      rekeySchema.safeParse({ epoch: 1, from: OLD_ROOM, wraps: { [BEA]: wrap } }).success,
    ).toBe(true);
    for (const bad of [
      { epoch: 0, from: OLD_ROOM, wraps: {} },
      { epoch: 1, from: 'short', wraps: {} },
      { epoch: 1, from: OLD_ROOM, wraps: { short: wrap } },
      { epoch: 1, from: OLD_ROOM, wraps: { [BEA]: { ...wrap, ct: wrap.ct.slice(1) } } },
      { epoch: 1, from: OLD_ROOM, wraps: { [BEA]: { ...wrap, extra: 1 } } },
      {
        epoch: 1,
        from: OLD_ROOM,
        wraps: Object.fromEntries(
          Array.from({ length: 61 }, (_, i) => [
            `${String(i).padStart(2, '0')}${'M'.repeat(20)}`,
            wrap,
          ]),
        ),
      },
    ]) {
      expect(rekeySchema.safeParse(bad).success).toBe(false);
    }
  });
});
