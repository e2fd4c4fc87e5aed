import * as Y from 'yjs';
import { answerSchema } from '../../domain/assessment/answer-schema.ts';
import type { Answer } from '../../domain/assessment/schema.ts';
import type {
  Profile,
  Proposal,
  RosterEntry,
  SharedRecord,
  Spread,
  Stage,
} from '../../domain/room/messages.ts';
import { readMember, readRoom, writeMember } from '../../lib/room/docs.ts';
import {
  fromBase64Url,
  identityFromJwk,
  newIdentity,
  randomBytes,
  roomKeys,
  toBase64Url,
  type Identity,
} from '../../lib/room/envelope.ts';
import { RoomPeer, type PeerStatus } from '../../lib/room/peer.ts';
import { relayUrl, type RoomLinkParts } from './links.ts';

/**
 * A participant's side of a live room, loaded only when its link is opened. The participant
 * writes their own document (name, role, answers, proposals) and reads the facilitator's, and
 * nobody else's. The document and the signing key are kept in this tab (sessionStorage), so a
 * reload or a dropped network loses nothing: whatever was answered meanwhile is sent on
 * reconnecting, and Yjs merges it.
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
}

export interface ParticipantRoom {
  readonly snapshot: () => ParticipantSnapshot;
  readonly subscribe: (listener: () => void) => () => void;
  readonly setProfile: (profile: Profile) => void;
  readonly answer: (controlId: string, answer: Answer | undefined) => void;
  readonly propose: (kind: Proposal['kind'], controlId: string, text: string) => void;
  readonly leave: () => Promise<void>;
}

interface Saved {
  readonly jwk: JsonWebKey;
  readonly doc: string;
}

function load(key: string): Saved | undefined {
  try {
    const text = sessionStorage.getItem(key);
    if (text === null) return undefined;
    const saved = JSON.parse(text) as Partial<Saved>;
    return saved.jwk && typeof saved.doc === 'string'
      ? { jwk: saved.jwk, doc: saved.doc }
      : undefined;
  } catch {
    return undefined;
  }
}

export async function joinRoom(parts: RoomLinkParts): Promise<ParticipantRoom> {
  const keys = await roomKeys(parts.secret);
  const storageKey = `opsready-room:${keys.roomId}`;
  const saved = load(storageKey);
  const doc = new Y.Doc();
  let identity: Identity;
  let jwk: JsonWebKey;
  if (saved) {
    identity = await identityFromJwk(saved.jwk);
    jwk = saved.jwk;
    try {
      Y.applyUpdate(doc, fromBase64Url(saved.doc));
    } catch {
      // A damaged copy in this tab: start the document again; the facilitator keeps what arrived.
    }
  } else {
    const made = await newIdentity();
    identity = made.identity;
    jwk = made.privateJwk;
  }
  const save = (): void => {
    try {
      sessionStorage.setItem(
        storageKey,
        JSON.stringify({ jwk, doc: toBase64Url(Y.encodeStateAsUpdate(doc)) }),
      );
    } catch {
      // Storage full or refused: the room still works, only a reload would lose the tab's copy.
    }
  };
  save();
  doc.on('update', save);

  const listeners = new Set<() => void>();
  const emit = (): void => {
    cached = snapshot();
    for (const l of listeners) l();
  };
  const peer = new RoomPeer({
    url: relayUrl(window.location.href, keys.roomId),
    keys,
    identity,
    doc,
    accepts: (memberId) => memberId === parts.facilitatorId,
    events: { status: () => emit(), replica: () => emit(), presence: () => emit() },
  });
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
      await peer.close();
      doc.destroy();
    },
  };
}
