import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../fixtures/catalogue.ts';

const DEMO = 'public/demo/halcyon-assessment.json';

function score(...args: string[]) {
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'scripts/cli/score.ts', ...args, '--date', '2026-11-25'],
    { cwd: repoRoot, encoding: 'utf8' },
  );
  return { code: run.status, out: run.stdout, err: run.stderr };
}

const tmp = mkdtempSync(join(tmpdir(), 'opsready-score-'));

// Each case starts Node and tsx (about a second each on a shared machine), hence the timeout.
describe('npm run score', { timeout: 30_000 }, () => {
  it('prints the summary of a valid assessment and exits 0', () => {
    const r = score(DEMO);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Readiness:     56.0 / 100');
    expect(r.out).toMatch(/Residual risk: \d+\.\d \/ 100/);
    expect(r.out).toContain('NOTE: 3 unanswered controls are scored as gaps');
    expect(r.out).toContain('threat profile: TRM Labs, H1 2026');
  });

  it('prints the full report model as JSON, the same numbers as the summary', () => {
    const r = score(DEMO, '--json');
    expect(r.code).toBe(0);
    const model = JSON.parse(r.out) as { readiness: { display: string }; gaps: unknown[] };
    expect(model.readiness.display).toBe('56.0');
    expect(model.gaps.length).toBe(44);
  });

  it('exits 1 under --fail-under and 0 at or above it', () => {
    expect(score(DEMO, '--fail-under', '60').code).toBe(1);
    expect(score(DEMO, '--fail-under', '60').err).toContain(
      'Readiness 56.0 is below --fail-under 60.',
    );
    expect(score(DEMO, '--fail-under', '56').code).toBe(0);
  });

  it('scores with another profile by id or from a file', () => {
    const byId = score(DEMO, '--profile', 'equal-weights');
    expect(byId.code).toBe(0);
    expect(byId.out).toContain('threat profile: Equal weights (no threat data)');
    const file = join(tmp, 'profile.yaml');
    writeFileSync(
      file,
      `id: keys-only\nname: Keys only\nperiod: test\ndescription: All weight on key compromise.\nsources: []\nshares:\n  - { vector: key-compromise, incidents: 1, loss: 1, incidentsBasis: assumption, lossBasis: assumption, note: Test. }\n`,
    );
    const fromFile = score(DEMO, '--profile', file);
    expect(fromFile.code).toBe(0);
    expect(fromFile.out).toContain('threat profile: Keys only');
  });

  it.each([
    [['nope.json'], 'cannot read nope.json'],
    [
      [DEMO, '--profile', 'no-such-profile'],
      'unknown profile "no-such-profile"; expected one of trm-h1-2026',
    ],
    [[DEMO, '--fail-under', 'lots'], '--fail-under expects a number from 0 to 100, got "lots"'],
    [[DEMO, '--colour'], 'unknown option --colour'],
    [[], 'no assessment file given'],
  ])('exits 2 with a clear message for %j', (args, message) => {
    const r = score(...args);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
  });

  it('exits 2 and locates the problem in an invalid assessment', () => {
    const bad = join(tmp, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({ format: 'opsready-assessment', formatVersion: 1, assessment: { id: 'x' } }),
    );
    const r = score(bad);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`The assessment ${bad} is invalid`);
    expect(r.err).toMatch(/assessment\.name: /);
  });
});
