// What the sandbox was made from: image, entrypoint, limits, platform, volumes, creation time.
import type { JSX } from 'react';
import type { SandboxRecord } from '../../../src-main/contract/sandbox';
import { formatCpu, formatGpu, formatMemory } from '../../lib/quantities';
import { formatDateTime } from '../../lib/time';
import { Section } from '../../ui/Section';

function quote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

export function ConfigSection({ record }: { record: SandboxRecord }): JSX.Element {
  const { resourceLimits: limits } = record;
  return (
    <Section title="Configuration">
      <dl className="props">
        <dt>Image</dt>
        <dd className="mono break">{record.image}</dd>
        <dt>Entrypoint</dt>
        <dd>
          <code className="code-block">{record.entrypoint.map(quote).join(' ')}</code>
        </dd>
        <dt>CPU</dt>
        <dd>{formatCpu(limits.cpu)}</dd>
        <dt>Memory</dt>
        <dd>{formatMemory(limits.memory)}</dd>
        {formatGpu(limits.gpu) ? (
          <>
            <dt>GPU</dt>
            <dd>{formatGpu(limits.gpu)}</dd>
          </>
        ) : null}
        {record.platform ? (
          <>
            <dt>Platform</dt>
            <dd>
              {record.platform.os}/{record.platform.arch}
            </dd>
          </>
        ) : null}
        <dt>Created</dt>
        <dd>{formatDateTime(record.createdAt)}</dd>
        {record.containerId ? (
          <>
            <dt>Container</dt>
            <dd className="mono" title={record.containerId}>
              {record.containerId.slice(0, 12)}
            </dd>
          </>
        ) : null}
      </dl>
      {record.volumes.length > 0 ? (
        <ul className="volume-list" aria-label="Volumes">
          {record.volumes.map((v) => (
            <li key={v.name}>
              <span className="pill">{v.kind === 'pvc' ? 'volume' : 'host'}</span>
              <span className="mono truncate" title={v.source}>
                {v.source}
              </span>
              <span className="muted">→</span>
              <span className="mono truncate">{v.mountPath}</span>
              {v.readOnly ? <span className="pill">read-only</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </Section>
  );
}
