// Usage history and chart scales: pure, so the feed and the charts share one definition.
import type { UsageSample } from '../../src-main/contract/inside';

/** How much history the charts and sparklines show. */
export const USAGE_WINDOW_MS = 120_000;

/** `history` with `sample` added, and samples older than the window (plus a margin) dropped. */
export function appendSample(history: readonly UsageSample[], sample: UsageSample): UsageSample[] {
  const last = history[history.length - 1];
  if (last && last.at === sample.at) return history as UsageSample[];
  const cutoff = Date.parse(sample.at) - USAGE_WINDOW_MS - 5_000;
  const kept = history.filter((s) => Date.parse(s.at) >= cutoff);
  kept.push(sample);
  return kept;
}

/** A round upper bound for a chart's axis: 1, 2 or 5 times a power of ten, at least `floor`. */
export function niceMax(peak: number, floor: number): number {
  const v = Math.max(peak * 1.15, floor);
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

/** A round upper bound for a byte axis: the next power of two (8 MiB, 16 MiB, 1 GiB), at least `floor`. */
export function niceBytesMax(peak: number, floor: number): number {
  const v = Math.max(peak * 1.15, floor);
  return 2 ** Math.ceil(Math.log2(v));
}

/** Bytes per second between the last two samples of a running total (rx or tx). */
export function rate(history: readonly UsageSample[], pick: (s: UsageSample) => number): number | null {
  const a = history[history.length - 2];
  const b = history[history.length - 1];
  if (!a || !b) return null;
  const dt = (Date.parse(b.at) - Date.parse(a.at)) / 1000;
  if (dt <= 0) return null;
  return Math.max(0, (pick(b) - pick(a)) / dt);
}

/** A short percentage: 0.4%, 12%, 250%. */
export function formatPercent(v: number): string {
  return v < 10 ? `${v.toFixed(1)}%` : `${Math.round(v)}%`;
}

/** Bytes in at most four characters and a unit letter, for the list's tight column: 980K, 1.2M. */
export function formatBytesShort(bytes: number): string {
  const units = ['B', 'K', 'M', 'G', 'T'];
  let v = bytes;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1024;
    i += 1;
  }
  return `${v < 10 && i > 0 ? v.toFixed(1) : Math.round(v)}${units[i]}`;
}
