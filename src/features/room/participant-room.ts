import * as Y from 'yjs';
import { answerSchema } from '../../domain/assessment/answer-schema.ts';
import type { Answer } from '../../domain/assessment/schema.ts';
import { parseJson } from '../../domain/json.ts';
import {
  savedParticipantSchema,
  type Profile,
  type Proposal,
  type RosterEntry,
  type SavedParticipant,
  type SharedRecord,
  type Spread,
  type Stage,
} from '../../domain/room/messages.ts';
import { readMember, readRoom, writeMember } from '../../lib/room/docs.ts';
import {
  fromBase64Url,
  identityFromJwk,
  jwkOf,
  newIdentity,
  randomBytes,
  roomKeys,
  toBase64Url,
  type Identity,
} from '../../lib/room/envelope.ts';
import { RoomPeer, type PeerStatus } from '../../lib/room/peer.ts';
import {
  exchangeKeysFromJwk,
  newExchangeKeys,
  unwrapSecret,
  type ExchangeKeys,
} from '../../lib/room/rekey.ts';
import { relayUrl, type RoomLinkParts } from './links.ts';

/**
 * A participant's side of a live room, loaded only when its link is opened. The participant
 * writes their own document (name, role, answers, proposals) and reads the facilitator's, and
 * nobody else's. The document and the signing key are kept in this tab (sessionStorage), so a
 * reload or a dropped network loses nothing: whatever was answered meanwhile is sent on
 * reconnecting, and Yjs merges it.
 *
 * When the facilitator removes someone, the room moves to a new secret: this tab finds the new
 * secret wrapped for its own ECDH key in the facilitator's document, unwraps it and follows with
 * the same identity and document. The tab keeps every secret it has been in, so a reload with the
 * first link still lands in the current room.
 */

export interface ParticipantSnapshot {
  readonly memberId: string;
  readonly status: PeerStatus;
  /** The facilitator's document has arrived at least once. */
  readonly facilitatorSeen: boolean;
  readonly me: RosterEntry | undefined;
  readonly profile: Profile | undefined;
  readonly stage: Stage;
  readonly locked: boolean;
  readonly spread: Spread | undefined;
  readonly record: SharedRecord | undefined;
  readonly answer: Answer | undefined;
  /** The facilitator removed this member (now, or before this tab was reloaded). */
  readonly removed: boolean;
  /** This tab followed the room to a new key (someone else was removed). */
  readonly moved: boolean;
  /** The room moved to a new key and none was wrapped for this device. */
  readonly leftBehind: boolean;
}

export interface ParticipantRoom {
  readonly snapshot: () => ParticipantSnapshot;
  readonly subscribe: (listener: () => void) => () => void;
  readonly setProfile: (profile: Profile) => void;
  readonly answer: (controlId: string, answer: Answer | undefined) => void;
  readonly propose: (kind: Proposal['kind'], controlId: string, text: string) => void;
  readonly leave: () => Promise<void>;
}

/** What this tab saved, through its schema; a damaged copy is not used (a fresh start instead). */
function load(key: string): SavedParticipant | undefined {
  let text: string | null;
  try {
    text = sessionStorage.getItem(key);
  } catch {
    return undefined;
  }
  if (text === null) return undefined;
  const json = parseJson(text, 'sessionStorage');
  const parsed = json.ok ? savedParticipantSchema.safeParse(json.value) : undefined;
  return parsed?.success ? parsed.data : undefined;
}

/** A room keeps one facilitator through every key it has, so their id names the room here. */
export const participantStorageKey = (facilitatorId: string): string =>
  `opsready-room:${facilitatorId}`;

export async function joinRoom(parts: RoomLinkParts): Promise<ParticipantRoom> {
  const storageKey = participantStorageKey(parts.facilitatorId);
  const saved = load(storageKey);
  const doc = new Y.Doc();
  let identity: Identity;
  let jwk: JsonWebKey;
  let exchange: ExchangeKeys;
  let exchangeJwk: JsonWebKey;
  if (saved) {
    jwk = jwkOf(saved.jwk);
    identity = await identityFromJwk(jwk);
    exchangeJwk = jwkOf(saved.exchange);
    exchange = await exchangeKeysFromJwk(exchangeJwk);
    try {
      Y.applyUpdate(doc, fromBase64Url(saved.doc));
    } catch {
      // A damaged copy in this tab: start the document again; the facilitator keeps what arrived.
    }
  } else {
    const made = await newIdentity();
    identity = made.identity;
    jwk = made.privateJwk;
    const madeExchange = await newExchangeKeys();
    exchange = madeExchange.keys;
    exchangeJwk = madeExchange.privateJwk;
  }
  // A link this tab has not been in is newer than its own (the facilitator gave it after a
  // re-key this tab missed); a known one, an old link reloaded, means the latest secret it knows.
  const secrets = [...(saved?.secrets ?? [])];
  if (!secrets.includes(parts.secret)) secrets.push(parts.secret);
  secrets.splice(0, Math.max(0, secrets.length - 100));
  let keys = await roomKeys(secrets[secrets.length - 1] ?? parts.secret);
  let removed = saved?.removed ?? false;
  let moved = false;
  let moving = false;
  let leftBehind = false;
  let left = false;

  const save = (): void => {
    try {
      sessionStorage.setItem(
        storageKey,
        JSON.stringify({
          v: 1,
          jwk,
          exchange: exchangeJwk,
          doc: toBase64Url(Y.encodeStateAsUpdate(doc)),
          secrets,
          removed,
        }),
      );
    } catch {
      // Storage full or refused: the room still works, only a reload would lose the tab's copy.
    }
  };
  writeMember.exchangeKey(doc, exchange.pub);
  save();
  doc.on('update', save);

  const listeners = new Set<() => void>();
  const emit = (): void => {
    cached = snapshot();
    for (const l of listeners) l();
  };

  /** The facilitator's document changed: removed, or the room moving to a new key? */
  const onFacilitator = (): void => {
    const facilitator = peer.replica(parts.facilitatorId);
    if (!facilitator) return;
    const room = readRoom(facilitator);
    if (!removed && room.roster[identity.memberId]?.status === 'removed') {
      removed = true;
      save();
    }
    const rekey = room.rekey;
    if (removed || moving || rekey?.from !== keys.roomId) return;
    const wrap = rekey.wraps[identity.memberId];
    if (!wrap) {
      leftBehind = true;
      return;
    }
    moving = true;
    const binding = { epoch: rekey.epoch, fromRoomId: keys.roomId, memberId: identity.memberId };
    void unwrapSecret(wrap, exchange, binding).then(async (next) => {
      if (next === undefined) {
        leftBehind = true;
        moving = false;
        emit();
        return;
      }
      const nextKeys = await roomKeys(next);
      const old = peer;
      const replicas = old.allReplicas();
      keys = nextKeys;
      secrets.push(next);
      secrets.splice(0, Math.max(0, secrets.length - 100));
      save();
      await old.close();
      moving = false;
      if (left) return;
      peer = makePeer(replicas);
      setPresence();
      moved = true;
      leftBehind = false;
      emit();
    });
  };

  let generation = 0;
  const makePeer = (replicas?: ReadonlyMap<string, Y.Doc>): RoomPeer => {
    const mine = ++generation;
    const current = () => {
      if (mine === generation) emit();
    };
    return new RoomPeer({
      url: relayUrl(window.location.href, keys.roomId),
      keys,
      identity,
      doc,
      accepts: (memberId) => memberId === parts.facilitatorId,
      ...(replicas === undefined ? {} : { replicas }),
      events: {
        status: current,
        replica: () => {
          onFacilitator();
          emit();
        },
        presence: current,
      },
    });
  };
  let peer = makePeer();
  doc.on('update', () => emit());

  const snapshot = (): ParticipantSnapshot => {
    const facilitator = peer.replica(parts.facilitatorId);
    const room = facilitator ? readRoom(facilitator) : undefined;
    const own = readMember(doc);
    const controlId = room?.stage.control?.id;
    const raw = controlId === undefined ? undefined : own.answers[controlId];
    const answer = answerSchema.safeParse(raw);
    return {
      memberId: identity.memberId,
      status: peer.status,
      facilitatorSeen: room !== undefined,
      me: room?.roster[identity.memberId],
      profile: own.profile,
      stage: room?.stage ?? { control: null, closed: false },
      locked: controlId !== undefined && room !== undefined && Object.hasOwn(room.locks, controlId),
      spread: controlId === undefined ? undefined : room?.spreads[controlId],
      record: room?.record,
      answer: answer.success ? answer.data : undefined,
      removed: removed || room?.roster[identity.memberId]?.status === 'removed',
      moved,
      leftBehind,
    };
  };
  let cached = snapshot();
  const setPresence = (): void => {
    const s = readMember(doc);
    peer.awareness.setLocalState({ member: identity.memberId, name: s.profile?.name ?? null });
  };
  setPresence();

  return {
    snapshot: () => cached,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setProfile: (profile) => {
      writeMember.profile(doc, profile);
      setPresence();
    },
    answer: (controlId, answer) => writeMember.answer(doc, controlId, answer),
    propose: (kind, controlId, text) =>
      writeMember.propose(doc, { id: toBase64Url(randomBytes(9)), kind, controlId, text }),
    leave: async () => {
      left = true;
      await peer.close();
      doc.destroy();
    },
  };
}
