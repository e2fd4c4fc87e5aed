// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- an ambient module declaration cannot be imported: the store loads the built-in catalogue through the build plugin, typed there
/// <reference path="../../src/virtual.d.ts" />
import { describe, expect, it } from 'vitest';
import { parseAssessmentFile } from '../../src/domain/assessment/import.ts';
import { createAppStore, type FileSource } from '../../src/store/app-store.ts';
import { createGuardedStorage } from '../../src/store/storage.ts';
import { formatProblems } from '../../src/domain/validation.ts';
import { bundledCatalogue, demoAssessmentText, onlyCatalogue } from '../fixtures/catalogue.ts';
import { memoryBackend } from '../fixtures/storage.ts';

const catalogue = bundledCatalogue();

/** The demo file with its assessment changed by `edit`, as text a team could import. */
function hostile(edit: (assessment: Record<string, unknown>) => void): string {
  const json = JSON.parse(demoAssessmentText()) as { assessment: Record<string, unknown> };
  edit(json.assessment);
  return JSON.stringify(json, null, 2);
}

const withVault = hostile((a) => {
  const funds = a.funds as { pools: Record<string, number> };
  funds.pools.vault = 5_000_000;
});
// The demo states a bridge escrow; this file also says the team runs no bridge.
const noBridge = hostile((a) => {
  a.architecture = { notOperated: ['bridge', 'mpc-vendor', 'packages'] };
});

function problemsOf(text: string, name: string): string {
  const result = parseAssessmentFile(text, name, catalogue);
  expect(result.ok).toBe(false);
  return result.ok ? '' : formatProblems(result.problems);
}

describe('importing an assessment file whose funds the catalogue or architecture cannot hold', () => {
  it('the demo itself imports, funds and all', () => {
    const result = parseAssessmentFile(demoAssessmentText(), 'halcyon-assessment.json', catalogue);
    expect(result.ok ? result.value.file.assessment.funds?.pools['bridge-escrow'] : null).toBe(
      38_000_000,
    );
  });

  it('refuses a pool the catalogue does not declare, naming the file, the path and the pools expected', () => {
    const text = problemsOf(withVault, 'halcyon-vault.json');
    expect(text).toContain(
      'halcyon-vault.json: assessment.funds.pools.vault: unknown funds pool "vault"; expected one of "contract-tvl"',
    );
    expect(text.split('\n')).toHaveLength(1);
  });

  it('refuses a pool of a feature the architecture says the team does not operate', () => {
    expect(problemsOf(noBridge, 'halcyon-no-bridge.json')).toBe(
      'halcyon-no-bridge.json: assessment.funds.pools.bridge-escrow: "Bridge escrow" needs Bridge or cross-chain messaging, which the architecture says the team does not operate; remove the amount or tick the feature',
    );
  });

  it('through the app’s import, saves nothing and leaves what was saved as it was', async () => {
    let ids = 0;
    const store = createAppStore({
      storage: createGuardedStorage(memoryBackend()),
      now: () => new Date('2026-12-01T12:00:00.000Z'),
      newId: () => `id-${String(++ids)}`,
      catalogues: onlyCatalogue(catalogue),
      digest: (text) => Promise.resolve(String(text.length).padStart(64, '0')),
      followOtherTabs: false,
    });
    const file = (name: string, text: string): FileSource => ({
      name,
      size: text.length,
      text: () => Promise.resolve(text),
    });
    const saved = await store
      .getState()
      .importAssessmentFile(file('halcyon-assessment.json', demoAssessmentText()));
    expect(saved.ok).toBe(true);
    const before = structuredClone({
      assessments: store.getState().assessments,
      active: store.getState().activeAssessmentId,
    });
    for (const [name, text] of [
      ['halcyon-vault.json', withVault],
      ['halcyon-no-bridge.json', noBridge],
    ] as const) {
      const refused = await store.getState().importAssessmentFile(file(name, text));
      expect(refused.ok).toBe(false);
      if (!refused.ok) {
        expect(refused.problems[0]).toMatchObject({ source: name });
        expect(refused.problems[0]?.path).toMatch(/^assessment\.funds\.pools\./);
      }
    }
    // A file handed to the store directly, not read from text, is held to the same rule.
    const direct = JSON.parse(noBridge) as Parameters<
      ReturnType<typeof store.getState>['importAssessment']
    >[0];
    expect(() => store.getState().importAssessment(direct)).toThrow(
      /assessment\.funds\.pools\.bridge-escrow/,
    );
    expect({
      assessments: store.getState().assessments,
      active: store.getState().activeAssessmentId,
    }).toEqual(before);
  });
});
