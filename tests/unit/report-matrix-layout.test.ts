import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  logAxis,
  matrixLayout,
  type MatrixLabel,
  type MatrixLayoutOptions,
  type MatrixPlot,
  type MatrixPoint,
  type RiskMatrix,
} from '../../src/domain/report/charts.ts';
import { buildReportModel } from '../../src/domain/report/model.ts';
import { demoInputs } from '../fixtures/demo.ts';

/** The PDF's plot (mm) and the screen's (px), each with a label width like the one it measures. */
const PDF: MatrixLayoutOptions = {
  width: 92,
  height: 64,
  maxRadius: 6,
  labelHeight: 3,
  labelWidth: (text) => text.length * 1.85 + 0.8,
};
const SCREEN: MatrixLayoutOptions = {
  width: 344,
  height: 200,
  maxRadius: 20,
  labelHeight: 11,
  labelWidth: (text) => text.length * 6.2 + 3,
};

const boxDistance = (l: MatrixLabel, x: number, y: number): number =>
  Math.hypot(Math.max(l.x - x, 0, x - l.x - l.width), Math.max(l.y - y, 0, y - l.y - l.height));

/**
 * The rules the reviewer asked for, checked on a laid-out plot: every bubble and label inside the
 * plot, no two labels overlapping, every number once, each label against its own bubble's ring or
 * joined to it by a leader that starts on the ring and ends on the label, and a label against its
 * ring touches no other bubble's dot (it would read as that bubble's number).
 */
function checkLayout(plot: MatrixPlot, o: MatrixLayoutOptions): void {
  const eps = 1e-6;
  for (const k of plot.marks) {
    expect(k.x - k.ring, `bubble ${String(k.number)} left`).toBeGreaterThanOrEqual(-eps);
    expect(k.x + k.ring, `bubble ${String(k.number)} right`).toBeLessThanOrEqual(o.width + eps);
    expect(k.y - k.ring, `bubble ${String(k.number)} top`).toBeGreaterThanOrEqual(-eps);
    expect(k.y + k.ring, `bubble ${String(k.number)} bottom`).toBeLessThanOrEqual(o.height + eps);
  }
  expect(plot.labels.flatMap((l) => l.numbers).sort((a, b) => a - b)).toEqual(
    plot.marks.map((k) => k.number),
  );
  for (const l of plot.labels) {
    expect(l.x, l.text).toBeGreaterThanOrEqual(-eps);
    expect(l.y, l.text).toBeGreaterThanOrEqual(-eps);
    expect(l.x + l.width, l.text).toBeLessThanOrEqual(o.width + eps);
    expect(l.y + l.height, l.text).toBeLessThanOrEqual(o.height + eps);
    for (const other of plot.labels) {
      if (other === l) continue;
      const apart =
        l.x + l.width <= other.x + eps ||
        other.x + other.width <= l.x + eps ||
        l.y + l.height <= other.y + eps ||
        other.y + other.height <= l.y + eps;
      expect(apart, `labels ${l.text} and ${other.text} overlap`).toBe(true);
    }
    // Coinciding bubbles share a label: their centres are within a label's height.
    const own = plot.marks.filter((k) => l.numbers.includes(k.number));
    for (const k of own) {
      expect(Math.hypot(k.x - l.anchor.x, k.y - l.anchor.y)).toBeLessThan(
        o.labelHeight * own.length,
      );
    }
    const gap = boxDistance(l, l.anchor.x, l.anchor.y) - l.anchor.ring;
    if (l.leader === null) {
      expect(gap, `label ${l.text} is away from its bubble without a leader`).toBeLessThanOrEqual(
        o.labelHeight * 0.5,
      );
      for (const k of plot.marks) {
        if (l.numbers.includes(k.number) || k.dot === 0) continue;
        expect(
          boxDistance(l, k.x, k.y),
          `label ${l.text} sits on bubble ${String(k.number)}`,
        ).toBeGreaterThan(k.dot);
      }
    } else {
      const { x1, y1, x2, y2 } = l.leader;
      expect(Math.hypot(x1 - l.anchor.x, y1 - l.anchor.y)).toBeCloseTo(l.anchor.ring, 6);
      expect(boxDistance(l, x2, y2)).toBeLessThan(eps);
    }
  }
}

function matrixOf(
  points: readonly Omit<MatrixPoint, 'incidentDisplay' | 'costDisplay' | 'residualDisplay'>[],
): RiskMatrix {
  const full = points.map((p) => ({
    ...p,
    incidentDisplay: '',
    costDisplay: '',
    residualDisplay: '',
  }));
  return {
    id: 'm',
    title: '',
    summary: '',
    xLabel: '',
    yLabel: '',
    x: logAxis(full.map((p) => p.incidentShare)),
    y: logAxis(full.map((p) => p.costMultiplier)),
    areaMax: Math.max(0, ...full.map((p) => p.exposure)),
    points: full,
    unplaced: [],
    legend: { dot: '', ring: '' },
  };
}

describe('the risk matrix layout', () => {
  const { catalogue, demo, profile } = demoInputs();
  const demoMatrix = buildReportModel({
    catalogue,
    assessment: demo,
    profile,
    reportDate: '2026-12-01',
  }).charts.riskMatrix;

  it('labels every demo bubble at its own ring, the two at 1.0% together, none clipped', () => {
    for (const o of [PDF, SCREEN]) {
      const plot = matrixLayout(demoMatrix, o);
      checkLayout(plot, o);
      const numberOf = (name: string): number =>
        plot.marks.find((k) => k.point.label === name)?.number ?? -1;
      const blind = numberOf('Blind signing');
      const approval = numberOf('Approval abuse');
      const joint = plot.labels.find((l) => l.numbers.includes(blind));
      expect(joint?.numbers).toEqual([blind, approval].sort((a, b) => a - b));
      expect(joint?.text).toBe([blind, approval].sort((a, b) => a - b).join(', '));
      // The demo has room for every label against its ring.
      expect(plot.labels.filter((l) => l.leader !== null).map((l) => l.text)).toEqual([]);
    }
  });

  it('draws the ticks where the bubbles are: the axis maps a value as the marks do', () => {
    const plot = matrixLayout(demoMatrix, PDF);
    for (const k of plot.marks) {
      expect(plot.xAt(k.point.incidentShare)).toBeCloseTo(k.x, 9);
      expect(plot.yAt(k.point.costMultiplier)).toBeCloseTo(k.y, 9);
    }
    // Larger values to the right and up the page.
    expect(plot.xAt(demoMatrix.x.max)).toBeGreaterThan(plot.xAt(demoMatrix.x.min));
    expect(plot.yAt(demoMatrix.y.max)).toBeLessThan(plot.yAt(demoMatrix.y.min));
  });

  it('keeps the rules for any vectors, coinciding ones included', () => {
    // Shares from a few values, so that equal and nearly equal points come up often.
    const share = fc.oneof(
      fc.constantFrom(0.005, 0.01, 0.0101, 0.015, 0.6),
      fc.double({ min: 0.001, max: 0.9, noNaN: true }),
    );
    const cost = fc.oneof(
      fc.constantFrom(0.3, 1.5, 11.27, 11.77, 30),
      fc.double({ min: 0.05, max: 60, noNaN: true }),
    );
    const point = fc
      .record({
        incidentShare: share,
        costMultiplier: cost,
        exposure: fc.double({ min: 0, max: 25, noNaN: true }),
        kept: fc.double({ min: 0, max: 1, noNaN: true }),
      })
      .map(({ kept, ...p }) => ({ ...p, residual: p.exposure * kept }));
    fc.assert(
      fc.property(fc.array(point, { minLength: 1, maxLength: 14 }), fc.boolean(), (points, pdf) => {
        const o = pdf ? PDF : SCREEN;
        const m = matrixOf(points.map((p, i) => ({ label: `V${String(i)}`, ...p })));
        checkLayout(matrixLayout(m, o), o);
      }),
      { numRuns: 200 },
    );
  }, 60_000);
});
