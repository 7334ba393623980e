// Decides when to warn that a sandbox is about to expire: once, when it enters its last five
// minutes. Electron-free; the notifications module calls check() every few seconds and on
// engine events and shows what it returns.
import type { SandboxRecord } from '../contract/sandbox';
import { EXPIRING_SOON_MS, isExpiringSoon, minutesLeftText, msUntilExpiry } from './expiring';
import { sandboxName } from './names';

export interface ExpiryWarning {
  id: string;
  name: string;
  msLeft: number;
}

export interface ExpiryCheck {
  /** Sandboxes that entered the window since the last check: warn about these. */
  entered: ExpiryWarning[];
  /** Sandboxes warned about earlier that left the window (renewed past it, gone, or expired). */
  cleared: string[];
}

export class ExpiryWarnings {
  private readonly warned = new Set<string>();

  constructor(private readonly windowMs = EXPIRING_SOON_MS) {}

  check(records: readonly SandboxRecord[], now: number): ExpiryCheck {
    const inWindow = new Set<string>();
    const entered: ExpiryWarning[] = [];
    for (const r of records) {
      if (!isExpiringSoon(r, now, this.windowMs) || !this.outlivedWindow(r)) continue;
      inWindow.add(r.id);
      if (this.warned.has(r.id)) continue;
      this.warned.add(r.id);
      entered.push({ id: r.id, name: sandboxName(r), msLeft: msUntilExpiry(r, now) ?? 0 });
    }
    const cleared: string[] = [];
    for (const id of this.warned) {
      if (inWindow.has(id)) continue;
      // Forgotten, so a sandbox renewed past the window is warned again when it comes back.
      this.warned.delete(id);
      cleared.push(id);
    }
    return { entered, cleared };
  }

  /**
   * Only a sandbox whose whole life is longer than the window ever "enters" it. One created with
   * a timeout of five minutes or less (scripts and tests do that) was born inside: warning about
   * it would be noise about a lifetime someone chose on purpose.
   */
  private outlivedWindow(r: SandboxRecord): boolean {
    return r.expiresAt !== null && Date.parse(r.expiresAt) - Date.parse(r.createdAt) > this.windowMs;
  }
}

/** "web-dev expires in 5 minutes" */
export function warningTitle(w: ExpiryWarning): string {
  return `${w.name} expires in ${minutesLeftText(w.msLeft)}`;
}
