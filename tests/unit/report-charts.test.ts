import { describe, expect, it } from 'vitest';
import { reportCharts } from '../../src/domain/report/charts.ts';
import { domainRows } from '../../src/domain/report/domains.ts';
import { vectorRows } from '../../src/domain/report/vectors.ts';
import { demoInputs } from '../fixtures/demo.ts';

const { catalogue, risk } = demoInputs();

describe('the charts section', () => {
  const domains = domainRows(catalogue, risk);
  const vectors = vectorRows(risk);
  const charts = reportCharts(domains, vectors);

  it('draws readiness per domain against the target line at 100', () => {
    const c = charts.readinessByDomain;
    expect(c.bars.map((b) => b.label)).toEqual(domains.map((d) => d.name));
    expect(c.bars.map((b) => b.display)).toEqual(domains.map((d) => d.display));
    expect(c.marker?.value).toBe(100);
    expect(c.max).toBe(100);
  });

  it('puts each vector residual over its exposure, largest first', () => {
    const c = charts.riskByVector;
    const byResidual = [...vectors].sort(
      (a, b) => b.residual - a.residual || a.id.localeCompare(b.id),
    );
    expect(c.bars.map((b) => b.label)).toEqual(byResidual.map((v) => v.name));
    expect(c.bars.map((b) => b.background)).toEqual(byResidual.map((v) => v.exposure));
    expect(c.max).toBeGreaterThanOrEqual(Math.max(...vectors.map((v) => v.exposure)));
  });

  it('names every bar in the domain risk summary', () => {
    const c = charts.riskByDomain;
    for (const d of domains) {
      expect(c.summary).toContain(`${d.name} ${d.riskRemovedDisplay} of ${d.weightDisplay}`);
    }
    expect(c.summary).toMatch(/do not add up to the residual risk\.$/);
  });
});
