import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assessmentToJson } from '../../src/domain/assessment/export.ts';
import {
  parseAssessmentFile,
  type ImportedAssessment,
} from '../../src/domain/assessment/import.ts';
import {
  ASSESSMENT_FILE_VERSION,
  FILE_HISTORY,
  legacyAssessmentFileSchemas,
} from '../../src/domain/assessment/schema.ts';
import { knownVersions } from '../../src/domain/persistence/migrations.ts';
import { formatProblems } from '../../src/domain/validation.ts';
import { bundledCatalogue, repoRoot } from '../fixtures/catalogue.ts';

const FIXTURES = `${repoRoot}tests/fixtures/assessment-files`;
const catalogue = bundledCatalogue();

function fixture(version: number): string {
  return readFileSync(`${FIXTURES}/v${String(version)}.json`, 'utf8');
}

function imported(version: number): ImportedAssessment {
  const result = parseAssessmentFile(fixture(version), `v${String(version)}.json`, catalogue);
  if (!result.ok) throw new Error(formatProblems(result.problems));
  return result.value;
}

/** The fixtures are prettier-formatted; the exporter's own layout is JSON.stringify's. */
function asExported(text: string): string {
  return `${JSON.stringify(JSON.parse(text), null, 2)}\n`;
}

describe('every released assessment file format', () => {
  const fixtureVersions = readdirSync(FIXTURES)
    .map((f) => /^v(\d+)\.json$/.exec(f)?.[1])
    .filter((v): v is string => v !== undefined)
    .map(Number)
    .sort((a, b) => a - b);

  it('has a frozen fixture, from format 1 up to the current one', () => {
    expect(fixtureVersions).toEqual(knownVersions(FILE_HISTORY));
    expect(FILE_HISTORY.current).toBe(ASSESSMENT_FILE_VERSION);
  });

  it('has one step and its own schema for each older format', () => {
    const older = knownVersions(FILE_HISTORY).slice(0, -1);
    expect(FILE_HISTORY.steps.map((s) => s.from)).toEqual(older);
    expect(Object.keys(legacyAssessmentFileSchemas).map(Number)).toEqual(older);
  });

  it.each(fixtureVersions)('imports the format %i fixture into the current shape', (v) => {
    const { file, warnings } = imported(v);
    expect(file.formatVersion).toBe(ASSESSMENT_FILE_VERSION);
    expect(warnings).toEqual([]);
  });
});

describe('the format 1 fixture', () => {
  const { file, diff } = imported(1);
  const a = file.assessment;

  it('keeps the details and every answer, with empty per-control meta', () => {
    expect(a).toEqual({
      id: 'b7e1d4a2-6c3f-4e8a-9d21-5f0a7c3e9b64',
      name: 'Q4 2026 baseline',
      organisation: 'Example DAO',
      scope: 'Treasury multisig and bridge',
      assessors: ['A. Auditor', 'K. Osei'],
      catalogue: { id: 'opsready-core', version: '0.1.0' },
      createdAt: '2026-11-24T09:00:00.000Z',
      updatedAt: '2026-11-24T09:40:00.000Z',
      answers: {
        'SIG-02': { status: 'level', level: 2 },
        'KEY-01': {
          status: 'level',
          level: 1,
          notes: 'Two of five signers still on browser wallets.',
        },
        'CUS-01': {
          status: 'na',
          justification: 'Treasury held by an external custodian, out of scope.',
        },
        'DEP-01': { status: 'level', level: 0 },
      },
      meta: {},
    });
    expect('workshop' in a).toBe(false);
    expect('profileId' in a).toBe(false);
  });

  it('was made against the seed catalogue, whose controls 1.0.0 still has', () => {
    expect(diff).toMatchObject({ sameCatalogue: true, versionChanged: true, removed: [] });
    expect(diff.added).toHaveLength(catalogue.controls.length - 4);
  });

  it('is refused with meta, which format 1 could not hold', () => {
    const json = JSON.parse(fixture(1)) as { assessment: Record<string, unknown> };
    json.assessment.meta = { 'KEY-01': { owner: 'Ana' } };
    const result = parseAssessmentFile(JSON.stringify(json), 'v1.json', catalogue);
    expect(result.ok ? '' : formatProblems(result.problems)).toContain(
      'v1.json: assessment: Unrecognized key: "meta"',
    );
  });
});

describe('the format 2 fixture', () => {
  const { file, diff } = imported(2);
  const a = file.assessment;

  it('keeps the answers, the meta and the chosen profile', () => {
    expect(a.answers).toEqual({
      'CUS-01': {
        status: 'na',
        justification: 'Treasury held by an external custodian, out of scope.',
        notes: 'Custody agreement reviewed in Q3.',
      },
      'KEY-01': {
        status: 'level',
        level: 2,
        notes: 'All signers on hardware wallets since October.',
      },
      'KEY-04': { status: 'level', level: 1 },
      'SIG-02': { status: 'level', level: 3 },
    });
    expect(a.meta).toEqual({
      'APR-05': { owner: 'Operations lead' },
      'KEY-01': {
        target: 3,
        owner: 'Security lead',
        evidence: ['https://wiki.example.org/signer-policy', 'Ticket SEC-142'],
        confidence: 'verified',
        revisit: true,
      },
      'KEY-04': { confidence: 'self-reported' },
    });
    expect(a.profileId).toBe('trm-h1-2026');
    expect(a.customProfile).toBeUndefined();
    expect(a.workshop).toBeUndefined();
    // Made against catalogue 1.0.0; 1.1.0 changed profiles only, so no control was removed.
    expect(diff).toEqual({
      sameCatalogue: true,
      versionChanged: true,
      removed: [],
      added: catalogue.controls
        .map((c) => c.id)
        .filter((id) => !(id in a.answers) && !(id in a.meta)),
    });
  });

  it('exports again as the same file, now format 6', () => {
    expect(assessmentToJson(a)).toBe(
      asExported(fixture(2)).replace('"formatVersion": 2', '"formatVersion": 6'),
    );
  });

  it('is refused with a follow-up, which format 2 could not hold', () => {
    const json = JSON.parse(fixture(2)) as {
      assessment: { meta: Record<string, Record<string, unknown>> };
    };
    json.assessment.meta['APR-05'] = { owner: 'Operations lead', followUp: 'Ana: approvals log' };
    const result = parseAssessmentFile(JSON.stringify(json), 'v2.json', catalogue);
    expect(result.ok ? '' : formatProblems(result.problems)).toContain(
      'v2.json: assessment.meta.APR-05: Unrecognized key: "followUp"',
    );
  });
});

describe('the format 3 fixture', () => {
  const { file } = imported(3);
  const a = file.assessment;

  it('keeps the follow-up fields and the edited profile', () => {
    expect(a.answers).toEqual({
      'KEY-01': {
        status: 'level',
        level: 1,
        notes: 'Two of five signers still on browser wallets.',
      },
      'SIG-01': { status: 'level', level: 2 },
    });
    expect(a.meta['KEY-01']).toMatchObject({
      evidenceRequested: true,
      followUp: 'Security lead: signer rotation log',
    });
    expect(a.customProfile?.shares.map((s) => [s.vector, s.incidents, s.loss])).toEqual([
      ['key-compromise', 0.5, 0.6],
      ['signer-social-engineering', 0.3, 0.3],
    ]);
  });

  it('keeps the workshop: agenda, participants, agreements, actions and sign-off', () => {
    const w = a.workshop;
    if (!w) throw new Error('expected a workshop');
    expect(w.agenda).toEqual([
      { domain: 'keys', minutes: 45 },
      { domain: 'signing', minutes: 30 },
    ]);
    expect(w.participants.map((p) => [p.id, p.name, p.role, Object.keys(p.answers)])).toEqual([
      ['p-1', 'Ana', 'team', ['KEY-01', 'SIG-01']],
      ['p-2', 'K. Osei', 'auditor', ['KEY-01']],
    ]);
    expect(w.participants[1]?.answers['KEY-01']).toEqual({
      status: 'level',
      level: 1,
      notes: 'Saw two browser wallets.',
    });
    expect(w.agreements).toEqual({
      'KEY-01': {
        by: ['Ana', 'K. Osei'],
        at: '2026-11-25T10:20:00.000Z',
        answer: {
          status: 'level',
          level: 1,
          notes: 'Two of five signers still on browser wallets.',
        },
      },
    });
    expect(w.actions.map((x) => [x.id, x.controlId, x.priority, x.due])).toEqual([
      ['act-1', 'KEY-01', 'high', '2026-12-15'],
      ['act-2', 'SIG-01', 'low', undefined],
    ]);
    expect(w.signOff).toMatchObject({
      signatories: [{ name: 'A. Auditor', role: 'Lead assessor' }],
      date: '2026-11-25',
      dataSha256: '1'.repeat(64),
    });
  });

  it('is exactly what the exporter writes for it, now format 6', () => {
    expect(assessmentToJson(a)).toBe(
      asExported(fixture(3)).replace('"formatVersion": 3', '"formatVersion": 6'),
    );
  });
});

describe('the format 4 fixture', () => {
  const { file } = imported(4);
  const a = file.assessment;

  it('keeps what the team does not operate', () => {
    expect(a.architecture).toEqual({ notOperated: ['mpc-vendor', 'packages'] });
  });

  it('imports as format 6 once renumbered: what 5 and 6 added is optional', () => {
    expect(assessmentToJson(a)).toBe(
      asExported(fixture(4)).replace('"formatVersion": 4', '"formatVersion": 6'),
    );
  });

  it('is refused as format 3, which could not state an architecture', () => {
    const text = fixture(4).replace('"formatVersion": 4', '"formatVersion": 3');
    const result = parseAssessmentFile(text, 'v3.json', catalogue);
    expect(result.ok ? '' : formatProblems(result.problems)).toContain(
      'v3.json: assessment: Unrecognized key: "architecture"',
    );
  });

  it('is refused naming a feature the catalogue does not declare', () => {
    const text = fixture(4).replace('"packages"', '"sdk"');
    const result = parseAssessmentFile(text, 'v4.json', catalogue);
    expect(result.ok ? '' : formatProblems(result.problems)).toContain(
      'v4.json: assessment.architecture.notOperated[1]: architecture feature "sdk" is not in catalogue opsready-core',
    );
  });
});

describe('the format 5 fixture', () => {
  const { file } = imported(5);
  const a = file.assessment;

  it('keeps the direct framework answers and the workshop follow-up', () => {
    expect(a.frameworks?.seal?.['dns-1.1.1']).toMatchObject({ state: 'na' });
    expect(a.workshop?.actions[0]).toMatchObject({
      status: 'in-progress',
      evidenceLink: 'https://tracker.example.org/SEC-151',
    });
    expect(a.workshop?.agreeing).toEqual(['Ana']);
    expect(a.workshop?.discussed).toEqual({ 'SIG-01': '2026-11-25T10:25:00.000Z' });
    expect(a.workshop?.verifications?.['KEY-01']?.by).toBe('A. Auditor');
  });

  it('imports as format 6 once renumbered: the funds are optional', () => {
    expect(assessmentToJson(a)).toBe(
      asExported(fixture(5)).replace('"formatVersion": 5', '"formatVersion": 6'),
    );
    expect(a.funds).toBeUndefined();
  });

  it.each([
    ['frameworks', 'assessment: Unrecognized key: "frameworks"'],
    [
      'verifications',
      'assessment.workshop: Unrecognized keys: "agreeing", "discussed", "verifications"',
    ],
    [
      'status',
      'assessment.workshop.actions[0]: Unrecognized keys: "status", "evidenceLink", "updatedAt"',
    ],
  ])('is refused as format 4, which could not hold %s', (_what, expected) => {
    const text = fixture(5).replace('"formatVersion": 5', '"formatVersion": 4');
    const result = parseAssessmentFile(text, 'v4.json', catalogue);
    expect(result.ok ? '' : formatProblems(result.problems)).toContain(`v4.json: ${expected}`);
  });
});

describe('the format 6 fixture', () => {
  const { file } = imported(6);
  const a = file.assessment;

  it('keeps the funds, their date and the team\u2019s own base rate', () => {
    expect(a.funds).toEqual({
      asOf: '2026-11-30',
      pools: { custody: 0, 'hot-wallets': 1250000.5, treasury: 12000000 },
      annualIncidents: 0.2,
    });
  });

  it('is exactly what the exporter writes for it', () => {
    expect(assessmentToJson(a)).toBe(asExported(fixture(6)));
  });

  it('is refused as format 5, which could not hold funds', () => {
    const text = fixture(6).replace('"formatVersion": 6', '"formatVersion": 5');
    const result = parseAssessmentFile(text, 'v5.json', catalogue);
    expect(result.ok ? '' : formatProblems(result.problems)).toContain(
      'v5.json: assessment: Unrecognized key: "funds"',
    );
  });

  it.each([
    [-1, 'expected an amount of at least $0'],
    [2e12, 'expected at most $1,000,000,000,000 (one trillion); is a digit extra?'],
    ['12M', 'expected an amount in US dollars, e.g. 25000000'],
  ])('refuses a pool of %s', (usd, expected) => {
    const json = JSON.parse(fixture(6)) as { assessment: { funds: { pools: object } } };
    json.assessment.funds.pools = { treasury: usd };
    const result = parseAssessmentFile(JSON.stringify(json), 'v6.json', catalogue);
    expect(result.ok ? '' : formatProblems(result.problems)).toContain(
      `v6.json: assessment.funds.pools.treasury: ${expected}`,
    );
  });
});
