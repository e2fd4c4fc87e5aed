import { appendFileSync, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createRelay, type Relay, type RelayLimits } from './relay.ts';

/**
 * `npm run serve`: the built app and the live-room relay on one port, so the page's CSP keeps
 * `connect-src 'self'` (a same-origin WebSocket is 'self') and a workshop needs no other server
 * and no internet. Loopback unless `--host` is given. A hosted deployment can run the same
 * script behind its own TLS proxy (then the page uses wss: on the proxy's origin).
 *
 *   npm run serve -- [--dist dist] [--port 4173] [--host [address]] [--capture file]
 */

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ttf': 'font/ttf',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
};

/**
 * The policy the built page carries in its meta element, sent as a header too, with what only a
 * header can say: no framing of the app by another site.
 */
export function securityHeaders(indexHtml: string): Record<string, string> {
  const meta = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(indexHtml)?.[1];
  if (meta === undefined) throw new Error('the built index.html carries no CSP meta element');
  return {
    'Content-Security-Policy': `${meta.replace(/&#39;/g, "'")}; frame-ancestors 'none'`,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}

export interface ServeOptions {
  readonly dist: string;
  readonly port: number;
  readonly host: string;
  /** Appends every frame the relay forwards, one JSON line each. */
  readonly capture?: string;
  readonly limits?: Partial<RelayLimits>;
}

export interface Serving {
  readonly server: Server;
  readonly relay: Relay;
  readonly url: string;
  readonly close: () => Promise<void>;
}

export async function serve(options: ServeOptions): Promise<Serving> {
  const root = resolve(options.dist);
  const indexPath = join(root, 'index.html');
  if (!existsSync(indexPath)) throw new Error(`${indexPath} not found: build the app first`);
  const headers = securityHeaders(readFileSync(indexPath, 'utf8'));
  const capture = options.capture;
  const relay = createRelay({
    ...(options.limits ? { limits: options.limits } : {}),
    ...(capture === undefined
      ? {}
      : {
          capture: (room: string, frame: string) =>
            appendFileSync(capture, `${JSON.stringify({ room, frame })}\n`),
        }),
  });

  const server = createServer((req, res) => {
    for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://app').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    const file = resolve(root, `.${pathname.endsWith('/') ? `${pathname}index.html` : pathname}`);
    // Nothing outside the build is served, whatever the path says.
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(404).end();
      return;
    }
    if (!existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    const name = file.slice(root.length + 1);
    // The page and the service worker must be fresh so an update is seen; hashed assets never change.
    const cache = name.startsWith(`assets${sep}`)
      ? 'public, max-age=31536000, immutable'
      : 'no-cache';
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Cache-Control': cache,
    });
    res.end(req.method === 'HEAD' ? undefined : readFileSync(file));
  });
  server.on('upgrade', (req, socket, head) => relay.handleUpgrade(req, socket, head));
  await new Promise<void>((done, failed) => {
    server.once('error', failed);
    server.listen(options.port, options.host, () => done());
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  const shown = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    server,
    relay,
    url: `http://${shown}:${String(port)}/`,
    close: () =>
      new Promise<void>((done) => {
        relay.close();
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      dist: { type: 'string', default: 'dist' },
      port: { type: 'string', default: '4173' },
      host: { type: 'string' },
      capture: { type: 'string' },
    },
    // `--host` alone means every interface, as `vite --host` does.
    allowPositionals: false,
    strict: true,
  });
  const host =
    values.host === undefined ? '127.0.0.1' : values.host === '' ? '0.0.0.0' : values.host;
  const serving = await serve({
    dist: values.dist,
    port: Number(values.port),
    host,
    ...(values.capture === undefined ? {} : { capture: values.capture }),
  });
  console.log(`OpsReady and its live-room relay: ${serving.url}`);
  if (host !== '127.0.0.1') {
    console.log('Listening beyond this machine: share the room link from the Workshop page.');
  }
  const stop = (): void => void serving.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // `--host` with no value: parseArgs wants a value for a string option, so give it an empty one.
  const i = process.argv.indexOf('--host');
  if (i !== -1 && (process.argv[i + 1] === undefined || process.argv[i + 1]?.startsWith('--'))) {
    process.argv.splice(i + 1, 0, '');
  }
  await main();
}
