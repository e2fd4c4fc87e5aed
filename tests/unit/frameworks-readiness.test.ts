import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Answer, Assessment } from '../../src/domain/assessment/schema.ts';
import type { DirectAnswer } from '../../src/domain/frameworks/answer-schema.ts';
import {
  ccssReadiness,
  combine,
  evaluateRequirement,
  factsOf,
  sealReadiness,
  STATUS_CREDIT,
  type RequirementStatus,
} from '../../src/domain/frameworks/readiness.ts';
import { frameworkCoverage } from '../../src/domain/frameworks/coverage.ts';
import type { Frameworks, Requirement } from '../../src/domain/frameworks/schema.ts';
import { tinyAssessment, tinyCatalogue } from '../fixtures/catalogue.ts';

const catalogue = tinyCatalogue([
  { references: [{ framework: 'ISO-27001-2022', id: 'A.8.24', title: 'Use of cryptography' }] },
  {
    appliesTo: ['bridge'],
    references: [
      { framework: 'ISO-27001-2022', id: 'A.8.24' },
      { framework: 'CIS-v8', id: '6.2' },
    ],
  },
  {},
]);
const withBridge = {
  ...catalogue,
  architecture: [{ id: 'bridge', name: 'A bridge', description: 'Cross-chain.' }],
};

const lvl = (level: number): Answer => ({ status: 'level', level });
const na = (justification: string): Answer => ({ status: 'na', justification });

function facts(answers: Assessment['answers'], notOperated: string[] = []) {
  return factsOf(
    withBridge,
    tinyAssessment({
      answers,
      ...(notOperated.length > 0 ? { architecture: { notOperated } } : {}),
    }),
  );
}

const all = {
  satisfiedBy: {
    rule: 'all' as const,
    controls: [
      { control: 'KEY-01', level: 2 },
      { control: 'KEY-02', level: 3 },
    ],
  },
};
const any: Requirement = {
  satisfiedBy: {
    rule: 'any',
    controls: [
      { control: 'KEY-01', level: 2 },
      { control: 'KEY-03', level: 2 },
    ],
  },
};

describe('evaluateRequirement from the catalogue', () => {
  it.each<[string, Assessment['answers'], RequirementStatus]>([
    ['both at level', { 'KEY-01': lvl(2), 'KEY-02': lvl(3) }, 'implemented'],
    ['one at level, one below', { 'KEY-01': lvl(2), 'KEY-02': lvl(2) }, 'partial'],
    ['one at level, one unanswered', { 'KEY-01': lvl(3) }, 'partial'],
    ['both below but above 0', { 'KEY-01': lvl(1), 'KEY-02': lvl(1) }, 'partial'],
    ['one at 0, one unanswered', { 'KEY-01': lvl(0) }, 'unanswered'],
    ['both unanswered', {}, 'unanswered'],
    ['both at 0', { 'KEY-01': lvl(0), 'KEY-02': lvl(0) }, 'not-implemented'],
    [
      'a level off the scale counts as 0',
      { 'KEY-01': lvl(7), 'KEY-02': lvl(0) },
      'not-implemented',
    ],
    ['N/A leaves the list', { 'KEY-01': lvl(2), 'KEY-02': na('No bridge.') }, 'implemented'],
  ])('rule all: %s', (_, answers, status) => {
    expect(evaluateRequirement(all, facts(answers), undefined).status).toBe(status);
  });

  it('rule any: one option at level is enough; an N/A option does not count as met', () => {
    expect(
      evaluateRequirement(any, facts({ 'KEY-03': lvl(2), 'KEY-01': lvl(0) }), undefined).status,
    ).toBe('implemented');
    expect(
      evaluateRequirement(any, facts({ 'KEY-01': na('x'), 'KEY-03': lvl(0) }), undefined).status,
    ).toBe('not-implemented');
  });

  it('carries the N/A justifications, the team’s own and those of what it does not operate', () => {
    const result = evaluateRequirement(
      all,
      facts({ 'KEY-01': na('Keys held by the custodian.') }, ['bridge']),
      undefined,
    );
    expect(result.status).toBe('na');
    expect(result.justification).toBe(
      'KEY-01: Keys held by the custodian.; KEY-02: not operated: A bridge',
    );
  });

  it('ignores a direct answer to a requirement the catalogue covers in full', () => {
    const result = evaluateRequirement(all, facts({}), { state: 'yes' });
    expect(result.status).toBe('unanswered');
    expect(result.directIgnored).toBe(true);
  });
});

describe('direct answers', () => {
  const uncovered: Requirement = { covered: false };
  const partly: Requirement = { ...all, notAssessed: ['Reviewed every 6 months'] };

  it.each<[DirectAnswer | undefined, RequirementStatus]>([
    [{ state: 'yes' }, 'implemented'],
    [{ state: 'partial' }, 'partial'],
    [{ state: 'no', evidence: 'None yet' }, 'not-implemented'],
    [{ state: 'na', justification: 'No multisig.' }, 'na'],
    [undefined, 'unanswered'],
  ])('decide an uncovered requirement: %j', (answer, status) => {
    const result = evaluateRequirement(uncovered, facts({}), answer);
    expect(result.status).toBe(status);
    expect(result.coverage).toBe('none');
  });

  it('combine with the catalogue where it covers only part', () => {
    const met = { 'KEY-01': lvl(2), 'KEY-02': lvl(3) };
    expect(evaluateRequirement(partly, facts(met), undefined).status).toBe('partial');
    expect(evaluateRequirement(partly, facts(met), { state: 'yes' }).status).toBe('implemented');
    expect(evaluateRequirement(partly, facts(met), { state: 'no' }).status).toBe('partial');
    const na = evaluateRequirement(partly, facts(met), {
      state: 'na',
      justification: 'No reviews needed.',
    });
    expect(na.status).toBe('implemented');
    expect(na.justification).toBe('No reviews needed.');
    expect(evaluateRequirement(partly, facts({}), { state: 'yes' }).status).toBe('partial');
    expect(
      evaluateRequirement(partly, facts({ 'KEY-01': lvl(0), 'KEY-02': lvl(0) }), { state: 'no' })
        .status,
    ).toBe('not-implemented');
  });
});

const frameworks: Frameworks = {
  seal: {
    crosswalk: {
      id: 'seal-sfc',
      catalogue: 'tiny',
      framework: 'SEAL',
      name: 'SFC',
      publisher: 'SEAL',
      source: { repository: 'https://example.org', revision: 'abcdef1', date: '2026-04-17' },
      licence: { name: 'CC BY-SA 4.0', url: 'https://example.org/l' },
      attribution: 'A',
      rule: 'R',
    },
    modules: [
      {
        id: 'multisig-ops',
        prefix: 'ms',
        title: 'Multisig Operations',
        version: '1.1',
        revised: '2026-04-17',
        path: 'p',
        sections: [
          {
            id: 'ms-1',
            title: 'Governance',
            controls: [
              {
                id: 'ms-1.1.1',
                title: 'Owner',
                description: 'D',
                baselines: ['B'],
                covered: false,
              },
              { id: 'ms-1.1.2', title: 'Registry', description: 'D', baselines: ['B'], ...all },
            ],
          },
        ],
      },
    ],
  },
  ccss: {
    crosswalk: {
      id: 'ccss',
      catalogue: 'tiny',
      framework: 'CCSS',
      name: 'CCSS',
      publisher: 'C4',
      source: { repository: 'https://example.org', revision: 'c491c98', date: '2022-04-08' },
      licence: { name: 'C4', url: 'https://example.org/l' },
      attribution: 'A',
      rule: 'R',
    },
    aspects: [
      {
        id: '1.05',
        title: 'KCP',
        category: 'C',
        components: [
          {
            id: '1.5.1',
            title: 'KCP exists',
            levels: [
              {
                level: 1,
                requirement: 'r1',
                satisfiedBy: { rule: 'all', controls: [{ control: 'KEY-01', level: 1 }] },
              },
              {
                level: 2,
                requirement: 'r2',
                satisfiedBy: { rule: 'all', controls: [{ control: 'KEY-01', level: 2 }] },
              },
              {
                level: 3,
                requirement: 'r3',
                satisfiedBy: { rule: 'all', controls: [{ control: 'KEY-01', level: 2 }] },
              },
            ],
          },
          {
            id: '1.5.2',
            title: 'Training',
            levels: [{ level: 3, requirement: 'r', covered: false }],
          },
        ],
      },
      {
        id: '1.06',
        title: 'Grant',
        category: 'C',
        components: [
          {
            id: '1.6.1',
            title: 'Checklist',
            levels: [
              {
                level: 1,
                requirement: 'r',
                satisfiedBy: { rule: 'all', controls: [{ control: 'KEY-03', level: 1 }] },
              },
            ],
          },
        ],
      },
    ],
  },
};

describe('modules and CCSS levels', () => {
  it('a module is ready to apply only when every control is implemented or N/A', () => {
    const met = { 'KEY-01': lvl(2), 'KEY-02': lvl(3) };
    expect(sealReadiness(frameworks, facts(met), undefined).modules[0]?.ready).toBe(false);
    const answered = {
      seal: { 'ms-1.1.1': { state: 'na' as const, justification: 'One signer set.' } },
    };
    const ready = sealReadiness(frameworks, facts(met), answered).modules[0];
    expect(ready?.ready).toBe(true);
    expect(ready?.counts).toMatchObject({ implemented: 1, na: 1 });
    const partial = sealReadiness(
      frameworks,
      facts({ 'KEY-01': lvl(2), 'KEY-02': lvl(2) }),
      answered,
    ).modules[0];
    expect(partial?.ready).toBe(false);
    expect(partial?.remaining.map((c) => c.control.id)).toEqual(['ms-1.1.2']);
  });

  it('an aspect reaches the highest level whose requirements, and all below, are met; overall is the lowest', () => {
    const r = ccssReadiness(frameworks, facts({ 'KEY-01': lvl(3), 'KEY-03': lvl(1) }), undefined);
    expect(r.aspects.map((a) => a.level)).toEqual([2, 3]);
    expect(r.aspects[0]?.blocking.map((b) => b.key)).toEqual(['1.5.2/3']);
    expect(r.level).toBe(2);
    expect(r.limiting.map((a) => a.aspect.id)).toEqual(['1.05']);
    const yes = ccssReadiness(frameworks, facts({ 'KEY-01': lvl(3), 'KEY-03': lvl(1) }), {
      ccss: { '1.5.2/3': { state: 'yes' } },
    });
    expect(yes.level).toBe(3);
    expect(ccssReadiness(frameworks, facts({ 'KEY-03': lvl(1) }), undefined).level).toBe(0);
  });
});

describe('statement of applicability', () => {
  it('lists each cited id with the controls behind it and their attainment', () => {
    const assessment = tinyAssessment({ answers: { 'KEY-01': lvl(2), 'KEY-02': lvl(1) } });
    const iso = frameworkCoverage(withBridge, assessment, factsOf(withBridge, assessment))[2];
    expect(iso?.rows).toHaveLength(1);
    expect(iso?.rows[0]).toMatchObject({
      id: 'A.8.24',
      title: 'Use of cryptography',
      status: 'partly',
    });
    expect(
      iso?.rows[0]?.controls.map((c) => [c.control.id, c.level, c.target, c.atTarget]),
    ).toEqual([
      ['KEY-01', 2, 2, true],
      ['KEY-02', 1, 2, false],
    ]);
  });
});

// Properties over random answers.
const ids = ['KEY-01', 'KEY-02', 'KEY-03'] as const;
const answerArb: fc.Arbitrary<Answer | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.integer({ min: 0, max: 3 }).map(lvl),
  fc.constant(na('Not here.')),
);
const answersArb = fc.tuple(answerArb, answerArb, answerArb).map((t) => {
  const out: Record<string, Answer> = {};
  t.forEach((a, i) => {
    if (a !== undefined) out[ids[i] ?? ''] = a;
  });
  return out;
});
const mappingArb: fc.Arbitrary<Requirement> = fc
  .record({
    rule: fc.constantFrom('all' as const, 'any' as const),
    controls: fc.uniqueArray(
      fc.record({ control: fc.constantFrom(...ids), level: fc.integer({ min: 1, max: 3 }) }),
      { minLength: 1, maxLength: 3, selector: (c) => c.control },
    ),
  })
  .chain((satisfiedBy) =>
    fc.oneof(
      fc.constant<Requirement>({ satisfiedBy }),
      fc.constant<Requirement>({ satisfiedBy, notAssessed: ['x'] }),
    ),
  );
const directArb: fc.Arbitrary<DirectAnswer | undefined> = fc.constantFrom(
  undefined,
  { state: 'yes' as const },
  { state: 'partial' as const },
  { state: 'no' as const },
);

describe('properties', () => {
  it('raising a level or answering an unanswered control never lowers the status', () => {
    fc.assert(
      fc.property(
        mappingArb,
        answersArb,
        fc.constantFrom(...ids),
        fc.integer({ min: 0, max: 3 }),
        directArb,
        (req, answers, id, level, direct) => {
          const current = answers[id];
          if (current?.status === 'na') return;
          if (current !== undefined && current.level >= level) return;
          const before = evaluateRequirement(req, facts(answers), direct).status;
          const after = evaluateRequirement(
            req,
            facts({ ...answers, [id]: lvl(level) }),
            direct,
          ).status;
          expect(STATUS_CREDIT[after]).toBeGreaterThanOrEqual(STATUS_CREDIT[before]);
        },
      ),
    );
  });

  it('a better direct answer never lowers the status', () => {
    const order: (DirectAnswer | undefined)[] = [
      undefined,
      { state: 'no' },
      { state: 'partial' },
      { state: 'yes' },
    ];
    fc.assert(
      fc.property(mappingArb, answersArb, fc.integer({ min: 0, max: 2 }), (req, answers, i) => {
        const f = facts(answers);
        const before = evaluateRequirement(req, f, order[i]).status;
        const after = evaluateRequirement(req, f, order[i + 1]).status;
        expect(STATUS_CREDIT[after]).toBeGreaterThanOrEqual(STATUS_CREDIT[before]);
      }),
    );
  });

  it('under rule all, marking a mapped control N/A never turns a passing requirement into a failing one', () => {
    // Partial credit may go with it (the N/A control was the evidence), but passing never does.
    fc.assert(
      fc.property(
        mappingArb,
        answersArb,
        fc.constantFrom(...ids),
        directArb,
        (req, answers, id, direct) => {
          if (req.satisfiedBy?.rule !== 'all') return;
          const before = evaluateRequirement(req, facts(answers), direct).status;
          const after = evaluateRequirement(
            req,
            facts({ ...answers, [id]: na('Does not apply.') }),
            direct,
          ).status;
          if (STATUS_CREDIT[before] === 2) expect(STATUS_CREDIT[after]).toBe(2);
        },
      ),
    );
  });

  it('no requirement with an unanswered part ever reads as implemented', () => {
    fc.assert(
      fc.property(mappingArb, answersArb, directArb, (req, answers, direct) => {
        const result = evaluateRequirement(req, facts(answers), direct);
        if (result.status !== 'implemented') return;
        const applicable = result.controls.filter((c) => c.state !== 'na');
        if (req.satisfiedBy?.rule === 'all')
          expect(applicable.every((c) => c.state === 'level' && c.met)).toBe(true);
        else expect(applicable.some((c) => c.met)).toBe(true);
        if (result.coverage === 'partly') expect(direct?.state).toBe('yes');
      }),
    );
  });

  it('combine is monotone in both arguments', () => {
    const s = fc.constantFrom<RequirementStatus>(
      'implemented',
      'partial',
      'not-implemented',
      'unanswered',
    );
    fc.assert(
      fc.property(s, s, s, (a, b, c) => {
        if (STATUS_CREDIT[b] > STATUS_CREDIT[c]) return;
        expect(STATUS_CREDIT[combine(a, c)]).toBeGreaterThanOrEqual(STATUS_CREDIT[combine(a, b)]);
        expect(STATUS_CREDIT[combine(c, a)]).toBeGreaterThanOrEqual(STATUS_CREDIT[combine(b, a)]);
      }),
    );
  });
});
