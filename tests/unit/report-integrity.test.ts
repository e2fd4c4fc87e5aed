import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { assessmentToJson } from '../../src/domain/assessment/export.ts';
import type { Assessment } from '../../src/domain/assessment/schema.ts';
import { signedContentFileName } from '../../src/domain/report/summary.ts';
import { signedContentJson } from '../../src/lib/fingerprint.ts';
import { repoRoot } from '../fixtures/catalogue.ts';
import { demoInputs } from '../fixtures/demo.ts';

/**
 * Every SHA-256 the report prints is `sha256sum` of a file the app exports, and the report names
 * that file. Checked on the files the command line writes (the same bytes the Report page's
 * buttons download) and on the text of the PDF and the Markdown it writes.
 */
const { demo } = demoInputs();
const dir = mkdtempSync(join(tmpdir(), 'opsready-integrity-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sha256sum = (path: string): string =>
  createHash('sha256').update(readFileSync(path)).digest('hex');

function signed(): Assessment {
  const base: Assessment = {
    ...demo,
    workshop: {
      agenda: [],
      participants: [],
      agreements: {},
      actions: [],
    },
  };
  const digest = createHash('sha256').update(signedContentJson(base), 'utf8').digest('hex');
  return {
    ...base,
    workshop: {
      ...(base.workshop ?? { agenda: [], participants: [], agreements: {}, actions: [] }),
      signOff: {
        signatories: [{ name: 'Ana Auditor', role: 'Lead assessor' }],
        organisation: demo.organisation,
        scope: demo.scope,
        date: '2026-11-30',
        statement: 'Reviewed with the team.',
        signedAt: '2026-11-30T12:00:00.000Z',
        dataSha256: digest,
      },
    },
  };
}

function cli(input: Assessment, tag: string) {
  const file = join(dir, `${tag}-in.json`);
  writeFileSync(file, assessmentToJson(input));
  const out = (name: string) => join(dir, `${tag}-${name}`);
  const result = spawnSync(
    process.execPath,
    [
      join(repoRoot, 'node_modules/tsx/dist/cli.mjs'),
      join(repoRoot, 'scripts/cli/report.ts'),
      file,
      '-o',
      out('report.pdf'),
      '--data',
      out('data.json'),
      '--signed-data',
      out('signed.json'),
      '--date',
      '2026-12-01',
    ],
    { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, SOURCE_DATE_EPOCH: '1764590000' } },
  );
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  const md = spawnSync(
    process.execPath,
    [
      join(repoRoot, 'node_modules/tsx/dist/cli.mjs'),
      join(repoRoot, 'scripts/cli/report.ts'),
      file,
      '-o',
      out('report.md'),
      '--date',
      '2026-12-01',
    ],
    { cwd: repoRoot, encoding: 'utf8' },
  );
  expect(md.status).toBe(0);
  const pdfText = execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', out('report.pdf'), '-'], {
    encoding: 'utf8',
  });
  return {
    pdfText,
    markdown: readFileSync(out('report.md'), 'utf8'),
    data: sha256sum(out('data.json')),
    signed: sha256sum(out('signed.json')),
  };
}

const hashesIn = (text: string): string[] => [...new Set(text.match(/\b[0-9a-f]{64}\b/g) ?? [])];

describe('the hashes the report prints', { timeout: 120_000 }, () => {
  const assessment = signed();
  const base = 'opsready-halcyon-finance-fictional-2026-12-01';

  it('are each the sha256sum of an exported file, named beside it', () => {
    const out = cli(assessment, 'same');
    for (const text of [out.pdfText, out.markdown]) {
      const printed = hashesIn(text);
      expect(printed).toContain(out.data);
      expect(printed).toContain(out.signed);
      // Nothing else: every hash printed is one of the two files.
      expect(printed.filter((h) => h !== out.data && h !== out.signed)).toEqual([]);
      const flat = text.replace(/\s+/g, ' ');
      // The input is byte for byte the data hashed, so the report names it.
      expect(flat).toContain(`SHA-256 ${out.data} of same-in.json`);
      expect(flat).toContain(`SHA-256 ${out.signed} of ${signedContentFileName(base)}`);
      // The running footer quotes the start of the data file's hash, and nothing else.
      for (const m of text.matchAll(/Data SHA-256 ([0-9a-f]{16})…/g))
        expect(out.data.startsWith(m[1] ?? '-')).toBe(true);
    }
    // The signed file reproduces the hash recorded at signing.
    expect(out.signed).toBe(assessment.workshop?.signOff?.dataSha256);
  });

  it('name the app’s export when the input is not the bytes hashed, and say so', () => {
    const file = join(dir, 'spaced-in.json');
    writeFileSync(file, `${assessmentToJson(assessment).trimEnd()}\n\n`);
    const result = spawnSync(
      process.execPath,
      [
        join(repoRoot, 'node_modules/tsx/dist/cli.mjs'),
        join(repoRoot, 'scripts/cli/report.ts'),
        file,
        '-o',
        join(dir, 'spaced-report.md'),
        '--date',
        '2026-12-01',
      ],
      { cwd: repoRoot, encoding: 'utf8' },
    );
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('is not byte for byte the data');
    expect(result.stderr).toContain('--data');
    const flat = readFileSync(join(dir, 'spaced-report.md'), 'utf8').replace(/\s+/g, ' ');
    expect(flat).toMatch(new RegExp(`SHA-256 [0-9a-f]{64} of ${base}\\.json`));
    expect(flat).not.toContain('spaced-in.json');
  });

  it('show the current hash beside the signed one once the answers change', () => {
    const edited: Assessment = {
      ...assessment,
      answers: { ...assessment.answers, 'KEY-01': { status: 'level', level: 0 } },
    };
    const out = cli(edited, 'edited');
    const recorded = edited.workshop?.signOff?.dataSha256 ?? '';
    expect(out.signed).not.toBe(recorded);
    const flat = out.markdown.replace(/\s+/g, ' ');
    expect(flat).toContain(
      `The data as it is now gives ${out.signed} instead: it changed after signing.`,
    );
    // The recorded one cannot come from today's files; the report says the data changed.
    expect(hashesIn(out.markdown).filter((h) => h !== out.data && h !== out.signed)).toEqual([
      recorded,
    ]);
    expect(out.markdown).toContain('THE ANSWERS CHANGED AFTER SIGNING');
  });
});
