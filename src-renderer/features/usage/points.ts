// Usage samples as chart points, and the scale each chart uses.
import type { UsageSample } from '../../../src-main/contract/inside';
import { niceBytesMax, niceMax } from '../../lib/usage';
import type { Point } from '../../ui/Sparkline';

/** The window's right edge: the newest sample, so the line ends at the right border. */
export const windowEnd = (samples: readonly UsageSample[]): number => {
  const last = samples[samples.length - 1];
  return last ? Date.parse(last.at) : Date.now();
};

export interface UsageSeries {
  cpu: Point[];
  memory: Point[];
  /** See windowEnd. */
  end: number;
}

/** The feed replaces a history array rather than changing it, so its points are made once per array. */
const seriesOf = new WeakMap<readonly UsageSample[], UsageSeries>();

/** CPU and memory points and the window's end for one history; the same object while the history is the same. */
export function usageSeries(samples: readonly UsageSample[]): UsageSeries {
  // No samples yet: nothing to draw, and an end that is "now" must not be kept.
  if (samples.length === 0) return { cpu: [], memory: [], end: Date.now() };
  let series = seriesOf.get(samples);
  if (!series) {
    const cpu: Point[] = [];
    const memory: Point[] = [];
    for (const s of samples) {
      const t = Date.parse(s.at);
      cpu.push({ t, v: s.cpuPercent });
      memory.push({ t, v: s.memoryBytes });
    }
    series = { cpu, memory, end: windowEnd(samples) };
    seriesOf.set(samples, series);
  }
  return series;
}

const peak = (points: readonly Point[]): number => points.reduce((m, p) => Math.max(m, p.v), 0);

/** CPU scales to its peak (at least 5%) but never above the limit: idle noise stays flat. */
export function cpuMax(points: readonly Point[], cores: number): number {
  return Math.min(niceMax(peak(points), 5), Math.max(100 * cores, 5));
}

/** Memory scales to its peak (at least 8 MiB), never above the limit. */
export function memoryMax(points: readonly Point[], limit: number): number {
  return Math.min(niceBytesMax(peak(points), 8 * 1024 * 1024), limit > 0 ? limit : Infinity);
}
