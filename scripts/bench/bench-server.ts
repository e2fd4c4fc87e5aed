import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

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

/** Serves a built app with `vite preview` on a free loopback port, once it answers. */
export async function startPreview(outDir: string): Promise<{ url: string; stop: () => void }> {
  const port = await freePort();
  const server = spawn(
    'npx',
    [
      'vite',
      'preview',
      '--outDir',
      outDir,
      '--port',
      String(port),
      '--strictPort',
      '--host',
      '127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  const url = `http://127.0.0.1:${String(port)}/`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) break;
    } catch {
      // The server is still starting.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, stop: () => server.kill() };
}
