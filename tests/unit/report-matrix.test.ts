import { describe, expect, it } from 'vitest';
import { documentTexts } from '../../src/domain/report/blocks.ts';
import { logAxis, matrixLayout } from '../../src/domain/report/charts.ts';
import { reportDocument } from '../../src/domain/report/document.ts';
import { reportMarkdown } from '../../src/domain/report/markdown.ts';
import { buildReportModel } from '../../src/domain/report/model.ts';
import { ownGapExample, ownGapExampleSteps } from '../../src/domain/scoring/worked-example.ts';
import { demoInputs } from '../fixtures/demo.ts';

const { catalogue, demo, profile, risk } = demoInputs();
const model = buildReportModel({ catalogue, assessment: demo, profile, reportDate: '2026-11-26' });
const m = model.charts.riskMatrix;

describe('the risk matrix', () => {
  it('places every weighted vector by incident share and loss share ÷ incident share', () => {
    expect(m.points).toHaveLength(risk.vectors.length);
    for (const v of risk.vectors) {
      const p = m.points.find((x) => x.label === v.name);
      expect(p?.incidentShare).toBe(v.incidentShare);
      expect(p?.costMultiplier).toBeCloseTo(v.lossShare / v.incidentShare, 12);
      expect(p?.residual).toBe(v.residual);
      expect(p?.exposure).toBe(v.exposure);
    }
    expect(m.xLabel).toMatch(/log scale/);
    expect(m.yLabel).toMatch(/log scale/);
  });

  it('has axes that bracket every point, and a text alternative with every number', () => {
    for (const p of m.points) {
      expect(p.incidentShare).toBeGreaterThanOrEqual(m.x.min);
      expect(p.incidentShare).toBeLessThanOrEqual(m.x.max);
      expect(p.costMultiplier).toBeGreaterThanOrEqual(m.y.min);
      expect(p.costMultiplier).toBeLessThanOrEqual(m.y.max);
      expect(m.summary).toContain(
        `${p.label} ${p.incidentDisplay} of incidents, ${p.costDisplay} the average cost, residual ${p.residualDisplay}`,
      );
    }
    expect(logAxis([0.005, 0.6])).toEqual({
      min: 0.005,
      max: 1,
      ticks: [0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1],
    });
  });

  it('lays out inside the plot, with no two numbers on top of each other', () => {
    const { marks, labels } = matrixLayout(m, {
      width: 300,
      height: 200,
      maxRadius: 20,
      labelHeight: 11,
      labelWidth: (text) => text.length * 6.2 + 3,
    });
    for (const k of marks) {
      expect(k.x - k.ring).toBeGreaterThanOrEqual(-1e-9);
      expect(k.x + k.ring).toBeLessThanOrEqual(300 + 1e-9);
      expect(k.y - k.ring).toBeGreaterThanOrEqual(-1e-9);
      expect(k.y + k.ring).toBeLessThanOrEqual(200 + 1e-9);
      expect(k.dot).toBeLessThanOrEqual(k.ring + 1e-9);
    }
    for (const a of labels) {
      for (const b of labels) {
        if (a === b) continue;
        const apart =
          a.x + a.width <= b.x ||
          b.x + b.width <= a.x ||
          a.y + a.height <= b.y ||
          b.y + b.height <= a.y;
        expect(apart, `${a.text} / ${b.text}`).toBe(true);
      }
    }
  });

  it('is a block of the document, in the Markdown as a table and in the printed texts', () => {
    const doc = reportDocument(model);
    expect(doc.blocks.some((b) => b.kind === 'matrix')).toBe(true);
    const md = reportMarkdown(doc);
    expect(md).toContain(
      '| Attack vector | Incident share (how often) | Cost per incident (× average) | Residual of exposure |',
    );
    const top = m.points[0];
    expect(md).toContain(
      `| ${top?.label ?? '?'} | ${top?.incidentDisplay ?? '?'} | ${top?.costDisplay ?? '?'} |`,
    );
    expect(documentTexts(doc)).toContain(m.summary);
  });
});

describe('the worked example on the assessment’s own top gap', () => {
  const ex = ownGapExample(risk);

  it('recomputes P, M and each residual exactly as computeRisk does', () => {
    expect(ex?.controlId).toBe(risk.rankedGaps[0]?.score.control.id);
    expect(ex?.terms.length).toBeGreaterThan(0);
    for (const t of ex?.terms ?? []) {
      const v = risk.vectors.find((x) => x.vectorId === t.vectorId);
      expect(t.p).toBeCloseTo(v?.prevention ?? NaN, 12);
      expect(t.m).toBeCloseTo(v?.mitigation ?? NaN, 12);
      expect(100 * t.residual).toBeCloseTo(v?.residual ?? NaN, 10);
    }
  });

  it('gives the risk removed the plan gives', () => {
    expect(ex?.riskRemoved).toBeCloseTo(risk.rankedGaps[0]?.riskRemoved ?? NaN, 10);
    const steps = ownGapExampleSteps(risk) ?? [];
    expect(steps.at(-1)).toContain(`= ${(risk.rankedGaps[0]?.riskRemoved ?? 0).toFixed(1)} points`);
    expect(steps).toHaveLength((ex?.terms.length ?? 0) + 2);
  });

  it('falls back to the fixed example when nothing is below target', () => {
    const none = { ...risk, rankedGaps: [] };
    expect(ownGapExample(none)).toBeNull();
    expect(ownGapExampleSteps(none)).toBeNull();
  });
});

describe('robustness in the report', () => {
  it('marks the plan’s first ten and says exactly what was varied', () => {
    const rows = model.robustness.rows;
    expect(rows.map((r) => r.controlId)).toEqual(model.gaps.slice(0, 10).map((g) => g.controlId));
    for (const r of rows) {
      // Three weightings each of prevention and mitigation, under every profile the catalogue
      // bundles (the method names their number).
      const variants = /in every one of (\d+) variants/.exec(model.robustness.method)?.[1];
      expect(variants).toBe(String(3 * 3 * catalogue.profiles.length));
      expect(r.display).toMatch(r.robust ? /^yes$/ : new RegExp(`^\\d+ of ${variants ?? ''}$`));
      expect(r.dropsOut === '').toBe(r.robust);
    }
    expect(model.robustness.method).toContain('0.4, 0.8 and 1');
    expect(model.robustness.method).toContain('0.25, 0.5 and 0.75');
    const plan = reportDocument(model).blocks.find(
      (b) => b.kind === 'table' && b.id === 'remediation-plan',
    );
    expect(plan?.kind === 'table' && plan.columns.map((c) => c.head)).toContain('Robust');
  });
});
