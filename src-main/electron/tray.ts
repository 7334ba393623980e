// The tray icon and its menu. What the menu holds is decided in tray/menuModel.ts and what its
// items do in tray/actions.ts; this file only turns the model into an Electron Menu and keeps it
// current with the current context's events (the local engine or a remote server).
import { Menu, nativeImage, Tray, type MenuItemConstructorOptions, type NativeImage } from 'electron';
import type { UiCommand } from '../contract/bridge';
import type { ContextList } from '../contract/contexts';
import type { EngineStatus, SandboxRecord } from '../contract/sandbox';
import type { BridgeEvent } from '../contexts/contexts';
import type { TrayAction } from '../tray/actions';
import { trayIconPngs } from '../tray/icon';
import { buildTrayMenu, countSandboxes, statusLine, type TrayItem } from '../tray/menuModel';
import { throttle } from '../tray/throttle';

/** Engine events come in bursts; rebuilding the native menu per event would be wasted work. */
const REBUILD_THROTTLE_MS = 250;
/** "Expiring soon" changes with the clock, not only with events. */
const CLOCK_REFRESH_MS = 30_000;

export interface TrayDeps {
  /** The current context's sandboxes and status (contexts/contexts.ts, or the engine itself). */
  engine: { snapshot(): SandboxRecord[]; readonly status: EngineStatus; subscribe(listener: (e: BridgeEvent) => void): () => void };
  /** The contexts to switch between; without it the menu has no switcher. */
  contexts?: () => ContextList;
  run(action: TrayAction): void;
  showWindow(command?: UiCommand): void;
  platform?: NodeJS.Platform;
}

export interface SandlotTray {
  /** Rebuilds the menu now (it also follows engine events and the clock). */
  rebuild(): void;
  destroy(): void;
}

function trayImage(mac: boolean): NativeImage {
  const image = nativeImage.createEmpty();
  for (const { scaleFactor, png } of trayIconPngs(mac ? 'template' : 'color')) image.addRepresentation({ scaleFactor, buffer: png });
  // A template image is tinted by the menu bar, so it fits light and dark mode alike.
  if (mac) image.setTemplateImage(true);
  return image;
}

export function toMenuTemplate(items: readonly TrayItem[], run: (action: TrayAction) => void): MenuItemConstructorOptions[] {
  return items.map((item): MenuItemConstructorOptions => {
    if (item.type === 'separator') return { type: 'separator' };
    if (item.type === 'radio') {
      const { action } = item;
      return { type: 'radio', label: item.label, checked: item.checked, click: () => run(action) };
    }
    if (item.type === 'submenu') return { label: item.label, enabled: item.enabled, submenu: toMenuTemplate(item.submenu, run) };
    const { action } = item;
    return { label: item.label, enabled: item.enabled, ...(action ? { click: () => run(action) } : {}) };
  });
}

/** Creates the tray; throws when the system has none (the app then runs without one). */
export function createTray(deps: TrayDeps): SandlotTray {
  const { engine } = deps;
  const mac = (deps.platform ?? process.platform) === 'darwin';
  const tray = new Tray(trayImage(mac));

  const rebuild = (): void => {
    if (tray.isDestroyed()) return;
    const now = Date.now();
    const sandboxes = engine.snapshot();
    tray.setToolTip(`Sandlot: ${statusLine(countSandboxes(sandboxes, now))}`);
    tray.setContextMenu(Menu.buildFromTemplate(toMenuTemplate(buildTrayMenu({ sandboxes, engine: engine.status, now, contexts: deps.contexts?.() }), deps.run)));
  };
  const scheduleRebuild = throttle(rebuild, REBUILD_THROTTLE_MS);
  const unsubscribe = engine.subscribe(() => scheduleRebuild());
  const clock = setInterval(scheduleRebuild, CLOCK_REFRESH_MS);
  rebuild();

  // Windows and most Linux trays open the app on a click (the menu is on right-click); on macOS
  // a click opens the menu, as menu-bar extras do.
  if (!mac) tray.on('click', () => deps.showWindow());

  return {
    rebuild,
    destroy() {
      unsubscribe();
      clearInterval(clock);
      scheduleRebuild.cancel();
      if (!tray.isDestroyed()) tray.destroy();
    },
  };
}
