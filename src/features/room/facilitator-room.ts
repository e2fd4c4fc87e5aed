import { renderSVG } from 'uqr';
import * as Y from 'yjs';
import type { Answer, Assessment } from '../../domain/assessment/schema.ts';
import type { Catalogue, Control } from '../../domain/catalogue/schema.ts';
import {
  answersOfRecord,
  nameClaimProblem,
  participantFromRoom,
  participantIdOf,
  roomParticipantFile,
  sameRecord,
  withRoomParticipant,
  type RoomMemberAnswers,
} from '../../domain/room/merge.ts';
import { answerSchema } from '../../domain/assessment/answer-schema.ts';
import {
  type ControlView,
  type RosterEntry,
  type SavedFacilitator,
  type SharedRecord,
  type Spread,
  type WrappedSecret,
} from '../../domain/room/messages.ts';
import { currentAgreement } from '../../domain/workshop/agreement.ts';
import { readMember, readRoom, writeRoom } from '../../lib/room/docs.ts';
import {
  fromBase64Url,
  identityFromJwk,
  jwkOf,
  newIdentity,
  newRoomSecret,
  REFUSAL_TEXT,
  roomKeys,
  toBase64Url,
  type Refusal,
} from '../../lib/room/envelope.ts';
import { RoomPeer, type PeerStatus } from '../../lib/room/peer.ts';
import { wrapSecret } from '../../lib/room/rekey.ts';
import { sha256Hex } from '../../lib/sha256.ts';
import { selectActiveAssessment, useAppStore } from '../../store/app-store.ts';
import { answerText, roomLink, relayUrl } from './links.ts';
import { forgetSavedRoom, savedRoomKey } from './saved-room.ts';

/**
 * The facilitator's side of a live room, loaded only when a room opens (it brings Yjs). The
 * facilitator's document is the room: which control is on screen, locks, revealed spreads, who
 * is in. Each participant's document arrives signed by them and is read, checked and merged into
 * the open assessment, which stays the one of record; nothing a participant sends can change an
 * agreement or another participant's answers.
 *
 * Removing a participant re-keys the room: a new secret, wrapped for each member still in (see
 * rekey.ts), announced in the old room, which everyone remaining then leaves for the new one with
 * the same identity and documents. The room is kept in this tab's sessionStorage (secret, epoch,
 * signing key, document, proposals taken, control on screen), so a reload of the facilitator's
 * tab resumes it instead of ending it.
 */

export interface MemberRow {
  readonly memberId: string;
  readonly name: string;
  readonly role: 'team' | 'auditor';
  readonly status: RosterEntry['status'];
  readonly reason: string | undefined;
  readonly connected: boolean;
  /** Answered the control on screen (the answer itself stays hidden until revealed). */
  readonly answered: boolean;
  /** Removed, yet seen again in the current room (someone gave them the current link). */
  readonly back: boolean;
}

export interface LogEntry {
  readonly at: string;
  readonly text: string;
}

export interface FacilitatorSnapshot {
  readonly link: string;
  readonly qrSvg: string;
  readonly status: PeerStatus;
  readonly members: readonly MemberRow[];
  readonly log: readonly LogEntry[];
  readonly refusedCount: number;
  readonly controlId: string | null;
  readonly locked: boolean;
  readonly revealed: boolean;
  readonly spread: Spread | undefined;
  readonly closed: boolean;
  /** How many times the room moved to a new secret (0: never). */
  readonly epoch: number;
  /** After a removal the link and QR code stay hidden until the facilitator shows them. */
  readonly linkHidden: boolean;
  /** Who the last re-key was for. */
  readonly removedName: string | undefined;
  /** A re-key is under way (waiting for the relay, or wrapping). */
  readonly rekeying: boolean;
}

const MAX_LOG = 50;

export interface FacilitatorRoom {
  readonly snapshot: () => FacilitatorSnapshot;
  readonly subscribe: (listener: () => void) => () => void;
  readonly setControl: (control: Control | undefined, position: string) => void;
  readonly lock: () => void;
  readonly reveal: () => void;
  /** Removes a member (or, for one removed and back, only re-keys) and moves the room. */
  readonly remove: (memberId: string) => void;
  readonly showLink: () => void;
  readonly close: () => Promise<void>;
}

function controlView(catalogue: Catalogue, control: Control, position: string): ControlView {
  return {
    id: control.id,
    title: control.title,
    objective: control.objective,
    levels: control.levels.map((text, level) => ({
      name: catalogue.scale[level]?.name ?? String(level),
      text,
    })),
    position,
  };
}

function sharedRecord(catalogue: Catalogue, assessment: Assessment): SharedRecord {
  const agreed: SharedRecord['agreed'] = {};
  const notes: SharedRecord['notes'] = {};
  const parking: SharedRecord['parking'] = {};
  for (const control of catalogue.controls) {
    const agreement = currentAgreement(assessment, control.id);
    const answer = assessment.answers[control.id];
    if (agreement && answer) {
      agreed[control.id] = { answer: answerText(catalogue, answer), by: agreement.by };
    }
    if (answer?.notes) notes[control.id] = answer.notes;
    const followUp = assessment.meta[control.id]?.followUp;
    if (followUp) parking[control.id] = followUp;
  }
  return {
    agreed,
    notes,
    parking,
    actions: (assessment.workshop?.actions ?? []).map((a) => ({
      controlId: a.controlId,
      text: a.text,
      owner: a.owner,
      priority: a.priority,
    })),
  };
}

/**
 * Opens a new room for the assessment, or resumes the one saved in this tab (a reload). A saved
 * copy has been through its schema already; one that still does not load throws, and the panel
 * says the room could not be resumed.
 */
export async function openFacilitatorRoom(
  catalogue: Catalogue,
  assessmentId: string,
  saved?: SavedFacilitator,
): Promise<FacilitatorRoom> {
  let secret = saved?.secret ?? newRoomSecret();
  let epoch = saved?.epoch ?? 0;
  let keys = await roomKeys(secret);
  const { identity, privateJwk } = saved
    ? { identity: await identityFromJwk(jwkOf(saved.jwk)), privateJwk: jwkOf(saved.jwk) }
    : await newIdentity();
  const doc = new Y.Doc();
  if (saved) Y.applyUpdate(doc, fromBase64Url(saved.doc));
  const linkOf = (s: string) => {
    const l = roomLink(window.location.href, s, identity.memberId);
    return { link: l, qrSvg: renderSVG(l, { ecc: 'M', border: 2 }) };
  };
  let { link, qrSvg } = linkOf(secret);
  const listeners = new Set<() => void>();
  const log: LogEntry[] = [];
  let refusedCount = 0;
  let controlId: string | null = saved?.controlId ?? null;
  /** Proposals already taken into the assessment, by member and proposal id. */
  const taken = new Set<string>(saved?.taken);
  let closed = false;
  let linkHidden = saved?.linkHidden ?? false;
  let removedName = saved?.removedName;
  let rekeying = false;
  /** Removed members seen again in the current room; noted once each. */
  const back = new Set<string>();
  const storageKey = savedRoomKey(assessmentId);

  const save = (): void => {
    if (closed) return;
    try {
      sessionStorage.setItem(
        storageKey,
        JSON.stringify({
          v: 1,
          assessmentId,
          secret,
          epoch,
          jwk: privateJwk,
          doc: toBase64Url(Y.encodeStateAsUpdate(doc)),
          taken: [...taken],
          controlId,
          linkHidden,
          ...(removedName === undefined ? {} : { removedName }),
        }),
      );
    } catch {
      // Storage full or refused: the room still works, only a reload would end it.
    }
  };

  const emit = (): void => {
    for (const l of listeners) l();
  };
  const note = (text: string): void => {
    // A flood of one refusal is one line with a count, not fifty lines pushing out the rest.
    const last = log[0];
    const repeat = last && /^(.*?)(?: \(×(\d+)\))?$/.exec(last.text);
    if (last && repeat?.[1] === text) {
      log[0] = {
        at: new Date().toISOString(),
        text: `${text} (×${String(Number(repeat[2] ?? 1) + 1)})`,
      };
      emit();
      return;
    }
    log.unshift({ at: new Date().toISOString(), text });
    log.length = Math.min(log.length, MAX_LOG);
    emit();
  };
  const nameOf = (memberId: string): string => {
    const entry = readRoom(doc).roster[memberId];
    return entry ? `${entry.name} (${memberId.slice(0, 6)})` : `member ${memberId.slice(0, 6)}`;
  };
  const refuse = (text: string): void => {
    refusedCount++;
    note(`Refused ${text}. Nothing changed.`);
  };

  const stageOf = () => {
    const room = readRoom(doc);
    return {
      controlId,
      revealed: controlId !== null && Object.hasOwn(room.spreads, controlId),
      locks: room.locks,
    };
  };

  const memberAnswers = (memberId: string): RoomMemberAnswers | undefined => {
    const replica = peer.replica(memberId);
    const entry = readRoom(doc).roster[memberId];
    if (!replica || entry?.status !== 'in') return undefined;
    return {
      memberId,
      name: entry.name,
      role: entry.role,
      answers: readMember(replica).answers,
    };
  };

  /** Brings one member's answers into the assessment, as their file import would. */
  const merge = async (memberId: string): Promise<void> => {
    const member = memberAnswers(memberId);
    const assessment = selectActiveAssessment(useAppStore.getState());
    if (!member || !assessment) return;
    const { answers, problems } = answersOfRecord(member, stageOf());
    for (const p of problems)
      refuse(`an answer from ${nameOf(memberId)} (${p.path}: ${p.message})`);
    const at = new Date().toISOString();
    const text = roomParticipantFile(assessment, member, answers, at);
    const result = participantFromRoom({
      text,
      sha256: await sha256Hex(text),
      member,
      catalogue,
      at,
    });
    if (!result.ok) {
      refuse(
        `answers from ${nameOf(memberId)}: ${result.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
      );
      return;
    }
    const participant = result.value.participant;
    const state = useAppStore.getState();
    const current = selectActiveAssessment(state);
    const existing = current?.workshop?.participants.find((p) => p.id === participant.id);
    if (sameRecord(existing, participant)) return;
    state.updateWorkshop((w) => ({
      ...w,
      participants: withRoomParticipant(w.participants, participant),
    }));
  };

  /** What a participant proposed (actions, parking-lot items) goes into the assessment once. */
  const takeProposals = (memberId: string): void => {
    const replica = peer.replica(memberId);
    const entry = readRoom(doc).roster[memberId];
    if (!replica || entry?.status !== 'in') return;
    const { proposals, problems } = readMember(replica);
    if (problems > 0)
      refuse(
        `${String(problems)} ${problems === 1 ? 'proposal' : 'proposals'} from ${nameOf(memberId)}`,
      );
    const known = new Set(catalogue.controls.map((c) => c.id));
    for (const p of proposals) {
      const key = `${memberId}:${p.id}`;
      if (taken.has(key)) continue;
      taken.add(key);
      save();
      if (!known.has(p.controlId)) {
        refuse(`a proposal from ${nameOf(memberId)} for an unknown control ${p.controlId}`);
        continue;
      }
      const store = useAppStore.getState();
      try {
        if (p.kind === 'action') {
          store.addAction({
            controlId: p.controlId,
            text: p.text,
            owner: entry.name,
            priority: 'medium',
          });
          note(`${entry.name} added an action on ${p.controlId}.`);
        } else {
          const before = selectActiveAssessment(store)?.meta[p.controlId]?.followUp ?? '';
          const item = `${entry.name}: ${p.text}`;
          store.setFollowUp(
            p.controlId,
            (before === '' ? item : `${before}; ${item}`).slice(0, 500),
          );
          note(`${entry.name} added to the parking lot for ${p.controlId}.`);
        }
      } catch (error) {
        refuse(
          `a proposal from ${nameOf(memberId)}: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
  };

  /** A participant's document changed: who they say they are, then their answers. */
  const onReplica = (memberId: string, replica: Y.Doc): void => {
    const roster = readRoom(doc).roster;
    const entry = roster[memberId];
    if (entry?.status === 'removed') return;
    const { profile } = readMember(replica);
    if (!profile) return;
    const assessment = selectActiveAssessment(useAppStore.getState());
    if (!assessment) return;
    const claim = nameClaimProblem({ memberId, name: profile.name, roster, assessment });
    if (claim !== undefined) {
      if (entry?.status !== 'refused' || entry.name !== profile.name) {
        refuse(`member ${memberId.slice(0, 6)}: ${claim}`);
        writeRoom.member(doc, memberId, { ...profile, status: 'refused', reason: claim });
      }
      return;
    }
    if (entry?.status !== 'in')
      note(
        `${profile.name} joined as ${profile.role === 'auditor' ? 'an auditor' : 'a team member'}.`,
      );
    writeRoom.member(doc, memberId, { ...profile, status: 'in' });
    takeProposals(memberId);
    void merge(memberId);
    emit();
  };

  const onIgnored = (memberId: string): void => {
    if (readRoom(doc).roster[memberId]?.status !== 'removed' || back.has(memberId)) return;
    back.add(memberId);
    refuse(
      `everything from ${nameOf(memberId)}, who was removed and is back with the current link: ` +
        'they can read the room until you re-key it without them',
    );
  };

  /** Peers of earlier keys report nothing once replaced. */
  let generation = 0;
  const makePeer = (replicas?: ReadonlyMap<string, Y.Doc>): RoomPeer => {
    const mine = ++generation;
    const current = (f: () => void) => () => {
      if (mine === generation) f();
    };
    const made = new RoomPeer({
      url: relayUrl(window.location.href, keys.roomId),
      keys,
      identity,
      doc,
      accepts: (memberId) => readRoom(doc).roster[memberId]?.status !== 'removed',
      ...(replicas === undefined ? {} : { replicas }),
      events: {
        status: current(emit),
        presence: current(emit),
        replica: onReplica,
        ignored: onIgnored,
        refused: (refusal: Refusal | 'doc-too-large', from) => {
          const who = from === undefined ? '' : ` claiming to be from ${nameOf(from)}`;
          refuse(
            refusal === 'doc-too-large'
              ? `changes from ${from === undefined ? 'a member' : nameOf(from)} that would grow their answers past 2 MB`
              : `${REFUSAL_TEXT[refusal]}${who}`,
          );
        },
        notice: (notice) => {
          const text = {
            'too-large': 'The relay refused a message larger than 1 MB and cut off its sender.',
            rate: 'The relay cut off a connection that sent messages faster than it allows.',
            'room-full': 'The relay turned someone away: the room is full.',
            'rooms-full': 'The relay has no room for another room.',
          }[notice];
          refusedCount++;
          note(`${text} Nothing changed.`);
        },
      },
    });
    made.awareness.setLocalState({ member: identity.memberId, facilitator: true });
    return made;
  };
  let peer = makePeer();
  if (saved) note('Room resumed after a reload.');

  // The record the participants see follows the assessment as it changes, whoever changed it.
  let pending: ReturnType<typeof setTimeout> | undefined;
  const publish = (): void => {
    clearTimeout(pending);
    pending = setTimeout(() => {
      const assessment = selectActiveAssessment(useAppStore.getState());
      if (assessment && !closed) writeRoom.record(doc, sharedRecord(catalogue, assessment));
    }, 30);
  };
  publish();
  const unsubscribe = useAppStore.subscribe((state, previous) => {
    if (selectActiveAssessment(state) !== selectActiveAssessment(previous)) publish();
  });

  const answerTo = (memberId: string, id: string): Answer | undefined => {
    const replica = peer.replica(memberId);
    const parsed = answerSchema.safeParse(replica ? readMember(replica).answers[id] : undefined);
    return parsed.success ? parsed.data : undefined;
  };

  const snapshot = (): FacilitatorSnapshot => {
    const room = readRoom(doc);
    const present = peer.present();
    const locked = controlId !== null && Object.hasOwn(room.locks, controlId);
    const members = Object.entries(room.roster).map(([memberId, e]) => ({
      memberId,
      name: e.name,
      role: e.role,
      status: e.status,
      reason: e.reason,
      connected: present.has(memberId),
      answered:
        controlId !== null &&
        (locked
          ? Object.hasOwn(room.locks[controlId] ?? {}, memberId)
          : answerTo(memberId, controlId) !== undefined),
      back: back.has(memberId),
    }));
    return {
      link,
      qrSvg,
      status: peer.status,
      members,
      log: [...log],
      refusedCount,
      controlId,
      locked,
      revealed: controlId !== null && Object.hasOwn(room.spreads, controlId),
      spread: controlId === null ? undefined : room.spreads[controlId],
      closed,
      epoch,
      linkHidden,
      removedName,
      rekeying,
    };
  };
  let cached = snapshot();
  const refresh = (): void => {
    cached = snapshot();
  };
  listeners.add(refresh);
  doc.on('update', emit);
  doc.on('update', save);
  save();

  /**
   * Moves the room to a new secret without the removed: the new secret wrapped for each member
   * still in, announced in the old room, then the old room left. Announced only once the relay
   * has it: leaving while offline would strand everyone in the old room.
   */
  // Read through a call: `close()` may run during any await below, which narrowing cannot see.
  const isClosed = (): boolean => closed;
  const rekey = async (without: string): Promise<void> => {
    rekeying = true;
    emit();
    const nextSecret = newRoomSecret();
    const nextEpoch = epoch + 1;
    const nextKeys = await roomKeys(nextSecret);
    const wraps: Record<string, WrappedSecret> = {};
    const unreachable: string[] = [];
    for (const [memberId, e] of Object.entries(readRoom(doc).roster)) {
      if (e.status !== 'in') continue;
      const replica = peer.replica(memberId);
      const key = replica ? readMember(replica).exchangeKey : undefined;
      if (!key) {
        unreachable.push(e.name);
        continue;
      }
      wraps[memberId] = await wrapSecret(nextSecret, key, {
        epoch: nextEpoch,
        fromRoomId: keys.roomId,
        memberId,
      });
    }
    writeRoom.rekey(doc, { epoch: nextEpoch, from: keys.roomId, wraps });
    const old = peer;
    await old.whenOnline();
    // Closed while waiting for the relay: no new room, and nothing saved after close deleted it.
    if (isClosed()) return;
    const replicas = old.allReplicas();
    secret = nextSecret;
    epoch = nextEpoch;
    keys = nextKeys;
    ({ link, qrSvg } = linkOf(secret));
    linkHidden = true;
    removedName = without;
    back.clear();
    save();
    await old.close();
    if (isClosed()) return;
    peer = makePeer(replicas);
    rekeying = false;
    const moved = Object.keys(wraps).length;
    note(
      `The room moved to a new key without ${without}: ${String(moved)} ` +
        `${moved === 1 ? 'participant' : 'participants'} moved with it; the earlier link and QR code no longer open it.`,
    );
    if (unreachable.length > 0)
      note(
        `Not given the new key (their device had not published one): ${unreachable.join(', ')}. ` +
          'They need the new link.',
      );
  };
  let rekeys: Promise<void> = Promise.resolve();

  const remergeAll = (): void => {
    for (const [memberId, e] of Object.entries(readRoom(doc).roster)) {
      if (e.status === 'in') void merge(memberId);
    }
  };

  const lockNow = (id: string): void => {
    const answers: Record<string, Answer> = {};
    for (const [memberId, e] of Object.entries(readRoom(doc).roster)) {
      const answer = e.status === 'in' ? answerTo(memberId, id) : undefined;
      if (answer) answers[memberId] = answer;
    }
    writeRoom.lock(doc, id, answers);
    note(`Answers to ${id} locked: ${String(Object.keys(answers).length)} given.`);
  };

  return {
    snapshot: () => cached,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setControl: (control, position) => {
      const next = control?.id ?? null;
      const moved = next !== controlId;
      controlId = next;
      save();
      writeRoom.stage(doc, {
        control: control ? controlView(catalogue, control, position) : null,
        closed,
      });
      // The control left behind is no longer withheld; the new one is, until revealed.
      if (moved) remergeAll();
      emit();
    },
    lock: () => {
      if (controlId !== null) lockNow(controlId);
    },
    reveal: () => {
      if (controlId === null) return;
      const id = controlId;
      // A spread is of locked answers: revealing first locks, so nobody answers after seeing it.
      if (!Object.hasOwn(readRoom(doc).locks, id)) lockNow(id);
      const room = readRoom(doc);
      const locks = room.locks[id] ?? {};
      const spread: Spread = Object.entries(room.roster).flatMap(([memberId, e]) => {
        const answer = locks[memberId];
        if (e.status !== 'in' || !answer) return [];
        return [
          {
            name: e.name,
            role: e.role,
            answer: answerText(catalogue, answer),
            ...(answer.notes ? { note: answer.notes } : {}),
          },
        ];
      });
      writeRoom.spread(doc, id, spread);
      note(`Spread of ${id} revealed.`);
      remergeAll();
    },
    remove: (memberId) => {
      const entry = readRoom(doc).roster[memberId];
      if (!entry || closed) return;
      if (entry.status !== 'removed') {
        writeRoom.member(doc, memberId, { name: entry.name, role: entry.role, status: 'removed' });
        peer.forget(memberId);
        useAppStore.getState().updateWorkshop((w) => ({
          ...w,
          participants: w.participants.filter((p) => p.id !== participantIdOf(memberId)),
        }));
        note(`${entry.name} removed from the room; their answers were taken out.`);
      }
      rekeys = rekeys
        .then(() => rekey(entry.name))
        .catch((error: unknown) => {
          rekeying = false;
          note(
            `The room could not be moved to a new key: ${error instanceof Error ? error.message : String(error)}.`,
          );
        });
    },
    showLink: () => {
      linkHidden = false;
      save();
      emit();
    },
    close: async () => {
      if (closed) return;
      // A re-key waiting for the relay is released when the peer closes, sees `closed` and
      // opens no new room.
      closed = true;
      forgetSavedRoom(assessmentId);
      writeRoom.stage(doc, { control: null, closed: true });
      unsubscribe();
      clearTimeout(pending);
      await peer.close();
      doc.destroy();
      emit();
    },
  };
}
