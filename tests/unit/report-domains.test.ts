import { describe, expect, it } from 'vitest';
import { domainRows } from '../../src/domain/report/domains.ts';
import { demoInputs } from '../fixtures/demo.ts';

const { catalogue, risk } = demoInputs();

describe('the domain rows', () => {
  const rows = domainRows(catalogue, risk);

  it('has one row per catalogue domain, in catalogue order', () => {
    expect(rows.map((r) => r.id)).toEqual(catalogue.domains.map((d) => d.id));
    expect(rows.map((r) => r.name)).toEqual(catalogue.domains.map((d) => d.name));
  });

  it('counts every control once across the domains', () => {
    const total = rows.reduce((n, r) => n + r.counts.total, 0);
    expect(total).toBe(catalogue.controls.length);
    expect(rows.reduce((n, r) => n + r.counts.gaps, 0)).toBe(risk.readiness.counts.gaps);
  });

  it('shows readiness to one decimal and never more removable risk than the weight', () => {
    const custody = rows.find((r) => r.id === 'custody');
    // Catalogue 1.2.0 has 17 custody controls; the demo leaves the four new ones unanswered.
    expect(custody?.display).toBe('34.8');
    for (const r of rows) {
      expect(r.display).toBe(r.readiness === null ? 'n/a' : r.readiness.toFixed(1));
      expect(r.riskRemoved).toBeLessThanOrEqual(r.weight + 1e-9);
      expect(r.weightDisplay).toBe(r.weight.toFixed(1));
      expect(r.riskRemovedDisplay).toBe(r.riskRemoved.toFixed(1));
    }
  });
});
