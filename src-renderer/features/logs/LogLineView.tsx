// One log line: its time, and its text with the filter's matches marked. stderr lines carry a
// red edge and tint so they stand out without reading the stream name.
import { memo, type JSX } from 'react';
import { highlightParts, logTime } from '../../lib/logs';
import type { NumberedLine } from './useLogStream';

interface LogLineViewProps {
  line: NumberedLine;
  query: string;
  start: number;
}

function LogLineViewInner({ line, query, start }: LogLineViewProps): JSX.Element {
  return (
    <div className={`log-line log-${line.stream}`} style={{ transform: `translateY(${start}px)` }} data-stream={line.stream}>
      <span className="log-time" title={line.at ?? undefined}>
        {logTime(line.at)}
      </span>
      <span className="log-text">
        {highlightParts(line.text, query).map((p, i) => (p.match ? <mark key={i}>{p.text}</mark> : p.text))}
      </span>
    </div>
  );
}

export const LogLineView = memo(LogLineViewInner);
