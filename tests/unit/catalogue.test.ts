import { describe, expect, it } from 'vitest';
import {
  BUILT_IN_CATALOGUE_ID,
  claimsBuiltInId,
  MAX_CATALOGUE_BYTES,
  oversizedCatalogueFiles,
} from '../../src/domain/catalogue/team.ts';
import { readCatalogueFiles } from '../../scripts/build/catalogue-files.ts';
import {
  bundledCatalogue,
  loadFiles as load,
  problemsOf,
  repoRoot,
  testControlsYaml,
  testMetaYaml,
} from '../fixtures/catalogue.ts';

const META = testMetaYaml({ levels: 3 });

const control = (extra = ''): string => testControlsYaml({ levels: 3, extra });

describe('the bundled catalogue', () => {
  const catalogue = bundledCatalogue();

  it('loads with every domain populated', () => {
    expect(catalogue.domains.map((d) => d.id)).toEqual([
      'keys',
      'custody',
      'signing',
      'approvals',
      'dependencies',
      'incident-response',
    ]);
    for (const domain of catalogue.domains) {
      expect(catalogue.controls.filter((c) => c.domain === domain.id).length).toBeGreaterThan(0);
    }
  });

  it('uses every attack vector it defines', () => {
    const used = new Set(catalogue.controls.flatMap((c) => c.vectors.map((v) => v.vector)));
    expect(catalogue.vectors.map((v) => v.id).filter((id) => !used.has(id))).toEqual([]);
  });

  it('names files relative to the repository', () => {
    const names = readCatalogueFiles(`${repoRoot}controls`, repoRoot).map((f) => f.name);
    expect(names).toContain('controls/catalogue.yaml');
  });

  it('has the id a team catalogue may not take, and files within the size a team file may have', () => {
    expect(catalogue.meta.id).toBe(BUILT_IN_CATALOGUE_ID);
    expect(claimsBuiltInId(catalogue, [{ name: 'team.yaml' }])).toEqual([
      {
        source: 'team.yaml',
        path: 'catalogue.id',
        message: `"opsready-core" is the built-in catalogue's id; give your catalogue its own id so the two can be told apart`,
      },
    ]);
    const files = readCatalogueFiles(`${repoRoot}controls`, repoRoot);
    const sizes = files.map((f) => ({ name: f.name, size: f.text.length }));
    expect(oversizedCatalogueFiles(sizes, 'characters')).toEqual([]);
    expect(
      oversizedCatalogueFiles([{ name: 'big.yaml', size: MAX_CATALOGUE_BYTES + 1 }], 'characters'),
    ).toEqual([
      {
        source: 'big.yaml',
        path: '(root)',
        message: 'file is too large (4194305 characters; at most 4194304 accepted)',
      },
    ]);
  });
});

describe('loadCatalogue', () => {
  it('merges sections from several files, in any order', () => {
    const a = load(['meta.yaml', META], ['keys.yaml', control()]);
    const b = load(['keys.yaml', control()], ['meta.yaml', META]);
    expect(a.ok).toBe(true);
    expect(b).toEqual(a);
  });

  it('accepts JSON files', () => {
    const json = JSON.stringify({ controls: [] });
    expect(load(['meta.yaml', META], ['keys.yaml', control()], ['extra.json', json]).ok).toBe(true);
  });

  it.each([
    [
      'a duplicate control id, naming both places',
      [
        ['a.yaml', control()],
        ['b.yaml', control()],
      ],
      'b.yaml: controls[0].id: duplicate control id "KEY-01" (first defined in a.yaml controls[0])',
    ],
    [
      'an unknown attack vector',
      [['keys.yaml', control().replace('vector: key-compromise', 'vector: telepathy')]],
      'keys.yaml: controls[0].vectors[0].vector: unknown attack vector "telepathy"; expected one of "key-compromise"',
    ],
    [
      'a missing level descriptor',
      [
        [
          'keys.yaml',
          control().replace(
            '[No hardware, Some signers, All signers]',
            '[No hardware, Some signers]',
          ),
        ],
      ],
      'keys.yaml: controls[0].levels: control "KEY-01" has 2 level descriptors; expected 3',
    ],
    [
      'a wrong type, with the line',
      [['keys.yaml', control().replace('baseline: 2', 'baseline: high')]],
      'keys.yaml: controls[0].baseline: Invalid input: expected number, received string (line 8)',
    ],
    [
      'an unknown field',
      [['keys.yaml', control('    owner: Alice\n')]],
      'keys.yaml: controls[0]: Unrecognized key: "owner"',
    ],
    [
      'a bad severity',
      [['keys.yaml', control().replace('severity: critical', 'severity: urgent')]],
      'keys.yaml: controls[0].severity: Invalid option: expected one of "low"|"medium"|"high"|"critical"',
    ],
    [
      'an id that does not match its domain',
      [['keys.yaml', control().replace('id: KEY-01', 'id: SIG-01')]],
      'keys.yaml: controls[0].id: control "SIG-01" is in domain "keys", so its id must start with "KEY-"',
    ],
    [
      'a baseline above the scale',
      [['keys.yaml', control().replace('baseline: 2', 'baseline: 3')]],
      'keys.yaml: controls[0].baseline: baseline 3 is above the top of the scale (2)',
    ],
    [
      'an unknown domain',
      [['keys.yaml', control().replace('domain: keys', 'domain: vaults')]],
      'keys.yaml: controls[0].domain: unknown domain "vaults"; expected one of "keys"',
    ],
    [
      'the same vector listed twice in one control',
      [
        [
          'keys.yaml',
          control().replace(
            '- { vector: key-compromise, effects: [prevents] }',
            '- { vector: key-compromise, effects: [prevents] }\n      - { vector: key-compromise, effects: [detects] }',
          ),
        ],
      ],
      'keys.yaml: controls[0].vectors[1].vector: attack vector "key-compromise" is listed twice',
    ],
  ] as const)('rejects %s', (_what, files, expected) => {
    const message = problemsOf(
      load(['meta.yaml', META], ...files.map(([n, t]): [string, string] => [n, t])),
    );
    expect(message).toContain(expected);
  });

  it('points cross-file problems at their line too', () => {
    const message = problemsOf(
      load(
        ['meta.yaml', META],
        ['keys.yaml', control().replace('vector: key-compromise', 'vector: x')],
      ),
    );
    expect(message).toMatch(/keys\.yaml: controls\[0\]\.vectors\[0\]\.vector: .* \(line 12\)$/m);
  });

  it('rejects bad YAML with file, line and column', () => {
    const message = problemsOf(
      load(['meta.yaml', META], ['keys.yaml', 'controls:\n  - id: [KEY-01\n']),
    );
    expect(message).toMatch(/^keys\.yaml: line \d+, column \d+: not valid YAML/m);
  });

  it('rejects duplicate keys in one mapping', () => {
    const message = problemsOf(load(['meta.yaml', META + 'vectors: []\n']));
    expect(message).toMatch(
      /meta\.yaml: line \d+, column \d+: not valid YAML: Map keys must be unique/,
    );
  });

  it('does not run custom tags', () => {
    const message = problemsOf(
      load(['meta.yaml', META], ['keys.yaml', 'controls: !!js/function "function(){}"\n']),
    );
    expect(message).toContain('keys.yaml: line 1');
  });

  it('refuses alias expansion beyond a small limit (billion laughs)', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 0; i < 8; i += 1) {
      const prev = String.fromCharCode(97 + i);
      const next = String.fromCharCode(98 + i);
      lines.push(
        `${next}: &${next} [*${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}]`,
      );
    }
    const message = problemsOf(load(['bomb.yaml', lines.join('\n')]));
    expect(message).toContain('bomb.yaml: (root): not valid YAML');
  });

  it('requires exactly one catalogue header and scale', () => {
    expect(problemsOf(load(['keys.yaml', control()]))).toContain(
      '(catalogue): catalogue: no file defines "catalogue"',
    );
    expect(
      problemsOf(load(['a.yaml', META], ['b.yaml', META.replace(/domains:[\s\S]*/, '')])),
    ).toContain('b.yaml: catalogue: "catalogue" is already defined in a.yaml');
  });

  it('requires the scale to run 0, 1, 2 … without gaps', () => {
    const message = problemsOf(
      load(['meta.yaml', META.replace('level: 2', 'level: 5')], ['keys.yaml', control()]),
    );
    expect(message).toContain('meta.yaml: scale[2].level: expected level 2');
  });

  it('reports a domain with no controls', () => {
    const withCustody = META.replace(
      'domains:\n',
      'domains:\n  - { id: custody, name: Custody, prefix: CUS, description: Custody. }\n',
    );
    expect(problemsOf(load(['meta.yaml', withCustody], ['keys.yaml', control()]))).toContain(
      'meta.yaml: domains[0]: domain "custody" has no controls',
    );
  });

  it('rejects two domains with the same id prefix', () => {
    const twoKeys = META.replace(
      'domains:\n',
      'domains:\n  - { id: vaults, name: Vaults, prefix: KEY, description: Vaults. }\n',
    );
    expect(problemsOf(load(['meta.yaml', twoKeys], ['keys.yaml', control()]))).toContain(
      'meta.yaml: domains[1].prefix: prefix "KEY" is already used by domain "vaults"',
    );
  });

  it('caps the scale at 0–10, the levels an answer can hold', () => {
    const levels = Array.from(
      { length: 12 },
      (_, i) => `  - { level: ${i}, name: L${i}, meaning: M. }`,
    );
    const long = META.replace(/scale:\n(?: {2}- .*\n)+/, `scale:\n${levels.join('\n')}\n`);
    expect(problemsOf(load(['meta.yaml', long], ['keys.yaml', control()]))).toContain(
      'meta.yaml: scale: expected at most 11 levels (0–10)',
    );
  });

  it('caps the version at 64 characters, located at its line', () => {
    const long = META.replace('version: 1.0.0', `version: 1.0.0-${'a'.repeat(60)}`);
    expect(problemsOf(load(['meta.yaml', long], ['keys.yaml', control()]))).toContain(
      'meta.yaml: catalogue.version: expected at most 64 characters (line 4)',
    );
    const fits = META.replace('version: 1.0.0', `version: 1.0.0-${'a'.repeat(58)}`);
    expect(load(['meta.yaml', fits], ['keys.yaml', control()]).ok).toBe(true);
  });

  it('reports an empty set of files', () => {
    expect(problemsOf(load())).toContain('no catalogue files found');
  });
});
