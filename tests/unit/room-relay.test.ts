import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createRelay, type Relay, type RelayLimits } from '../../scripts/serve/relay.ts';
import { serve, type Serving } from '../../scripts/serve/serve.ts';

const ROOM_A = 'A'.repeat(22);
const ROOM_B = 'B'.repeat(22);

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

async function startRelay(limits: Partial<RelayLimits> = {}, capture?: string[]) {
  const relay: Relay = createRelay({
    limits,
    ...(capture ? { capture: (_room: string, frame: string) => capture.push(frame) } : {}),
  });
  const server: Server = createServer((_req, res) => res.writeHead(404).end());
  server.on('upgrade', (req, socket, head) => relay.handleUpgrade(req, socket, head));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  cleanup.push(
    () =>
      new Promise<void>((done) => {
        relay.close();
        server.closeAllConnections();
        server.close(() => done());
      }),
  );
  return { relay, port };
}

interface Client {
  readonly ws: WebSocket;
  readonly received: string[];
  readonly closed: Promise<number>;
}

function connect(port: number, room: string, origin = `http://127.0.0.1:${String(port)}`) {
  return new Promise<Client>((done, failed) => {
    const ws = new WebSocket(`ws://127.0.0.1:${String(port)}/relay/${room}`, {
      origin,
      maxPayload: 100 * 1024 * 1024,
    });
    const received: string[] = [];
    ws.on('message', (data: Buffer) => received.push(data.toString('utf8')));
    const closed = new Promise<number>((c) => ws.on('close', (code) => c(code)));
    ws.once('open', () => done({ ws, received, closed }));
    ws.once('error', failed);
    cleanup.push(async () => {
      ws.terminate();
      await closed;
    });
  });
}

const until = async (test: () => boolean, ms = 3_000): Promise<void> => {
  const end = Date.now() + ms;
  while (!test()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('the blind relay', () => {
  it('forwards a frame to the others in its room only, and keeps no room once everyone left', async () => {
    const captured: string[] = [];
    const { relay, port } = await startRelay({}, captured);
    const a1 = await connect(port, ROOM_A);
    const a2 = await connect(port, ROOM_A);
    const b1 = await connect(port, ROOM_B);
    expect(relay.stats()).toEqual({ rooms: 2, connections: 3 });
    a1.ws.send('frame-1');
    await until(() => a2.received.length === 1);
    expect(a2.received).toEqual(['frame-1']);
    await new Promise((r) => setTimeout(r, 50));
    expect(a1.received).toEqual([]);
    expect(b1.received).toEqual([]);
    expect(captured).toEqual(['frame-1']);
    for (const c of [a1, a2, b1]) {
      c.ws.close();
      await c.closed;
    }
    await until(() => relay.stats().rooms === 0);
  });

  it('refuses a 50 MB frame: the sender is cut off, the room is told, the others stay', async () => {
    const { port } = await startRelay();
    const sender = await connect(port, ROOM_A);
    const other = await connect(port, ROOM_A);
    sender.ws.send('x'.repeat(50 * 1024 * 1024));
    await until(() => other.received.length === 1, 20_000);
    expect(JSON.parse(other.received[0] ?? '')).toEqual({ relay: 'too-large' });
    // Cut off: 1009 when the close frame gets through, 1006 when the sender was still writing.
    expect([1006, 1009]).toContain(await sender.closed);
    expect(other.ws.readyState).toBe(WebSocket.OPEN);
  }, 60_000);

  it('takes a frame at the 1 MB bound and refuses one byte more', async () => {
    const { port } = await startRelay();
    const sender = await connect(port, ROOM_A);
    const other = await connect(port, ROOM_A);
    sender.ws.send('y'.repeat(1_048_576));
    await until(() => other.received.length === 1);
    expect(other.received[0]).toHaveLength(1_048_576);
    sender.ws.send('y'.repeat(1_048_577));
    expect(await sender.closed).toBe(1009);
  });

  it('cuts off a connection flooding the room beyond its rate', async () => {
    const { port } = await startRelay({ ratePerSecond: 10, burst: 20 });
    const flooder = await connect(port, ROOM_A);
    const other = await connect(port, ROOM_A);
    for (let i = 0; i < 200; i++) flooder.ws.send(`f${String(i)}`);
    expect(await flooder.closed).toBe(1008);
    await until(() => other.received.some((t) => t.includes('"rate"')));
    // The burst got through, the rest of the flood did not.
    const forwarded = other.received.filter((t) => t.startsWith('f'));
    expect(forwarded.length).toBeLessThanOrEqual(21);
    expect(forwarded.length).toBeGreaterThanOrEqual(19);
  });

  it('bounds connections per room and the number of rooms', async () => {
    const { port } = await startRelay({ maxPerRoom: 2, maxRooms: 1 });
    await connect(port, ROOM_A);
    await connect(port, ROOM_A);
    await expect(connect(port, ROOM_A)).rejects.toThrow(/503/);
    await expect(connect(port, ROOM_B)).rejects.toThrow(/503/);
  });

  it('refuses another site’s page, and paths that are not a room', async () => {
    const { port } = await startRelay();
    await expect(connect(port, ROOM_A, 'https://evil.example')).rejects.toThrow(/403/);
    await expect(connect(port, 'short')).rejects.toThrow(/404/);
  });
});

describe('npm run serve', () => {
  let serving: Serving | undefined;
  afterEach(async () => {
    await serving?.close();
    serving = undefined;
  });

  it('serves the build with its CSP as a header too, and nothing outside the build', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'opsready-serve-'));
    cleanup.push(() => {
      rmSync(dist, { recursive: true, force: true });
      return Promise.resolve();
    });
    mkdirSync(join(dist, 'assets'));
    writeFileSync(
      join(dist, 'index.html'),
      `<meta http-equiv="Content-Security-Policy" content="default-src 'self'; connect-src 'self'"><p>app</p>`,
    );
    writeFileSync(join(dist, 'assets', 'a.js'), 'export {}');
    const capture = join(dist, '..', `capture-${String(process.pid)}.jsonl`);
    serving = await serve({ dist, port: 0, host: '127.0.0.1', capture });
    const index = await fetch(serving.url);
    expect(await index.text()).toContain('<p>app</p>');
    expect(index.headers.get('content-security-policy')).toBe(
      "default-src 'self'; connect-src 'self'; frame-ancestors 'none'",
    );
    expect(index.headers.get('x-content-type-options')).toBe('nosniff');
    expect(index.headers.get('referrer-policy')).toBe('no-referrer');
    const js = await fetch(`${serving.url}assets/a.js`);
    expect(js.headers.get('content-type')).toContain('text/javascript');
    for (const path of ['..%2Fpackage.json', '%2e%2e/%2e%2e/etc/passwd', 'missing.js']) {
      expect((await fetch(`${serving.url}${path}`)).status).toBe(404);
    }

    // The relay answers on the same port, and the capture records what it forwarded.
    const port = Number(new URL(serving.url).port);
    const a = await connect(port, ROOM_A);
    const b = await connect(port, ROOM_A);
    a.ws.send('{"v":1}');
    await until(() => b.received.length === 1);
    expect(
      readFileSync(capture, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as unknown),
    ).toEqual([{ room: ROOM_A, frame: '{"v":1}' }]);
    rmSync(capture, { force: true });
  });
});
