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
