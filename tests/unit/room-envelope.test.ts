import { describe, expect, it } from 'vitest';
import { frameSchema, MAX_FRAME_BYTES } from '../../src/domain/room/messages.ts';
import {
  fromBase64Url,
  newIdentity,
  newRoomSecret,
  open,
  ReplayGuard,
  roomKeys,
  seal,
  toBase64Url,
} from '../../src/lib/room/envelope.ts';

const SESSION = 'AAAAAAAAAAA';

async function room() {
  const secret = newRoomSecret();
  const keys = await roomKeys(secret);
  const { identity } = await newIdentity();
  return { secret, keys, identity };
}

describe('room envelope', () => {
  it('round-trips a body, and the frame carries neither the body nor the key', async () => {
    const { secret, keys, identity } = await room();
    const body = { t: 'doc', u: toBase64Url(new TextEncoder().encode('Bea: signer rotation')) };
    const frame = await seal(keys, identity, SESSION, 1, body as never);
    expect(frame).not.toContain(body.u);
    expect(frame).not.toContain(secret);
    const parsed = frameSchema.parse(JSON.parse(frame));
    expect(parsed.from).toBe(identity.memberId);
    const opened = await open(keys, frame, new ReplayGuard());
    expect(opened).toEqual({
      ok: true,
      header: { from: identity.memberId, session: SESSION, n: 1 },
      body,
    });
  });

  it('derives the same room id from the same secret, another from another; the id is not the secret', async () => {
    const secret = newRoomSecret();
    const a = await roomKeys(secret);
    const b = await roomKeys(secret);
    const c = await roomKeys(newRoomSecret());
    expect(a.roomId).toBe(b.roomId);
    expect(a.roomId).not.toBe(c.roomId);
    expect(a.roomId).toHaveLength(22);
    expect(secret).not.toContain(a.roomId);
  });

  it('uses a fresh IV for every frame', async () => {
    const { keys, identity } = await room();
    const ivs = new Set<string>();
    for (let n = 1; n <= 50; n++) {
      const frame = JSON.parse(await seal(keys, identity, SESSION, n, { t: 'hello' })) as {
        iv: string;
      };
      ivs.add(frame.iv);
      expect(fromBase64Url(frame.iv)).toHaveLength(12);
    }
    expect(ivs.size).toBe(50);
  });

  it('refuses a frame sealed with another key', async () => {
    const { keys, identity } = await room();
    const other = await roomKeys(newRoomSecret());
    const frame = await seal(other, identity, SESSION, 1, { t: 'hello' });
    expect(await open(keys, frame, new ReplayGuard())).toMatchObject({
      ok: false,
      refusal: 'undecryptable',
    });
  });

  it('refuses a frame whose header was changed (the header is authenticated)', async () => {
    const { keys, identity } = await room();
    const frame = JSON.parse(await seal(keys, identity, SESSION, 5, { t: 'hello' })) as Record<
      string,
      unknown
    >;
    for (const change of [{ n: 6 }, { session: 'BBBBBBBBBBB' }]) {
      expect(
        await open(keys, JSON.stringify({ ...frame, ...change }), new ReplayGuard()),
      ).toMatchObject({ ok: false, refusal: 'undecryptable' });
    }
  });

  it('refuses a replayed frame and an older counter, but takes a new session from the same member', async () => {
    const { keys, identity } = await room();
    const guard = new ReplayGuard();
    const first = await seal(keys, identity, SESSION, 1, { t: 'hello' });
    const second = await seal(keys, identity, SESSION, 2, { t: 'hello' });
    expect((await open(keys, first, guard)).ok).toBe(true);
    expect((await open(keys, second, guard)).ok).toBe(true);
    expect(await open(keys, second, guard)).toMatchObject({ ok: false, refusal: 'replayed' });
    expect(await open(keys, first, guard)).toMatchObject({ ok: false, refusal: 'replayed' });
    const again = await seal(keys, identity, 'CCCCCCCCCCC', 1, { t: 'hello' });
    expect((await open(keys, again, guard)).ok).toBe(true);
  });

  it('refuses a member writing as another: the sender id must be the SHA-256 of the signing key', async () => {
    const { keys, identity } = await room();
    const { identity: mallory } = await newIdentity();
    // Mallory holds the room key and signs with her own key, but claims to be the first member.
    const forged = await seal(keys, { ...mallory, memberId: identity.memberId }, SESSION, 1, {
      t: 'hello',
    });
    expect(await open(keys, forged, new ReplayGuard())).toMatchObject({
      ok: false,
      refusal: 'bad-signature',
    });
    // And with the first member's public key attached, the signature does not verify.
    const withPub = await seal(
      keys,
      { ...mallory, memberId: identity.memberId, pub: identity.pub },
      SESSION,
      1,
      { t: 'hello' },
    );
    expect(await open(keys, withPub, new ReplayGuard())).toMatchObject({
      ok: false,
      refusal: 'bad-signature',
    });
  });

  it('does not let a refused forgery burn the real sender’s counter', async () => {
    const { keys, identity } = await room();
    const { identity: mallory } = await newIdentity();
    const guard = new ReplayGuard();
    const forged = await seal(keys, { ...mallory, memberId: identity.memberId }, SESSION, 9, {
      t: 'hello',
    });
    expect((await open(keys, forged, guard)).ok).toBe(false);
    expect(
      (await open(keys, await seal(keys, identity, SESSION, 1, { t: 'hello' }), guard)).ok,
    ).toBe(true);
  });

  it('refuses malformed and oversized input without decrypting it', async () => {
    const { keys, identity } = await room();
    const guard = new ReplayGuard();
    for (const text of ['', 'null', '{}', '[1,2]', '{"v":2}', 'x'.repeat(100)]) {
      expect(await open(keys, text, guard)).toMatchObject({ ok: false, refusal: 'malformed' });
    }
    const frame = JSON.parse(await seal(keys, identity, SESSION, 1, { t: 'hello' })) as Record<
      string,
      unknown
    >;
    expect(await open(keys, JSON.stringify({ ...frame, extra: 1 }), guard)).toMatchObject({
      ok: false,
      refusal: 'malformed',
    });
    expect(await open(keys, 'x'.repeat(MAX_FRAME_BYTES + 1), guard)).toMatchObject({
      ok: false,
      refusal: 'too-large',
    });
  });

  it('refuses an authentic frame whose body is not a room message', async () => {
    const { keys, identity } = await room();
    const frame = await seal(keys, identity, SESSION, 1, { t: 'doc', u: 'not base64!' } as never);
    expect(await open(keys, frame, new ReplayGuard())).toMatchObject({
      ok: false,
      refusal: 'malformed-body',
    });
  });

  it('forgets the oldest sessions first when flooded with new ones', () => {
    const guard = new ReplayGuard(3);
    const h = (session: string, n: number) => ({ from: 'A'.repeat(22), session, n });
    expect(guard.accept(h('s1', 1))).toBe(true);
    for (const s of ['s2', 's3', 's4']) expect(guard.accept(h(s, 1))).toBe(true);
    // s1 was forgotten (the bound); s4 is still remembered.
    expect(guard.accept(h('s4', 1))).toBe(false);
  });
});
