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

/** `toFixed(2)` of an attainment, of which a catalogue has a handful of distinct values. */
function attainmentText(cache: Map<number, string>, attainment: number): string {
  let text = cache.get(attainment);
  if (text === undefined) {
    text = attainment.toFixed(2);
    cache.set(attainment, text);
  }
  return text;
}

/**
 * The applicable controls behind P(v) and M(v) of every vector, in the order of the scores, in one
 * pass over the controls: per vector a scan of every control cost vectors × controls. A control
 * counts through its first link to the vector, as a lookup by vector id finds it.
 */
function contributionsByVector(
  risk: RiskResult,
): Map<string, { preventing: Contribution[]; mitigating: Contribution[] }> {
  const byVector = new Map(
    risk.vectors.map((v) => [
      v.vectorId,
      { preventing: [] as Contribution[], mitigating: [] as Contribution[] },
    ]),
  );
  const texts = new Map<number, string>();
  for (const s of risk.readiness.controls) {
    if (s.attainment === null) continue;
    const links = s.control.vectors;
    let contribution: Contribution | undefined;
    for (let i = 0; i < links.length; i++) {
      const link = links[i];
      if (!link) continue;
      const lists = byVector.get(link.vector);
      if (!lists) continue;
      // Only the first link to a vector counts, as `find` by vector id would have it.
      if (links.findIndex((l) => l.vector === link.vector) !== i) continue;
      const prevents = link.effects.includes('prevents');
      const mitigates = link.effects.some((e) => MITIGATING.has(e));
      if (!prevents && !mitigates) continue;
      contribution ??= {
        controlId: s.control.id,
        attainment: s.attainment,
        weight: s.weight,
        display: `${s.control.id} ${attainmentText(texts, s.attainment)} × ${String(s.weight)}`,
      };
      if (prevents) lists.preventing.push(contribution);
      if (mitigates) lists.mitigating.push(contribution);
    }
  }
  return byVector;
}

/** Each attack vector the profile weights: its shares, exposure and what remains of it. */
export function vectorRows(risk: RiskResult): VectorRow[] {
  const three = (n: number): string => n.toFixed(3);
  const behind = contributionsByVector(risk);
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
    preventing: behind.get(v.vectorId)?.preventing ?? [],
    mitigating: behind.get(v.vectorId)?.mitigating ?? [],
    residualWorking:
      `${v.exposure.toFixed(2)} × (1 − ${String(risk.prevention)} × ${three(v.prevention)}) × ` +
      `(1 − ${String(risk.mitigation)} × ${three(v.mitigation)}) = ${points(v.residual)}`,
  }));
}
