import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseAssessmentFile } from '../../src/domain/assessment/import.ts';
import { loadCatalogue } from '../../src/domain/catalogue/load.ts';
import type { Catalogue } from '../../src/domain/catalogue/schema.ts';
import { parseJson } from '../../src/domain/json.ts';
import { catalogToOscal, controlUuid, oscalJson } from '../../src/domain/oscal/catalog-export.ts';
import {
  catalogFromOscal,
  isOscalCatalog,
  MAX_OSCAL_CONTROLS,
} from '../../src/domain/oscal/catalog-import.ts';
import { OPSREADY_UUID_NAMESPACE } from '../../src/domain/oscal/model.ts';
import { emptyParamUse, substituteParams } from '../../src/domain/oscal/prose.ts';
import { resultsToOscal } from '../../src/domain/oscal/results-export.ts';
import { sha1, URL_NAMESPACE, utf8, uuidV5 } from '../../src/domain/oscal/uuid.ts';
import { buildReportModel } from '../../src/domain/report/model.ts';
import { applyArchitecture, effectiveAnswers } from '../../src/domain/scoring/architecture.ts';
import { resolveProfile } from '../../src/domain/threat/resolve.ts';
import type { ReadParam } from '../../src/domain/oscal/catalog-schema.ts';
import { bundledCatalogue, demoAssessmentText, repoRoot } from '../fixtures/catalogue.ts';
import { oscalErrors, oscalValidator } from '../fixtures/oscal/validate.ts';

const FIXTURES = `${repoRoot}tests/fixtures/oscal/`;

// Compiling NIST's schema takes seconds on a loaded machine, and every case below may be first.
beforeAll(() => {
  oscalValidator();
}, 120_000);
const FULL_5_0_1 = 'NIST_SP-800-53_rev5_catalog-5.0.1.json.gz';
const MODERATE_5_1_1 =
  'NIST_SP-800-53_rev5_MODERATE-baseline-resolved-profile_catalog-5.1.1.json.gz';

function fixtureText(name: string): string {
  return gunzipSync(readFileSync(`${FIXTURES}${name}`)).toString('utf8');
}

/** Every `#uuid` link, related observation and risk names something the document defines. */
function danglingReferences(document: unknown): string[] {
  const text = JSON.stringify(document);
  const defined = new Set([...text.matchAll(/"uuid":"([0-9a-f-]{36})"/g)].map((m) => m[1]));
  const used = [
    ...[...text.matchAll(/"href":"#([0-9a-f-]{36})"/g)].map((m) => m[1]),
    ...[...text.matchAll(/"(?:observation|risk)-uuid":"([0-9a-f-]{36})"/g)].map((m) => m[1]),
  ];
  return used.filter((u): u is string => u !== undefined && !defined.has(u));
}

function reload(file: unknown, name = 'converted.opsready.json') {
  return loadCatalogue([{ name, text: JSON.stringify(file) }]);
}

/** What the round trip must give back: a control's every field (incidents are not in OSCAL). */
function comparable(c: Catalogue) {
  return {
    scale: c.scale,
    domains: c.domains,
    vectors: c.vectors,
    architecture: c.architecture ?? [],
    pools: c.pools ?? [],
    controls: c.controls.map((x) => ({ ...x })),
  };
}

describe('UUIDv5 and SHA-1', { timeout: 120_000 }, () => {
  it('computes SHA-1 as node:crypto does, across block boundaries and in any script', () => {
    for (const s of [
      '',
      'abc',
      'a'.repeat(55),
      'a'.repeat(56),
      'a'.repeat(64),
      'ключ 鍵 🔑',
      'x'.repeat(5000),
    ]) {
      expect(Buffer.from(sha1(utf8(s))).toString('hex')).toBe(
        createHash('sha1').update(s, 'utf8').digest('hex'),
      );
    }
  });

  it("gives RFC 9562's version 5 UUIDs (Python's uuid5 of python.org in the DNS namespace)", () => {
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'python.org')).toBe(
      '886313e1-3b8a-5372-9b90-0c9aee199e5d',
    );
    expect(OPSREADY_UUID_NAMESPACE).toBe(
      uuidV5(URL_NAMESPACE, 'https://opsready.example/ns/oscal'),
    );
    expect(OPSREADY_UUID_NAMESPACE).toBe('dcdb7a47-77c1-5de5-aa6e-5ab8f1e18c2d');
  });
});

describe('catalogue out: OSCAL catalog', { timeout: 120_000 }, () => {
  const catalogue = bundledCatalogue();
  const document = catalogToOscal(catalogue, '2030-01-01');

  it('validates against the OSCAL 1.1.3 schema, with every reference resolving', () => {
    expect(oscalErrors(document)).toEqual([]);
    expect(danglingReferences(document)).toEqual([]);
  });

  it('has a group per domain and a control per control, with statement, guidance, objective levels and method', () => {
    const groups = document.catalog.groups;
    expect(groups.map((g) => g.id)).toEqual(catalogue.domains.map((d) => d.id));
    const controls = groups.flatMap((g) => g.controls);
    expect(controls.map((c) => c.id)).toEqual(catalogue.controls.map((c) => c.id));
    const first = controls[0];
    const source = catalogue.controls[0];
    expect(first?.parts.map((p) => p.name)).toEqual([
      'statement',
      'guidance',
      'assessment-objective',
      'assessment-method',
    ]);
    expect(first?.parts[0]?.prose).toBe(source?.objective);
    expect(first?.parts[2]?.parts?.map((p) => p.prose)).toEqual(source?.levels);
    expect(document.catalog.metadata['oscal-version']).toBe('1.1.3');
    // The release date, not the fallback, when the changelog gives one.
    expect(document.catalog.metadata['last-modified']).toBe(
      `${catalogue.meta.changelog?.[0]?.date ?? ''}T00:00:00Z`,
    );
  });

  it('derives the same UUIDs for the same catalogue version, and others for another version', () => {
    expect(oscalJson(catalogToOscal(bundledCatalogue(), '2031-05-05'))).toBe(oscalJson(document));
    const id = catalogue.controls[0]?.id ?? '';
    const next = { ...catalogue, meta: { ...catalogue.meta, version: '9.9.9' } };
    expect(controlUuid(catalogue, id)).toBe(controlUuid(bundledCatalogue(), id));
    expect(controlUuid(next, id)).not.toBe(controlUuid(catalogue, id));
    expect(catalogToOscal(next, '2030-01-01').catalog.uuid).not.toBe(document.catalog.uuid);
  });

  it('round-trips: ours out, in again, gives the same controls and texts and assumes nothing', () => {
    const back = catalogFromOscal(JSON.parse(oscalJson(document)), 'ours.json');
    if (!back.ok) throw new Error(JSON.stringify(back.problems));
    expect(back.value.report.assumptions).toEqual([]);
    expect(back.value.report.opsReadyFields).toBe(true);
    const loaded = reload(back.value.file);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    expect(loaded.value.meta.id).toBe(catalogue.meta.id);
    expect(loaded.value.meta.version).toBe(catalogue.meta.version);
    expect(comparable(loaded.value)).toEqual(comparable(catalogue));
  });
});

describe('catalogue in: NIST SP 800-53 rev 5', { timeout: 120_000 }, () => {
  it('reads the full 5.0.1 catalog (valid OSCAL) as 1,007 controls in 20 domains, withdrawn ones left out', () => {
    const text = fixtureText(FULL_5_0_1);
    const started = performance.now();
    const parsed = parseJson(text, FULL_5_0_1);
    if (!parsed.ok) throw new Error('the fixture must parse');
    const converted = catalogFromOscal(parsed.value, FULL_5_0_1);
    if (!converted.ok) throw new Error(JSON.stringify(converted.problems));
    const loaded = reload(converted.value.file);
    const ms = performance.now() - started;
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems.slice(0, 5)));
    console.log(`800-53 5.0.1: parsed, converted and loaded in ${ms.toFixed(0)} ms`);
    expect(oscalErrors(parsed.value)).toEqual([]);
    expect(loaded.value.controls).toHaveLength(1007);
    expect(converted.value.report.withdrawn).toBe(182);
    expect(loaded.value.domains).toHaveLength(20);
    expect(loaded.value.domains[0]).toMatchObject({
      id: 'ac',
      name: 'Access Control',
      prefix: 'AC',
    });
    // Renumbered in sort order with the catalog's label kept: AC-003 is AC-2(1).
    const ac3 = loaded.value.controls.find((c) => c.id === 'AC-003');
    expect(ac3?.title).toBe('AC-2(1) Automated System Account Management');
    // Parameters: a selection and an assignment, as NIST prints them.
    const ac1 = loaded.value.controls.find((c) => c.id === 'AC-001');
    expect(ac1?.objective).toContain(
      'a. Develop, document, and disseminate to [Assignment: organization-defined personnel or roles]:',
    );
    expect(ac1?.objective).toContain(
      '1. [Selection (one or more): Organization-level; Mission/business process-level; System-level] access control policy that:',
    );
    expect(loaded.value.controls.every((c) => !c.objective.includes('{{'))).toBe(true);
    const assumed = converted.value.report.assumptions.join('\n');
    expect(assumed).toMatch(/Scale: the catalog defines none/);
    expect(assumed).toMatch(/Severity: 1007 of 1007 controls have none; medium is assumed/);
    expect(assumed).toMatch(/Attack vectors: 1007 of 1007 controls name none/);
    // Well inside the 4 MB a stored team catalogue may be.
    expect(JSON.stringify(converted.value.file).length).toBeLessThan(2_000_000);
    // Generous for a loaded CI machine; the README states the time measured.
    expect(ms).toBeLessThan(10_000);
  });

  it('reads 5.1.1 (MODERATE): objectives as the verification, EXAMINE objects as evidence', () => {
    const parsed = parseJson(fixtureText(MODERATE_5_1_1), MODERATE_5_1_1);
    if (!parsed.ok) throw new Error('the fixture must parse');
    expect(oscalErrors(parsed.value)).toEqual([]);
    const converted = catalogFromOscal(parsed.value, MODERATE_5_1_1);
    if (!converted.ok) throw new Error(JSON.stringify(converted.problems));
    const loaded = reload(converted.value.file);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems.slice(0, 5)));
    expect(loaded.value.controls).toHaveLength(287);
    expect(loaded.value.meta.version).toBe('5.1.1');
    expect(converted.value.report.assumptions.join('\n')).toContain(
      'Version: "5.1.1+u4" is not a version like 1.2.0, so it is read as 5.1.1.',
    );
    const ac2 = loaded.value.controls.find((c) => c.title === 'AC-02 Account Management');
    expect(ac2?.verification.split('\n')[0]).toBe('Determine if:');
    expect(ac2?.verification).toContain('AC-02b. account managers are assigned;');
    expect(ac2?.evidence.slice(0, 2)).toEqual([
      'Access control policy',
      'personnel termination policy and procedure',
    ]);
  });
});

describe('parameters', { timeout: 120_000 }, () => {
  const params = new Map<string, ReadParam>([
    ['v', { id: 'v', values: ['90 days'] }],
    ['l', { id: 'l', label: 'organization-defined frequency' }],
    [
      's',
      {
        id: 's',
        select: { 'how-many': 'one-or-more', choice: ['daily', 'every {{ insert: param, l }}'] },
      },
    ],
    ['one', { id: 'one', select: { choice: ['yes', 'no'] } }],
    ['loop', { id: 'loop', values: ['{{ insert: param, loop }}'] }],
  ]);

  it('fills values, lists selections (nested ones too) and marks assignments', () => {
    const use = emptyParamUse();
    expect(
      substituteParams(
        'Rotate {{ insert: param, v }}; review {{insert:param,l}}; log {{ insert: param, s }}; pick {{ insert: param, one }}.',
        params,
        use,
      ),
    ).toBe(
      'Rotate 90 days; review [Assignment: organization-defined frequency]; log [Selection (one or more): daily; every [Assignment: organization-defined frequency]]; pick [Selection: yes; no].',
    );
    expect(use).toMatchObject({ values: 1, selections: 2, assignments: 2 });
  });

  it('names an unknown parameter and cuts a cycle instead of looping', () => {
    const use = emptyParamUse();
    expect(substituteParams('{{ insert: param, nope }}', params, use)).toBe('[Assignment: nope]');
    expect(substituteParams('{{ insert: param, loop }}', params, use)).toBe('[Assignment: loop]');
    expect([...use.unresolved].sort()).toEqual(['loop', 'nope']);
  });
});

describe('catalogue in: hostile and broken files', { timeout: 120_000 }, () => {
  const minimal = (controls: unknown[]): unknown => ({
    catalog: {
      uuid: '11111111-1111-4111-8111-111111111111',
      metadata: { title: 'T', version: '1.0.0', 'oscal-version': '1.1.3' },
      groups: [{ id: 'g', title: 'Group', controls }],
    },
  });

  it('tells an OSCAL catalog from an OpsReady file', () => {
    expect(isOscalCatalog(minimal([]))).toBe(true);
    expect(isOscalCatalog({ controls: [] })).toBe(false);
    expect(isOscalCatalog([])).toBe(false);
    expect(isOscalCatalog(null)).toBe(false);
  });

  it('names the file, the path and what was expected for a wrong type', () => {
    const r = catalogFromOscal(minimal([{ id: 'a-1', title: 5 }]), 'bad.json');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems[0]).toMatchObject({
      source: 'bad.json',
      path: 'catalog.groups[0].controls[0].title',
    });
    expect(r.problems[0]?.message).toMatch(/expected string/);
  });

  it('refuses a control without an id, and an id used twice', () => {
    const noId = catalogFromOscal(minimal([{ title: 'x' }]), 'f.json');
    expect(!noId.ok && noId.problems[0]?.path).toBe('catalog.groups[0].controls[0].id');
    const twice = catalogFromOscal(
      minimal([
        { id: 'a-1', title: 'x' },
        { id: 'a-2', title: 'y', controls: [{ id: 'a-1', title: 'z' }] },
      ]),
      'f.json',
    );
    expect(twice.ok).toBe(false);
    if (twice.ok) return;
    expect(twice.problems[0]?.path).toBe('catalog.groups[0].controls[1].controls[0].id');
    expect(twice.problems[0]?.message).toMatch(
      /duplicate control id "a-1" \(first at catalog\.groups\[0\]\.controls\[0\]\)/,
    );
  });

  it('refuses a catalog nested 100,000 deep without overflowing the stack', () => {
    let part: Record<string, unknown> = { name: 'item', prose: 'x' };
    for (let i = 0; i < 100_000; i++) part = { name: 'item', parts: [part] };
    const r = catalogFromOscal(minimal([{ id: 'a-1', title: 'x', parts: [part] }]), 'deep.json');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems[0]?.message).toMatch(/nested more than 64 levels deep/);
  });

  it('refuses more controls than a browser assessment can hold, and a catalog with none', () => {
    const many = Array.from({ length: MAX_OSCAL_CONTROLS + 1 }, (_, i) => ({
      id: `c-${String(i)}`,
      title: 't',
    }));
    const r = catalogFromOscal(minimal(many), 'huge.json');
    expect(!r.ok && r.problems[0]?.message).toMatch(/5001 controls; at most 5000/);
    const none = catalogFromOscal(minimal([]), 'empty.json');
    expect(!none.ok && none.problems[0]?.message).toMatch(/has no controls/);
  });

  it('refuses an OpsReady prop with a value OpsReady does not know, at its path', () => {
    const r = catalogFromOscal(
      minimal([
        {
          id: 'a-1',
          title: 'x',
          props: [{ name: 'severity', ns: 'https://opsready.example/ns/oscal', value: 'extreme' }],
        },
      ]),
      'p.json',
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems[0]).toMatchObject({ path: 'catalog.groups[0].controls[0].props[0].value' });
    expect(r.problems[0]?.message).toMatch(/expected one of low, medium, high, critical/);
  });

  it('turns a bare minimal catalog into a catalogue that loads, saying what it assumed', () => {
    const r = catalogFromOscal(minimal([{ id: 'a-1', title: 'Only control' }]), 'm.json');
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const loaded = reload(r.value.file);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    // The group's title "Group" gives the prefix: its id "g" is one letter, too short for one.
    expect(loaded.value.controls[0]).toMatchObject({
      id: 'GRO-001',
      title: 'Only control',
      baseline: 2,
    });
    expect(r.value.report.assumptions.length).toBeGreaterThan(5);
  });
});

describe('assessment results out', { timeout: 120_000 }, () => {
  const catalogue = bundledCatalogue();
  const parsed = parseAssessmentFile(demoAssessmentText(), 'demo.json', catalogue);
  if (!parsed.ok) throw new Error('the demo must parse');
  const demo = parsed.value.file.assessment;
  const effective = effectiveAnswers(
    applyArchitecture(catalogue, new Set(demo.architecture?.notOperated ?? [])),
    demo.answers,
  );
  const results = (assessment = demo) => {
    const model = buildReportModel({
      catalogue,
      assessment,
      profile: resolveProfile(catalogue, assessment),
      reportDate: '2026-12-01',
    });
    return {
      model,
      document: resultsToOscal({ catalogue, assessment, model, dataSha256: 'a'.repeat(64) }),
    };
  };

  it("validates against the OSCAL 1.1.3 schema for the demo, and for the demo's signed baseline", () => {
    const { document } = results();
    expect(oscalErrors(document)).toEqual([]);
    expect(danglingReferences(document)).toEqual([]);
    const baseline = parseAssessmentFile(
      readFileSync(`${repoRoot}public/demo/halcyon-baseline.json`, 'utf8'),
      'baseline.json',
      catalogue,
    );
    if (!baseline.ok) throw new Error('the baseline must parse');
    const signed = results(baseline.value.file.assessment).document;
    expect(oscalErrors(signed)).toEqual([]);
    const text = JSON.stringify(signed);
    expect(text).toContain('"attestations"');
    expect(text).toContain(
      baseline.value.file.assessment.workshop?.signOff?.dataSha256 ?? 'missing',
    );
  });

  it('has one result, a finding per control, a risk per gap, and observations by confidence', () => {
    const { document, model } = results();
    const ar = document['assessment-results'] as { results: Record<string, unknown[]>[] };
    expect(ar.results).toHaveLength(1);
    const result = ar.results[0] ?? {};
    const findings = result.findings as {
      title: string;
      target: Record<string, unknown>;
      props: { name: string; value: string }[];
    }[];
    expect(findings).toHaveLength(catalogue.controls.length);
    expect(result.risks).toHaveLength(model.gaps.length);
    for (const f of findings) {
      const id = f.title.split(' ')[0] ?? '';
      // As the report reads it: a control for what the team does not operate is N/A with that reason.
      const answer = effective[id];
      const status = (f.target.status as { state: string }).state;
      const level = f.props.find((p) => p.name === 'maturity-level')?.value;
      const target = Number(f.props.find((p) => p.name === 'target-level')?.value);
      if (answer?.status === 'level') {
        expect(level).toBe(String(answer.level));
        expect(status).toBe(answer.level >= target ? 'satisfied' : 'not-satisfied');
      }
      if (answer?.status === 'na') {
        expect(f.target['implementation-status']).toEqual({
          state: 'not-applicable',
          remarks: answer.justification,
        });
      }
      if (answer === undefined) expect(status).toBe('not-satisfied');
    }
    const observations = result.observations as { title: string; methods: string[] }[];
    for (const o of observations) {
      const id = o.title.split(' ')[0] ?? '';
      const verified =
        demo.meta[id]?.confidence === 'verified' ||
        demo.workshop?.verifications?.[id] !== undefined;
      expect(o.methods).toEqual([verified ? 'EXAMINE' : 'INTERVIEW']);
    }
    expect(observations.some((o) => o.methods[0] === 'EXAMINE')).toBe(true);
    expect(observations.some((o) => o.methods[0] === 'INTERVIEW')).toBe(true);
  });

  it('writes the same document for the same assessment', () => {
    expect(oscalJson(results().document)).toBe(oscalJson(results().document));
  });
});
