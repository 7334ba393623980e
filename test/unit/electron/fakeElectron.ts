// A stand-in for the `electron` module (the Electron runtime cannot run on our build machines):
// just enough of app, ipcMain, BrowserWindow, Tray, Menu, Notification, clipboard, shell,
// nativeImage and dialog for the wiring tests, with the quit sequence Electron documents
// (before-quit, windows close, will-quit). Tests use it through
// vi.mock('electron', () => import('./fakeElectron')). Not a test file itself.
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

export interface FakeEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
}

export function fakeEvent(): FakeEvent {
  return {
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

export interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
}

class FakeWebContents extends EventEmitter {
  destroyed = false;
  loading = false;
  readonly send = vi.fn();
  readonly setWindowOpenHandler = vi.fn();
  readonly mainFrame: FakeFrame = { url: '', parent: null };
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isLoading(): boolean {
    return this.loading;
  }
}

export class BrowserWindow extends EventEmitter {
  static instances: BrowserWindow[] = [];
  static getAllWindows(): BrowserWindow[] {
    return BrowserWindow.instances.filter((w) => !w.destroyed);
  }

  readonly webContents = new FakeWebContents();
  destroyed = false;
  visible = false;
  readonly loadURL = vi.fn(async (url: string) => {
    this.webContents.mainFrame.url = url;
  });
  readonly loadFile = vi.fn(async (file: string) => {
    this.webContents.mainFrame.url = `file://${file}`;
  });
  readonly show = vi.fn(() => {
    this.visible = true;
  });
  readonly hide = vi.fn(() => {
    this.visible = false;
  });
  readonly focus = vi.fn();
  readonly restore = vi.fn();

  constructor(readonly options: Record<string, unknown>) {
    super();
    BrowserWindow.instances.push(this);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isMinimized(): boolean {
    return false;
  }
  /** As Electron: 'close' may be prevented; otherwise the window is gone. */
  close(): void {
    const event = fakeEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return;
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
    // As Electron: not while quitting, where will-quit follows instead.
    if (BrowserWindow.getAllWindows().length === 0 && !app.quitting) app.emit('window-all-closed');
  }
}

class FakeApp extends EventEmitter {
  isPackaged = false;
  home = '/tmp/sandlot-fake-home';
  /** True once the process would have ended. */
  quitted = false;
  /** Inside quit(): windows closing now do not emit window-all-closed. */
  quitting = false;
  exitCode: number | undefined;
  readonly setName = vi.fn();
  readonly setPath = vi.fn();
  readonly setAppUserModelId = vi.fn();
  readonly requestSingleInstanceLock = vi.fn(() => true);
  readonly getPath = vi.fn(() => this.home);
  readonly whenReady = vi.fn(() => Promise.resolve());
  readonly exit = vi.fn((code?: number) => {
    this.exitCode = code ?? 0;
    this.quitted = true;
  });
  /** Electron's sequence: before-quit, close every window (any may refuse), will-quit. */
  readonly quit = vi.fn(() => {
    if (this.quitted) return;
    this.quitting = true;
    try {
      this.emit('before-quit', fakeEvent());
      for (const w of BrowserWindow.getAllWindows()) {
        w.close();
        if (!w.isDestroyed()) return;
      }
      const event = fakeEvent();
      this.emit('will-quit', event);
      if (!event.defaultPrevented) this.quitted = true;
    } finally {
      this.quitting = false;
    }
  });

  reset(): void {
    this.removeAllListeners();
    this.isPackaged = false;
    this.quitted = false;
    this.quitting = false;
    this.exitCode = undefined;
  }
}

export const app = new FakeApp();

type InvokeHandler = (event: unknown, ...args: unknown[]) => unknown;
export const ipcMain = {
  handlers: new Map<string, InvokeHandler>(),
  handle: vi.fn((channel: string, handler: InvokeHandler) => {
    if (ipcMain.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    ipcMain.handlers.set(channel, handler);
  }),
  removeHandler: vi.fn((channel: string) => {
    ipcMain.handlers.delete(channel);
  }),
};

export interface FakeMenuItem {
  label?: string;
  type?: string;
  enabled?: boolean;
  click?: () => void;
  submenu?: FakeMenuItem[];
}

export class FakeMenu {
  constructor(readonly items: FakeMenuItem[]) {}
  /** The item with this label, searched through submenus too. */
  find(label: string, items: FakeMenuItem[] = this.items): FakeMenuItem | undefined {
    for (const item of items) {
      if (item.label === label) return item;
      const inner = item.submenu ? this.find(label, item.submenu) : undefined;
      if (inner) return inner;
    }
    return undefined;
  }
}

export const Menu = {
  buildFromTemplate: vi.fn((template: FakeMenuItem[]) => new FakeMenu(template)),
};

export class FakeImage {
  readonly representations: { scaleFactor?: number; buffer?: Buffer }[] = [];
  template = false;
  addRepresentation(rep: { scaleFactor?: number; buffer?: Buffer }): void {
    this.representations.push(rep);
  }
  setTemplateImage(on: boolean): void {
    this.template = on;
  }
}

export const nativeImage = {
  createEmpty: vi.fn(() => new FakeImage()),
};

export class Tray extends EventEmitter {
  static instances: Tray[] = [];
  /** Set to act like a desktop without a system tray. */
  static unavailable = false;
  destroyed = false;
  menu: FakeMenu | undefined;
  toolTip = '';
  readonly setContextMenu = vi.fn((menu: FakeMenu) => {
    this.menu = menu;
  });
  constructor(readonly image: FakeImage) {
    super();
    if (Tray.unavailable) throw new Error('no system tray');
    Tray.instances.push(this);
  }
  setToolTip(text: string): void {
    this.toolTip = text;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
  }
}

export class Notification extends EventEmitter {
  static instances: Notification[] = [];
  static supported = true;
  static isSupported(): boolean {
    return Notification.supported;
  }
  readonly show = vi.fn();
  closed = false;
  constructor(readonly options: { title?: string; body?: string; actions?: { type: string; text?: string }[] }) {
    super();
    Notification.instances.push(this);
  }
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.emit('close', fakeEvent());
  }
}

export const clipboard = { writeText: vi.fn() };
export const shell = { openExternal: vi.fn(async () => undefined) };
export const dialog = {
  showErrorBox: vi.fn(),
  showMessageBox: vi.fn(async () => ({ response: 0, checkboxChecked: false })),
};

/** Fresh state for the next test. */
export function resetFakeElectron(): void {
  app.reset();
  BrowserWindow.instances = [];
  Tray.instances = [];
  Tray.unavailable = false;
  Notification.instances = [];
  Notification.supported = true;
  ipcMain.handlers.clear();
  vi.clearAllMocks();
}
