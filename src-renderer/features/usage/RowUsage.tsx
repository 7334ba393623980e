// CPU and memory sparklines in a Running sandbox's list row. Only rows that exist (the list is
// virtualized) watch usage, and only this small component re-renders when a sample arrives:
// memoized on the id, so the row re-rendering (selection, scrolling, a record change) does not
// redraw it, and its points are made once per new sample (usageSeries).
import { memo, type JSX } from 'react';
import { useSandlot } from '../../store';
import { isRemote } from '../../store/contexts';
import { formatBytesShort, formatPercent, USAGE_WINDOW_MS } from '../../lib/usage';
import { Sparkline } from '../../ui/Sparkline';
import { cpuMax, memoryMax, usageSeries } from './points';
import { useUsage } from './usageFeed';

function RowUsageView({ id }: { id: string }): JSX.Element {
  // A remote server's sandboxes have no usage stream: nothing to watch, the row shows dashes.
  const samples = useUsage(id, !useSandlot(isRemote));
  const last = samples[samples.length - 1];
  const { cpu, memory: mem, end } = usageSeries(samples);
  return (
    <div className="row-usage" data-testid="row-usage">
      <span className="row-usage-item" title={last ? `CPU ${formatPercent(last.cpuPercent)} of a core, last 2 minutes` : 'CPU'}>
        <Sparkline className="spark-cpu" points={cpu} end={end} windowMs={USAGE_WINDOW_MS} max={last ? cpuMax(cpu, last.cpuCores) : 5} width={36} height={13} />
        <span className="row-usage-value">{last ? formatPercent(last.cpuPercent) : '–'}</span>
      </span>
      <span className="row-usage-item" title={last ? `Memory ${formatBytesShort(last.memoryBytes)}, last 2 minutes` : 'Memory'}>
        <Sparkline className="spark-mem" points={mem} end={end} windowMs={USAGE_WINDOW_MS} max={last ? memoryMax(mem, last.memoryLimitBytes) : 1} width={36} height={13} />
        <span className="row-usage-value">{last ? formatBytesShort(last.memoryBytes) : '–'}</span>
      </span>
    </div>
  );
}

export const RowUsage = memo(RowUsageView);
