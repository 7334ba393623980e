// A bound on how many calls of one kind are out at once; the rest wait their turn in order.
// Docker handles a few lifecycle changes at a time well and hundreds badly: past a handful in
// flight, each one (and every read beside it) gets slower, and every waiting call holds a socket
// and its buffers. Waiting here costs one closure instead.

export class Limiter {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`a limiter needs at least one slot, not ${size}`);
  }

  /** Calls waiting for a slot (not counting the ones running). */
  get queued(): number {
    return this.waiting.length;
  }

  /** Calls running now. */
  get active(): number {
    return this.running;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running < this.size) this.running++;
    // A finished call hands its slot straight to the next one, so `running` stays as it is.
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
