import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { loadFrameworksDir } from '../../scripts/build/catalogue-files.ts';
import { frameworkCoverage } from '../../src/domain/frameworks/coverage.ts';
import {
  CHECKLIST_HEADER,
  checklistName,
  sealChecklistCsv,
  sealChecklistJson,
  sealChecklistXlsx,
  soaCsv,
} from '../../src/domain/frameworks/export.ts';
import { factsOf, sealReadiness } from '../../src/domain/frameworks/readiness.ts';
import { withFrameworkAnswer } from '../../src/domain/frameworks/changes.ts';
import { reportDocument } from '../../src/domain/report/document.ts';
import { readinessBlocks } from '../../src/domain/report/document-readiness.ts';
import { reportMarkdown } from '../../src/domain/report/markdown.ts';
import { buildReportModel } from '../../src/domain/report/model.ts';
import type { Assessment } from '../../src/domain/assessment/schema.ts';
import { repoRoot } from '../fixtures/catalogue.ts';
import { demoInputs } from '../fixtures/demo.ts';

const { catalogue, demo, profile } = demoInputs();
const frameworks = loadFrameworksDir(`${repoRoot}controls`, catalogue, repoRoot);
const model = (assessment = demo) =>
  buildReportModel({ catalogue, assessment, profile, reportDate: '2026-12-01', frameworks });

describe('framework readiness in the report', () => {
  it('is left out without crosswalks, and for an assessment of another catalogue', () => {
    const without = buildReportModel({
      catalogue,
      assessment: demo,
      profile,
      reportDate: '2026-12-01',
    });
    expect(without.frameworks).toBeNull();
    expect(readinessBlocks(without)).toEqual([]);
    const other = { ...demo, catalogue: { id: 'team-own', version: '1.0.0' } };
    expect(model(other).frameworks).toBeNull();
  });

  it('counts each module as the readiness rules do, and no module of the demo is ready', () => {
    const f = model().frameworks;
    expect(f).not.toBeNull();
    if (f === null) return;
    const direct = sealReadiness(frameworks, factsOf(catalogue, demo), demo.frameworks);
    expect(
      f.modules.map((m) => [m.implemented, m.partial, m.notImplemented, m.na, m.unanswered]),
    ).toEqual(
      direct.modules.map((m) => [
        m.counts.implemented,
        m.counts.partial,
        m.counts['not-implemented'],
        m.counts.na,
        m.counts.unanswered,
      ]),
    );
    for (const m of f.modules) {
      expect(m.implemented + m.partial + m.notImplemented + m.na + m.unanswered).toBe(m.controls);
    }
    expect(f.sfcControls).toHaveLength(99);
    expect(f.readyModules).toBe(0);
  });

  it('a module whose every control is implemented or justified N/A reads ready to apply', () => {
    // Every catalogue control at the top of the scale, and "yes" to every direct question.
    let assessment: Assessment = {
      ...demo,
      answers: Object.fromEntries(
        catalogue.controls.map((c) => [c.id, { status: 'level' as const, level: 3 }]),
      ),
    };
    const ida = frameworks.seal.modules.find((m) => m.prefix === 'ida');
    for (const c of ida?.sections.flatMap((s) => s.controls) ?? []) {
      if (c.covered === false || (c.notAssessed ?? []).length > 0) {
        assessment = withFrameworkAnswer(assessment, 'seal', c.id, { state: 'yes' });
      }
    }
    const rows = model(assessment).frameworks?.modules ?? [];
    expect(rows.find((m) => m.title.startsWith('Identity & Accounts'))?.ready).toBe('Yes');
    expect(rows.find((m) => m.title.startsWith('Multisig Operations'))?.ready).toBe('No');
  });

  it('is one section of the document, in the Markdown with the attribution and licence', () => {
    const doc = reportDocument(model());
    const headings = doc.blocks.flatMap((b) => (b.kind === 'heading' ? [b.text] : []));
    expect(headings).toContain('Framework readiness');
    expect(headings).toContain('CCSS level');
    expect(headings).toContain('Coverage: ISO/IEC 27001:2022 Annex A');
    const md = reportMarkdown(doc);
    expect(md).toContain('Security Alliance (SEAL) Frameworks, CC BY-SA 4.0');
    expect(md).toContain('Copyright (c) 2016, CryptoCurrency Certification Consortium (C4)');
    expect(md).toMatch(/\| ms-1\.1\.1 Named Multisig Operations Owner \| Unanswered \|/);
  });
});

describe('exports in SEAL’s checklist layout', () => {
  const seal = sealReadiness(frameworks, factsOf(catalogue, demo), demo.frameworks);

  it('writes their columns, a section row per section and one row per control', () => {
    const csv = sealChecklistCsv(frameworks, seal);
    const lines = csv.split('\r\n');
    expect(lines[1]).toBe(['Module', ...CHECKLIST_HEADER].join(','));
    const ids = [...csv.matchAll(/,([a-z]+-\d+\.\d+\.\d+),/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(99);
    expect(csv).toContain('Section 1 — Governance & Inventory');
  });

  it('guards every cell against formulas, team evidence included', () => {
    const hostile = withFrameworkAnswer(demo, 'seal', 'ms-1.1.1', {
      state: 'yes',
      evidence: '=HYPERLINK("x")',
    });
    const csv = sealChecklistCsv(
      frameworks,
      sealReadiness(frameworks, factsOf(catalogue, hostile), hostile.frameworks),
    );
    expect(csv).not.toMatch(/(^|,)"?=HYPERLINK/m);
    expect(csv).toContain('Team evidence: =HYPERLINK');
  });

  it('writes their state per control under the name their checklist page stores it by, unanswered left out', () => {
    const answered = withFrameworkAnswer(demo, 'seal', 'ms-1.1.1', {
      state: 'na',
      justification: 'One signer set, run by the CFO.',
    });
    const json = JSON.parse(
      sealChecklistJson(
        frameworks,
        sealReadiness(frameworks, factsOf(catalogue, answered), answered.frameworks),
      ),
    ) as {
      modules: Record<string, Record<string, { state: string; justification: string }>>;
      licence: string;
    };
    expect(Object.keys(json.modules)).toEqual(seal.modules.map(checklistName));
    expect(json.modules['sfc-multisig-ops']?.['ms-1.1.1']).toMatchObject({
      state: 'na',
      justification: 'One signer set, run by the CFO.',
    });
    const states = Object.values(json.modules).flatMap((m) => Object.values(m).map((c) => c.state));
    expect(new Set(states).size).toBeGreaterThan(0);
    for (const s of states) expect(['yes', 'partial', 'no', 'na']).toContain(s);
    expect(json.licence).toBe('CC BY-SA 4.0');
  });

  it('writes the coverage table with every cited id', () => {
    const coverage = frameworkCoverage(catalogue, demo, factsOf(catalogue, demo));
    const csv = soaCsv(coverage);
    const rows = csv.trimEnd().split('\r\n').length;
    expect(rows).toBeGreaterThan(coverage.reduce((n, f) => n + f.rows.length, 0));
    expect(csv).toContain('ISO/IEC 27001:2022 Annex A,A.8.24,Use of cryptography');
  });
});

describe('the Excel checklist', () => {
  const seal = sealReadiness(frameworks, factsOf(catalogue, demo), demo.frameworks);

  /** Reads a stored zip back: every entry's name, CRC as written, and data. */
  function entries(zip: Uint8Array): { name: string; crc: number; data: Buffer }[] {
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    const out: { name: string; crc: number; data: Buffer }[] = [];
    let at = 0;
    while (view.getUint32(at, true) === 0x04034b50) {
      expect(view.getUint16(at + 8, true)).toBe(0);
      const crc = view.getUint32(at + 14, true);
      const size = view.getUint32(at + 18, true);
      const nameLength = view.getUint16(at + 26, true);
      const name = Buffer.from(zip.subarray(at + 30, at + 30 + nameLength)).toString('utf8');
      const data = Buffer.from(zip.subarray(at + 30 + nameLength, at + 30 + nameLength + size));
      out.push({ name, crc, data });
      at += 30 + nameLength + size;
    }
    return out;
  }

  it('is a zip whose every entry matches its CRC, with the sheet SEAL’s checklist page imports', () => {
    const first = seal.modules[0];
    if (first === undefined) throw new Error('no module');
    const files = entries(sealChecklistXlsx([first]));
    for (const f of files) expect(f.crc).toBe(zlib.crc32(f.data));
    const byName = Object.fromEntries(files.map((f) => [f.name, f.data.toString('utf8')]));
    expect(byName['xl/workbook.xml']).toContain('<sheet name="Certification Checklist"');
    const strings = [
      ...(byName['xl/sharedStrings.xml'] ?? '').matchAll(/<t xml:space="preserve">([^<]*)<\/t>/g),
    ].map((m) => m[1]);
    expect(strings.slice(0, 7)).toEqual([...CHECKLIST_HEADER]);
    expect(strings).toContain('ms-1.1.1');
    expect(byName['xl/worksheets/sheet1.xml']).toContain(
      '<formula1>&quot;No,Yes,Partial,N/A&quot;</formula1>',
    );
    expect(byName['xl/worksheets/sheet1.xml']).toContain('<mergeCell ref="A2:G2"/>');
  });

  it('gives one sheet per module for all of them, and the same bytes for the same answers', () => {
    const all = sealChecklistXlsx(seal.modules);
    const names = [
      ...(
        entries(all)
          .find((f) => f.name === 'xl/workbook.xml')
          ?.data.toString('utf8') ?? ''
      ).matchAll(/<sheet name="([^"]+)"/g),
    ].map((m) => m[1]);
    expect(names).toEqual(seal.modules.map((m) => m.module.title.replace('&', '&amp;')));
    expect(Buffer.from(sealChecklistXlsx(seal.modules)).equals(Buffer.from(all))).toBe(true);
  });
});
