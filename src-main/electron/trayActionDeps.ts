// What tray actions (tray/actions.ts) need from Electron: clipboard, browser, dialogs, and a
// place to report failures. Shared by the tray menu and the expiry notifications' buttons.
import { clipboard, dialog, Notification, shell } from 'electron';
import type { UiCommand } from '../contract/bridge';
import type { RunningSandlot } from '../sandlot';
import type { TrayActionDeps } from '../tray/actions';

export interface ActionHost {
  sandlot: Pick<RunningSandlot, 'contexts' | 'dispatcher' | 'settings' | 'port'>;
  showWindow(command?: UiCommand): void;
  quit(): void;
}

/** Failures of tray actions: a notification where the system has them, else a dialog. */
export function reportToUser(message: string): void {
  if (Notification.isSupported()) new Notification({ title: 'Sandlot', body: message }).show();
  else dialog.showErrorBox('Sandlot', message);
}

export function trayActionDeps(host: ActionHost): TrayActionDeps {
  const { sandlot } = host;
  return {
    dispatcher: sandlot.dispatcher,
    // Tray actions work on what the menu shows: the current context.
    engine: sandlot.contexts,
    apiPort: sandlot.port,
    apiKey: () => sandlot.settings.get().apiKey,
    maxTimeoutSeconds: () => sandlot.settings.get().maxTimeoutSeconds,
    now: () => Date.now(),
    copy: (text) => clipboard.writeText(text),
    openExternal: (url) => shell.openExternal(url),
    showWindow: host.showWindow,
    async confirm({ message, detail, action }) {
      const { response } = await dialog.showMessageBox({ type: 'warning', message, detail, buttons: [action, 'Cancel'], defaultId: 1, cancelId: 1 });
      return response === 0;
    },
    quit: host.quit,
    report: reportToUser,
  };
}
