import * as decoding from 'lib0/decoding';
import {
  applyAwarenessUpdate,
  Awareness,
  encodeAwarenessUpdate,
  removeAwarenessStates,
} from 'y-protocols/awareness';
import * as Y from 'yjs';
import { parseJson } from '../../domain/json.ts';
import { relayNoticeSchema, type Body, type RelayNotice } from '../../domain/room/messages.ts';
import {
  fromBase64Url,
  open,
  randomBytes,
  ReplayGuard,
  seal,
  toBase64Url,
  type Identity,
  type Refusal,
  type RoomKeys,
} from './envelope.ts';

/**
 * One browser's side of a live room: its own Yjs document, which only it writes, replicas of the
 * documents of the members it listens to, and presence through y-protocols' awareness. Every
 * frame goes through the envelope (encrypted, signed, counted) and the blind relay. Each member
 * writing only their own document is what lets a signature say whose a change is: a participant
 * cannot change the facilitator's room or another participant's answers, however they craft a
 * Yjs update. On every (re)connection each member sends the whole of its own document again:
 * Yjs merges updates idempotently, so whatever was typed offline arrives, and nothing twice.
 */

/** A replica may not grow past this: a member writing megabytes of answers is refused. */
export const MAX_DOC_BYTES = 2 * 1_048_576;

export type PeerStatus = 'connecting' | 'online' | 'offline' | 'closed';

export interface PeerEvents {
  readonly status: (status: PeerStatus) => void;
  /** A frame refused (and not used), with the member it claimed to be from when known. */
  readonly refused: (refusal: Refusal | 'doc-too-large', from?: string) => void;
  readonly notice: (notice: RelayNotice['relay']) => void;
  /** A replica changed: the member whose document it is. */
  readonly replica: (memberId: string, doc: Y.Doc) => void;
  readonly presence: () => void;
  /** A verified frame from a member `accepts` turns away (a removed member, for one). */
  readonly ignored: (memberId: string) => void;
}

export interface PeerOptions {
  /** ws: or wss: URL of the relay, for this room. */
  readonly url: string;
  readonly keys: RoomKeys;
  readonly identity: Identity;
  readonly doc: Y.Doc;
  /** Whose documents to replicate: a participant listens to the facilitator only. */
  readonly accepts: (memberId: string) => boolean;
  readonly events: Partial<PeerEvents>;
  /**
   * Replicas carried over from this member's previous peer, when the room moves to a new key: the
   * documents are the same, only the key and the relay's room change.
   */
  readonly replicas?: ReadonlyMap<string, Y.Doc>;
}

export interface PresenceState {
  readonly member: string;
  readonly [key: string]: unknown;
}

const isOpen = (ws: WebSocket): boolean => ws.readyState === WebSocket.OPEN;

export class RoomPeer {
  readonly session = toBase64Url(randomBytes(8));
  readonly awareness: Awareness;
  private readonly replicas = new Map<string, Y.Doc>();
  /** Which member each awareness client id belongs to, bound the first time it is seen. */
  private readonly clients = new Map<number, string>();
  private readonly guard = new ReplayGuard();
  private ws: WebSocket | null = null;
  private counter = 0;
  private outgoing: Promise<void> = Promise.resolve();
  private incoming: Promise<void> = Promise.resolve();
  private retry = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  private readonly onlineWaiters: (() => void)[] = [];
  status: PeerStatus = 'connecting';

  constructor(private readonly options: PeerOptions) {
    for (const [memberId, doc] of options.replicas ?? []) this.replicas.set(memberId, doc);
    this.awareness = new Awareness(options.doc);
    options.doc.on('update', this.onDocUpdate);
    this.awareness.on('update', this.onAwarenessUpdate);
    window.addEventListener('offline', this.onOffline);
    window.addEventListener('online', this.onOnline);
    this.connect();
  }

  get memberId(): string {
    return this.options.identity.memberId;
  }

  replica(memberId: string): Y.Doc | undefined {
    return this.replicas.get(memberId);
  }

  /** Every replica, for the peer that takes over when the room moves to a new key. */
  allReplicas(): ReadonlyMap<string, Y.Doc> {
    return new Map(this.replicas);
  }

  /** Members present now, by member id (presence states whose sender was verified). */
  present(): Map<string, PresenceState> {
    const out = new Map<string, PresenceState>();
    for (const [client, state] of this.awareness.getStates()) {
      const member = client === this.awareness.clientID ? this.memberId : this.clients.get(client);
      if (member !== undefined && state.member === member) out.set(member, state as PresenceState);
    }
    return out;
  }

  /** Stops listening to a member: their frames are refused from now on. */
  forget(memberId: string): void {
    this.replicas.get(memberId)?.destroy();
    this.replicas.delete(memberId);
    const gone = [...this.clients].filter(([, m]) => m === memberId).map(([c]) => c);
    removeAwarenessStates(this.awareness, gone, 'remote');
  }

  /** Sends what is left to send, then leaves the room for good. */
  async close(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    removeAwarenessStates(this.awareness, [this.awareness.clientID], 'local');
    await this.outgoing;
    window.removeEventListener('offline', this.onOffline);
    window.removeEventListener('online', this.onOnline);
    this.options.doc.off('update', this.onDocUpdate);
    this.awareness.off('update', this.onAwarenessUpdate);
    this.awareness.destroy();
    this.ws?.close(1000, 'left');
    this.ws = null;
    this.setStatus('closed');
  }

  /**
   * Resolves once connected (now, if already), or once the peer is closed, so a caller waiting
   * for a relay that never comes back is not left hanging; it reads `status` to tell which.
   * Resolved from the socket's open handler, so what the handler sends on connecting is queued
   * before anything the caller then sends.
   */
  whenOnline(): Promise<void> {
    if (this.status === 'online' || this.status === 'closed') return Promise.resolve();
    return new Promise((resolve) => this.onlineWaiters.push(resolve));
  }

  private setStatus(status: PeerStatus): void {
    if (this.status === status) return;
    this.status = status;
    if (status === 'online' || status === 'closed')
      for (const resolve of this.onlineWaiters.splice(0)) resolve();
    this.options.events.status?.(status);
  }

  private connect(): void {
    if (this.stopped) return;
    if (!navigator.onLine) {
      this.setStatus('offline');
      return;
    }
    this.setStatus('connecting');
    const ws = new WebSocket(this.options.url);
    this.ws = ws;
    ws.onopen = () => {
      this.retry = 0;
      this.setStatus('online');
      this.greet();
    };
    ws.onmessage = (event: MessageEvent) => {
      if (typeof event.data !== 'string') return;
      const text = event.data;
      // One at a time, in order: counters must be checked in the order they were sent.
      this.incoming = this.incoming.then(() => this.receive(text));
    };
    ws.onclose = () => {
      if (this.ws !== ws) return;
      this.ws = null;
      if (this.stopped) return;
      this.setStatus('offline');
      // Back soon, then less often: a relay restarting is back within a second or two.
      const delay = Math.min(3_000, 150 * 2 ** this.retry++);
      this.timer = setTimeout(() => this.connect(), delay);
    };
  }

  private readonly onOffline = (): void => {
    // The browser knows the network is gone before the socket does: stop now, keep working.
    clearTimeout(this.timer);
    const ws = this.ws;
    this.ws = null;
    ws?.close();
    this.setStatus('offline');
  };

  private readonly onOnline = (): void => {
    if (this.stopped || this.ws) return;
    clearTimeout(this.timer);
    this.retry = 0;
    this.connect();
  };

  /** After (re)connecting: ask everyone for their documents, and give ours. */
  private greet(): void {
    this.send({ t: 'hello' });
    this.sendDoc();
    this.sendPresence();
  }

  private sendDoc(): void {
    this.send({ t: 'doc', u: toBase64Url(Y.encodeStateAsUpdate(this.options.doc)) });
  }

  private sendPresence(): void {
    if (this.awareness.getLocalState() === null) return;
    const update = encodeAwarenessUpdate(this.awareness, [this.awareness.clientID]);
    this.send({ t: 'presence', u: toBase64Url(update) });
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === 'remote') return;
    this.send({ t: 'doc', u: toBase64Url(update) });
  };

  private readonly onAwarenessUpdate = (
    changes: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    if (origin === 'remote') return;
    const own = this.awareness.clientID;
    const mine = [...changes.added, ...changes.updated, ...changes.removed].includes(own);
    if (!mine) return;
    const update = encodeAwarenessUpdate(this.awareness, [own]);
    this.send({ t: 'presence', u: toBase64Url(update) });
    this.options.events.presence?.();
  };

  /** Sealed and sent in order; dropped while offline (the whole document goes on reconnecting). */
  private send(body: Body): void {
    this.outgoing = this.outgoing.then(async () => {
      const ws = this.ws;
      if (!ws || !isOpen(ws)) return;
      const frame = await seal(
        this.options.keys,
        this.options.identity,
        this.session,
        ++this.counter,
        body,
      );
      // Sealing took a moment: the socket may have closed meanwhile.
      if (isOpen(ws)) ws.send(frame);
    });
  }

  private async receive(text: string): Promise<void> {
    const notice = parseJson(text, 'relay');
    if (notice.ok) {
      const relay = relayNoticeSchema.safeParse(notice.value);
      if (relay.success) {
        this.options.events.notice?.(relay.data.relay);
        return;
      }
    }
    const opened = await open(this.options.keys, text, this.guard);
    if (!opened.ok) {
      this.options.events.refused?.(opened.refusal, opened.from);
      return;
    }
    const { from } = opened.header;
    // The relay never echoes a frame to its sender: one of our own coming back was replayed.
    if (from === this.memberId) {
      this.options.events.refused?.('replayed', from);
      return;
    }
    const body = opened.body;
    if (body.t === 'hello') {
      this.sendDoc();
      this.sendPresence();
      return;
    }
    // A participant hears the other participants' frames too; it just does not use them.
    if (!this.options.accepts(from)) {
      this.options.events.ignored?.(from);
      return;
    }
    if (body.t === 'doc') this.applyDoc(from, body.u);
    else this.applyPresence(from, body.u);
  }

  private applyDoc(from: string, encoded: string): void {
    let doc = this.replicas.get(from);
    const fresh = doc === undefined;
    doc ??= new Y.Doc();
    // Applied to a copy first: a hostile update that throws half-way, or grows the document past
    // its bound, must leave the replica as it was.
    const trial = new Y.Doc();
    try {
      Y.applyUpdate(trial, Y.encodeStateAsUpdate(doc));
      Y.applyUpdate(trial, fromBase64Url(encoded), 'remote');
    } catch {
      trial.destroy();
      this.options.events.refused?.('malformed-body', from);
      return;
    }
    const size = Y.encodeStateAsUpdate(trial).byteLength;
    trial.destroy();
    if (size > MAX_DOC_BYTES) {
      this.options.events.refused?.('doc-too-large', from);
      return;
    }
    Y.applyUpdate(doc, fromBase64Url(encoded), 'remote');
    if (fresh) this.replicas.set(from, doc);
    this.options.events.replica?.(from, doc);
  }

  /**
   * An awareness update carries states by client id; each must be the sender's own (its state
   * names the sender), or one member could make another look absent, or present elsewhere.
   */
  private applyPresence(from: string, encoded: string): void {
    let update: Uint8Array;
    try {
      update = fromBase64Url(encoded);
      const decoder = decoding.createDecoder(update);
      const count = decoding.readVarUint(decoder);
      if (count > 4) throw new Error('too many states');
      for (let i = 0; i < count; i++) {
        const client = decoding.readVarUint(decoder);
        decoding.readVarUint(decoder);
        const state = JSON.parse(decoding.readVarString(decoder)) as unknown;
        const claimed =
          state !== null && typeof state === 'object' && 'member' in state ? state.member : null;
        if (state !== null && claimed !== from) throw new Error('presence for another member');
        const bound = this.clients.get(client);
        if (bound !== undefined && bound !== from) throw new Error('client id of another member');
        if (client === this.awareness.clientID) throw new Error('our own client id');
        this.clients.set(client, from);
      }
    } catch {
      this.options.events.refused?.('malformed-body', from);
      return;
    }
    applyAwarenessUpdate(this.awareness, update, 'remote');
    this.options.events.presence?.();
  }
}
