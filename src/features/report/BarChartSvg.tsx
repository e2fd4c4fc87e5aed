import type { BarChart } from '../../domain/report/charts.ts';
import { ChartFigure } from './ChartFigure.tsx';

const WIDTH = 400;
const LABEL = 15;
const BAR = 13;
const ROW = LABEL + BAR + 9;
const AXIS = 30;
const VALUE_SPACE = 92;
/** Room for half of the first tick label, which is centred on the axis origin. */
const PAD = 8;

/**
 * A report chart as SVG. Each label sits above its bar, so the same drawing reads at phone width.
 * It is one image to assistive technology, named by the title and described by the chart's text
 * alternative, which lists every value: nothing is conveyed by the drawing alone.
 */
export function BarChartSvg({ chart }: { chart: BarChart }) {
  const plot = WIDTH - VALUE_SPACE - PAD;
  const height = chart.bars.length * ROW + AXIS;
  const x = (v: number): number => (Math.min(Math.max(v, 0), chart.max) / chart.max) * plot;
  return (
    <ChartFigure
      id={chart.id}
      title={chart.title}
      summary={chart.summary}
      legend={[
        ...(chart.legend.background
          ? [{ swatch: 'background', label: chart.legend.background } as const]
          : []),
        { swatch: 'value', label: chart.legend.value } as const,
        ...(chart.marker ? [{ swatch: 'marker', label: chart.marker.label } as const] : []),
      ]}
      width={WIDTH}
      height={height}
    >
      <g transform={`translate(${String(PAD)} 0)`}>
        {chart.ticks.map((tick) => (
          <g key={tick} className="chart-axis">
            <line x1={x(tick)} x2={x(tick)} y1={0} y2={height - AXIS + 2} />
            <text x={x(tick)} y={height - AXIS + 14} textAnchor="middle">
              {tick}
            </text>
          </g>
        ))}
        <text className="chart-unit" x={plot / 2} y={height - 3} textAnchor="middle">
          {chart.unit}
        </text>
        {chart.bars.map((bar, i) => {
          const top = i * ROW;
          return (
            <g key={bar.label}>
              <text className="chart-label" x={0} y={top + LABEL - 4}>
                {bar.label}
              </text>
              <rect className="chart-track" x={0} y={top + LABEL} width={plot} height={BAR} />
              {bar.background !== null && (
                <rect
                  className="chart-background"
                  x={0}
                  y={top + LABEL}
                  width={x(bar.background)}
                  height={BAR}
                />
              )}
              {bar.value !== null && (
                <rect
                  className="chart-value"
                  x={0}
                  y={top + LABEL + 2}
                  width={x(bar.value)}
                  height={BAR - 4}
                />
              )}
              <text className="chart-display" x={plot + 6} y={top + LABEL + BAR - 2}>
                {bar.display}
              </text>
            </g>
          );
        })}
        {chart.marker && (
          <line
            className="chart-marker"
            x1={x(chart.marker.value)}
            x2={x(chart.marker.value)}
            y1={0}
            y2={height - AXIS + 2}
          />
        )}
      </g>
    </ChartFigure>
  );
}
