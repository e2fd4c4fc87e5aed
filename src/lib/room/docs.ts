import type * as Y from 'yjs';
import { answerSchema, type Answer } from '../../domain/assessment/schema.ts';
import {
  exchangeKeySchema,
  memberIdSchema,
  profileSchema,
  proposalSchema,
  rekeySchema,
  rosterEntrySchema,
  sharedRecordSchema,
  spreadSchema,
  stageSchema,
  type ExchangeKeyJwk,
  type Profile,
  type Proposal,
  type Rekey,
  type RosterEntry,
  type SharedRecord,
  type Spread,
  type Stage,
} from '../../domain/room/messages.ts';

/**
 * The two kinds of document in a room, and how each is read: always through the schemas, since a
 * document is whatever its writer (possibly hostile) put there. The facilitator's holds the room
 * (the control on screen, locks, revealed spreads, who is in, what the record says); each
 * participant's holds their name and role, their answers and what they proposed.
 */

// ---- The facilitator's document --------------------------------------------------------------

export interface RoomView {
  readonly stage: Stage;
  readonly roster: Readonly<Record<string, RosterEntry>>;
  /** Each locked control's answers at the lock, by member. */
  readonly locks: Readonly<Record<string, Readonly<Record<string, Answer>>>>;
  readonly spreads: Readonly<Record<string, Spread>>;
  readonly record: SharedRecord | undefined;
  /** The last re-key announced (see rekey.ts). */
  readonly rekey: Rekey | undefined;
}

const EMPTY_STAGE: Stage = { control: null, closed: false };

export function readRoom(doc: Y.Doc): RoomView {
  const stage = stageSchema.safeParse(doc.getMap('room').get('stage'));
  const record = sharedRecordSchema.safeParse(doc.getMap('room').get('record'));
  const rekey = rekeySchema.safeParse(doc.getMap('room').get('rekey'));
  const roster: Record<string, RosterEntry> = {};
  for (const [id, value] of doc.getMap('roster')) {
    const entry = rosterEntrySchema.safeParse(value);
    if (memberIdSchema.safeParse(id).success && entry.success) roster[id] = entry.data;
  }
  const locks: Record<string, Record<string, Answer>> = {};
  for (const [controlId, value] of doc.getMap('locks')) {
    const byMember: Record<string, Answer> = {};
    if (value !== null && typeof value === 'object') {
      for (const [member, answer] of Object.entries(value)) {
        const parsed = answerSchema.safeParse(answer);
        if (parsed.success) byMember[member] = parsed.data;
      }
    }
    locks[controlId] = byMember;
  }
  const spreads: Record<string, Spread> = {};
  for (const [controlId, value] of doc.getMap('spreads')) {
    const parsed = spreadSchema.safeParse(value);
    if (parsed.success) spreads[controlId] = parsed.data;
  }
  return {
    stage: stage.success ? stage.data : EMPTY_STAGE,
    roster,
    locks,
    spreads,
    record: record.success ? record.data : undefined,
    rekey: rekey.success ? rekey.data : undefined,
  };
}

/** Writes only what changed, so an unchanged value sends no update. */
function put(map: Y.Map<unknown>, key: string, value: unknown): void {
  if (JSON.stringify(map.get(key)) !== JSON.stringify(value)) map.set(key, value);
}

export const writeRoom = {
  stage: (doc: Y.Doc, stage: Stage) => put(doc.getMap('room'), 'stage', stage),
  record: (doc: Y.Doc, record: SharedRecord) => put(doc.getMap('room'), 'record', record),
  rekey: (doc: Y.Doc, rekey: Rekey) => put(doc.getMap('room'), 'rekey', rekey),
  member: (doc: Y.Doc, memberId: string, entry: RosterEntry) =>
    put(doc.getMap('roster'), memberId, entry),
  lock: (doc: Y.Doc, controlId: string, answers: Record<string, Answer>) =>
    put(doc.getMap('locks'), controlId, answers),
  spread: (doc: Y.Doc, controlId: string, spread: Spread) =>
    put(doc.getMap('spreads'), controlId, spread),
};

// ---- A participant's document ----------------------------------------------------------------

export interface MemberView {
  readonly profile: Profile | undefined;
  /** Unchecked: the merge checks each answer and reports the bad ones. */
  readonly answers: Readonly<Record<string, unknown>>;
  readonly proposals: readonly Proposal[];
  /** The ECDH public key a new room secret is wrapped for, once published. */
  readonly exchangeKey: ExchangeKeyJwk | undefined;
  /** Entries that were not what a participant's document holds. */
  readonly problems: number;
}

export const MAX_PROPOSALS = 200;

export function readMember(doc: Y.Doc): MemberView {
  const profile = profileSchema.safeParse({
    name: doc.getMap('profile').get('name'),
    role: doc.getMap('profile').get('role'),
  });
  const answers: Record<string, unknown> = {};
  for (const [controlId, value] of doc.getMap('answers')) answers[controlId] = value;
  const proposals: Proposal[] = [];
  let problems = 0;
  const seen = new Set<string>();
  for (const value of doc.getArray('proposals').toArray().slice(0, MAX_PROPOSALS)) {
    const parsed = proposalSchema.safeParse(value);
    if (parsed.success && !seen.has(parsed.data.id)) {
      seen.add(parsed.data.id);
      proposals.push(parsed.data);
    } else problems++;
  }
  const exchangeKey = exchangeKeySchema.safeParse(doc.getMap('keys').get('exchange'));
  return {
    profile: profile.success ? profile.data : undefined,
    answers,
    proposals,
    exchangeKey: exchangeKey.success ? exchangeKey.data : undefined,
    problems,
  };
}

export const writeMember = {
  profile: (doc: Y.Doc, profile: Profile) => {
    doc.transact(() => {
      put(doc.getMap('profile'), 'name', profile.name);
      put(doc.getMap('profile'), 'role', profile.role);
    });
  },
  answer: (doc: Y.Doc, controlId: string, answer: Answer | undefined) => {
    const answers = doc.getMap('answers');
    if (answer === undefined) answers.delete(controlId);
    else put(answers, controlId, answer);
  },
  exchangeKey: (doc: Y.Doc, key: ExchangeKeyJwk) => put(doc.getMap('keys'), 'exchange', key),
  propose: (doc: Y.Doc, proposal: Proposal) => {
    doc.getArray('proposals').push([proposal]);
  },
};
