import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startPreview } from '../../scripts/bench/bench-server.ts';

describe('the benchmarks’ preview server', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'opsready-preview-'));
  writeFileSync(join(outDir, 'index.html'), '<!doctype html><title>preview</title>\n');
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('serves the folder, and after stop nothing listens on its port any more', async () => {
    const server = await startPreview(outDir);
    const served = await fetch(server.url);
    expect(await served.text()).toContain('<title>preview</title>');
    await server.stop();
    await expect(fetch(server.url)).rejects.toThrow();
    // Stopping twice is harmless: the benchmarks stop in `finally`, after any failure.
    await server.stop();
  }, 30_000);
});
