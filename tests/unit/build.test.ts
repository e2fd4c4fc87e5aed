import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../fixtures/catalogue.ts';

/** Runs the real `vite build` against a copy of the catalogue with one file broken. */
describe('vite build with an invalid catalogue', () => {
  it('fails and names the file, the path and what was expected', () => {
    const dir = mkdtempSync(join(tmpdir(), 'opsready-catalogue-'));
    const out = mkdtempSync(join(tmpdir(), 'opsready-dist-'));
    try {
      cpSync(join(repoRoot, 'controls'), dir, { recursive: true });
      writeFileSync(
        join(dir, 'broken.yaml'),
        'controls:\n  - id: KEY-99\n    domain: keys\n    title: Broken\n',
      );
      const result = spawnSync(
        process.execPath,
        [
          join(repoRoot, 'node_modules/vite/bin/vite.js'),
          'build',
          '--outDir',
          out,
          '--logLevel',
          'error',
        ],
        { cwd: repoRoot, env: { ...process.env, OPSREADY_CATALOGUE_DIR: dir }, encoding: 'utf8' },
      );
      expect(result.status).not.toBe(0);
      const output = result.stdout + result.stderr;
      expect(output).toContain(
        'broken.yaml: controls[0].objective: Invalid input: expected string, received undefined',
      );
      expect(output).toContain('is invalid');
    } finally {
      rmSync(dir, { recursive: true, force: true });
      rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);
});
