// Number formatting for the report.

/** Milliseconds with precision that fits the size: 0.42, 4.2, 42.0, 420. */
export function ms(x: number): string {
  if (x < 10) return `${x.toFixed(2)} ms`;
  if (x < 100) return `${x.toFixed(1)} ms`;
  return `${x.toFixed(0)} ms`;
}

/** KiB (as /proc gives them) as decimal megabytes, 10^6 bytes. */
export function mbFromKb(kb: number): number {
  return (kb * 1024) / 1e6;
}

export function mb(kb: number): string {
  return `${mbFromKb(kb).toFixed(1)} MB`;
}

/** Bytes as decimal megabytes, like mb(). */
export function mbOfBytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

export function times(x: number): string {
  return `${x.toFixed(2)}×`;
}
