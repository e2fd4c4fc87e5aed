import { listInWords } from '../format.ts';
import type { DomainRow } from './domains.ts';
import type { VectorRow } from './vectors.ts';

export interface ReportCharts {
  readonly readinessByDomain: BarChart;
  readonly riskByVector: BarChart;
  readonly riskByDomain: BarChart;
}

/**
 * A horizontal bar chart as data. The screen draws it as SVG and the PDF with vector operations;
 * both read the same numbers, and `summary` is its text alternative.
 */
export interface BarChart {
  readonly id: string;
  readonly title: string;
  /** The chart in words: what a screen reader announces and what the Markdown export prints. */
  readonly summary: string;
  /** What the axis measures. */
  readonly unit: string;
  /** Axis maximum, a round number; every value and background is within [0, max]. */
  readonly max: number;
  /** Axis ticks from 0 to max, at a round step. */
  readonly ticks: readonly number[];
  readonly bars: readonly Bar[];
  /** A line across every bar, e.g. the target. */
  readonly marker: { readonly value: number; readonly label: string } | null;
  /** Label of the value bar, and of the background bar when bars have one. */
  readonly legend: { readonly value: string; readonly background: string | null };
}

export interface Bar {
  readonly label: string;
  /** Null when there is nothing to measure (e.g. every control N/A). */
  readonly value: number | null;
  readonly display: string;
  /** A lighter bar behind the value, e.g. the exposure before controls. */
  readonly background: number | null;
}

export function reportCharts(
  domains: readonly DomainRow[],
  vectors: readonly VectorRow[],
): ReportCharts {
  return {
    readinessByDomain: readinessChart(domains),
    riskByVector: vectorRiskChart(vectors),
    riskByDomain: domainRiskChart(domains),
  };
}

/**
 * A round axis for values up to `top`: the step is 1, 2, 2.5 or 5 times a power of ten, chosen
 * for at most five intervals, so a reader can read a bar against the grid.
 */
export function niceAxis(top: number): { max: number; ticks: number[] } {
  if (!(top > 0)) return { max: 1, ticks: [0, 1] };
  const rough = top / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * power >= rough) ?? 10) * power;
  const intervals = Math.ceil(top / step - 1e-9);
  const ticks = Array.from({ length: intervals + 1 }, (_, i) => Number((i * step).toFixed(10)));
  return { max: ticks[ticks.length - 1] ?? top, ticks };
}

function readinessChart(domains: readonly DomainRow[]): BarChart {
  const scored = domains.filter((d) => d.readiness !== null);
  const lowest = [...scored].sort((a, b) => (a.readiness ?? 0) - (b.readiness ?? 0))[0];
  return {
    id: 'readiness-by-domain',
    title: 'Readiness by domain against target',
    summary:
      `Readiness by domain, where 100 means every applicable control is at its target: ` +
      `${listInWords(domains.map((d) => `${d.name} ${d.readiness === null ? 'not scored (all N/A)' : d.display}`))}.` +
      (lowest ? ` Furthest from target: ${lowest.name}.` : ''),
    unit: 'Readiness (0-100)',
    ...niceAxis(100),
    bars: domains.map((d) => ({
      label: d.name,
      value: d.readiness,
      display: d.readiness === null ? 'N/A' : d.display,
      background: null,
    })),
    marker: { value: 100, label: 'Target: every control at its target' },
    legend: { value: 'Readiness', background: null },
  };
}

function vectorRiskChart(vectors: readonly VectorRow[]): BarChart {
  // Largest residual first: the chart answers "where is the risk", not "in what order are vectors".
  const sorted = [...vectors].sort((a, b) => b.residual - a.residual || a.id.localeCompare(b.id));
  return {
    id: 'risk-by-vector',
    title: 'Where the residual risk sits, by attack vector',
    summary:
      `Residual risk by attack vector, in index points out of each vector's exposure before controls: ` +
      `${listInWords(sorted.map((v) => `${v.name} ${v.residualDisplay} of ${v.exposureDisplay}`))}. ` +
      'The residuals add up to the residual risk.',
    unit: 'Residual-risk points',
    ...niceAxis(Math.max(0, ...sorted.map((v) => v.exposure))),
    bars: sorted.map((v) => ({
      label: v.name,
      value: v.residual,
      display: `${v.residualDisplay} of ${v.exposureDisplay}`,
      background: v.exposure,
    })),
    marker: null,
    legend: { value: 'Residual with these answers', background: 'Exposure with no controls' },
  };
}

function domainRiskChart(domains: readonly DomainRow[]): BarChart {
  return {
    id: 'risk-by-domain',
    title: 'Where the residual risk sits, by domain',
    summary:
      `Residual-risk points each domain would remove if all its gaps reached target, out of the domain's weight: ` +
      `${listInWords(domains.map((d) => `${d.name} ${d.riskRemovedDisplay} of ${d.weightDisplay}`))}. ` +
      'Domains share attack vectors, so these do not add up to the residual risk.',
    unit: 'Residual-risk points',
    ...niceAxis(Math.max(0, ...domains.map((d) => d.weight))),
    bars: domains.map((d) => ({
      label: d.name,
      value: d.riskRemoved,
      display: `${d.riskRemovedDisplay} of ${d.weightDisplay}`,
      background: d.weight,
    })),
    marker: null,
    legend: { value: 'Removable by closing its gaps', background: 'Weight in the threat model' },
  };
}
