// A line over time as one SVG polyline (plus an optional filled area): the list rows' tiny
// sparklines and the Usage tab's charts. Points are placed by time, so a missed second shows as
// a gap in spacing rather than a squeezed line. No state, no effects: cheap to re-render.
import type { JSX } from 'react';

export interface Point {
  /** Milliseconds since the epoch. */
  t: number;
  v: number;
}

interface SparklineProps {
  points: readonly Point[];
  /** The right edge of the window (usually the newest point's time). */
  end: number;
  windowMs: number;
  /** The value at the top edge. */
  max: number;
  /** The drawing's own units; CSS decides the size on screen (the SVG stretches). */
  width?: number;
  height?: number;
  area?: boolean;
  className?: string;
  /** Accessible description (e.g. "CPU 12% over the last 2 minutes"); decorative without one. */
  label?: string;
  testId?: string;
}

/** `x,y` pairs in the SVG's units; exported for tests. */
export function sparkPoints(points: readonly Point[], end: number, windowMs: number, max: number, width: number, height: number): string {
  const start = end - windowMs;
  const pad = 1; // keep the stroke inside the box at 0 and at max
  const out: string[] = [];
  for (const p of points) {
    if (p.t < start) continue;
    const x = ((p.t - start) / windowMs) * width;
    const ratio = max > 0 ? Math.min(1, Math.max(0, p.v / max)) : 0;
    const y = pad + (1 - ratio) * (height - 2 * pad);
    out.push(`${x.toFixed(1)},${y.toFixed(1)}`);
  }
  return out.join(' ');
}

export function Sparkline({ points, end, windowMs, max, width = 120, height = 32, area = false, className, label, testId }: SparklineProps): JSX.Element {
  const line = sparkPoints(points, end, windowMs, max, width, height);
  const first = line.split(' ', 1)[0]?.split(',')[0];
  const last = line.slice(line.lastIndexOf(' ') + 1).split(',')[0];
  return (
    <svg
      className={`sparkline${className ? ` ${className}` : ''}`}
      viewBox={`0 0 ${width} ${height}`}
      preserveAspectRatio="none"
      role={label ? 'img' : undefined}
      aria-label={label}
      aria-hidden={label ? undefined : true}
      data-testid={testId}
      data-points={points.length}
    >
      {area && line !== '' ? <polygon className="sparkline-area" points={`${first},${height} ${line} ${last},${height}`} /> : null}
      {line !== '' ? <polyline className="sparkline-line" points={line} vectorEffect="non-scaling-stroke" /> : null}
    </svg>
  );
}
