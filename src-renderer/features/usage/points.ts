// Usage samples as chart points, and the scale each chart uses.
import type { UsageSample } from '../../../src-main/contract/inside';
import { niceBytesMax, niceMax } from '../../lib/usage';
import type { Point } from '../../ui/Sparkline';

export const cpuPoints = (samples: readonly UsageSample[]): Point[] => samples.map((s) => ({ t: Date.parse(s.at), v: s.cpuPercent }));
export const memoryPoints = (samples: readonly UsageSample[]): Point[] => samples.map((s) => ({ t: Date.parse(s.at), v: s.memoryBytes }));

const peak = (points: readonly Point[]): number => points.reduce((m, p) => Math.max(m, p.v), 0);

/** CPU scales to its peak (at least 5%) but never above the limit: idle noise stays flat. */
export function cpuMax(points: readonly Point[], cores: number): number {
  return Math.min(niceMax(peak(points), 5), Math.max(100 * cores, 5));
}

/** Memory scales to its peak (at least 8 MiB), never above the limit. */
export function memoryMax(points: readonly Point[], limit: number): number {
  return Math.min(niceBytesMax(peak(points), 8 * 1024 * 1024), limit > 0 ? limit : Infinity);
}

/** The window's right edge: the newest sample, so the line ends at the right border. */
export const windowEnd = (samples: readonly UsageSample[]): number => {
  const last = samples[samples.length - 1];
  return last ? Date.parse(last.at) : Date.now();
};
