// The Usage tab: live CPU and memory charts over the last two minutes, network totals and
// rates, and the process count, from the shared usage feed.
import type { JSX } from 'react';
import type { SandboxRecord } from '../../../src-main/contract/sandbox';
import { formatBytes } from '../../lib/quantities';
import { formatPercent, rate } from '../../lib/usage';
import { Placeholder } from '../../ui/Placeholder';
import { Section } from '../../ui/Section';
import { cpuMax, memoryMax, usageSeries } from './points';
import { UsageChart } from './UsageChart';
import { useUsage } from './usageFeed';

const cores = (n: number): string => `${Number(n.toFixed(2))} ${n === 1 ? 'core' : 'cores'}`;
const perSecond = (v: number | null): string => (v === null ? '–' : `${formatBytes(v)}/s`);

export function UsageTab({ record }: { record: SandboxRecord }): JSX.Element {
  const samples = useUsage(record.id, true);
  const last = samples[samples.length - 1];
  if (!last) {
    return (
      <Placeholder icon="activity" title="Waiting for the first reading…">
        <p className="muted small">Docker reports usage about once a second.</p>
      </Placeholder>
    );
  }
  const { cpu, memory: mem, end } = usageSeries(samples);
  const cpuTop = cpuMax(cpu, last.cpuCores);
  const memTop = memoryMax(mem, last.memoryLimitBytes);
  const memShare = last.memoryLimitBytes > 0 ? ` (${formatPercent((100 * last.memoryBytes) / last.memoryLimitBytes)})` : '';
  return (
    <div className="usage-tab" data-samples={samples.length}>
      <Section title="CPU">
        <UsageChart
          title="CPU"
          tone="cpu"
          value={formatPercent(last.cpuPercent)}
          context={`of one core · limit ${cores(last.cpuCores)}`}
          points={cpu}
          end={end}
          max={cpuTop}
          maxLabel={formatPercent(cpuTop)}
        />
      </Section>
      <Section title="Memory">
        <UsageChart
          title="Memory"
          tone="mem"
          value={formatBytes(last.memoryBytes)}
          context={`of ${formatBytes(last.memoryLimitBytes)}${memShare}`}
          points={mem}
          end={end}
          max={memTop}
          maxLabel={formatBytes(memTop)}
        />
      </Section>
      <Section title="Network and processes">
        <dl className="usage-stats">
          <div>
            <dt>Received</dt>
            <dd data-testid="usage-rx">{formatBytes(last.networkRxBytes)}</dd>
            <dd className="muted">{perSecond(rate(samples, (s) => s.networkRxBytes))}</dd>
          </div>
          <div>
            <dt>Sent</dt>
            <dd data-testid="usage-tx">{formatBytes(last.networkTxBytes)}</dd>
            <dd className="muted">{perSecond(rate(samples, (s) => s.networkTxBytes))}</dd>
          </div>
          <div>
            <dt>Processes</dt>
            <dd data-testid="usage-pids">{last.pids}</dd>
            <dd className="muted">running now</dd>
          </div>
        </dl>
      </Section>
    </div>
  );
}
