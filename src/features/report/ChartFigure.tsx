import type { ReactNode } from 'react';

export interface LegendEntry {
  readonly swatch: 'value' | 'background' | 'marker';
  readonly label: string;
}

/**
 * The frame every report chart shares: its title and legend above, and the drawing as one image
 * to assistive technology, named by the title and described by the chart's text alternative.
 * `after` is what follows the drawing inside the figure (a key of the marks, say).
 */
export function ChartFigure({
  id,
  title,
  summary,
  legend,
  width,
  height,
  className = 'chart',
  after,
  children,
}: {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly legend: readonly LegendEntry[];
  readonly width: number;
  readonly height: number;
  readonly className?: string;
  readonly after?: ReactNode;
  readonly children: ReactNode;
}) {
  const titleId = `chart-${id}-title`;
  const descId = `chart-${id}-desc`;
  return (
    <figure className={className} data-testid={`chart-${id}`}>
      <figcaption>
        <strong>{title}</strong>
        <span className="chart-legend" aria-hidden="true">
          {legend.map((entry) => (
            <span key={`${entry.swatch}:${entry.label}`}>
              <i className={`swatch swatch-${entry.swatch}`} /> {entry.label}
            </span>
          ))}
        </span>
      </figcaption>
      <svg
        role="img"
        aria-labelledby={`${titleId} ${descId}`}
        viewBox={`0 0 ${String(width)} ${String(height)}`}
        preserveAspectRatio="xMinYMin meet"
      >
        <title id={titleId}>{title}</title>
        <desc id={descId}>{summary}</desc>
        {children}
      </svg>
      {after}
    </figure>
  );
}
