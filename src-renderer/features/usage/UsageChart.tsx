// One Usage tab chart: the headline value, the line over the last two minutes on a light grid,
// and the scale's top value. The drawing itself is the shared Sparkline.
import type { JSX } from 'react';
import { USAGE_WINDOW_MS } from '../../lib/usage';
import { Sparkline, type Point } from '../../ui/Sparkline';

interface UsageChartProps {
  title: string;
  value: string;
  /** Under the value: what it is measured against ("of 0.5 cores"). */
  context: string;
  points: readonly Point[];
  end: number;
  max: number;
  maxLabel: string;
  tone: 'cpu' | 'mem';
}

export function UsageChart({ title, value, context, points, end, max, maxLabel, tone }: UsageChartProps): JSX.Element {
  return (
    <figure className={`usage-chart usage-${tone}`} aria-label={`${title} over the last 2 minutes`}>
      <figcaption className="usage-chart-head">
        <span className="usage-chart-title">{title}</span>
        <span className="usage-chart-value" data-testid={`usage-${tone}-value`}>
          {value}
        </span>
        <span className="usage-chart-context">{context}</span>
      </figcaption>
      <div className="usage-chart-plot">
        <span className="usage-chart-max">{maxLabel}</span>
        <Sparkline
          className="usage-chart-line"
          points={points}
          end={end}
          windowMs={USAGE_WINDOW_MS}
          max={max}
          width={400}
          height={100}
          area
          label={`${title}: ${value} now`}
          testId={`usage-${tone}-chart`}
        />
      </div>
      <div className="usage-chart-axis" aria-hidden="true">
        <span>2 min ago</span>
        <span>now</span>
      </div>
    </figure>
  );
}
