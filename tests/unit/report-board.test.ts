import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Assessment } from '../../src/domain/assessment/schema.ts';
import { tableCells, type Block, type TableBlock } from '../../src/domain/report/blocks.ts';
import { BOARD_ACTION_CHARS, BOARD_ACTIONS } from '../../src/domain/report/board.ts';
import { baselineFor, signedPoints } from '../../src/domain/report/changes.ts';
import { reportDocument } from '../../src/domain/report/document.ts';
import { reportMarkdown } from '../../src/domain/report/markdown.ts';
import { buildReportModel } from '../../src/domain/report/model.ts';
import { targetsOf } from '../../src/domain/scoring/readiness.ts';
import { computeRisk } from '../../src/domain/scoring/risk.ts';
import { compareAssessments } from '../../src/domain/workshop/compare.ts';
import { demoInputs } from '../fixtures/demo.ts';

const { catalogue, demo, profile } = demoInputs();
const plain: Assessment = { ...demo, meta: {}, workshop: undefined, architecture: undefined };
const ranked = buildReportModel({
  catalogue,
  assessment: plain,
  profile,
  reportDate: '2026-12-01',
}).gaps;
const [g1, g2, g3] = ranked;
if (!g1 || !g2 || !g3) throw new Error('the demo has gaps');

// The top gap has its own owner; the second only an action's owner and a date; the third nothing.
const worked: Assessment = {
  ...plain,
  meta: { [g1.controlId]: { owner: 'Olena (CISO)' } },
  workshop: {
    agenda: [],
    participants: [],
    agreements: {},
    actions: [
      {
        id: 'x1',
        controlId: g2.controlId,
        text: 'Move the verifier to a second provider',
        owner: 'Bridge team',
        due: '2027-02-15',
        priority: 'high',
        createdAt: '2026-11-30T10:00:00.000Z',
      },
    ],
  },
};

const build = (assessment: Assessment, baseline?: Assessment) =>
  buildReportModel({
    catalogue,
    assessment,
    profile,
    reportDate: '2026-12-01',
    ...(baseline === undefined ? {} : { baseline }),
  });

const between = (blocks: readonly Block[], from: string, to: string): Block[] => {
  const start = blocks.findIndex((b) => b.kind === 'heading' && b.text === from);
  const end = blocks.findIndex((b, i) => i > start && b.kind === 'heading' && b.text === to);
  return blocks.slice(start, end);
};
const tableOf = (blocks: readonly Block[], id: string): TableBlock => {
  const t = blocks.find((b): b is TableBlock => b.kind === 'table' && b.id === id);
  if (!t) throw new Error(`no table ${id}`);
  return t;
};

describe('the board summary', () => {
  const model = build(worked);
  const doc = reportDocument(model);
  const board = between(doc.blocks, 'Board summary', 'Executive summary');

  it('comes first, on a page of its own, with the two scores and a sentence each', () => {
    const first = doc.blocks.find((b) => b.kind === 'heading');
    expect(first).toMatchObject({ text: 'Board summary', level: 1, newPage: true });
    const scores = board.flatMap((b) => (b.kind === 'score' ? [b.value] : []));
    expect(scores).toEqual([model.readiness.display, model.residualRisk.display]);
    const texts = board.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : []));
    expect(texts).toContain(model.readiness.sentence);
    expect(texts).toContain(model.residualRisk.sentence);
  });

  it('names the five gaps that remove the most risk, with owner and date or says there are none', () => {
    const t = tableOf(board, 'board-actions');
    expect(t.rows).toHaveLength(BOARD_ACTIONS);
    expect(t.columns.map((c) => c.head)).toEqual(['#', 'Action', 'Owner', 'Due', 'Risk removed']);
    const cells = tableCells(t);
    expect(cells.map((r) => r[0])).toEqual(['1', '2', '3', '4', '5']);
    expect(cells.map((r) => r[4])).toEqual(
      model.gaps.slice(0, BOARD_ACTIONS).map((g) => g.riskRemovedDisplay),
    );
    expect(cells[0]?.slice(2, 4)).toEqual(['Olena (CISO)', 'no date']);
    expect(cells[1]?.[1]).toBe(
      `${g2.controlId} ${g2.title}: Move the verifier to a second provider`,
    );
    expect(cells[1]?.slice(2, 4)).toEqual(['Bridge team (action owner)', '2027-02-15']);
    expect(cells[2]?.[1]).toBe(
      `${g3.controlId} ${g3.title}: raise from ${g3.levelDisplay} to ${String(g3.target)}; no action yet`,
    );
    expect(cells[2]?.slice(2, 4)).toEqual(['no owner', 'no date']);
  });

  it('says what the five remove together, computed, not summed', () => {
    const raised = { ...worked.answers };
    for (const g of model.gaps.slice(0, BOARD_ACTIONS))
      raised[g.controlId] = { status: 'level', level: g.target };
    const after = computeRisk(catalogue, raised, profile, targetsOf(worked)).residualRisk;
    expect(model.board.together).toBe(
      `With these 5 gaps closed, residual risk would fall from ${model.residualRisk.display} to ${after.toFixed(1)}: ` +
        'less than the sum of the column, because they act on the same attack vectors.',
    );
    const sum = model.gaps.slice(0, BOARD_ACTIONS).reduce((s, g) => s + g.riskRemoved, 0);
    expect(model.residualRisk.value - after).toBeLessThan(sum);
  });

  it('gives one line per incident replayed, worded from its verdict', () => {
    const list = board.find((b) => b.kind === 'list');
    expect(list?.kind === 'list' ? list.items : []).toEqual(model.exposure.map((x) => x.headline));
    for (const x of model.exposure) {
      expect(x.headline).not.toContain('\n');
      expect(x.headline).toMatch(/^.+-style attack \(\d{4}, \$[\d.]+[kMB]?\): /);
      const words = {
        likely: 'would likely have been stopped',
        possible: 'might have been stopped',
        contained: 'not stopped, ',
        'not-stopped': 'not stopped, not detected, loss not limited',
      }[x.outcome];
      expect(x.headline).toContain(words);
      expect(x.headline).toContain(`(P = ${x.probability.toFixed(2)})`);
    }
    expect(
      board.some((b) => b.kind === 'paragraph' && b.text.startsWith('Analysis, not a forecast')),
    ).toBe(true);
  });

  it('says in one line that nothing is compared when there is no baseline', () => {
    expect(model.changes.baseline).toBeNull();
    const since = between(board, 'Since the baseline', 'What to do first');
    expect(since.slice(1)).toEqual([{ kind: 'paragraph', text: model.changes.sentence }]);
    expect(model.changes.sentence).not.toContain('listed');
    expect(model.changes.sentence).toMatch(/^No previous assessment or signed baseline/);
    expect(doc.blocks.some((b) => b.kind === 'table' && b.id === 'changes')).toBe(false);
  });

  it('reports the moves against a baseline with the engine’s numbers, every changed control listed', () => {
    const baseline: Assessment = {
      ...worked,
      id: 'earlier',
      name: 'Halcyon Q2',
      updatedAt: '2026-06-01T00:00:00.000Z',
      answers: Object.fromEntries(
        Object.entries({ ...worked.answers, [g1.controlId]: { status: 'level', level: 0 } }).filter(
          ([id]) => id !== g3.controlId,
        ),
      ) as Assessment['answers'],
    };
    const current: Assessment = {
      ...worked,
      answers: { ...worked.answers, [g1.controlId]: { status: 'level', level: g1.target } },
    };
    const m = build(current, baseline);
    const c = compareAssessments(catalogue, baseline, current, profile);
    const before = c.readiness.before?.toFixed(1) ?? '';
    const after = c.readiness.after?.toFixed(1) ?? '';
    // The change printed is the difference of the printed figures, so it adds up by hand.
    expect(m.changes.sentence).toContain(
      `Against “Halcyon Q2” (last changed 2026-06-01, not signed off): readiness ${before} → ${after} (${signedPoints(Number(after) - Number(before))})`,
    );
    expect(m.changes.sentence).toContain(
      `residual risk ${c.residualRisk.before?.toFixed(1) ?? ''} → ${m.residualRisk.display}`,
    );
    expect(m.changes.rows.map((r) => [r.controlId, r.before, r.after, r.changeDisplay])).toEqual(
      expect.arrayContaining([
        [g1.controlId, '0', String(g1.target), 'improved'],
        [g3.controlId, 'unanswered', g3.levelDisplay, 'newly answered'],
      ]),
    );
    const table = tableOf(reportDocument(m).blocks, 'changes');
    expect(table.rows).toHaveLength(c.controls.filter((d) => d.change !== 'unchanged').length);
  });

  it('prints each move as the difference of the two figures it prints, whatever the baseline', () => {
    const ids = Object.keys(plain.answers);
    fc.assert(
      fc.property(fc.subarray(ids, { minLength: 1 }), fc.nat(3), (lowered, level) => {
        const baseline: Assessment = {
          ...plain,
          answers: {
            ...plain.answers,
            ...Object.fromEntries(lowered.map((id) => [id, { status: 'level', level }])),
          },
        };
        const sentence = build(plain, baseline).changes.sentence;
        for (const label of ['readiness', 'residual risk']) {
          const found = new RegExp(
            `${label} (\\d+\\.\\d) → (\\d+\\.\\d)(?: \\(([+−]?\\d+\\.\\d)\\))?`,
          ).exec(sentence);
          if (!found) throw new Error(`no ${label} move in: ${sentence}`);
          const [, before = '', after = '', change] = found;
          if (change !== undefined) {
            expect(change).toBe(signedPoints(Number(after) - Number(before)));
          }
        }
      }),
      { numRuns: 15 },
    );
  }, 60_000);

  it('drops the cover’s metadata from the executive summary', () => {
    const summary = between(doc.blocks, 'Executive summary', 'Readiness and risk by domain');
    const keys = summary.flatMap((b) => (b.kind === 'keyValues' ? b.rows.map((r) => r.key) : []));
    for (const key of ['Organisation', 'Assessment', 'Assessors', 'Last changed', 'Report date'])
      expect(keys).not.toContain(key);
    expect(summary.some((b) => b.kind === 'score')).toBe(false);
    const md = reportMarkdown(doc);
    expect(md.match(/Overall readiness \(0-100\)/g)?.length).toBe(2);
  });
});

describe('a long action on the board page', () => {
  it('is cut at a word and points to its full text, with any further actions counted', () => {
    const long = `Replace the single verifier with ${'an independent second verifier and '.repeat(4)}a cap`;
    const m = build({
      ...worked,
      workshop: {
        agenda: [],
        participants: [],
        agreements: {},
        actions: [long, 'Second action'].map((text, i) => ({
          id: `l${String(i)}`,
          controlId: g1.controlId,
          text,
          owner: '',
          priority: 'high' as const,
          createdAt: '2026-11-30T10:00:00.000Z',
        })),
      },
    });
    const what = m.board.actions[0]?.what ?? '';
    expect(what).toMatch(/… \(\+1 more action\); in full under Action items$/);
    const shown = what.slice(`${g1.controlId} ${g1.title}: `.length, what.indexOf('…'));
    expect(long.startsWith(shown)).toBe(true);
    expect(shown.length).toBeLessThanOrEqual(BOARD_ACTION_CHARS);
    expect(long.charAt(shown.length)).toBe(' ');
    // Every action is there in full, in the actions table.
    expect(m.actions.map((a) => a.text)).toEqual([long, 'Second action']);
  });
});

describe('the remediation plan’s owners and actions', () => {
  const doc = reportDocument(build(worked));
  const plan = tableOf(doc.blocks, 'remediation-plan');
  const heads = plan.columns.map((c) => c.head);
  const row = (id: string) => {
    const i = plan.rows.findIndex((r) => (r as { controlId: string }).controlId === id);
    return tableCells(plan)[i] ?? [];
  };

  it('shows the action’s owner when the control has none, and keeps the action in its own column', () => {
    expect(heads).toContain('Action');
    const owner = heads.indexOf('Owner');
    const action = heads.indexOf('Action');
    expect(row(g1.controlId)[owner]).toBe('Olena (CISO)');
    expect(row(g2.controlId)[owner]).toBe('Bridge team\n(action owner)');
    expect(row(g3.controlId)[owner]).toBe('no owner');
    expect(row(g2.controlId)[action]).toBe(
      'Move the verifier to a second provider (Bridge team, due 2027-02-15)',
    );
    expect(row(g2.controlId)[heads.indexOf('Control')]).toBe(`${g2.controlId} ${g2.title}`);
  });

  it('leaves the action column out, and says so, when no gap has an action', () => {
    const bare = reportDocument(build(plain));
    expect(tableOf(bare.blocks, 'remediation-plan').columns.map((c) => c.head)).not.toContain(
      'Action',
    );
    expect(JSON.stringify(bare.blocks)).toContain(
      'No action is recorded against any gap yet, so the table has no action column.',
    );
  });
});

describe('the baseline a report is compared with', () => {
  const at = (id: string, updatedAt: string, extra: Partial<Assessment> = {}): Assessment => ({
    ...plain,
    id,
    updatedAt,
    ...extra,
  });
  const current = at('now', '2026-11-30T00:00:00.000Z');

  it('is an earlier assessment of the same organisation and catalogue, signed off if one is', () => {
    const older = at('older', '2026-03-01T00:00:00.000Z');
    const signed = at('signed', '2026-05-01T00:00:00.000Z', {
      workshop: {
        agenda: [],
        participants: [],
        agreements: {},
        actions: [],
        signOff: {
          signatories: [{ name: 'A', role: 'Auditor' }],
          organisation: plain.organisation,
          scope: '',
          date: '2026-05-01',
          statement: 'Signed.',
          signedAt: '2026-05-01T00:00:00.000Z',
          dataSha256: 'b'.repeat(64),
        },
      },
    });
    const latest = at('latest', '2026-09-01T00:00:00.000Z');
    const other = at('other', '2026-10-01T00:00:00.000Z', { organisation: 'Someone else' });
    const later = at('later', '2026-12-01T00:00:00.000Z');
    expect(baselineFor(current, [current, older, signed, latest, other, later])?.id).toBe('signed');
    expect(baselineFor(current, [current, older, latest, other, later])?.id).toBe('latest');
    expect(baselineFor(current, [current, other, later])).toBeUndefined();
    expect(baselineFor({ ...current, organisation: ' ' }, [older])).toBeUndefined();
  });
});
