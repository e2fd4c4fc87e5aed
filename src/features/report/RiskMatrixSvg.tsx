import { formatTick } from '../../domain/report/blocks.ts';
import { matrixLayout, type RiskMatrix } from '../../domain/report/charts.ts';
import { ChartFigure } from './ChartFigure.tsx';

const WIDTH = 400;
const HEIGHT = 240;
const LEFT = 40;
const BOTTOM = 32;
const TOP = 8;
const RIGHT = 16;
const MAX_RADIUS = 20;
const LABEL = 11;

/**
 * The risk matrix as SVG: one image to assistive technology, named by its title and described by
 * its text alternative, which gives every vector's numbers. The numbered key under the drawing
 * names the dots, so no label has to fit between two vectors with nearly the same shares.
 */
export function RiskMatrixSvg({ matrix }: { matrix: RiskMatrix }) {
  const plotW = WIDTH - LEFT - RIGHT;
  const plotH = HEIGHT - TOP - BOTTOM;
  const {
    marks,
    labels,
    xAt: lx,
    yAt: ly,
  } = matrixLayout(matrix, {
    width: plotW,
    height: plotH,
    maxRadius: MAX_RADIUS,
    labelHeight: LABEL,
    // 10 px semibold digits and ", " are about 0.62 em wide; a hair of room either side.
    labelWidth: (text) => text.length * 6.2 + 3,
  });
  return (
    <ChartFigure
      id={matrix.id}
      title={matrix.title}
      summary={matrix.summary}
      legend={[
        { swatch: 'background', label: matrix.legend.ring },
        { swatch: 'value', label: matrix.legend.dot },
      ]}
      width={WIDTH}
      height={HEIGHT}
      className="chart risk-matrix"
      after={
        <ol className="matrix-key" aria-hidden="true">
          {marks.map((m) => (
            <li key={m.point.label}>
              {m.point.label}: {m.point.incidentDisplay} of incidents, {m.point.costDisplay} the
              average cost, residual {m.point.residualDisplay}
            </li>
          ))}
        </ol>
      }
    >
      <g transform={`translate(${String(LEFT)} ${String(TOP)})`}>
        <rect className="matrix-frame" x={0} y={0} width={plotW} height={plotH} />
        {matrix.x.ticks.map((t) => (
          <g key={`x${String(t)}`} className="chart-axis">
            <line x1={lx(t)} x2={lx(t)} y1={0} y2={plotH} />
            <text x={lx(t)} y={plotH + 12} textAnchor="middle">
              {formatTick(t)}
            </text>
          </g>
        ))}
        {matrix.y.ticks.map((t) => (
          <g key={`y${String(t)}`} className="chart-axis">
            <line x1={0} x2={plotW} y1={ly(t)} y2={ly(t)} />
            <text x={-4} y={ly(t) + 3} textAnchor="end">
              {formatTick(t)}
            </text>
          </g>
        ))}
        <text className="chart-unit" x={plotW / 2} y={plotH + 26} textAnchor="middle">
          {matrix.xLabel}
        </text>
        <text
          className="chart-unit"
          transform={`translate(${String(-30)} ${String(plotH / 2)}) rotate(-90)`}
          textAnchor="middle"
        >
          {matrix.yLabel}
        </text>
        {marks.map((m) => (
          <g key={m.point.label}>
            <circle className="matrix-ring" cx={m.x} cy={m.y} r={m.ring} />
            <circle className="matrix-dot" cx={m.x} cy={m.y} r={m.dot} />
          </g>
        ))}
        {labels.map((l) => (
          <g key={l.text}>
            {l.leader === null ? null : (
              <line
                className="matrix-leader"
                x1={l.leader.x1}
                y1={l.leader.y1}
                x2={l.leader.x2}
                y2={l.leader.y2}
              />
            )}
            <rect className="matrix-tab" x={l.x} y={l.y} width={l.width} height={l.height} />
            <text
              className="chart-label"
              x={l.x + 1.5}
              y={l.y + l.height / 2}
              dominantBaseline="central"
            >
              {l.text}
            </text>
          </g>
        ))}
      </g>
    </ChartFigure>
  );
}
