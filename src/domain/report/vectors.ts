import { formatScore, pct, points } from '../format.ts';
import type { RiskResult } from '../scoring/risk.ts';
import type { ShareBasis } from '../threat/profile.ts';

export interface VectorRow {
  readonly id: string;
  readonly name: string;
  readonly incidentShare: string;
  readonly lossShare: string;
  /** The shares and l/i as numbers, for the risk matrix. */
  readonly incidents: number;
  readonly loss: number;
  readonly cost: number | null;
  readonly incidentsBasis: ShareBasis;
  readonly lossBasis: ShareBasis;
  readonly costMultiplier: string;
  readonly exposure: number;
  readonly exposureDisplay: string;
  readonly residual: number;
  readonly residualDisplay: string;
  readonly readinessDisplay: string;
  readonly controls: number;
  readonly gaps: number;
  /** Set when no applicable control prevents or mitigates the vector. */
  readonly uncovered: string | null;
}

/** Each attack vector the profile weights: its shares, exposure and what remains of it. */
export function vectorRows(risk: RiskResult): VectorRow[] {
  return risk.vectors.map((v) => ({
    id: v.vectorId,
    name: v.name,
    incidentShare: pct(v.incidentShare),
    lossShare: pct(v.lossShare),
    incidents: v.incidentShare,
    loss: v.lossShare,
    cost: v.costMultiplier,
    incidentsBasis: v.incidentsBasis,
    lossBasis: v.lossBasis,
    costMultiplier: v.costMultiplier === null ? 'n/a' : `${v.costMultiplier.toFixed(2)}×`,
    exposure: v.exposure,
    exposureDisplay: points(v.exposure),
    residual: v.residual,
    residualDisplay: points(v.residual),
    readinessDisplay: formatScore(v.readiness),
    controls: v.controls,
    gaps: v.gaps,
    uncovered:
      !v.hasPrevention && !v.hasMitigation
        ? 'No applicable control addresses this vector.'
        : !v.hasPrevention
          ? 'No applicable control prevents this vector; only its cost can be reduced.'
          : null,
  }));
}
