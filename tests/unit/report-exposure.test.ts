import { describe, expect, it } from 'vitest';
import { exposureRows } from '../../src/domain/report/exposure.ts';
import { parseAssessmentFile } from '../../src/domain/assessment/import.ts';
import { bundledCatalogue, demoAssessmentText } from '../fixtures/catalogue.ts';

const catalogue = bundledCatalogue();
const parsed = parseAssessmentFile(demoAssessmentText(), 'demo.json', catalogue);
if (!parsed.ok) throw new Error('demo must parse');
const demo = parsed.value.file.assessment;

describe('the exposure rows', () => {
  const rows = exposureRows(catalogue, demo);

  it('replays every incident of the catalogue, with its loss in dollars', () => {
    expect(rows.map((r) => r.id)).toEqual(catalogue.incidents.map((i) => i.id));
    for (const r of rows) expect(r.lossDisplay).toMatch(/^\$[\d.]+[kMB]?$/);
  });

  it('says which step broke a path, or what prevention was missing', () => {
    for (const r of rows) {
      if (r.outcome === 'prevented') expect(r.detail).toMatch(/^Step \d+ \(.+\) is broken by /);
      // Not stopped means no control broke any step: the detail says so first.
      if (r.outcome === 'not-stopped') {
        expect(r.detail).toMatch(
          /^No step of the attack path is broken by the controls as answered\./,
        );
      }
    }
    const kelp = rows.find((r) => r.id.startsWith('kelpdao'));
    expect(kelp?.outcome).toBe('not-stopped');
    expect(kelp?.outcomeLabel).toBe('Not stopped');
    expect(kelp?.detail).toMatch(/ Prevention needed: .*DEP-0[38] at \d/);
  });

  it('finds nothing broken with no answers at all', () => {
    const none = exposureRows(catalogue, { ...demo, answers: {} });
    expect(new Set(none.map((r) => r.outcome))).toEqual(new Set(['not-stopped']));
    expect(none[0]?.detail).toMatch(/^No step of the attack path is broken/);
  });
});
