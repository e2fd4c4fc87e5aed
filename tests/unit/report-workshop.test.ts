import { describe, expect, it } from 'vitest';
import { assessmentToJson } from '../../src/domain/assessment/export.ts';
import { parseAssessmentFile } from '../../src/domain/assessment/import.ts';
import type { Assessment } from '../../src/domain/assessment/schema.ts';
import { tableOfContents } from '../../src/domain/report/blocks.ts';
import { reportDocument } from '../../src/domain/report/document.ts';
import { reportMarkdown } from '../../src/domain/report/markdown.ts';
import { buildReportModel } from '../../src/domain/report/model.ts';
import { resolveProfile } from '../../src/domain/threat/resolve.ts';
import { actionsToCsv } from '../../src/domain/workshop/actions.ts';
import { signedContent } from '../../src/domain/workshop/signoff.ts';
import { prepareReportExport } from '../../src/lib/report-export.ts';
import { sha256Hex } from '../../src/lib/sha256.ts';
import { bundledCatalogue, demoAssessmentText } from '../fixtures/catalogue.ts';

const catalogue = bundledCatalogue();
const parsed = parseAssessmentFile(demoAssessmentText(), 'demo.json', catalogue);
if (!parsed.ok) throw new Error('demo must parse');
const demo = parsed.value.file.assessment;

const participant = (
  id: string,
  name: string,
  role: 'team' | 'auditor',
  levels: Record<string, number>,
) => ({
  id,
  name,
  role,
  source: {
    fileName: `${id}.json`,
    assessmentName: name,
    catalogueVersion: '1.0.0',
    sha256: 'c'.repeat(64),
  },
  importedAt: '2026-11-25T10:00:00.000Z',
  answers: Object.fromEntries(
    Object.entries(levels).map(([c, level]) => [c, { status: 'level' as const, level }]),
  ),
});

const signOff = {
  signatories: [{ name: 'Auditor Ola', role: 'Lead assessor' }],
  organisation: 'Halcyon Finance (fictional)',
  scope: 'Bridge and Safes',
  date: '2026-11-25',
  statement: 'Reviewed with the team.',
  signedAt: '2026-11-25T12:00:00.000Z',
  dataSha256: 'd'.repeat(64),
};
const depAction = {
  id: 'a1',
  controlId: 'DEP-08',
  text: 'Add a second verifier to the bridge',
  owner: 'Bridge team',
  due: '2027-01-31',
  priority: 'high' as const,
  createdAt: '2026-11-25T11:05:00.000Z',
};

// The demo's own owners, flags and workshop are left out: this test sets the ones it reads.
const workshop: Assessment = {
  ...demo,
  meta: {
    'SIG-02': { revisit: true, followUp: 'K. Osei: Safe transaction logs' },
    'DEP-08': { evidenceRequested: true },
  },
  workshop: {
    agenda: [],
    participants: [
      participant('ana', 'Ana', 'team', { 'KEY-01': 2, 'SIG-01': 1 }),
      participant('ben', 'Ben', 'team', { 'KEY-01': 2, 'SIG-01': 2 }),
      participant('aud', 'Auditor Ola', 'auditor', { 'KEY-01': 1, 'SIG-01': 1 }),
    ],
    agreements: {
      'KEY-01': {
        by: ['Ana', 'Ben', 'Auditor Ola'],
        at: '2026-11-25T11:00:00.000Z',
        answer: { status: 'level' as const, level: 1 },
      },
    },
    actions: [
      depAction,
      {
        id: 'a2',
        controlId: 'SIG-02',
        text: 'Hash check before every signature',
        owner: '',
        priority: 'low',
        createdAt: '2026-11-25T11:06:00.000Z',
      },
    ],
    signOff,
  },
};
const profile = resolveProfile(catalogue, workshop);
const baseWorkshop = workshop.workshop ?? {
  agenda: [],
  participants: [],
  agreements: {},
  actions: [],
};

describe('a workshop in the report', () => {
  const model = buildReportModel({
    catalogue,
    assessment: workshop,
    profile,
    reportDate: '2026-11-25',
  });
  const doc = reportDocument(model);
  const md = reportMarkdown(doc);

  it('adds actions to the plan and lists them, high priority first', () => {
    expect(model.actions.map((a) => a.controlId)).toEqual(['DEP-08', 'SIG-02']);
    const dep08 = model.gaps.find((g) => g.controlId === 'DEP-08');
    expect(dep08?.actions).toEqual([
      'Add a second verifier to the bridge (Bridge team, due 2027-01-31)',
    ]);
    // The action has its own column; the control cell stays the control.
    expect(md).toMatch(
      /\| DEP-08 Cross-chain messaging and bridge configuration \| [^|]+ \| Bridge team \(action owner\) \| Add a second verifier to the bridge \(Bridge team, due 2027-01-31\) \|/,
    );
    expect(md).toContain(
      '| SIG-02 Independent transaction verification before signing | Hash check before every signature | no owner | no date | low |',
    );
  });

  it('carries the parking lot with who owes what', () => {
    expect(
      model.parkingLot.map((r) => [r.controlId, r.revisit, r.evidenceRequested, r.followUp]),
    ).toEqual([
      ['SIG-02', true, false, 'K. Osei: Safe transaction logs'],
      ['DEP-08', false, true, ''],
    ]);
    expect(md).toContain('| Revisit | K. Osei: Safe transaction logs |');
  });

  it('shows the participants and where the team and the auditor differ', () => {
    expect(tableOfContents(doc).map((e) => e.text)).toContain('Workshop participants');
    // Team medians: KEY-01 2 (2, 2), SIG-01 1 (lower median of 1, 2); the auditor: 1 and 1.
    expect(
      model.teamVsAuditor?.differing.map((r) => [r.controlId, r.team, r.auditor, r.difference]),
    ).toEqual([['KEY-01', 2, 1, -1]]);
    expect(md).toContain('| KEY-01 Privileged keys held in dedicated hardware | 2 | 1 | -1 |');
  });

  it('prints the sign-off on the summary page and says whether the answers changed since', async () => {
    const summary = doc.blocks.findIndex((b) => b.kind === 'heading' && b.text === 'Sign-off');
    const executive = doc.blocks.findIndex(
      (b) => b.kind === 'heading' && b.text === 'Executive summary',
    );
    const next = doc.blocks.findIndex(
      (b, i) => i > executive && b.kind === 'heading' && b.level === 1,
    );
    expect(summary).toBeGreaterThan(executive);
    expect(summary).toBeLessThan(next);
    expect(md).toContain('| Since signing | not checked |');
    // The sign-off says what the auditors had verified, as the data signed records it.
    expect(md).toMatch(
      /\| Verified \| \d+ of \d+ controls verified by an auditor against evidence/,
    );

    const signedSha = await sha256Hex(assessmentToJson(signedContent(workshop)));
    const signed = {
      ...workshop,
      workshop: {
        ...baseWorkshop,
        signOff: { ...signOff, dataSha256: signedSha },
      },
    };
    const same = await prepareReportExport({
      catalogue,
      assessment: signed,
      profile,
      reportDate: '2026-11-25',
    });
    expect(same.model.signOff?.unchanged).toBe(true);
    expect(reportMarkdown(same.document)).toContain(
      '| Since signing | The answers are unchanged. |',
    );

    const edited = {
      ...signed,
      answers: { ...signed.answers, 'KEY-01': { status: 'level' as const, level: 3 } },
    };
    const changed = await prepareReportExport({
      catalogue,
      assessment: edited,
      profile,
      reportDate: '2026-11-25',
    });
    expect(changed.model.signOff?.unchanged).toBe(false);
    expect(reportMarkdown(changed.document)).toContain('THE ANSWERS CHANGED AFTER SIGNING');
  });

  it('exports the actions as CSV, guarded against formulas', () => {
    const withFormula: Assessment = {
      ...workshop,
      workshop: {
        ...baseWorkshop,
        actions: [{ ...depAction, text: '=HYPERLINK("http://x")' }],
      },
    };
    const csv = actionsToCsv(catalogue, withFormula).split('\r\n');
    // The columns an issue tracker's CSV import maps: one issue per action.
    expect(csv[0]).toBe(
      'Title,Description,Assignee,Due date,Status,Priority,Labels,Control,Evidence link,Action id,Created',
    );
    // The description starts with the action text, so its cell is defused; the title starts with
    // the control id and is no formula.
    expect(csv[1]).toContain(`"'=HYPERLINK(""http://x"")\n\nControl: DEP-08 Cross-chain messaging`);
    expect(csv[1]).toMatch(/^"DEP-08: =HYPERLINK\(""http:\/\/x""\)",/);
    expect(csv[1]).toMatch(
      /,Bridge team,2027-01-31,Open,High,opsready dep-08 dependencies,DEP-08,,a1,2026-11-25T\d\d:\d\d:\d\d\.\d{3}Z$/,
    );
  });
});
