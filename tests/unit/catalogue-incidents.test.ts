import { describe, expect, it } from 'vitest';
import { catalogueCoverage, incidentsForControl } from '../../src/domain/catalogue/coverage.ts';
import { formatProblems } from '../../src/domain/validation.ts';
import {
  bundledCatalogue,
  KEY_COMPROMISE_YAML,
  loadFiles as load,
  problemsOf,
  testControlsYaml,
  testMetaYaml,
} from '../fixtures/catalogue.ts';

const META =
  testMetaYaml({
    version: '1.1.0',
    catalogueExtra:
      "  changelog:\n    - { version: 1.1.0, date: '2026-11-25', changes: [Added incidents.] }\n",
    levels: 3,
    vectors:
      KEY_COMPROMISE_YAML +
      '  - { id: slow-response, name: Slow response, description: Late reaction., amplifier: true }\n',
  }) + testControlsYaml({ levels: 3 });

const INCIDENT = `incidents:
  - id: example-2024
    name: Example theft
    date: '2024-05'
    victim: An exchange
    loss: { usd: 1000000, note: About $1M (example). }
    summary: A key was stolen.
    rootCause: Key on a laptop.
    vectors: [key-compromise]
    steps:
      - title: Laptop infected
        description: Malware on a laptop.
        breaks: []
      - title: Key used
        description: The key signed a withdrawal.
        vector: key-compromise
        breaks:
          - { control: KEY-01, level: 2, effect: prevents, holder: team, kind: technical }
    sources:
      - { title: Example post-mortem, url: 'https://example.org/pm' }
`;

const PROFILE = `profiles:
  - id: example
    name: Example
    period: '2024'
    description: Example profile.
    sources:
      - { id: src, title: A report }
    shares:
      - vector: key-compromise
        incidents: 0.5
        loss: 0.8
        incidentsBasis: reported
        lossBasis: reported
        sources: [src]
        note: From the report.
    remainder: { name: Other, note: Everything else. }
`;

describe('incidents, changelog and profiles in catalogue files', () => {
  it('loads a catalogue with an incident and a profile', () => {
    const r = load(['meta.yaml', META], ['incidents.yaml', INCIDENT], ['p.yaml', PROFILE]);
    if (!r.ok) throw new Error(formatProblems(r.problems));
    expect(r.value.incidents.map((i) => i.id)).toEqual(['example-2024']);
    expect(r.value.profiles.map((p) => p.id)).toEqual(['example']);
    expect(incidentsForControl(r.value, 'KEY-01').map((i) => i.id)).toEqual(['example-2024']);
    expect(r.value.vendorAssurance).toBeUndefined();
    const assured = load(
      ['meta.yaml', META],
      ['incidents.yaml', `vendorAssurance: [KEY-01]\n${INCIDENT}`],
    );
    if (!assured.ok) throw new Error(formatProblems(assured.problems));
    expect(assured.value.vendorAssurance).toEqual(['KEY-01']);
  });

  it('gives every bundled break a holder and a kind, and every uncertain one its reason', () => {
    const bundled = bundledCatalogue();
    expect(bundled.vendorAssurance).toEqual(['DEP-07', 'CUS-08']);
    const breaks = bundled.incidents.flatMap((i) => i.steps.flatMap((s) => s.breaks));
    expect(breaks.length).toBeGreaterThan(90);
    for (const b of breaks) {
      expect(['team', 'vendor']).toContain(b.holder);
      expect(['technical', 'procedure', 'training']).toContain(b.kind);
      expect(b.uncertain === true).toBe(b.because !== undefined);
    }
    // SIG-10 is signer training wherever it is named.
    expect(new Set(breaks.filter((b) => b.control === 'SIG-10').map((b) => b.kind))).toEqual(
      new Set(['training']),
    );
  });

  it.each([
    [
      'an incident step broken by an unknown control',
      INCIDENT.replace('control: KEY-01', 'control: KEY-99'),
      'incidents.yaml: incidents[0].steps[1].breaks[0].control: unknown control "KEY-99"',
    ],
    [
      'a break level above the scale',
      INCIDENT.replace('level: 2, effect', 'level: 3, effect'),
      'incidents.yaml: incidents[0].steps[1].breaks[0].level: level 3 is above the top of the scale (2)',
    ],
    [
      'a break that does not say who holds the control',
      INCIDENT.replace(', holder: team', ''),
      'incidents.yaml: incidents[0].steps[1].breaks[0].holder: ',
    ],
    [
      'a break kind outside the three',
      INCIDENT.replace('kind: technical', 'kind: magic'),
      'incidents.yaml: incidents[0].steps[1].breaks[0].kind: ',
    ],
    [
      'an uncertain break without its reason',
      INCIDENT.replace('kind: technical }', 'kind: technical, uncertain: true }'),
      'incidents.yaml: incidents[0].steps[1].breaks[0].because: an uncertain break must say why: add `because`',
    ],
    [
      'a reason on a break not marked uncertain',
      INCIDENT.replace('kind: technical }', 'kind: technical, because: Unknown. }'),
      'incidents.yaml: incidents[0].steps[1].breaks[0].uncertain: `because` explains an uncertain break; add `uncertain: true` or drop `because`',
    ],
    [
      'a vendor-assurance answer naming an unknown control',
      `vendorAssurance: [KEY-99]\n${INCIDENT}`,
      'incidents.yaml: vendorAssurance[0]: unknown control "KEY-99"',
    ],
    [
      'a vendor-held break naming a vendor-assurance answer',
      `vendorAssurance: [KEY-01]\n${INCIDENT.replace('holder: team', 'holder: vendor')}`,
      'incidents.yaml: incidents[0].steps[1].breaks[0].holder: control "KEY-01" is a vendor-assurance answer; a vendor-held break cannot name it',
    ],
    [
      'an incident with an unknown vector',
      INCIDENT.replace('vectors: [key-compromise]', 'vectors: [telepathy]'),
      'incidents.yaml: incidents[0].vectors[0]: unknown attack vector "telepathy"',
    ],
    [
      'a malformed date',
      INCIDENT.replace("date: '2024-05'", "date: 'May 2024'"),
      'incidents.yaml: incidents[0].date: expected a date like "2025-02-21"',
    ],
    [
      'a source that is not an http(s) URL',
      INCIDENT.replace("'https://example.org/pm'", "'javascript:alert(1)'"),
      'incidents.yaml: incidents[0].sources[0].url: expected an http(s) URL',
    ],
  ])('rejects %s', (_what, incident, expected) => {
    expect(problemsOf(load(['meta.yaml', META], ['incidents.yaml', incident]))).toContain(expected);
  });

  it.each([
    [
      'shares above 1',
      PROFILE.replace('loss: 0.8', 'loss: 1.2'),
      'p.yaml: profiles[0].shares[0].loss: expected a share between 0 and 1',
    ],
    [
      'a partial profile without a named remainder',
      PROFILE.replace('    remainder: { name: Other, note: Everything else. }\n', ''),
      'p.yaml: profiles[0].remainder: shares add up to 0.5000 of incidents and 0.8000 of loss; name what the remainder is',
    ],
    [
      'a reported figure without a source',
      PROFILE.replace('        sources: [src]\n', ''),
      'p.yaml: profiles[0].shares[0].sources: a reported figure must name at least one source id',
    ],
    [
      'a source id the profile does not define',
      PROFILE.replace('sources: [src]', 'sources: [elsewhere]'),
      'p.yaml: profiles[0].shares[0].sources[0]: unknown source "elsewhere"',
    ],
    [
      'a share for an amplifier',
      PROFILE.replace('vector: key-compromise', 'vector: slow-response'),
      'p.yaml: profiles[0].shares[0].vector: "slow-response" is an amplifier, not a cause of incidents',
    ],
    [
      'a share for an unknown vector',
      PROFILE.replace('vector: key-compromise', 'vector: telepathy'),
      'p.yaml: profiles[0].shares[0].vector: unknown attack vector "telepathy"',
    ],
  ])('rejects a profile with %s', (_what, profile, expected) => {
    expect(problemsOf(load(['meta.yaml', META], ['p.yaml', profile]))).toContain(expected);
  });

  it('rejects a profile that weights a vector no control addresses', () => {
    const meta = META.replace(
      '  - { id: slow-response',
      '  - { id: insider, name: Insider, description: Abuse of access. }\n  - { id: slow-response',
    );
    const profile = PROFILE.replace('vector: key-compromise', 'vector: insider');
    expect(problemsOf(load(['meta.yaml', meta], ['p.yaml', profile]))).toContain(
      'p.yaml: profiles[0].shares[0].vector: profile "example" weights "insider", but no control addresses it',
    );
  });

  it('rejects a control that only addresses amplifiers', () => {
    const meta = META.replace(
      '{ vector: key-compromise, effects: [prevents] }',
      '{ vector: slow-response, effects: [speeds-response] }',
    );
    expect(problemsOf(load(['meta.yaml', meta]))).toContain(
      'meta.yaml: controls[0].vectors: control "KEY-01" only addresses amplifier vectors (slow-response)',
    );
  });

  it('rejects a changelog whose newest entry is not the current version', () => {
    const meta = META.replace('version: 1.1.0\n  description', 'version: 1.2.0\n  description');
    expect(problemsOf(load(['meta.yaml', meta]))).toContain(
      'meta.yaml: catalogue.changelog[0].version: the newest changelog entry is for 1.1.0, but the catalogue version is 1.2.0',
    );
  });
});

describe('the bundled catalogue as the issue asks for it', () => {
  const catalogue = bundledCatalogue();
  const cov = catalogueCoverage(catalogue);

  it('has at least 12 controls in each of the six domains', () => {
    expect(cov.domains).toHaveLength(6);
    for (const d of cov.domains) expect(d.controls, d.name).toBeGreaterThanOrEqual(12);
    expect(cov.controls).toBeGreaterThanOrEqual(72);
  });

  it('maps every control to a cause vector, and every weighted vector to a control', () => {
    const causes = new Set(catalogue.vectors.filter((v) => v.amplifier !== true).map((v) => v.id));
    for (const c of catalogue.controls) {
      expect(
        c.vectors.some((v) => causes.has(v.vector)),
        c.id,
      ).toBe(true);
    }
    for (const p of catalogue.profiles) {
      for (const s of p.shares.filter((x) => x.loss > 0)) {
        const addressed = catalogue.controls.some((c) =>
          c.vectors.some((v) => v.vector === s.vector),
        );
        expect(addressed, `${p.id} ${s.vector}`).toBe(true);
      }
    }
  });

  it('has the required real incidents, each with a sourced attack path', () => {
    const ids = catalogue.incidents.map((i) => i.id);
    expect(ids.length).toBeGreaterThanOrEqual(10);
    for (const needed of ['ronin', 'bybit', 'radiant', 'wazirx', 'dmm', 'drift', 'kelp']) {
      expect(
        ids.some((id) => id.includes(needed)),
        needed,
      ).toBe(true);
    }
    for (const i of catalogue.incidents) {
      expect(i.sources.length, i.id).toBeGreaterThan(0);
      expect(
        i.steps.some((s) => s.breaks.length > 0),
        i.id,
      ).toBe(true);
    }
  });

  it('has a default profile first whose shares come from the TRM figures', () => {
    const p = catalogue.profiles[0];
    expect(p?.id).toBe('trm-h1-2026');
    expect(p?.default).toBe(true);
    expect(p?.population).toMatchObject({
      incidents: 207,
      lossUsd: 972e6,
      medianUsd: 219e3,
      meanUsd: 4.7e6,
    });
    const share = (v: string) => p?.shares.find((s) => s.vector === v);
    // Smart-contract exploits: 125 of 207 incidents.
    expect(share('smart-contract-exploit')?.incidents).toBeCloseTo(125 / 207, 4);
    // The operational classes add up to about 15% of incidents and 76% of loss.
    const operational = p?.shares.filter((s) => s.vector !== 'smart-contract-exploit') ?? [];
    expect(operational.reduce((t, s) => t + s.incidents, 0)).toBeCloseTo(0.15, 6);
    expect(operational.reduce((t, s) => t + s.loss, 0)).toBeCloseTo(0.76, 6);
    // Drift ($285M) and KelpDAO ($292M) are split by the profile's one attribution rule: a third
    // of Drift's loss on social engineering, half of KelpDAO's on the bridge, the rest alike.
    expect(share('signer-social-engineering')?.loss).toBeCloseTo(285 / 972 / 3, 4);
    expect(share('bridge-validator-compromise')?.loss).toBeCloseTo(292 / 972 / 2, 4);
    const splitTotal = (incident: string) =>
      (p?.splits ?? [])
        .filter((s) => s.incident === incident)
        .flatMap((s) => s.vectors.map((v) => (s.lossUsd * v.fraction) / 972e6))
        .reduce((t, x) => t + x, 0);
    expect(splitTotal('drift-2026')).toBeCloseTo(285 / 972, 6);
    expect(splitTotal('kelpdao-rseth-2026')).toBeCloseTo(292 / 972, 6);
  });

  it('has a changelog entry for its version', () => {
    expect(catalogue.meta.changelog?.[0]?.version).toBe(catalogue.meta.version);
  });
});
