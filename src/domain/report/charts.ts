import { listInWords } from '../format.ts';
import type { DomainRow } from './domains.ts';
import type { VectorRow } from './vectors.ts';

export interface ReportCharts {
  readonly readinessByDomain: BarChart;
  readonly riskByVector: BarChart;
  readonly riskByDomain: BarChart;
  readonly riskMatrix: RiskMatrix;
}

/**
 * Each weighted vector placed by how often it occurs (incident share, x) and how costly one
 * occurrence is against the average (loss share ÷ incident share, y), both on log scales because
 * the shares span two orders of magnitude. A dot's area is the vector's residual with the team's
 * answers, inside a ring whose area is its exposure before controls, so frequent small losses sit
 * to the lower right and rare protocol-ending ones to the upper left. Screen and PDF draw it from
 * these numbers; `summary` lists every one of them.
 */
export interface RiskMatrix {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly x: LogAxis;
  readonly y: LogAxis;
  /** The largest exposure: dot and ring areas are drawn relative to it. */
  readonly areaMax: number;
  readonly points: readonly MatrixPoint[];
  /** Vectors that cannot be placed (no incidents): named in the summary, not drawn. */
  readonly unplaced: readonly string[];
  readonly legend: { readonly dot: string; readonly ring: string };
}

export interface LogAxis {
  /** Powers of ten bracketing every value. */
  readonly min: number;
  readonly max: number;
  readonly ticks: readonly number[];
}

export interface MatrixPoint {
  readonly label: string;
  readonly incidentShare: number;
  readonly costMultiplier: number;
  readonly residual: number;
  readonly exposure: number;
  /** The point's numbers as the Markdown table and the text alternative print them. */
  readonly incidentDisplay: string;
  readonly costDisplay: string;
  readonly residualDisplay: string;
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
    riskMatrix: riskMatrix(vectors),
  };
}

/** 1, 2 and 5 times each power of ten: the ticks of a log axis a reader can interpolate on. */
function logSteps(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let e = lo; e <= hi; e++) {
    for (const m of [1, 2, 5]) out.push(Number((m * 10 ** e).toPrecision(1)));
  }
  return out;
}

/**
 * A log axis from the 1-2-5 step at or below the smallest value to the one at or above the
 * largest, so the points fill the plot however narrow their spread.
 */
export function logAxis(values: readonly number[]): LogAxis {
  const positive = values.filter((v) => v > 0 && Number.isFinite(v));
  if (positive.length === 0) return { min: 0.1, max: 1, ticks: [0.1, 0.2, 0.5, 1] };
  const lo = Math.min(...positive);
  const hi = Math.max(...positive);
  const steps = logSteps(Math.floor(Math.log10(lo)) - 1, Math.ceil(Math.log10(hi)) + 1);
  const min = [...steps].reverse().find((s) => s <= lo * (1 + 1e-9)) ?? lo;
  let max = steps.find((s) => s >= hi * (1 - 1e-9)) ?? hi;
  if (max <= min) max = steps.find((s) => s > min) ?? min * 10;
  return { min, max, ticks: steps.filter((s) => s >= min && s <= max) };
}

function riskMatrix(vectors: readonly VectorRow[]): RiskMatrix {
  const placed = vectors.filter((v) => v.incidents > 0 && v.cost !== null);
  const points: MatrixPoint[] = placed
    .map((v) => ({
      label: v.name,
      incidentShare: v.incidents,
      costMultiplier: v.cost ?? 0,
      residual: v.residual,
      exposure: v.exposure,
      incidentDisplay: v.incidentShare,
      costDisplay: v.costMultiplier,
      residualDisplay: `${v.residualDisplay} of ${v.exposureDisplay}`,
    }))
    .sort((a, b) => b.residual - a.residual || a.label.localeCompare(b.label));
  const unplaced = vectors.filter((v) => !placed.includes(v)).map((v) => v.name);
  return {
    id: 'risk-matrix',
    title: 'How often and how costly: each attack vector',
    summary:
      'Each attack vector by how often it occurs (its share of incidents) and how costly one ' +
      'occurrence is against the average incident (loss share ÷ incident share), with its ' +
      'residual-risk points out of its exposure before controls: ' +
      `${listInWords(points.map((p) => `${p.label} ${p.incidentDisplay} of incidents, ${p.costDisplay} the average cost, residual ${p.residualDisplay}`))}.` +
      (unplaced.length === 0
        ? ''
        : ` Not placed, because the profile gives them no incidents: ${listInWords(unplaced)}.`),
    xLabel: 'Incident share: how often (log scale)',
    yLabel: 'Cost per incident, × average (log scale)',
    x: logAxis(points.map((p) => p.incidentShare)),
    y: logAxis(points.map((p) => p.costMultiplier)),
    areaMax: Math.max(0, ...points.map((p) => p.exposure)),
    points,
    unplaced,
    legend: {
      dot: 'Dot area: residual with these answers',
      ring: 'Ring area: exposure with no controls',
    },
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

export interface MatrixMark {
  readonly point: MatrixPoint;
  /** 1-based, in the order of `points` (largest residual first): the key beside the drawing. */
  readonly number: number;
  readonly x: number;
  readonly y: number;
  readonly dot: number;
  readonly ring: number;
  readonly labelX: number;
  readonly labelY: number;
}

/**
 * Where each vector lands in a plot of the given size (y grows downwards, as on screen and in the
 * PDF), and where its number goes: to the right of its ring, moved down past any number already
 * placed there, because vectors with the same shares would otherwise print on top of each other.
 */
export function matrixLayout(
  m: RiskMatrix,
  width: number,
  height: number,
  maxRadius: number,
  labelHeight: number,
): MatrixMark[] {
  const frac = (axis: LogAxis, v: number): number =>
    (Math.log10(v) - Math.log10(axis.min)) / (Math.log10(axis.max) - Math.log10(axis.min));
  const radius = (v: number): number =>
    m.areaMax > 0 ? maxRadius * Math.sqrt(Math.max(0, v) / m.areaMax) : 0;
  const taken: { x: number; y: number }[] = [];
  return m.points.map((point, i) => {
    const x = frac(m.x, point.incidentShare) * width;
    const y = (1 - frac(m.y, point.costMultiplier)) * height;
    const ring = radius(point.exposure);
    const labelX = Math.min(width - labelHeight, x + ring + 2);
    let labelY = y + labelHeight / 3;
    while (
      taken.some(
        (t) => Math.abs(t.x - labelX) < labelHeight * 1.4 && Math.abs(t.y - labelY) < labelHeight,
      )
    ) {
      labelY += labelHeight;
    }
    taken.push({ x: labelX, y: labelY });
    return { point, number: i + 1, x, y, dot: radius(point.residual), ring, labelX, labelY };
  });
}
