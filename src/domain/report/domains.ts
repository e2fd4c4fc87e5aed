import type { Catalogue } from '../catalogue/schema.ts';
import { formatScore, points } from '../format.ts';
import type { Counts } from '../scoring/readiness.ts';
import type { RiskResult } from '../scoring/risk.ts';

export interface DomainRow {
  readonly id: string;
  readonly name: string;
  readonly readiness: number | null;
  readonly display: string;
  readonly counts: Counts;
  /** Index points the domain spans between absent and at target: its weight in the model. */
  readonly weight: number;
  readonly weightDisplay: string;
  readonly riskRemoved: number;
  readonly riskRemovedDisplay: string;
}

/** Each domain's readiness and its part in the residual risk, in catalogue order. */
export function domainRows(catalogue: Catalogue, risk: RiskResult): DomainRow[] {
  const result = risk.readiness;
  return catalogue.domains.map((d, i) => {
    const r = result.domains[i];
    const dr = risk.domains[i];
    return {
      id: d.id,
      name: d.name,
      readiness: r?.readiness ?? null,
      display: formatScore(r?.readiness ?? null),
      counts: r?.counts ?? result.counts,
      weight: dr?.weight ?? 0,
      weightDisplay: points(dr?.weight ?? 0),
      riskRemoved: dr?.riskRemoved ?? 0,
      riskRemovedDisplay: points(dr?.riskRemoved ?? 0),
    };
  });
}
