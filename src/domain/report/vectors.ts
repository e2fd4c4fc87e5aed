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
  /** P(v) and M(v) to three decimals, enough to redo the residual by hand to one decimal. */
  readonly preventionDisplay: string;
  readonly mitigationDisplay: string;
  /** The applicable controls behind P(v) and M(v), each with its attainment and weight. */
  readonly preventing: readonly Contribution[];
  readonly mitigating: readonly Contribution[];
  /** The residual worked out: "41.24 × (1 − 0.8 × 0.620) × (1 − 0.5 × 0.400) = 16.6". */
  readonly residualWorking: string;
}

export interface Contribution {
  readonly controlId: string;
  readonly attainment: number;
  readonly weight: number;
  /** "KEY-01 0.50 × 3": attainment times severity weight, as the weighted mean adds it up. */
  readonly display: string;
}

const MITIGATING = new Set(['detects', 'limits-loss', 'speeds-response']);

function contributions(risk: RiskResult, vectorId: string, prevents: boolean): Contribution[] {
  return risk.readiness.controls.flatMap((s) => {
    if (s.attainment === null) return [];
    const link = s.control.vectors.find((v) => v.vector === vectorId);
    const acts =
      link !== undefined &&
      (prevents ? link.effects.includes('prevents') : link.effects.some((e) => MITIGATING.has(e)));
    return acts
      ? [
          {
            controlId: s.control.id,
            attainment: s.attainment,
            weight: s.weight,
            display: `${s.control.id} ${s.attainment.toFixed(2)} × ${String(s.weight)}`,
          },
        ]
      : [];
  });
}

/** Each attack vector the profile weights: its shares, exposure and what remains of it. */
export function vectorRows(risk: RiskResult): VectorRow[] {
  const three = (n: number): string => n.toFixed(3);
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
    preventionDisplay: three(v.prevention),
    mitigationDisplay: three(v.mitigation),
    preventing: contributions(risk, v.vectorId, true),
    mitigating: contributions(risk, v.vectorId, false),
    residualWorking:
      `${v.exposure.toFixed(2)} × (1 − ${String(risk.prevention)} × ${three(v.prevention)}) × ` +
      `(1 − ${String(risk.mitigation)} × ${three(v.mitigation)}) = ${points(v.residual)}`,
  }));
}
