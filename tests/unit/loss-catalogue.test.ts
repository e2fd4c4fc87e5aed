import { describe, expect, it } from 'vitest';
import {
  bundledCatalogue,
  loadFiles,
  problemsOf,
  testControlsYaml,
  testMetaYaml,
} from '../fixtures/catalogue.ts';

// The test adds the pools and the vectors.
const META = testMetaYaml({ architecture: true, vectors: null });

const POOLS = `pools:
  - { id: escrow, name: Escrow, description: Locked., holder: protocol, appliesTo: [bridge] }
`;

function load(vectors: string, pools = POOLS) {
  return loadFiles(['meta.yaml', META + pools + vectors], ['keys.yaml', testControlsYaml()]);
}

function problems(vectors: string, pools = POOLS): string {
  return problemsOf(load(vectors, pools));
}

describe('funds pools in the catalogue', () => {
  it('keeps pools and what each vector reaches', () => {
    const result = load(`vectors:
  - { id: key-compromise, name: Key compromise, description: A key is stolen., reaches: [escrow] }
`);
    expect(result.ok && result.value.pools?.map((p) => p.id)).toEqual(['escrow']);
    expect(result.ok && result.value.vectors[0]?.reaches).toEqual(['escrow']);
  });

  it.each([
    [
      'an unknown pool',
      `vectors:
  - { id: key-compromise, name: Key compromise, description: A key is stolen., reaches: [treasury] }
`,
      'meta.yaml: vectors[0].reaches[0]: unknown funds pool "treasury"; expected one of "escrow"',
    ],
    [
      'a pool listed twice',
      `vectors:
  - { id: key-compromise, name: Key compromise, description: A key is stolen., reaches: [escrow, escrow] }
`,
      'meta.yaml: vectors[0].reaches[1]: pool "escrow" is listed twice; list it once',
    ],
    [
      'a vector that says nothing of its reach',
      `vectors:
  - { id: key-compromise, name: Key compromise, description: A key is stolen. }
`,
      'meta.yaml: vectors[0].reaches: expected the funds pools "key-compromise" can take from (one or more of "escrow")',
    ],
    [
      'an amplifier that reaches a pool',
      `vectors:
  - { id: key-compromise, name: Key compromise, description: A key is stolen., reaches: [escrow] }
  - { id: slow, name: Slow, description: Slow., amplifier: true, reaches: [escrow] }
`,
      'meta.yaml: vectors[1].reaches: "slow" is an amplifier, which causes no incident of its own; leave reaches out',
    ],
  ])('rejects %s', (_what, vectors, expected) => {
    expect(problems(vectors)).toContain(expected);
  });

  it('rejects a pool held by a feature the catalogue does not declare', () => {
    const pools = `pools:
  - { id: escrow, name: Escrow, description: Locked., holder: protocol, appliesTo: [bridges] }
`;
    expect(
      problems(
        `vectors:
  - { id: key-compromise, name: Key compromise, description: A key is stolen., reaches: [escrow] }
`,
        pools,
      ),
    ).toContain('meta.yaml: pools[0].appliesTo[0]: unknown architecture feature "bridges"');
  });

  it('the shipped catalogue gives every vector that causes incidents a reach, users\u2019 wallets only through the front end or packages', () => {
    const catalogue = bundledCatalogue();
    const pools = new Map((catalogue.pools ?? []).map((p) => [p.id, p]));
    expect(pools.size).toBeGreaterThanOrEqual(5);
    for (const v of catalogue.vectors) {
      if (v.amplifier === true) expect(v.reaches).toBeUndefined();
      else expect(v.reaches?.length).toBeGreaterThan(0);
    }
    const users = [...pools.values()].filter((p) => p.holder === 'users');
    expect(users.map((p) => p.appliesTo)).toEqual([['front-end', 'packages']]);
  });
});
