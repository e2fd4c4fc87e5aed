import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFrameworks } from '../../src/domain/frameworks/load.ts';
import { crosswalkCoverage } from '../../src/domain/frameworks/summary.ts';
import { loadFrameworksDir } from '../../scripts/build/catalogue-files.ts';
import { bundledCatalogue, repoRoot, tinyCatalogue } from '../fixtures/catalogue.ts';

const catalogue = {
  ...tinyCatalogue([
    {},
    {},
    { references: [{ framework: 'SEAL', id: 'ms-1.1.1', title: 'Owner' }] },
  ]),
  meta: { id: 'opsready-core', name: 'Core', version: '1.0.0', description: 'Test.' },
};

const META = (framework: string) => `crosswalk:
  id: x
  catalogue: opsready-core
  framework: ${framework}
  name: X
  publisher: P
  source: { repository: https://example.org/r, revision: abcdef1, date: 2026-04-17 }
  licence: { name: CC BY-SA 4.0, url: https://creativecommons.org/licenses/by-sa/4.0/ }
  attribution: A
  rule: R
`;

function seal(controls: string, extra = ''): string {
  return `${META('SEAL')}modules:
  - id: multisig-ops
    prefix: ms
    title: Multisig Operations
    version: "1.1"
    revised: 2026-04-17
    path: p.mdx
    sections:
      - id: ms-1
        title: Governance
        controls:
${controls}${extra}`;
}

const OWNER = `          - id: ms-1.1.1
            title: Owner
            description: Is there an owner?
            baselines: [Named]
            satisfiedBy: { rule: all, controls: [{ control: KEY-01, level: 2 }] }
`;

const CCSS = `${META('CCSS')}aspects:
  - id: "1.03"
    title: Key Storage
    category: Cryptographic Asset Management
    components:
      - id: 1.3.2
        title: Backup key exists
        levels:
          - { level: 1, requirement: Backup exists, satisfiedBy: { rule: all, controls: [{ control: KEY-02, level: 1 }] } }
          - { level: 2, requirement: Backup elsewhere, covered: false }
`;

function load(sealText: string, ccssText = CCSS) {
  return loadFrameworks(
    {
      seal: { name: 'controls/crosswalks/seal-sfc.yaml', text: sealText },
      ccss: { name: 'controls/crosswalks/ccss.yaml', text: ccssText },
    },
    catalogue,
  );
}

function problems(sealText: string, ccssText = CCSS): string[] {
  const result = load(sealText, ccssText);
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.problems.map((p) => `${p.source}: ${p.path}: ${p.message}`);
}

describe('loadFrameworks', () => {
  it('loads a valid pair', () => {
    const result = load(seal(OWNER));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.seal.modules[0]?.sections[0]?.controls[0]?.id).toBe('ms-1.1.1');
    expect(crosswalkCoverage(result.value).ccss).toMatchObject({ total: 2, full: 1, none: 1 });
  });

  it('names an unknown control with file, path and line', () => {
    const [p] = problems(seal(OWNER.replace('KEY-01', 'KEY-09')));
    expect(p).toBe(
      'controls/crosswalks/seal-sfc.yaml: modules[0].sections[0].controls[0].satisfiedBy.controls[0].control: unknown control "KEY-09"; expected the id of a control in the catalogue (line 26)',
    );
  });

  it('refuses a control listed twice in one mapping, and a level off the scale', () => {
    const twice = OWNER.replace(
      '[{ control: KEY-01, level: 2 }]',
      '[{ control: KEY-01, level: 2 }, { control: KEY-01, level: 4 }]',
    );
    const found = problems(seal(twice));
    expect(found).toContainEqual(
      expect.stringContaining('satisfiedBy.controls[1].control: control "KEY-01" is listed twice'),
    );
    expect(found).toContainEqual(
      expect.stringContaining(
        'satisfiedBy.controls[1].level: level 4 is above the top of the scale (3)',
      ),
    );
  });

  it('refuses an SFC id outside its section and a duplicate SFC id', () => {
    expect(problems(seal(OWNER.replace('id: ms-1.1.1', 'id: ms-2.1.1')))).toContainEqual(
      expect.stringContaining(
        'controls[0].id: SFC control "ms-2.1.1" is in section "ms-1", so its id must start with "ms-1."',
      ),
    );
    expect(problems(seal(OWNER + OWNER))).toContainEqual(
      expect.stringContaining('controls[1].id: duplicate SFC control id "ms-1.1.1"'),
    );
  });

  it('refuses a requirement that is neither mapped nor marked not covered, and one that is both', () => {
    const neither = OWNER.replace(/ {12}satisfiedBy.*\n/, '');
    expect(problems(seal(neither))).toContainEqual(
      expect.stringContaining('controls[0]: expected `satisfiedBy`'),
    );
    expect(problems(seal(OWNER + '            covered: false\n'))).toContainEqual(
      expect.stringContaining('controls[0].covered: a requirement with `satisfiedBy` is covered'),
    );
  });

  it('refuses a catalogue citation of an SFC id the crosswalk lacks, or with another title', () => {
    expect(problems(seal(OWNER.replace('title: Owner', 'title: Named Owner')))).toContainEqual(
      expect.stringContaining(
        'catalogue control KEY-03 cites "ms-1.1.1" as "Owner"; the SFC title is "Named Owner"',
      ),
    );
    const other = OWNER.replaceAll('ms-1.1.1', 'ms-1.1.2');
    expect(problems(seal(other))).toContainEqual(
      expect.stringContaining('catalogue control KEY-03 cites SFC control "ms-1.1.1"'),
    );
  });

  it('checks CCSS component ids, level order and the schema, with located errors', () => {
    const wrong = CCSS.replace('id: 1.3.2', 'id: 1.4.2');
    expect(problems(seal(OWNER), wrong)).toContainEqual(
      expect.stringContaining(
        'controls/crosswalks/ccss.yaml: aspects[0].components[0].id: component "1.4.2" is in aspect 1.03, so its id must start with "1.3."',
      ),
    );
    const order = CCSS.replace(
      '{ level: 2, requirement: Backup elsewhere',
      '{ level: 1, requirement: Backup elsewhere',
    );
    expect(problems(seal(OWNER), order)).toContainEqual(
      expect.stringContaining('levels[1].level: level 1 follows level 1'),
    );
    const offScale = CCSS.replace('level: 2, requirement', 'level: 4, requirement');
    expect(problems(seal(OWNER), offScale)).toContainEqual(
      expect.stringContaining('levels[1].level: expected a CCSS level of 1, 2 or 3'),
    );
  });

  it('refuses a crosswalk for another catalogue', () => {
    expect(
      problems(seal(OWNER).replace('catalogue: opsready-core', 'catalogue: other')),
    ).toContainEqual(expect.stringContaining('crosswalk.catalogue: maps catalogue "other"'));
  });
});

describe('the shipped crosswalks', () => {
  const text = (f: string) =>
    readFileSync(new URL(`../../controls/crosswalks/${f}`, import.meta.url), 'utf8');

  it('hold the 99 SFC controls of the six modules, with the licence and attribution', () => {
    const seal = text('seal-sfc.yaml');
    const ids = [...seal.matchAll(/^ {10}- id: ([a-z]+-\d+\.\d+\.\d+)$/gm)].map((m) => m[1]);
    expect(ids).toHaveLength(99);
    expect(new Set(ids).size).toBe(99);
    const byPrefix = Object.fromEntries(
      ['ms', 'tro', 'ir', 'dns', 'ida', 'di'].map((p) => [
        p,
        ids.filter((id) => id?.startsWith(`${p}-`)).length,
      ]),
    );
    expect(byPrefix).toEqual({ ms: 24, tro: 23, ir: 13, dns: 16, ida: 8, di: 15 });
    expect(seal).toContain('CC BY-SA 4.0');
    expect(seal).toContain('573baae0709ec5aa32c87fcdeba11e44757e1436');
    expect(text('ccss.yaml')).toContain(
      'Copyright (c) 2016, CryptoCurrency Certification Consortium (C4)',
    );
  });

  it('load against the shipped catalogue, every SFC control either mapped or marked not covered', () => {
    const frameworks = loadFrameworksDir(`${repoRoot}controls`, bundledCatalogue(), repoRoot);
    const counts = crosswalkCoverage(frameworks).seal;
    expect(counts.reduce((n, c) => n + c.total, 0)).toBe(99);
    for (const c of counts) expect(c.full + c.partly + c.none).toBe(c.total);
  });
});
