import { describe, expect, it } from 'vitest';
import { parseAssessmentFile } from '../../src/domain/assessment/import.ts';
import type { Assessment } from '../../src/domain/assessment/schema.ts';
import type { Block, TableBlock } from '../../src/domain/report/blocks.ts';
import { planBlocks } from '../../src/domain/report/document-plan.ts';
import { dollarBlocks } from '../../src/domain/report/document-dollars.ts';
import type { GapRow } from '../../src/domain/report/gaps.ts';
import { buildReportModel } from '../../src/domain/report/model.ts';
import { resolveProfile } from '../../src/domain/threat/resolve.ts';
import { EFFORT_UNITS } from '../../src/domain/scoring/risk.ts';
import { bundledCatalogue, demoAssessmentText } from '../fixtures/catalogue.ts';

const catalogue = bundledCatalogue();
const parsed = parseAssessmentFile(demoAssessmentText(), 'demo.json', catalogue);
if (!parsed.ok) throw new Error('demo must parse');
const demo = parsed.value.file.assessment;

function modelOf(assessment: Assessment) {
  const profile = resolveProfile(catalogue, assessment);
  return buildReportModel({ catalogue, assessment, profile, reportDate: '2026-12-01' });
}

function tableById(blocks: readonly Block[], id: string): TableBlock {
  const found = blocks.find((b) => b.kind === 'table' && b.id === id);
  if (found?.kind !== 'table') throw new Error(`no table ${id}`);
  return found;
}

const usd = (text: string): number => {
  const m = /^\$([\d.]+)([kMB]?)$/.exec(text);
  if (!m) throw new Error(`not an amount: ${text}`);
  return Number(m[1]) * ({ '': 1, k: 1e3, M: 1e6, B: 1e9 } as const)[m[2] as '' | 'k' | 'M' | 'B'];
};

describe('the remediation plan by dollars removed per unit of effort', () => {
  const model = modelOf(demo);
  if (model.dollars.status !== 'ready') throw new Error('the demo states funds');
  const dollars = model.dollars;

  it('with funds, the plan offers the dollar order, labelled as the dollar model’s, gaps that remove none last', () => {
    const blocks = planBlocks(model);
    const plan = tableById(blocks, 'remediation-plan');
    const labels = plan.orders?.options.map((o) => o.label);
    expect(labels).toEqual([
      'By risk removed',
      'By risk removed per unit of effort',
      'By dollars removed per unit of effort (dollar model)',
    ]);
    // The printed order is still the index's.
    expect(plan.rows).toBe(model.gaps);
    const byDollars = (plan.orders?.options[2]?.rows ?? []) as readonly GapRow[];
    expect(byDollars).toHaveLength(model.gaps.length);
    const ranked = dollars.gaps.map((g) => g.controlId);
    expect(byDollars.slice(0, ranked.length).map((g) => g.controlId)).toEqual(ranked);
    const rest = byDollars.slice(ranked.length).map((g) => g.rank);
    expect(rest).toEqual([...rest].sort((a, b) => a - b));
    const intro = blocks.find((b) => b.kind === 'paragraph');
    expect(intro?.kind === 'paragraph' ? intro.text : '').toMatch(
      /ordered by expected dollars removed a year per unit of effort; that order rests on the dollar model’s assumptions/,
    );
  });

  it('without funds, the plan is the index’s alone, as before', () => {
    const none = modelOf({ ...demo, funds: undefined });
    expect(none.dollars.status).toBe('needs');
    const plan = tableById(planBlocks(none), 'remediation-plan');
    expect(plan.orders?.options.map((o) => o.label)).toEqual([
      'By risk removed',
      'By risk removed per unit of effort',
    ]);
    expect(JSON.stringify(planBlocks(none))).not.toMatch(/dollar/i);
  });

  it('shows each gap’s arithmetic: dollars removed ÷ effort units ≈ per unit, ranked by it', () => {
    const blocks = dollarBlocks(model);
    const table = tableById(blocks, 'dollar-plan');
    expect(table.rows.length).toBeGreaterThan(5);
    let previous = Infinity;
    for (const row of dollars.gaps.slice(0, table.rows.length)) {
      const m = /^(\S+) ÷ (\d) ≈ (\S+)$/.exec(row.arithmetic);
      if (!m) throw new Error(`no arithmetic: ${row.arithmetic}`);
      const units = EFFORT_UNITS[row.effort as keyof typeof EFFORT_UNITS];
      expect(Number(m[2])).toBe(units);
      expect(m[3]).toBe(row.perEffort);
      // The "removes a year" column is the figure divided, not another rounding of it.
      expect(m[1]).toBe(row.removed);
      // Two significant figures each side: the quotient agrees to their rounding.
      expect(usd(m[3] ?? '') / (usd(m[1] ?? '') / units)).toBeCloseTo(1, 1);
      expect(usd(row.perEffort)).toBeLessThanOrEqual(previous * 1.000001);
      previous = usd(row.perEffort);
    }
    const texts = JSON.stringify(blocks);
    expect(texts).toContain('rests on the dollar model’s assumptions listed below');
  });
});
