import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/domain/assessment/schema.ts';
import type { Catalogue } from '../../src/domain/catalogue/schema.ts';
import {
  applyArchitecture,
  effectiveAnswers,
  effectiveProfile,
  removedWeights,
} from '../../src/domain/scoring/architecture.ts';
import { computeRisk } from '../../src/domain/scoring/risk.ts';
import {
  bundledCatalogue,
  loadFiles,
  problemsOf,
  testControlsYaml,
  testMetaYaml,
} from '../fixtures/catalogue.ts';
import { scenarioArb, VECTOR_IDS, type Scenario } from '../fixtures/risk.ts';

const FEATURES = ['f-a', 'f-b', 'f-c'] as const;

const appliesToArb = fc.oneof(
  fc.constant<string[] | undefined>(undefined),
  fc.uniqueArray(fc.constantFrom<string>(...FEATURES), { minLength: 1, maxLength: 3 }),
);

/** A generated scenario whose catalogue declares three features and tags controls and vectors. */
const taggedArb: fc.Arbitrary<Scenario> = scenarioArb.chain((s) =>
  fc
    .tuple(
      fc.array(appliesToArb, {
        minLength: s.catalogue.controls.length,
        maxLength: s.catalogue.controls.length,
      }),
      fc.array(appliesToArb, { minLength: VECTOR_IDS.length, maxLength: VECTOR_IDS.length }),
    )
    .map(([controlTags, vectorTags]) => {
      const tag = <T extends object>(item: T, appliesTo: string[] | undefined): T =>
        appliesTo === undefined ? item : { ...item, appliesTo };
      const catalogue: Catalogue = {
        ...s.catalogue,
        architecture: FEATURES.map((id) => ({ id, name: `Feature ${id}`, description: 'x' })),
        controls: s.catalogue.controls.map((c, i) => tag(c, controlTags[i])),
        vectors: s.catalogue.vectors.map((v, i) => tag(v, vectorTags[i])),
      };
      return { ...s, catalogue };
    }),
);

const notOperatedArb = fc.uniqueArray(fc.constantFrom<string>(...FEATURES, 'undeclared'), {
  maxLength: 4,
});

function scoreUnder(s: Scenario, notOperated: readonly string[]) {
  const effect = applyArchitecture(s.catalogue, new Set(notOperated));
  const answers = effectiveAnswers(effect, s.answers);
  const profile = effectiveProfile(effect, s.profile);
  return { effect, answers, profile, risk: computeRisk(s.catalogue, answers, profile) };
}

describe('applyArchitecture, properties', () => {
  it('changes nothing when everything is operated, for any answers', () => {
    fc.assert(
      fc.property(taggedArb, (s) => {
        const { effect, answers, profile, risk } = scoreUnder(s, []);
        expect(effect.removedControls).toEqual([]);
        expect(effect.removedVectors).toEqual([]);
        expect(answers).toBe(s.answers);
        expect(profile).toBe(s.profile);
        expect(risk).toEqual(computeRisk(s.catalogue, s.answers, s.profile));
      }),
    );
  });

  it('makes the controls of absent features N/A and never penalises them', () => {
    fc.assert(
      fc.property(taggedArb, notOperatedArb, fc.integer({ min: 0, max: 3 }), (s, off, raised) => {
        const { effect, risk } = scoreUnder(s, off);
        const absent = new Set(off);
        for (const c of s.catalogue.controls) {
          const removed = c.appliesTo?.every((f) => absent.has(f)) === true;
          expect(effect.removedControls.some((r) => r.control.id === c.id)).toBe(removed);
          if (!removed) continue;
          const scored = risk.controls.find((r) => r.score.control.id === c.id);
          expect(scored?.score.state).toBe('na');
          expect(scored?.weight).toBe(0);
          expect(scored?.riskRemoved).toBe(0);
          expect(risk.rankedGaps.some((g) => g.score.control.id === c.id)).toBe(false);
          // Whatever the stored answer says, the scores do not move.
          const other: Record<string, Answer> = {
            ...s.answers,
            [c.id]: { status: 'level', level: raised },
          };
          const again = scoreUnder({ ...s, answers: other }, off).risk;
          expect(again.residualRisk).toBe(risk.residualRisk);
          expect(again.readiness.readiness).toBe(risk.readiness.readiness);
        }
      }),
    );
  });

  it('renormalises exposures to 100 over operated vectors, and residuals sum to the index', () => {
    fc.assert(
      fc.property(taggedArb, notOperatedArb, (s, off) => {
        const { effect, risk } = scoreUnder(s, off);
        const dropped = new Set(effect.removedVectors.map((r) => r.vector.id));
        expect(risk.vectors.some((v) => dropped.has(v.vectorId))).toBe(false);
        const weighted = risk.vectors.filter((v) => v.lossShare > 0);
        if (weighted.length === 0) return;
        const exposure = risk.vectors.reduce((sum, v) => sum + v.exposure, 0);
        expect(exposure).toBeCloseTo(100, 9);
        const residual = risk.vectors.reduce((sum, v) => sum + v.residual, 0);
        expect(residual).toBeCloseTo(risk.residualRisk, 9);
        // Each operated vector keeps its place relative to the others.
        const total = weighted.reduce((sum, v) => sum + v.lossShare, 0);
        for (const v of weighted) expect(v.exposure).toBeCloseTo((100 * v.lossShare) / total, 9);
      }),
    );
  });

  it('keeps the stored answer and its notes, and reports the weight a dropped vector had', () => {
    fc.assert(
      fc.property(taggedArb, notOperatedArb, (s, off) => {
        const { effect, answers } = scoreUnder(s, off);
        for (const { control, justification } of effect.removedControls) {
          expect(answers[control.id]).toEqual({
            status: 'na',
            justification,
            ...(s.answers[control.id]?.notes === undefined
              ? {}
              : { notes: s.answers[control.id]?.notes }),
          });
        }
        const total = s.profile.shares.reduce((sum, x) => sum + x.loss, 0);
        for (const { vector, exposure } of removedWeights(effect, s.profile)) {
          const share = s.profile.shares.find((x) => x.vector === vector.id);
          expect(exposure).toBeCloseTo((100 * (share?.loss ?? 0)) / total, 12);
        }
      }),
    );
  });
});

describe('applyArchitecture on the bundled catalogue', () => {
  const catalogue = bundledCatalogue();
  const profile = catalogue.profiles[0];
  if (!profile) throw new Error('the bundled catalogue ships a default profile');

  it('declares the features a team is asked about, each used or said to be unused', () => {
    expect(catalogue.architecture?.map((f) => f.id)).toEqual([
      'bridge',
      'hot-wallets',
      'user-funds',
      'multisig',
      'mpc-vendor',
      'front-end',
      'packages',
      'nodes',
      'admin-roles',
      'token-governance',
    ]);
  });

  it('gives the bridge-less team the reason on each control it removes', () => {
    const effect = applyArchitecture(catalogue, new Set(['bridge', 'nodes']));
    expect(effect.removedControls.map((r) => r.control.id)).toEqual(['KEY-11', 'DEP-08', 'DEP-11']);
    expect(effect.removedControls[0]?.justification).toBe(
      'not operated: Bridge or cross-chain messaging; Validators, oracles, keepers or relayers',
    );
    expect(effect.removedVectors.map((r) => r.vector.id)).toEqual(['bridge-validator-compromise']);
    // CUS-10 and DEP-03 still apply: vaults and pools, and oracle data, need no bridge.
    expect(effect.removedControls.some((r) => r.control.id === 'CUS-10')).toBe(false);
  });

  it('ranks a bridge-less team’s gaps as a catalogue without the bridge would', () => {
    const na: Answer = { status: 'na', justification: 'No bridge.' };
    const fiveNa = Object.fromEntries(
      ['KEY-11', 'CUS-10', 'DEP-08', 'DEP-11', 'DEP-03'].map((id) => [id, na]),
    );
    const removed = (r: ReturnType<typeof computeRisk>, id: string) =>
      r.controls.find((c) => c.score.control.id === id)?.riskRemoved ?? NaN;
    const before = computeRisk(catalogue, fiveNa, profile);
    const effect = applyArchitecture(catalogue, new Set(['bridge', 'nodes']));
    const after = computeRisk(
      catalogue,
      effectiveAnswers(effect, fiveNa),
      effectiveProfile(effect, profile),
    );
    // The same team scored on a catalogue that never had the bridge: its controls and the vector
    // deleted, and the vector's share left out of the profile.
    const gone = new Set(effect.removedControls.map((r) => r.control.id));
    const bridgeless: Catalogue = {
      ...catalogue,
      vectors: catalogue.vectors.filter((v) => v.id !== 'bridge-validator-compromise'),
      controls: catalogue.controls
        .filter((c) => !gone.has(c.id))
        .map((c) => ({
          ...c,
          vectors: c.vectors.filter((v) => v.vector !== 'bridge-validator-compromise'),
        })),
    };
    const expected = computeRisk(bridgeless, fiveNa, {
      ...profile,
      shares: profile.shares.filter((x) => x.vector !== 'bridge-validator-compromise'),
    });
    expect(after.rankedGaps.map((g) => g.score.control.id)).toEqual(
      expected.rankedGaps.map((g) => g.score.control.id),
    );
    for (const g of expected.rankedGaps) {
      expect(removed(after, g.score.control.id)).toBeCloseTo(g.riskRemoved, 9);
    }
    expect(after.residualRisk).toBeCloseTo(expected.residualRisk, 9);
    // The bridge vector's weight no longer lifts the controls that also address it.
    expect(removed(after, 'SIG-01')).toBeLessThan(removed(before, 'SIG-01'));
    expect(removed(after, 'APR-07')).toBeLessThan(removed(before, 'APR-07'));
    expect(after.vectors.reduce((sum, v) => sum + v.exposure, 0)).toBeCloseTo(100, 9);
  });
});

const META = testMetaYaml({ architecture: true });

const control = (appliesTo: string): string => testControlsYaml({ appliesTo });

describe('loadCatalogue, architecture', () => {
  it('keeps the declared features and their tags', () => {
    const result = loadFiles(['meta.yaml', META], ['keys.yaml', control('[bridge]')]);
    expect(result.ok && result.value.architecture).toEqual([
      { id: 'bridge', name: 'Bridge', description: 'A bridge.' },
    ]);
    expect(result.ok && result.value.controls[0]?.appliesTo).toEqual(['bridge']);
  });

  it.each([
    [
      'an unknown feature',
      control('[bridge, hot-wallet]'),
      'keys.yaml: controls[0].appliesTo[1]: unknown architecture feature "hot-wallet"; expected one of "bridge" (line 11)',
    ],
    [
      'a feature listed twice',
      control('[bridge, bridge]'),
      'keys.yaml: controls[0].appliesTo[1]: feature "bridge" is listed twice; list it once (line 11)',
    ],
    [
      'an empty list',
      control('[]'),
      'keys.yaml: controls[0].appliesTo: expected at least one feature id, or leave appliesTo out (line 11)',
    ],
  ])('rejects %s on a control', (_what, file, expected) => {
    expect(problemsOf(loadFiles(['meta.yaml', META], ['keys.yaml', file]))).toContain(expected);
  });

  it('rejects an unknown feature on a vector and a duplicate feature id', () => {
    const meta = META.replace(
      'description: A key is stolen. }',
      'description: A key is stolen., appliesTo: [bridges] }',
    ).replace(
      '  - { id: bridge, name: Bridge, description: A bridge. }\n',
      '  - { id: bridge, name: Bridge, description: A bridge. }\n  - { id: bridge, name: Again, description: Twice. }\n',
    );
    const message = problemsOf(loadFiles(['meta.yaml', meta], ['keys.yaml', control('[bridge]')]));
    expect(message).toContain(
      'meta.yaml: architecture[1].id: duplicate architecture feature id "bridge" (first defined in meta.yaml architecture[0])',
    );
    expect(message).toContain(
      'meta.yaml: vectors[0].appliesTo[0]: unknown architecture feature "bridges"; expected one of "bridge"',
    );
  });

  it('says so when a tag names a feature in a catalogue that declares none', () => {
    const meta = META.replace(/architecture:\n.*\n/, '');
    expect(
      problemsOf(loadFiles(['meta.yaml', meta], ['keys.yaml', control('[bridge]')])),
    ).toContain(
      'unknown architecture feature "bridge"; the catalogue declares none (add an "architecture" section)',
    );
  });
});
