// Runs a function at most once per interval, with a trailing run for calls made meanwhile, so a
// burst of engine events (a create emits several) rebuilds a menu once or twice, not per event.

export interface Throttled {
  (): void;
  /** Drops a pending trailing run (on shutdown, so nothing runs after the engine closed). */
  cancel(): void;
}

export function throttle(fn: () => void, intervalMs: number): Throttled {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending = false;
  const open = (): void => {
    timer = setTimeout(() => {
      timer = undefined;
      if (!pending) return;
      pending = false;
      fn();
      open();
    }, intervalMs);
  };
  const throttled = (): void => {
    if (timer) {
      pending = true;
      return;
    }
    fn();
    open();
  };
  throttled.cancel = (): void => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    pending = false;
  };
  return throttled;
}
