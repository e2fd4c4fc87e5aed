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
}

/**
 * The number(s) naming one bubble, or several that coincide ("4, 6"), as a box: `x`, `y` its
 * top-left corner. A label that cannot sit against its bubble's ring has a leader from the ring's
 * edge to the box.
 */
export interface MatrixLabel {
  readonly text: string;
  readonly numbers: readonly number[];
  /** The bubble the label names: the first of the coinciding ones. */
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly anchor: { readonly x: number; readonly y: number; readonly ring: number };
  readonly leader: {
    readonly x1: number;
    readonly y1: number;
    readonly x2: number;
    readonly y2: number;
  } | null;
}

export interface MatrixPlot {
  readonly marks: readonly MatrixMark[];
  readonly labels: readonly MatrixLabel[];
  /** Where a value of the axis lands: the ticks are drawn with these, like the bubbles. */
  readonly xAt: (value: number) => number;
  readonly yAt: (value: number) => number;
}

export interface MatrixLayoutOptions {
  readonly width: number;
  readonly height: number;
  readonly maxRadius: number;
  readonly labelHeight: number;
  /** The label's width as drawn; the screen and the PDF measure their own fonts. */
  readonly labelWidth: (text: string) => number;
}

/** Space between a ring and its label, as a share of the label's height. */
const LABEL_GAP = 0.25;

interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Distance from a point to the nearest point of a box (0 inside it). */
function boxDistance(b: Box, px: number, py: number): number {
  const dx = Math.max(b.x - px, 0, px - (b.x + b.width));
  const dy = Math.max(b.y - py, 0, py - (b.y + b.height));
  return Math.hypot(dx, dy);
}

const overlaps = (a: Box, b: Box): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/**
 * Where each vector lands in a plot of the given size (y grows downwards, as on screen and in the
 * PDF) and where its number goes.
 *
 * The axes are inset so that every ring lies inside the plot: a vector at the axis minimum would
 * otherwise be drawn half outside it. Bubbles closer together than a label's height are one label
 * ("4, 6"), since no reader could tell two numbers there apart. Each label is tried against its
 * ring in eight directions; one that would touch another ring or label is moved further out and
 * given a leader from its ring, so a number never sits on a bubble it does not name.
 */
export function matrixLayout(m: RiskMatrix, o: MatrixLayoutOptions): MatrixPlot {
  const { width, height, maxRadius, labelHeight } = o;
  const frac = (axis: LogAxis, v: number): number =>
    (Math.log10(v) - Math.log10(axis.min)) / (Math.log10(axis.max) - Math.log10(axis.min));
  const radius = (v: number): number =>
    m.areaMax > 0 ? maxRadius * Math.sqrt(Math.max(0, v) / m.areaMax) : 0;
  const rings = m.points.map((p) => Math.max(radius(p.exposure), radius(p.residual)));
  // The inset on each side is what the ring that sticks out furthest needs; a few rounds settle
  // it because the span shrinks as the insets grow, and the largest ring on both sides always fits.
  const inset = (fracs: readonly number[], span: number): { lo: number; hi: number } => {
    let lo = 0;
    let hi = 0;
    for (let round = 0; round < 8; round++) {
      const inner = span - lo - hi;
      lo = Math.max(0, ...fracs.map((f, i) => (rings[i] ?? 0) - f * inner));
      hi = Math.max(0, ...fracs.map((f, i) => (rings[i] ?? 0) - (1 - f) * inner));
    }
    const inner = span - lo - hi;
    const fits = fracs.every(
      (f, i) =>
        lo + f * inner >= (rings[i] ?? 0) - 1e-9 && lo + f * inner <= span - (rings[i] ?? 0) + 1e-9,
    );
    const most = Math.max(0, ...rings);
    return fits ? { lo, hi } : { lo: most, hi: most };
  };
  const xs = inset(
    m.points.map((p) => frac(m.x, p.incidentShare)),
    width,
  );
  // Up the page is larger, so the y fractions are flipped before the inset is worked out.
  const ys = inset(
    m.points.map((p) => 1 - frac(m.y, p.costMultiplier)),
    height,
  );
  const xAt = (v: number): number => xs.lo + frac(m.x, v) * (width - xs.lo - xs.hi);
  const yAt = (v: number): number => ys.lo + (1 - frac(m.y, v)) * (height - ys.lo - ys.hi);
  const marks: MatrixMark[] = m.points.map((point, i) => ({
    point,
    number: i + 1,
    x: xAt(point.incidentShare),
    y: yAt(point.costMultiplier),
    dot: radius(point.residual),
    ring: rings[i] ?? 0,
  }));

  // Coinciding bubbles: joined while any two centres are closer than a label is tall.
  const groups: MatrixMark[][] = [];
  for (const mark of marks) {
    const near = groups.filter((g) =>
      g.some((k) => Math.hypot(k.x - mark.x, k.y - mark.y) < labelHeight),
    );
    const merged = [...near.flat(), mark].sort((a, b) => a.number - b.number);
    for (const g of near) groups.splice(groups.indexOf(g), 1);
    groups.push(merged);
  }
  // The biggest bubbles are labelled first, as they leave the least room around them.
  groups.sort(
    (a, b) => (b[0]?.ring ?? 0) - (a[0]?.ring ?? 0) || (a[0]?.number ?? 0) - (b[0]?.number ?? 0),
  );

  const gap = labelHeight * LABEL_GAP;
  const placed: MatrixLabel[] = [];
  const inside = (b: Box): boolean =>
    b.x >= 0 && b.y >= 0 && b.x + b.width <= width && b.y + b.height <= height;
  const free = (b: Box): boolean => placed.every((l) => !overlaps(b, l));
  for (const group of groups) {
    const first = group[0];
    if (first === undefined) continue;
    const numbers = group.map((k) => k.number);
    const text = numbers.join(', ');
    const w = o.labelWidth(text);
    const h = labelHeight;
    // The group's centre and a ring around all of it.
    const cx = group.reduce((s, k) => s + k.x, 0) / group.length;
    const cy = group.reduce((s, k) => s + k.y, 0) / group.length;
    const ring = Math.max(...group.map((k) => Math.hypot(k.x - cx, k.y - cy) + k.ring));
    const others = marks.filter((k) => !group.includes(k));
    // How much of other bubbles a box covers: their dots count more than their rings.
    const onOthers = (b: Box): number =>
      others.reduce((s, k) => {
        const d = boxDistance(b, k.x, k.y);
        return s + (d < k.dot + gap ? 4 : 0) + (d < k.ring + gap ? 1 : 0);
      }, 0);
    // Right, left, above, below, then the diagonals: at `reach` from the ring's edge.
    const around = (reach: number): Box[] => {
      const r = ring + reach;
      const d = r / Math.SQRT2;
      return [
        { x: cx + r, y: cy - h / 2 },
        { x: cx - r - w, y: cy - h / 2 },
        { x: cx - w / 2, y: cy - r - h },
        { x: cx - w / 2, y: cy + r },
        { x: cx + d, y: cy - d - h },
        { x: cx + d, y: cy + d },
        { x: cx - d - w, y: cy - d - h },
        { x: cx - d - w, y: cy + d },
      ].map((p) => ({ ...p, width: w, height: h }));
    };
    const clamp = (b: Box): Box => ({
      ...b,
      x: Math.min(Math.max(b.x, 0), width - w),
      y: Math.min(Math.max(b.y, 0), height - h),
    });
    const touching = (b: Box): boolean => boxDistance(b, cx, cy) <= ring + gap * 1.5 + 1e-9;
    // Costs: 10 for each bubble covered, 5 for needing a leader, then distance and direction.
    const best: { box: Box | undefined; cost: number } = { box: undefined, cost: Infinity };
    const consider = (b: Box, extra: number): void => {
      if (!inside(b) || !free(b)) return;
      const cost = onOthers(b) * 10 + (touching(b) ? 0 : 5) + extra;
      if (cost < best.cost) {
        best.box = b;
        best.cost = cost;
      }
    };
    // Against the ring first: clamped into the plot if it would run off the edge.
    around(gap).forEach((b, k) => {
      consider(clamp(b), k * 0.01);
    });
    if (best.cost >= 5) {
      for (let step = 1; step <= 6; step++) {
        around(gap + step * h).forEach((b, k) => {
          consider(clamp(b), step + k * 0.01);
        });
      }
    }
    if (best.box === undefined) {
      // Anywhere left in the plot, nearest first: a crowded plot still gets every number.
      for (let gy = 0; gy + h <= height; gy += h / 2) {
        for (let gx = 0; gx + w <= width; gx += h / 2) {
          const b = { x: gx, y: gy, width: w, height: h };
          consider(b, 20 + boxDistance(b, cx, cy));
        }
      }
    }
    // A plot with no free place left at all (labels cover it) puts the label at the ring's right.
    const box: Box = best.box ?? clamp({ x: cx + ring + gap, y: cy - h / 2, width: w, height: h });
    let leader: MatrixLabel['leader'] = null;
    if (!touching(box)) {
      // From the ring's edge towards the nearest point of the box.
      const tx = Math.min(Math.max(cx, box.x), box.x + box.width);
      const ty = Math.min(Math.max(cy, box.y), box.y + box.height);
      const d = Math.hypot(tx - cx, ty - cy) || 1;
      leader = {
        x1: cx + ((tx - cx) / d) * ring,
        y1: cy + ((ty - cy) / d) * ring,
        x2: tx,
        y2: ty,
      };
    }
    placed.push({
      text,
      numbers,
      ...box,
      anchor: { x: cx, y: cy, ring },
      leader,
    });
  }
  placed.sort((a, b) => (a.numbers[0] ?? 0) - (b.numbers[0] ?? 0));
  return { marks, labels: placed, xAt, yAt };
}
