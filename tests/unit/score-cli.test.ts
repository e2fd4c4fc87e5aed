import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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

const demo = (): { assessment: Record<string, unknown> } =>
  JSON.parse(readFileSync(join(repoRoot, DEMO), 'utf8')) as { assessment: Record<string, unknown> };

function file(name: string, text: string): string {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
}

const ESC = '\u001b';

// Each case starts Node and tsx (about a second each on a shared machine), hence the timeout.
describe('npm run score', { timeout: 30_000 }, () => {
  it('prints the summary of a valid assessment and exits 0', () => {
    const r = score(DEMO);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Readiness:     41.3 / 100');
    expect(r.out).toMatch(/Residual risk: \d+\.\d \/ 100/);
    expect(r.out).toContain('NOTE: 33 unanswered controls are scored as gaps');
    expect(r.out).toContain('threat profile: TRM Labs, H1 2026');
    expect(r.out).toContain('Not operated: MPC or a custody vendor; Published packages or SDKs');
  });

  it('prints the full report model as JSON, the same numbers as the summary', () => {
    const r = score(DEMO, '--json');
    expect(r.code).toBe(0);
    const model = JSON.parse(r.out) as {
      readiness: { display: string };
      gaps: unknown[];
      architecture: { declared: boolean; operated: { id: string }[] };
    };
    expect(model.readiness.display).toBe('41.3');
    expect(model.gaps.length).toBe(74);
    expect(model.architecture.declared).toBe(true);
    expect(model.architecture.operated.map((f) => f.id)).toContain('bridge');
  });

  it('exits 1 under --fail-under and 0 at or above it', () => {
    expect(score(DEMO, '--fail-under', '60').code).toBe(1);
    expect(score(DEMO, '--fail-under', '60').err).toContain(
      'Readiness 41.3 is below --fail-under 60.',
    );
    expect(score(DEMO, '--fail-under', '41').code).toBe(0);
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

  it('reads a file that starts with a byte-order mark, as the app does', () => {
    const r = score(file('bom.json', `\uFEFF${readFileSync(join(repoRoot, DEMO), 'utf8')}`));
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Readiness:     41.3 / 100');
  });

  it('refuses a key given twice, naming it', () => {
    const text = JSON.stringify(demo(), null, 2).replace(
      '"answers": {',
      '"answers": {\n    "KEY-01": { "status": "na", "justification": "Hidden." },',
    );
    const r = score(file('twice.json', text));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/assessment\.answers\.KEY-01: the key "KEY-01" appears more than once/);
  });

  it('lists the first 50 of 329,365 problems and counts the rest', () => {
    const answers: Record<string, number> = {};
    for (let i = 0; i < 329_365; i++) answers[String(i)] = 0;
    const text = JSON.stringify({ ...demo(), assessment: { ...demo().assessment, answers } });
    expect(text.length).toBeLessThan(5 * 1024 * 1024);
    const r = score(file('many.json', text));
    expect(r.code).toBe(2);
    expect(r.err.length).toBeLessThan(20_000);
    const listed = r.err.split('\n').filter((line) => line.startsWith(`${tmp}/many.json: `));
    expect(listed).toHaveLength(51);
    expect(listed[50]).toMatch(/: \(root\): and \d{6} more problems not listed/);
  });

  it("never writes a file's control characters to the terminal", () => {
    const hostile = `Evil${ESC}[2J${ESC}]0;pwned\u0007 \u202Eright-to-left\u2028\u0085 Labs`;
    const { assessment } = demo();
    const named = JSON.stringify({
      ...demo(),
      assessment: {
        ...assessment,
        name: hostile,
        organisation: hostile,
        answers: {
          ...(assessment.answers as object),
          'KEY-01': { status: 'level', level: 1, notes: hostile },
        },
      },
    });
    const path = file('hostile.json', named);
    const summary = score(path);
    expect(summary.code).toBe(0);
    expect(summary.out).toContain('Evil\\u{001B}[2J\\u{001B}]0;pwned\\u{0007} \\u{202E}right');
    const json = score(path, '--json');
    expect(json.code).toBe(0);
    expect((JSON.parse(json.out) as { assessmentName: string }).assessmentName).toBe(hostile);
    // An id that no catalogue has is quoted back in the error message.
    const wrongCatalogue = file(
      'other.json',
      JSON.stringify({
        ...demo(),
        assessment: { ...assessment, catalogue: { id: hostile, version: '1.0.0' } },
      }),
    );
    const refused = score(wrongCatalogue);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('Evil\\u{001B}[2J');
    for (const r of [summary, json, refused]) {
      expect(`${r.out}${r.err}`).not.toMatch(
        // eslint-disable-next-line no-control-regex -- finding control characters is the point
        /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u2028\u202E]/,
      );
    }
  });

  it('holds a --catalogue to the rules the app holds a team catalogue to', () => {
    const copy = join(tmp, 'copy-of-controls');
    cpSync(join(repoRoot, 'controls'), copy, { recursive: true });
    const sameId = score(DEMO, '--catalogue', copy);
    expect(sameId.code).toBe(2);
    expect(sameId.err).toContain(
      'catalogue.id: "opsready-core" is the built-in catalogue\'s id; give your catalogue its own id',
    );
    expect(score(DEMO, '--catalogue', 'controls').code).toBe(0);

    const big = file('big.yaml', `# ${'x'.repeat(4 * 1024 * 1024)}\n`);
    const tooBig = score(DEMO, '--catalogue', big);
    expect(tooBig.code).toBe(2);
    expect(tooBig.err).toMatch(
      /big\.yaml: \(root\): file is too large \(4194307 bytes; at most 4194304 accepted\)/,
    );
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
