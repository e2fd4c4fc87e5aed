import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';

/**
 * The blind relay of a live workshop room: it forwards each frame a connection sends to the other
 * connections of the same room, and that is all. It cannot read a frame (the key never leaves the
 * browsers' link fragments), it stores nothing, and a room exists only while someone is in it.
 * What it does bound is what a hostile client could do to it or to the room: how many rooms, how
 * many connections a room, how large a frame, how many frames a second.
 */

export interface RelayLimits {
  readonly maxRooms: number;
  readonly maxPerRoom: number;
  /** Frames larger than this close the sender's connection (WebSocket code 1009). */
  readonly maxMessageBytes: number;
  /** Sustained frames per second per connection, and the burst allowed above it. */
  readonly ratePerSecond: number;
  readonly burst: number;
}

export const DEFAULT_LIMITS: RelayLimits = {
  maxRooms: 200,
  maxPerRoom: 60,
  maxMessageBytes: 1_048_576,
  ratePerSecond: 100,
  burst: 400,
};

export interface RelayOptions {
  readonly limits?: Partial<RelayLimits>;
  /** Called with every frame forwarded, exactly as it was received (the e2e test's capture). */
  readonly capture?: (roomId: string, frame: string) => void;
  readonly now?: () => number;
}

/** What the relay says itself about a frame it refused: a reason, never any content. */
type Notice = 'too-large' | 'rate' | 'room-full' | 'rooms-full';

const ROOM_PATH = /^\/relay\/([A-Za-z0-9_-]{22})$/;

interface Member {
  readonly socket: WebSocket;
  tokens: number;
  last: number;
  /** Cut off: frames still buffered from it are dropped, not forwarded. */
  cut: boolean;
}

export interface Relay {
  /** Takes over an HTTP upgrade to /relay/<room id>; anything else is refused. */
  readonly handleUpgrade: (request: IncomingMessage, socket: Duplex, head: Buffer) => void;
  readonly stats: () => { rooms: number; connections: number };
  readonly close: () => void;
}

/** Only pages of the server's own origin may open a room socket (a browser always sends Origin). */
function sameOrigin(request: IncomingMessage): boolean {
  const origin = request.headers.origin;
  const host = request.headers.host;
  if (origin === undefined || host === undefined) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

function refuse(socket: Duplex, status: number, text: string): void {
  socket.write(
    `HTTP/1.1 ${String(status)} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
  );
  socket.destroy();
}

export function createRelay(options: RelayOptions = {}): Relay {
  const limits: RelayLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const now = options.now ?? (() => Date.now());
  const rooms = new Map<string, Set<Member>>();
  const server = new WebSocketServer({
    noServer: true,
    maxPayload: limits.maxMessageBytes,
    perMessageDeflate: false,
    clientTracking: false,
  });

  const notify = (roomId: string, notice: Notice, except?: Member): void => {
    const text = JSON.stringify({ relay: notice });
    for (const m of rooms.get(roomId) ?? []) if (m !== except) m.socket.send(text);
  };

  const join = (roomId: string, socket: WebSocket): void => {
    let room = rooms.get(roomId);
    if (!room) {
      room = new Set();
      rooms.set(roomId, room);
    }
    const member: Member = { socket, tokens: limits.burst, last: now(), cut: false };
    room.add(member);
    const leave = (): void => {
      room.delete(member);
      if (room.size === 0) rooms.delete(roomId);
    };
    socket.on('message', (data: RawData, isBinary: boolean) => {
      if (member.cut) return;
      // Refill the bucket for the time since the last frame, then spend one token.
      const t = now();
      member.tokens = Math.min(
        limits.burst,
        member.tokens + ((t - member.last) / 1000) * limits.ratePerSecond,
      );
      member.last = t;
      if (member.tokens < 1) {
        member.cut = true;
        socket.close(1008, 'rate');
        leave();
        notify(roomId, 'rate');
        return;
      }
      member.tokens -= 1;
      if (isBinary) return;
      const frame = Buffer.isBuffer(data)
        ? data.toString('utf8')
        : Array.isArray(data)
          ? Buffer.concat(data).toString('utf8')
          : Buffer.from(data).toString('utf8');
      options.capture?.(roomId, frame);
      for (const other of room) if (other !== member) other.socket.send(frame);
    });
    socket.on('close', leave);
    socket.on('error', (error: Error & { code?: string }) => {
      // ws has already started closing the socket (1009 for an oversized frame); the room hears
      // of it now, not when the sender finally stops writing its 50 MB.
      const first = !member.cut;
      member.cut = true;
      leave();
      if (first && error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') notify(roomId, 'too-large');
    });
  };

  return {
    handleUpgrade: (request, socket, head) => {
      const match = ROOM_PATH.exec(new URL(request.url ?? '/', 'http://relay').pathname);
      const roomId = match?.[1];
      if (roomId === undefined) {
        refuse(socket, 404, 'Not Found');
        return;
      }
      if (!sameOrigin(request)) {
        refuse(socket, 403, 'Forbidden');
        return;
      }
      const room = rooms.get(roomId);
      if (!room && rooms.size >= limits.maxRooms) {
        refuse(socket, 503, 'Too Many Rooms');
        return;
      }
      if (room && room.size >= limits.maxPerRoom) {
        notify(roomId, 'room-full');
        refuse(socket, 503, 'Room Full');
        return;
      }
      server.handleUpgrade(request, socket, head, (ws) => join(roomId, ws));
    },
    stats: () => ({
      rooms: rooms.size,
      connections: [...rooms.values()].reduce((n, r) => n + r.size, 0),
    }),
    close: () => {
      for (const room of rooms.values()) for (const m of room) m.socket.terminate();
      rooms.clear();
      server.close();
    },
  };
}
