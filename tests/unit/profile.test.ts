import { describe, expect, it } from 'vitest';
import { equalWeightProfile, threatProfileSchema } from '../../src/domain/threat/profile.ts';
import { availableProfiles, resolveProfile } from '../../src/domain/threat/resolve.ts';
import { formToProfile, profileToForm } from '../../src/features/report/profile-form.ts';
import { bundledCatalogue } from '../fixtures/catalogue.ts';

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
    expect(ids).toEqual(['trm-h1-2026', 'trm-h1-2026-with-bybit', 'equal-weights']);
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
