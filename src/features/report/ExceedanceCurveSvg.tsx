import { roundUsd, type ExceedanceCurve } from '../../domain/report/dollars.ts';
import { ChartFigure } from './ChartFigure.tsx';

const WIDTH = 400;
const HEIGHT = 230;
const LEFT = 44;
const RIGHT = 14;
const TOP = 8;
const BOTTOM = 34;

/**
 * The loss-exceedance curve as SVG: one image to assistive technology, named by its title and
 * described by its text alternative, which gives the chance at every round amount now and at
 * target. Dollars on a log axis, since the amounts span five orders of magnitude; the chance on a
 * linear one, since a board reads "2%" more easily than a log scale. The table of every point
 * follows the figure.
 */
export function ExceedanceCurveSvg({ curve }: { curve: ExceedanceCurve }) {
  const plotW = WIDTH - LEFT - RIGHT;
  const plotH = HEIGHT - TOP - BOTTOM;
  const lx = (usd: number): number =>
    ((Math.log10(usd) - Math.log10(curve.x.min)) /
      (Math.log10(curve.x.max) - Math.log10(curve.x.min))) *
    plotW;
  const ly = (p: number): number => (1 - Math.min(p, curve.yMax) / curve.yMax) * plotH;
  const decades = curve.x.ticks.filter((t) => Number.isInteger(Math.log10(t)));
  return (
    <ChartFigure
      id={curve.id}
      title={curve.title}
      summary={curve.summary}
      legend={curve.series.map((s) => ({
        swatch: s.tone === 'now' ? 'value' : 'marker',
        label: s.label,
      }))}
      width={WIDTH}
      height={HEIGHT}
      className="chart loss-curve"
    >
      <g transform={`translate(${String(LEFT)} ${String(TOP)})`}>
        {curve.x.ticks.map((t) => (
          <g key={`x${String(t)}`} className="chart-axis">
            <line x1={lx(t)} x2={lx(t)} y1={0} y2={plotH} />
            {decades.includes(t) && (
              <text x={lx(t)} y={plotH + 12} textAnchor="middle">
                {roundUsd(t)}
              </text>
            )}
          </g>
        ))}
        {curve.yTicks.map((t) => (
          <g key={`y${String(t)}`} className="chart-axis">
            <line x1={0} x2={plotW} y1={ly(t)} y2={ly(t)} />
            <text x={-4} y={ly(t) + 3} textAnchor="end">
              {`${String(Number((100 * t).toPrecision(3)))}%`}
            </text>
          </g>
        ))}
        <text className="chart-unit" x={plotW / 2} y={plotH + 28} textAnchor="middle">
          {curve.xLabel}
        </text>
        <text
          className="chart-unit"
          transform={`translate(${String(-36)} ${String(plotH / 2)}) rotate(-90)`}
          textAnchor="middle"
        >
          {curve.yLabel}
        </text>
        {curve.series.map((s) => (
          <polyline
            key={s.label}
            className={s.tone === 'now' ? 'curve-now' : 'curve-target'}
            points={s.points.map((p) => `${lx(p.usd).toFixed(1)},${ly(p.p).toFixed(1)}`).join(' ')}
          />
        ))}
      </g>
    </ChartFigure>
  );
}
