// The Terminal tab: a shell in the sandbox. The panel stays mounted while the user looks at
// other tabs of the same sandbox, so the shell, its output and its connection carry on; it
// fits itself to the panel's size whenever that changes and offers a new shell after an exit.
import { useEffect, useRef, useState, type JSX } from 'react';
import type { SandboxRecord } from '../../../src-main/contract/sandbox';
import { useBridge } from '../../bridge/context';
import { errorText } from '../../lib/errors';
import { getStore } from '../../store';
import { Button } from '../../ui/Button';
import { TerminalSession, type TerminalStatus } from './session';

function StatusText({ status }: { status: TerminalStatus }): JSX.Element {
  switch (status.kind) {
    case 'connecting':
      return (
        <span className="stream-status" data-testid="terminal-status">
          <span className="spinner" aria-hidden="true" /> Connecting…
        </span>
      );
    case 'open':
      return (
        <span className="stream-status is-live" data-testid="terminal-status">
          <span className="live-dot" aria-hidden="true" /> Connected
        </span>
      );
    case 'exited':
      return (
        <span className="stream-status" data-testid="terminal-status">
          Shell exited with code {status.code}
        </span>
      );
    case 'closed':
      return (
        <span className="stream-status is-error" data-testid="terminal-status">
          {status.message}
        </span>
      );
  }
}

export function TerminalTab({ record, active }: { record: SandboxRecord; active: boolean }): JSX.Element {
  const bridge = useBridge();
  const hostRef = useRef<HTMLDivElement>(null);
  const [session, setSession] = useState<TerminalSession | null>(null);
  const [status, setStatus] = useState<TerminalStatus>({ kind: 'connecting' });

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const s = new TerminalSession(bridge, record.id);
    s.attach(host);
    const off = s.onStatus(setStatus);
    void s.connect();
    setSession(s);
    return () => {
      off();
      s.dispose();
      setSession(null);
    };
  }, [bridge, record.id]);

  // Panel resizes (window, tab shown again) refit the terminal; the server hears the new size.
  useEffect(() => {
    const host = hostRef.current;
    if (!session || !host) return;
    const ro = new ResizeObserver(() => session.fit());
    ro.observe(host);
    return () => ro.disconnect();
  }, [session]);

  useEffect(() => {
    if (!active || !session) return;
    session.fit();
    session.focus();
  }, [active, session]);

  const copy = async () => {
    if (!session) return;
    try {
      if (await session.copySelection()) getStore().pushToast('success', 'Selection copied to the clipboard');
      else getStore().pushToast('info', 'Select some text in the terminal first');
    } catch (err) {
      getStore().pushToast('error', `Could not copy: ${errorText(err)}`);
    }
  };
  const paste = async () => {
    try {
      session?.paste(await navigator.clipboard.readText());
    } catch {
      getStore().pushToast('info', 'Paste with Ctrl+Shift+V (or ⌘V) in the terminal');
    }
  };
  const ended = status.kind === 'exited' || status.kind === 'closed';
  return (
    <div className="terminal-tab">
      <div className="inside-statusbar">
        <StatusText status={status} />
        <span className="spacer" />
        {ended ? (
          <Button size="sm" variant="primary" icon="refresh" onClick={() => session?.reconnect()}>
            Reconnect
          </Button>
        ) : null}
        <Button size="sm" variant="ghost" icon="copy" title="Copy the selection (Ctrl+Shift+C)" onClick={() => void copy()}>
          Copy
        </Button>
        <Button size="sm" variant="ghost" icon="paste" title="Paste (Ctrl+Shift+V)" onClick={() => void paste()}>
          Paste
        </Button>
      </div>
      <div className="terminal-frame" ref={hostRef} data-testid="terminal" aria-label="Terminal" />
    </div>
  );
}
