// Endpoints: the ports the image publishes, and any other port typed in (served by the proxy).
import { useState, type FormEvent, type JSX } from 'react';
import type { SandboxRecord } from '../../../src-main/contract/sandbox';
import { LIVE_STATES } from '../../../src-main/contract/sandbox';
import { Button } from '../../ui/Button';
import { Section } from '../../ui/Section';
import { EndpointLinkRow } from './EndpointLinkRow';
import { FormError } from '../../ui/FormError';

function parsePort(raw: string): number | null {
  if (!/^\d{1,5}$/.test(raw.trim())) return null;
  const n = Number(raw.trim());
  return n >= 1 && n <= 65535 ? n : null;
}

export function EndpointsSection({ record }: { record: SandboxRecord }): JSX.Element {
  const [draft, setDraft] = useState('');
  const [ports, setPorts] = useState<number[]>([]);
  const [error, setError] = useState<string | null>(null);
  const live = LIVE_STATES.includes(record.status.state);
  const published = Object.entries(record.ports)
    .map(([container, host]) => ({ port: Number(container), host }))
    .sort((a, b) => a.port - b.port);
  const extra = ports.filter((p) => !published.some((x) => x.port === p));

  const add = (e: FormEvent) => {
    e.preventDefault();
    const port = parsePort(draft);
    if (port === null) {
      setError('A port is a whole number from 1 to 65535');
      return;
    }
    setError(null);
    setDraft('');
    setPorts((ps) => [port, ...ps.filter((p) => p !== port)]);
  };

  if (!live) {
    return (
      <Section title="Endpoints">
        <p className="muted small">A {record.status.state.toLowerCase()} sandbox has no endpoints.</p>
      </Section>
    );
  }
  return (
    <Section title="Endpoints">
      <form className="port-form" onSubmit={add} noValidate>
        <label htmlFor={`port-${record.id}`} className="field-label">
          Port
        </label>
        <input
          id={`port-${record.id}`}
          className="input input-sm port-input"
          inputMode="numeric"
          placeholder="e.g. 8080"
          value={draft}
          aria-invalid={error ? true : undefined}
          onChange={(e) => setDraft(e.target.value)}
        />
        <Button type="submit" size="sm" disabled={draft.trim() === ''}>
          Get endpoint
        </Button>
      </form>
      <FormError message={error} />
      {published.length + extra.length > 0 ? (
        <ul className="endpoint-list" aria-label="Endpoints">
          {extra.map((p) => (
            <EndpointLinkRow key={`x-${p}`} sandboxId={record.id} port={p} />
          ))}
          {published.map((p) => (
            <EndpointLinkRow key={`p-${p.port}`} sandboxId={record.id} port={p.port} hostPort={p.host} />
          ))}
        </ul>
      ) : (
        <p className="muted small">This image publishes no ports. Type any port above to reach it through Sandlot.</p>
      )}
    </Section>
  );
}
