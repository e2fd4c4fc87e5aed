import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/domain/catalogue/load.ts';
import { repoRoot } from '../fixtures/catalogue.ts';
import { oscalErrors } from '../fixtures/oscal/validate.ts';

function oscal(...args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/cli/oscal.ts', ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

const tmp = mkdtempSync(join(tmpdir(), 'opsready-oscal-'));
const read = (name: string): unknown => JSON.parse(readFileSync(join(tmp, name), 'utf8'));

// Each case starts Node and tsx, a second or more on a shared machine.
describe('npm run oscal', { timeout: 180_000 }, () => {
  it('writes the catalogue as a valid OSCAL catalog, the same bytes every time', () => {
    const a = oscal('catalog', '-o', join(tmp, 'a.json'));
    const b = oscal('catalog', '-o', join(tmp, 'b.json'), '--date', '2031-01-01');
    expect(a.code).toBe(0);
    expect(a.out).toMatch(
      /^Wrote .*a\.json: OSCAL catalog of opsready-core \d+\.\d+\.\d+, 112 controls in 6 groups\./,
    );
    expect(b.code).toBe(0);
    expect(oscalErrors(read('a.json'))).toEqual([]);
    expect(readFileSync(join(tmp, 'a.json'), 'utf8')).toBe(
      readFileSync(join(tmp, 'b.json'), 'utf8'),
    );
  });

  it("writes the demo's assessment results, valid OSCAL", () => {
    const r = oscal('results', 'public/demo/halcyon-assessment.json', '-o', join(tmp, 'ar.json'));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/OSCAL assessment results, 112 findings, \d+ risks; readiness 41\.3\./);
    expect(oscalErrors(read('ar.json'))).toEqual([]);
  });

  it('converts NIST 800-53 into a catalogue file that loads, printing what it assumed', () => {
    const source = join(tmp, 'moderate.json');
    writeFileSync(
      source,
      gunzipSync(
        readFileSync(
          join(
            repoRoot,
            'tests/fixtures/oscal/NIST_SP-800-53_rev5_MODERATE-baseline-resolved-profile_catalog-5.1.1.json.gz',
          ),
        ),
      ),
    );
    const r = oscal('import', source, '-o', join(tmp, 'moderate.opsready.json'));
    expect(r.code).toBe(0);
    expect(r.out).toContain('287 controls in 18 domains');
    expect(r.out).toContain('- Severity: 287 of 287 controls have none; medium is assumed');
    const text = readFileSync(join(tmp, 'moderate.opsready.json'), 'utf8');
    const loaded = loadCatalogue([{ name: 'moderate.opsready.json', text }]);
    expect(loaded.ok && loaded.value.controls.length).toBe(287);
  });

  it('exits 2 with the file, path and what was expected for a file that is not a catalog', () => {
    writeFileSync(join(tmp, 'bad.json'), JSON.stringify({ catalog: { uuid: 'x', metadata: {} } }));
    const r = oscal('import', join(tmp, 'bad.json'), '-o', join(tmp, 'out.json'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('bad.json: catalog.metadata.title:');
    const usage = oscal('frobnicate', '-o', join(tmp, 'x.json'));
    expect(usage.code).toBe(2);
    expect(usage.err).toContain(
      'unknown command "frobnicate"; expected catalog, results or import',
    );
  });
});
