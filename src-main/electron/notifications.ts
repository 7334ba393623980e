// "<name> expires in 5 minutes" notifications. Which sandboxes to warn about is decided in
// tray/expiryWarnings.ts; this file shows them and wires their buttons.
//
// The "Renew +1 h" button is offered where Electron supports notification buttons (macOS and
// Windows; on macOS only for a signed app with alert-style notifications, else the system hides
// it). Clicking the notification itself opens the window on that sandbox on every platform,
// including Linux, which has no buttons: a click is too easy to make by accident to change a
// sandbox's expiry, and the window shows the expiry and its own renew button.
import { Notification } from 'electron';
import type { UiCommand } from '../contract/bridge';
import type { EngineEvent, SandboxRecord } from '../contract/sandbox';
import { RENEW_SECONDS, type TrayAction } from '../tray/actions';
import { ExpiryWarnings, warningTitle, type ExpiryWarning } from '../tray/expiryWarnings';
import { throttle } from '../tray/throttle';

/** A warning a few seconds late is fine; a minute late is not. */
const CHECK_INTERVAL_MS = 5_000;
const EVENT_THROTTLE_MS = 250;

export interface NotificationDeps {
  engine: { snapshot(): SandboxRecord[]; subscribe(listener: (e: EngineEvent) => void): () => void };
  /** Runs a tray action (renew goes through the same code as the tray's "Renew +1 h"). */
  run(action: TrayAction): void;
  showWindow(command?: UiCommand): void;
  platform?: NodeJS.Platform;
  now?: () => number;
}

export interface ExpiryNotifier {
  /** Runs a check now (also runs on a timer and on engine events). */
  check(): void;
  stop(): void;
}

export function supportsActions(platform: NodeJS.Platform): boolean {
  return platform === 'darwin' || platform === 'win32';
}

export function startExpiryNotifications(deps: NotificationDeps): ExpiryNotifier {
  const platform = deps.platform ?? process.platform;
  const now = deps.now ?? (() => Date.now());
  const warnings = new ExpiryWarnings();
  // Held until closed: Electron drops a notification's click and action events once the
  // JavaScript object is garbage collected.
  const shown = new Map<string, Notification>();
  const buttons = supportsActions(platform);

  const show = (w: ExpiryWarning): void => {
    const n = new Notification({
      title: warningTitle(w),
      body: buttons ? 'Click to open it in Sandlot, or renew it by an hour.' : 'Click to open it in Sandlot, where you can renew it.',
      ...(buttons ? { actions: [{ type: 'button' as const, text: 'Renew +1 h' }] } : {}),
    });
    n.on('action', () => deps.run({ type: 'renew', id: w.id, seconds: RENEW_SECONDS }));
    n.on('click', () => deps.showWindow({ type: 'show-sandbox', id: w.id }));
    n.on('close', () => {
      if (shown.get(w.id) === n) shown.delete(w.id);
    });
    shown.get(w.id)?.close();
    shown.set(w.id, n);
    n.show();
  };

  const check = (): void => {
    const { entered, cleared } = warnings.check(deps.engine.snapshot(), now());
    // Renewed past the window, deleted or expired: the warning no longer holds.
    for (const id of cleared) {
      shown.get(id)?.close();
      shown.delete(id);
    }
    if (!Notification.isSupported()) return;
    for (const w of entered) show(w);
  };

  const onEvent = throttle(check, EVENT_THROTTLE_MS);
  const unsubscribe = deps.engine.subscribe(() => onEvent());
  const timer = setInterval(check, CHECK_INTERVAL_MS);
  check();
  return {
    check,
    stop() {
      unsubscribe();
      clearInterval(timer);
      onEvent.cancel();
    },
  };
}
