import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';

/** Helpers shared by the browser benchmarks. */

/** A port nothing listens on now, so the benchmark never measures some other server. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('no free port'));
      });
    });
  });
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

/**
 * Vite's own command-line entry, run with this Node: the process `stop` ends is then the server
 * itself. Through `npx` it was a wrapper, and killing that left `vite preview` listening.
 */
function viteEntry(): string {
  const manifest = createRequire(import.meta.url).resolve('vite/package.json');
  const { bin } = JSON.parse(readFileSync(manifest, 'utf8')) as { bin: { vite: string } };
  return join(dirname(manifest), bin.vite);
}

export interface ViteServer {
  readonly url: string;
  /** Resolves once the server process has exited. */
  readonly stop: () => Promise<void>;
}

/** Serves a built app with `vite preview` on a free loopback port, once it answers. */
export function startPreview(outDir: string): Promise<ViteServer> {
  return startVite(['preview', '--outDir', outDir]);
}

/** Runs the development server (`npm run dev`) on a free loopback port, once it answers. */
export function startDev(): Promise<ViteServer> {
  return startVite([]);
}

async function startVite(command: readonly string[]): Promise<ViteServer> {
  const port = await freePort();
  const server = spawn(
    process.execPath,
    [viteEntry(), ...command, '--port', String(port), '--strictPort', '--host', '127.0.0.1'],
    { stdio: 'ignore' },
  );
  const exited = new Promise<void>((resolve) => {
    if (server.exitCode !== null || server.signalCode !== null) resolve();
    else server.once('exit', () => resolve());
  });
  const stop = async (): Promise<void> => {
    if (server.exitCode === null && server.signalCode === null) {
      server.kill('SIGTERM');
      // A server that ignores SIGTERM must still not outlive the benchmark.
      const force = setTimeout(() => server.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(force);
    }
  };
  const url = `http://127.0.0.1:${String(port)}/`;
  for (let i = 0; i < 100; i++) {
    if (server.exitCode !== null || server.signalCode !== null) break;
    try {
      if ((await fetch(url)).ok) return { url, stop };
    } catch {
      // The server is still starting.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await stop();
  throw new Error(`vite ${command[0] ?? 'dev'} did not answer on ${url}`);
}
