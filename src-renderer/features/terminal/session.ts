// A shell inside a sandbox: an xterm.js terminal joined to the terminal WebSocket. The session
// owns its DOM element, so the tab can hide it and show it again (switching tabs) without the
// terminal or its connection noticing. Binary frames are terminal bytes both ways; text frames
// carry resize (ours) and exit/error (the server's).
import { FitAddon } from '@xterm/addon-fit';
import { Terminal, type ITheme } from '@xterm/xterm';
import type { SandlotBridge } from '../../../src-main/contract/bridge';
import type { TerminalControl, TerminalNotice } from '../../../src-main/contract/inside';
import { copyText } from '../../lib/clipboard';
import { errorText } from '../../lib/errors';
import { withParams } from '../../lib/sse';

export type TerminalStatus =
  | { kind: 'connecting' }
  | { kind: 'open' }
  | { kind: 'exited'; code: number }
  | { kind: 'closed'; message: string };

/** One dark palette in both app themes: terminals read best dark, and programs assume it. */
const THEME: ITheme = {
  background: '#0f1217',
  foreground: '#e3e7ee',
  cursor: '#a5a7ff',
  cursorAccent: '#0f1217',
  selectionBackground: 'rgba(131, 133, 255, 0.38)',
  black: '#1b1f27',
  red: '#ff7a6e',
  green: '#4ccf7d',
  yellow: '#f5b544',
  blue: '#6ea8ff',
  magenta: '#c792ea',
  cyan: '#5ccfe6',
  white: '#d3d8e0',
  brightBlack: '#5d6673',
  brightRed: '#ff9d94',
  brightGreen: '#7ee3a3',
  brightYellow: '#ffd27a',
  brightBlue: '#9cc3ff',
  brightMagenta: '#dcb4f5',
  brightCyan: '#8ee3f2',
  brightWhite: '#ffffff',
};

const FONT = "ui-monospace, 'SF Mono', 'Cascadia Code', Menlo, Consolas, 'DejaVu Sans Mono', monospace";
const encoder = new TextEncoder();

export class TerminalSession {
  /** The element the terminal draws into; the tab moves it in and out of the page. */
  readonly element: HTMLDivElement;
  private readonly term: Terminal;
  private readonly fitAddon = new FitAddon();
  private socket: WebSocket | null = null;
  private status: TerminalStatus = { kind: 'connecting' };
  private readonly listeners = new Set<(s: TerminalStatus) => void>();
  private disposed = false;

  constructor(
    private readonly bridge: SandlotBridge,
    private readonly sandboxId: string,
  ) {
    this.element = document.createElement('div');
    this.element.className = 'terminal-host';
    this.term = new Terminal({ fontFamily: FONT, fontSize: 13, lineHeight: 1.15, theme: THEME, cursorBlink: true, scrollback: 5000, allowProposedApi: false });
    this.term.loadAddon(this.fitAddon);
    this.term.onData((data) => this.send(encoder.encode(data)));
    // Some keys (and pasted binary) arrive as one char per byte.
    this.term.onBinary((data) => this.send(Uint8Array.from(data, (c) => c.charCodeAt(0) & 0xff)));
    this.term.onResize(({ cols, rows }) => this.control({ type: 'resize', cols, rows }));
    this.term.attachCustomKeyEventHandler((e) => this.clipboardKeys(e));
  }

  /** Puts the terminal in `parent` (first time: opens it there) and fits it to the space. */
  attach(parent: HTMLElement): void {
    if (this.element.parentElement !== parent) parent.appendChild(this.element);
    if (!this.term.element) this.term.open(this.element);
    this.fit();
  }

  detach(): void {
    this.element.remove();
  }

  /** Resizes to the element; skipped while hidden (the size would be zero). */
  fit(): void {
    if (this.disposed || this.element.clientWidth === 0 || this.element.clientHeight === 0) return;
    this.fitAddon.fit();
  }

  focus(): void {
    this.term.focus();
  }

  onStatus(listener: (s: TerminalStatus) => void): () => void {
    this.listeners.add(listener);
    listener(this.status);
    return () => this.listeners.delete(listener);
  }

  /** Opens a new connection (a new shell): every connection needs a fresh one-time link. */
  async connect(): Promise<void> {
    this.socket?.close();
    this.socket = null;
    this.setStatus({ kind: 'connecting' });
    let url: string;
    try {
      url = (await this.bridge.invoke('links.create', { purpose: 'terminal', id: this.sandboxId })).url;
    } catch (err) {
      this.setStatus({ kind: 'closed', message: errorText(err) });
      return;
    }
    if (this.disposed) return;
    this.fit();
    const ws = new WebSocket(withParams(url, { cols: this.term.cols, rows: this.term.rows }));
    ws.binaryType = 'arraybuffer';
    this.socket = ws;
    let ended = false;
    ws.onopen = () => {
      if (this.socket !== ws) return;
      this.setStatus({ kind: 'open' });
      this.term.focus();
    };
    ws.onmessage = (e: MessageEvent<ArrayBuffer | string>) => {
      if (this.socket !== ws) return;
      if (typeof e.data !== 'string') {
        this.term.write(new Uint8Array(e.data));
        return;
      }
      const notice = JSON.parse(e.data) as TerminalNotice;
      ended = true;
      if (notice.type === 'exit') this.setStatus({ kind: 'exited', code: notice.code });
      else this.setStatus({ kind: 'closed', message: notice.message });
    };
    ws.onclose = () => {
      if (this.socket !== ws) return;
      this.socket = null;
      if (!ended) this.setStatus({ kind: 'closed', message: 'The connection closed' });
    };
  }

  /** A new shell after an exit: the old output stays above a divider. */
  reconnect(): void {
    this.term.write('\r\n\x1b[2m── new session ──\x1b[0m\r\n');
    void this.connect();
  }

  hasSelection(): boolean {
    return this.term.hasSelection();
  }

  async copySelection(): Promise<boolean> {
    const text = this.term.getSelection();
    if (text === '') return false;
    await copyText(text);
    return true;
  }

  /** Types `text` as a paste (bracketed when the program asked for it). */
  paste(text: string): void {
    this.term.paste(text);
    this.term.focus();
  }

  dispose(): void {
    this.disposed = true;
    const ws = this.socket;
    this.socket = null;
    ws?.close();
    this.listeners.clear();
    this.term.dispose();
    this.element.remove();
  }

  private send(bytes: Uint8Array<ArrayBuffer>): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(bytes);
  }

  private control(msg: TerminalControl): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(msg));
  }

  private setStatus(s: TerminalStatus): void {
    this.status = s;
    for (const l of this.listeners) l(s);
  }

  /** Ctrl+Shift+C / Ctrl+Shift+V (Ctrl+C must stay the interrupt key); ⌘C/⌘V on a Mac. */
  private clipboardKeys(e: KeyboardEvent): boolean {
    if (e.type !== 'keydown') return true;
    const combo = (e.ctrlKey && e.shiftKey) || (e.metaKey && !e.ctrlKey);
    const key = e.key.toLowerCase();
    if (combo && key === 'c' && this.term.hasSelection()) {
      void this.copySelection();
      e.preventDefault();
      return false;
    }
    if (combo && key === 'v') {
      // Let the browser's own paste event reach xterm where it will; read the clipboard if not.
      if (e.metaKey) return true;
      e.preventDefault();
      void navigator.clipboard.readText().then((t) => this.paste(t), () => undefined);
      return false;
    }
    return true;
  }
}
