// The Logs tab: the sandbox's output as it happens, filtered by text and stream with the matches
// highlighted. It follows the end until the user scrolls up (then a button brings them back),
// and copies what is shown. The list is virtualized: thousands of lines stay cheap.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useDeferredValue, useLayoutEffect, useMemo, useRef, useState, type JSX } from 'react';
import type { SandboxRecord } from '../../../src-main/contract/sandbox';
import { logText, matchesLog } from '../../lib/logs';
import { Button } from '../../ui/Button';
import { Chip } from '../../ui/Chip';
import { CopyButton } from '../../ui/CopyButton';
import { Icon } from '../../ui/Icon';
import { LogLineView } from './LogLineView';
import { useLogStream, type LogStatus } from './useLogStream';

const LINE_H = 19;
/** How close to the end still counts as "at the end" (sub-pixel scroll positions). */
const END_SLACK = 8;

function StatusText({ status, state }: { status: LogStatus; state: SandboxRecord['status']['state'] }): JSX.Element {
  switch (status.kind) {
    case 'connecting':
      return (
        <span className="stream-status">
          <span className="spinner" aria-hidden="true" /> Connecting…
        </span>
      );
    case 'live':
      return (
        <span className="stream-status is-live">
          <span className="live-dot" aria-hidden="true" /> {state === 'Running' ? 'Live' : `Connected · ${state.toLowerCase()}`}
        </span>
      );
    case 'ended':
      return <span className="stream-status">Stream ended: the process is not running</span>;
    case 'error':
      return <span className="stream-status is-error">{status.message}</span>;
  }
}

export function LogsTab({ record, active }: { record: SandboxRecord; active: boolean }): JSX.Element {
  const { lines, status, dropped, reconnect, clear } = useLogStream(record.id);
  const [text, setText] = useState('');
  const [stdout, setStdout] = useState(true);
  const [stderr, setStderr] = useState(true);
  const [follow, setFollow] = useState(true);
  const query = useDeferredValue(text);
  const scrollRef = useRef<HTMLDivElement>(null);

  const shown = useMemo(() => lines.filter((l) => matchesLog(l, { text: query, stdout, stderr })), [lines, query, stdout, stderr]);
  const counts = useMemo(() => {
    let err = 0;
    for (const l of lines) if (l.stream === 'stderr') err += 1;
    return { stdout: lines.length - err, stderr: err };
  }, [lines]);

  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => LINE_H,
    overscan: 20,
    getItemKey: (i) => shown[i]?.n ?? i,
  });

  // Following: after every change (and when the tab is shown again) the end stays in view.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (follow && active && el) el.scrollTop = el.scrollHeight;
  }, [shown, follow, active]);

  const onScroll = () => {
    const el = scrollRef.current;
    if (!el || el.clientHeight === 0) return;
    const atEnd = el.scrollHeight - el.scrollTop - el.clientHeight <= END_SLACK;
    // Scrolling up pauses following; scrolling back to the end resumes it.
    if (atEnd !== follow) setFollow(atEnd);
  };

  const canReconnect = status.kind === 'ended' || status.kind === 'error';
  return (
    <div className="logs-tab">
      <div className="toolbar inside-toolbar">
        <div className="toolbar-search">
          <Icon name="search" size={14} className="toolbar-search-icon" />
          <input
            className="input input-sm"
            type="search"
            aria-label="Filter log lines"
            placeholder="Filter lines"
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        </div>
        <div className="filter-group" role="group" aria-label="Streams">
          <Chip checked={stdout} onChange={setStdout} count={counts.stdout}>
            stdout
          </Chip>
          <Chip checked={stderr} onChange={setStderr} count={counts.stderr} tone="failed">
            stderr
          </Chip>
        </div>
      </div>
      <div className="inside-statusbar">
        <StatusText status={status} state={record.status.state} />
        <span className="muted small" aria-live="polite">
          {shown.length === lines.length ? `${lines.length} lines` : `${shown.length} of ${lines.length} lines`}
          {dropped > 0 ? ` · ${dropped} older dropped` : ''}
        </span>
        <span className="spacer" />
        {canReconnect ? (
          <Button size="sm" variant="ghost" icon="refresh" onClick={reconnect}>
            Reconnect
          </Button>
        ) : null}
        <Button
          size="sm"
          variant="ghost"
          icon="arrowDown"
          aria-pressed={follow}
          className={follow ? 'is-toggled' : undefined}
          title="Keep the newest line in view"
          onClick={() => setFollow((f) => !f)}
        >
          Follow
        </Button>
        <CopyButton label="Copy shown lines" text={() => Promise.resolve(logText(shown))} variant="ghost" what={`${shown.length} lines`} />
        <Button size="sm" variant="ghost" icon="trash" aria-label="Clear the view" title="Clear the view" onClick={clear} />
      </div>
      <div className="log-view-wrap">
        <div ref={scrollRef} className="log-view" role="log" aria-label="Log lines" aria-live="off" tabIndex={0} onScroll={onScroll}>
          {shown.length === 0 ? (
            <p className="log-empty">{lines.length === 0 ? (status.kind === 'connecting' ? 'Connecting…' : 'No output yet.') : 'No line matches the filter.'}</p>
          ) : (
            <div className="log-canvas" style={{ height: virtualizer.getTotalSize() }}>
              {virtualizer.getVirtualItems().map((item) => {
                const line = shown[item.index];
                return line ? <LogLineView key={line.n} line={line} query={query} start={item.start} /> : null;
              })}
            </div>
          )}
        </div>
        {!follow && shown.length > 0 ? (
          <Button size="sm" variant="primary" icon="arrowDown" className="jump-latest" onClick={() => setFollow(true)}>
            Latest
          </Button>
        ) : null}
      </div>
    </div>
  );
}
