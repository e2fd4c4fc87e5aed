import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/domain/catalogue/load.ts';
import {
  equalWeightProfile,
  splitLossShares,
  threatProfileSchema,
} from '../../src/domain/threat/profile.ts';
import { formatProblems } from '../../src/domain/validation.ts';
import { availableProfiles, resolveProfile } from '../../src/domain/threat/resolve.ts';
import { formToProfile, profileToForm } from '../../src/features/report/profile-form.ts';
import { readCatalogueFiles } from '../../scripts/build/catalogue-files.ts';
import { bundledCatalogue, repoRoot } from '../fixtures/catalogue.ts';

const catalogue = bundledCatalogue();
const base = {
  id: 'a',
  name: 'A',
  organisation: '',
  scope: '',
  assessors: [],
  catalogue: { id: catalogue.meta.id, version: catalogue.meta.version },
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  answers: {},
  meta: {},
};

describe('choosing a profile', () => {
  it('uses the default, a picked one, or the edited one, and falls back on an unknown id', () => {
    expect(resolveProfile(catalogue, base).id).toBe('trm-h1-2026');
    expect(resolveProfile(catalogue, { ...base, profileId: 'trm-h1-2026-with-bybit' }).id).toBe(
      'trm-h1-2026-with-bybit',
    );
    expect(resolveProfile(catalogue, { ...base, profileId: 'gone' }).id).toBe('trm-h1-2026');
    const custom = { ...equalWeightProfile(catalogue.vectors), id: 'custom-x' };
    expect(
      resolveProfile(catalogue, { ...base, profileId: 'trm-h1-2026', customProfile: custom }).id,
    ).toBe('custom-x');
  });

  it('always offers equal weights, without the amplifier, and it validates', () => {
    const ids = availableProfiles(catalogue).map((p) => p.id);
    expect(ids).toEqual([
      'trm-h1-2026',
      'trm-h1-2026-with-bybit',
      'named-incidents-2024-2026',
      'equal-weights',
    ]);
    const equal = equalWeightProfile(catalogue.vectors);
    expect(equal.shares.map((s) => s.vector)).not.toContain('slow-response');
    expect(threatProfileSchema.safeParse(equal).success).toBe(true);
  });
});

describe('the profile editor conversion', () => {
  const trm = catalogue.profiles[0];
  if (!trm) throw new Error('no default profile');

  it('round-trips an unchanged profile with every basis kept', () => {
    const back = formToProfile(profileToForm(trm), trm);
    expect(back.shares).toEqual(trm.shares);
    expect(back.id).toBe('custom-trm-h1-2026');
    expect(threatProfileSchema.safeParse(back).success).toBe(true);
  });

  it('marks only the changed figure as an assumption and notes the original', () => {
    const form = profileToForm(trm);
    const row = form.rows.find((r) => r.vector === 'key-compromise');
    if (!row) throw new Error('no row');
    row.loss = 10;
    const share = formToProfile(form, trm).shares.find((s) => s.vector === 'key-compromise');
    expect(share).toMatchObject({ loss: 0.1, incidents: 0.04, lossBasis: 'assumption' });
    expect(share?.note).toContain('gives 4.00% of incidents and 6.00% of loss');
  });
});

describe('one attribution rule', () => {
  const byId = (id: string) => {
    const p = catalogue.profiles.find((x) => x.id === id);
    if (!p) throw new Error(`no profile ${id}`);
    return p;
  };

  // What each bundled profile assumes for the losses no named incident accounts for, as its notes
  // say; everything else must come from the splits.
  const assumed: Record<string, Record<string, number>> = {
    'trm-h1-2026': {
      'smart-contract-exploit': 0.18,
      'key-compromise': 0.06,
      'infrastructure-compromise': 0.035,
      'supply-chain': 0.025,
      'blind-signing': 0.02,
      'approval-abuse': 0.015,
      insider: 0.0115,
    },
    'trm-h1-2026-with-bybit': {
      'smart-contract-exploit': (0.18 * 972) / 2432,
      'key-compromise': (0.06 * 972) / 2432,
      'infrastructure-compromise': (0.035 * 972) / 2432,
      'supply-chain': (0.025 * 972) / 2432,
      'blind-signing': (0.02 * 972) / 2432,
      'approval-abuse': (0.015 * 972) / 2432,
      insider: (0.0114 * 972) / 2432,
    },
  };

  for (const id of Object.keys(assumed)) {
    it(`gives ${id} loss shares that equal its splits plus its stated assumptions`, () => {
      const p = byId(id);
      expect(p.attribution?.rule).toMatch(/divided equally among the distinct attack vectors/);
      const population = p.population?.lossUsd ?? 0;
      const fromSplits = splitLossShares(p.splits ?? [], population);
      for (const s of p.shares) {
        const expected = (assumed[id]?.[s.vector] ?? 0) + (fromSplits.get(s.vector) ?? 0);
        expect(Math.abs(s.loss - expected), s.vector).toBeLessThanOrEqual(5e-5);
      }
    });
  }

  it('splits each named incident equally over the vectors of its attack path', () => {
    for (const p of catalogue.profiles) {
      for (const split of p.splits ?? []) {
        const incident = catalogue.incidents.find((x) => x.id === split.incident);
        // The ledger's profile also splits incidents the catalogue has no attack path for; those
        // are checked against the ledger (tests/unit/ledger-profile.test.ts).
        if (!incident && p.id === 'named-incidents-2024-2026') continue;
        expect(incident?.loss.usd, split.incident).toBe(split.lossUsd);
        const pathVectors = [
          ...new Set(incident?.steps.flatMap((s) => (s.vector ? [s.vector] : [])) ?? []),
        ].sort();
        expect(split.vectors.map((v) => v.vector).sort()).toEqual(pathVectors);
        for (const v of split.vectors) {
          expect(v.fraction).toBeCloseTo(1 / pathVectors.length, 6);
        }
      }
    }
    expect(byId('trm-h1-2026').splits?.map((s) => s.incident)).toEqual([
      'drift-2026',
      'kelpdao-rseth-2026',
    ]);
    expect(byId('trm-h1-2026-with-bybit').splits?.map((s) => s.incident)).toEqual([
      'drift-2026',
      'kelpdao-rseth-2026',
      'bybit-2025',
    ]);
  });

  const withSplits = (splits: unknown, extra: Record<string, unknown> = {}) => ({
    ...byId('trm-h1-2026'),
    ...extra,
    splits,
  });
  const issues = (value: unknown): string[] => {
    const r = threatProfileSchema.safeParse(value);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  it('refuses fractions that do not add up to 1, with the place named', () => {
    const split = {
      incident: 'drift-2026',
      lossUsd: 285000000,
      vectors: [
        { vector: 'signer-social-engineering', fraction: 0.3 },
        { vector: 'blind-signing', fraction: 0.3 },
      ],
    };
    expect(issues(withSplits([split]))).toEqual([
      'splits.0.vectors: the fractions for "drift-2026" add up to 0.600000; expected 1',
    ]);
    // Within 1e-6 is rounding, not a mistake.
    const near = {
      ...split,
      vectors: [
        { vector: 'signer-social-engineering', fraction: 0.33 },
        { vector: 'blind-signing', fraction: 0.33 },
        { vector: 'approval-abuse', fraction: 0.3400005 },
      ],
    };
    expect(issues(withSplits([near]))).toEqual([]);
  });

  it('refuses an unknown or repeated vector, a split without a rule or population, and a share below its splits', () => {
    const bad = {
      incident: 'x',
      lossUsd: 1000,
      vectors: [
        { vector: 'no-such-vector', fraction: 0.5 },
        { vector: 'no-such-vector', fraction: 0.5 },
      ],
    };
    const found = issues(withSplits([bad]));
    expect(found).toHaveLength(3);
    expect(found[0]).toMatch(
      /^splits\.0\.vectors\.0\.vector: unknown attack vector "no-such-vector"/,
    );
    expect(found[1]).toMatch(
      /^splits\.0\.vectors\.1\.vector: "no-such-vector" is already in this split/,
    );
    expect(found[2]).toMatch(/^splits\.0\.vectors\.1\.vector: unknown attack vector/);

    const { attribution: _, population: __, ...bare } = byId('trm-h1-2026');
    const missing = issues(bare);
    expect(missing).toEqual([
      'attribution: a profile that splits incidents must state its attribution rule once, as attribution.rule',
      "population: splits are in US dollars; give the population's lossUsd to turn them into shares",
    ]);

    const tooMuch = {
      incident: 'big',
      lossUsd: 900000000,
      vectors: [{ vector: 'insider', fraction: 1 }],
    };
    expect(issues(withSplits([tooMuch]))).toEqual([
      'shares.8.loss: the splits put 0.9259 of loss on "insider", more than its loss share 0.0115',
    ]);
  });

  it('refuses a bad split in a catalogue file, located in that file', () => {
    const files = readCatalogueFiles(`${repoRoot}controls`, repoRoot).map((f) =>
      f.name.endsWith('trm-h1-2026.yaml')
        ? { ...f, text: f.text.replace('fraction: 0.5 }', 'fraction: 0.6 }') }
        : f,
    );
    const result = loadCatalogue(files);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(formatProblems(result.problems)).toMatch(
      /trm-h1-2026\.yaml.*profiles\[0\]\.splits\[1\]\.vectors.*add up to 1\.100000; expected 1/,
    );
  });

  it('drops the splits from an edited profile, whose shares they no longer describe', () => {
    const trm = byId('trm-h1-2026');
    const same = formToProfile(profileToForm(trm), trm);
    expect(same.splits).toEqual(trm.splits);
    expect(same.attribution).toEqual(trm.attribution);
    const form = profileToForm(trm);
    const row = form.rows.find((r) => r.vector === 'blind-signing');
    if (!row) throw new Error('no row');
    row.loss = 1;
    const edited = formToProfile(form, trm);
    expect(edited.splits).toBeUndefined();
    expect(edited.attribution).toBeUndefined();
    expect(threatProfileSchema.safeParse(edited).success).toBe(true);
  });
});
