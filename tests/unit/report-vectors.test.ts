import { describe, expect, it } from 'vitest';
import { vectorRows } from '../../src/domain/report/vectors.ts';
import { demoInputs } from '../fixtures/demo.ts';

const { risk } = demoInputs();

describe('the vector rows', () => {
  const rows = vectorRows(risk);

  it('has every vector the profile weights, their residuals adding up to the residual risk', () => {
    expect(rows.map((r) => r.id)).toEqual(risk.vectors.map((v) => v.vectorId));
    expect(rows.reduce((t, r) => t + r.residual, 0)).toBeCloseTo(risk.residualRisk, 9);
  });

  it('writes shares as percentages and the cost multiplier as loss over incidents', () => {
    for (const [i, r] of rows.entries()) {
      const v = risk.vectors[i];
      if (!v) throw new Error('missing vector');
      expect(r.incidentShare).toBe(`${(v.incidentShare * 100).toFixed(1)}%`);
      expect(r.lossShare).toBe(`${(v.lossShare * 100).toFixed(1)}%`);
      expect(r.costMultiplier).toBe(
        v.costMultiplier === null ? 'n/a' : `${v.costMultiplier.toFixed(2)}×`,
      );
      expect(r.residual).toBeLessThanOrEqual(r.exposure + 1e-9);
    }
  });

  it('says when no applicable control prevents a vector', () => {
    for (const [i, r] of rows.entries()) {
      const v = risk.vectors[i];
      const expected =
        !v?.hasPrevention && !v?.hasMitigation
          ? 'No applicable control addresses this vector.'
          : !v.hasPrevention
            ? 'No applicable control prevents this vector; only its cost can be reduced.'
            : null;
      expect(r.uncovered).toBe(expected);
    }
  });
});

describe('the controls behind P and M', () => {
  const rows = vectorRows(risk);

  it('lists the controls whose weighted attainment is P and M, which recompute exactly', () => {
    for (const [i, r] of rows.entries()) {
      const v = risk.vectors[i];
      if (!v) throw new Error('missing vector');
      const mean = (list: typeof r.preventing): number => {
        const w = list.reduce((s, c) => s + c.weight, 0);
        return w === 0 ? 0 : list.reduce((s, c) => s + c.weight * c.attainment, 0) / w;
      };
      expect(mean(r.preventing)).toBeCloseTo(v.prevention, 12);
      expect(mean(r.mitigating)).toBeCloseTo(v.mitigation, 12);
      expect(r.preventing.length > 0).toBe(v.hasPrevention);
      expect(r.mitigating.length > 0).toBe(v.hasMitigation);
      for (const c of [...r.preventing, ...r.mitigating]) {
        expect(c.display).toBe(`${c.controlId} ${c.attainment.toFixed(2)} × ${String(c.weight)}`);
      }
    }
  });

  it('works the residual out from the printed figures, to the printed decimal', () => {
    for (const r of rows) {
      const m =
        /^([\d.]+) × \(1 − ([\d.]+) × ([\d.]+)\) × \(1 − ([\d.]+) × ([\d.]+)\) = ([\d.]+)$/.exec(
          r.residualWorking,
        );
      if (!m) throw new Error(`unexpected working: ${r.residualWorking}`);
      const [, e, a, p, b, mm, res] = m.map(Number);
      expect(res).toBe(Number(r.residualDisplay));
      const byHand = (e ?? 0) * (1 - (a ?? 0) * (p ?? 0)) * (1 - (b ?? 0) * (mm ?? 0));
      expect(Math.abs(byHand - (res ?? 0))).toBeLessThanOrEqual(0.051);
    }
  });
});
