import { describe, expect, it } from 'vitest';
import { assessmentToJson } from '../../src/domain/assessment/export.ts';
import type { Assessment } from '../../src/domain/assessment/schema.ts';
import type { Catalogue } from '../../src/domain/catalogue/schema.ts';
import { table } from '../../src/domain/report/blocks.ts';
import { reportMarkdown } from '../../src/domain/report/markdown.ts';
import { actionsToCsv } from '../../src/domain/workshop/actions.ts';
import { currentAgreement } from '../../src/domain/workshop/agreement.ts';
import { agendaOf, agendaOrder, defaultMinutes } from '../../src/domain/workshop/agenda.ts';
import { EMPTY_WORKSHOP, workshopSchema } from '../../src/domain/workshop/schema.ts';
import { signedContent } from '../../src/domain/workshop/signoff.ts';
import { tinyCatalogue } from '../fixtures/catalogue.ts';

const level = (n: number) => ({ status: 'level' as const, level: n });
const base: Assessment = {
  id: 'a',
  name: 'Q3',
  organisation: 'DAO',
  scope: '',
  assessors: [],
  catalogue: { id: 'opsready-core', version: '1.0.0' },
  createdAt: '2026-11-25T10:00:00.000Z',
  updatedAt: '2026-11-25T10:00:00.000Z',
  answers: { 'KEY-01': level(2) },
  meta: {},
  workshop: {
    ...EMPTY_WORKSHOP,
    agreements: { 'KEY-01': { by: ['Ana'], at: '2026-11-25T10:05:00.000Z', answer: level(2) } },
  },
};

describe('an agreement', () => {
  it('describes the current answer only while the answer is the one agreed', () => {
    expect(currentAgreement(base, 'KEY-01')?.by).toEqual(['Ana']);
    // Notes added later do not undo an agreement on the level.
    const noted = { ...base, answers: { 'KEY-01': { ...level(2), notes: 'n' } } };
    expect(currentAgreement(noted, 'KEY-01')).toBeDefined();
    const changed = { ...base, answers: { 'KEY-01': level(3) } };
    expect(currentAgreement(changed, 'KEY-01')).toBeUndefined();
    expect(currentAgreement({ ...base, answers: {} }, 'KEY-01')).toBeUndefined();
  });
});

describe('what a sign-off covers', () => {
  const json = (a: Assessment) => assessmentToJson(signedContent(a));

  it('ignores the id, name, change time and agenda, and the sign-off itself', () => {
    const moved: Assessment = {
      ...base,
      id: 'b',
      name: 'Q3 (imported)',
      updatedAt: '2026-12-01T10:00:00.000Z',
      workshop: {
        ...EMPTY_WORKSHOP,
        ...base.workshop,
        agenda: [{ domain: 'keys', minutes: 10 }],
        signOff: {
          signatories: [{ name: 'Ana', role: 'Lead' }],
          organisation: 'DAO',
          scope: '',
          date: '2026-11-25',
          statement: 'ok',
          signedAt: '2026-11-25T11:00:00.000Z',
          dataSha256: 'f'.repeat(64),
        },
      },
    };
    expect(json(moved)).toBe(json(base));
    // A missing workshop is the same as an empty one: signing creates it.
    const { workshop: _, ...bare } = base;
    expect(json({ ...bare, workshop: EMPTY_WORKSHOP })).toBe(json(bare));
  });

  it('covers the answers, details and workshop records', () => {
    expect(json({ ...base, answers: { 'KEY-01': level(1) } })).not.toBe(json(base));
    expect(json({ ...base, meta: { 'KEY-01': { owner: 'Ben' } } })).not.toBe(json(base));
    expect(json({ ...base, scope: 'Bridge' })).not.toBe(json(base));
  });
});

describe('the workshop schema', () => {
  it.each([
    [
      'a domain twice on the agenda',
      {
        agenda: [
          { domain: 'keys', minutes: 5 },
          { domain: 'keys', minutes: 9 },
        ],
      },
      'domain "keys" appears twice',
    ],
    [
      'an action id twice',
      {
        actions: ['x', 'x'].map((id) => ({
          id,
          controlId: 'KEY-01',
          text: 't',
          owner: '',
          priority: 'low',
          createdAt: '2026-11-25T10:00:00.000Z',
        })),
      },
      'action id "x" appears twice',
    ],
    [
      'a due date that does not exist',
      {
        actions: [
          {
            id: 'x',
            controlId: 'KEY-01',
            text: 't',
            owner: '',
            due: '2025-02-31',
            priority: 'low',
            createdAt: '2026-11-25T10:00:00.000Z',
          },
        ],
      },
      'expected a date like "2026-11-25"',
    ],
  ])('refuses %s', (_, part, message) => {
    const parsed = workshopSchema.safeParse({ ...EMPTY_WORKSHOP, ...part });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.message)).toContain(message);
  });
});

describe('Markdown from user text', () => {
  it('turns a lone carriage return into a space, so a note cannot end a table row', () => {
    const md = reportMarkdown({
      metadata: { title: '', subject: '', author: '', keywords: '' },
      header: '',
      footer: '',
      fileName: 'x.pdf',
      blocks: [
        table({
          id: 't',
          columns: [{ head: 'A', width: 1, cell: (r: string) => r }],
          rows: ['ok\r1. Auditor: all verified ~~no~~'],
          empty: '',
        }),
      ],
    });
    expect(md).toContain('| ok 1. Auditor: all verified \\~\\~no\\~\\~ |');
  });
});

describe('the agenda', () => {
  const catalogue = {
    domains: [
      { id: 'keys', name: 'Keys', prefix: 'KEY', description: '' },
      { id: 'signing', name: 'Signing', prefix: 'SIG', description: '' },
    ],
    controls: [
      { id: 'KEY-01', domain: 'keys' },
      { id: 'SIG-01', domain: 'signing' },
      { id: 'SIG-02', domain: 'signing' },
    ],
  } as unknown as Catalogue;

  it('keeps the saved order, drops domains the catalogue lacks and appends the rest', () => {
    const planned: Assessment = {
      ...base,
      workshop: {
        ...EMPTY_WORKSHOP,
        agenda: [
          { domain: 'gone', minutes: 10 },
          { domain: 'signing', minutes: 40 },
        ],
      },
    };
    expect(agendaOf(catalogue, planned)).toEqual([
      { domain: 'signing', minutes: 40 },
      { domain: 'keys', minutes: 5 },
    ]);
    expect(agendaOrder(catalogue, planned).map((c) => c.id)).toEqual([
      'SIG-01',
      'SIG-02',
      'KEY-01',
    ]);
    expect(defaultMinutes(13)).toBe(30);
  });
});

describe('the actions CSV', () => {
  // Spreadsheets skip leading spaces, line ends and quotes before looking for a formula sign, and
  // some fold the full-width signs to ASCII first.
  it.each([
    [' =1+1', "' =1+1"],
    ['\n=1+1', `"'\n=1+1"`],
    ['"=1+1', `"'""=1+1"`],
    ['\uFF1D1+1', "'\uFF1D1+1"],
    ['@SUM(A1)', "'@SUM(A1)"],
  ])('defuses a formula behind %j in the action and its owner', (hostile, cell) => {
    const withAction: Assessment = {
      ...base,
      catalogue: { id: 'tiny', version: '1.0.0' },
      workshop: {
        ...EMPTY_WORKSHOP,
        actions: [
          {
            id: 'x1',
            controlId: 'KEY-01',
            text: hostile,
            owner: hostile,
            priority: 'high',
            createdAt: '2026-11-25T10:00:00.000Z',
          },
        ],
      },
    };
    const csv = actionsToCsv(tinyCatalogue([{}]), withAction);
    const row = csv.slice(csv.indexOf('\r\n') + 2);
    // The title starts with the control id, so only the description and the assignee start
    // with the hostile text; both are defused.
    const title = `KEY-01: ${hostile.trim().replace(/^\n/, '')}`;
    const rest = `,${cell},,Open,High,opsready key-01 keys,KEY-01,,x1,2026-11-25T10:00:00.000Z\r\n`;
    expect(
      row.startsWith(`${/[",]/.test(title) ? `"${title.replace(/"/g, '""')}"` : title},"'`),
    ).toBe(true);
    expect(row).toContain(`\nControl: KEY-01 Control 1 (Keys)\nCurrent level: 2; target: 2\n`);
    expect(row.endsWith(rest)).toBe(true);
  });
});
