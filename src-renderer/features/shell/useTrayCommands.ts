// Commands from the tray menu (Electron only): new sandbox, show a sandbox, open settings.
import { useEffect } from 'react';
import type { UiCommand } from '../../../src-main/contract/bridge';
import { getStore } from '../../store';

export function applyCommand(c: UiCommand): void {
  const s = getStore();
  switch (c.type) {
    case 'new-sandbox':
      s.askDelete(null);
      s.openDialog('create');
      break;
    case 'show-sandbox':
      s.closeDialog();
      s.askDelete(null);
      s.select(c.id);
      break;
    case 'open-settings':
      s.askDelete(null);
      s.openDialog('settings');
      break;
  }
}

export function useTrayCommands(): void {
  useEffect(() => {
    const onCommand = window.sandlot?.onCommand;
    if (!onCommand) return;
    return onCommand(applyCommand);
  }, []);
}
