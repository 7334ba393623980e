// The selected sandbox: header with actions, then tabs: the overview (status, expiry, endpoints,
// tags, configuration) and the inside of the sandbox (logs, terminal, files, usage).
import type { JSX } from 'react';
import { displayName, hasName } from '../../lib/sandboxes';
import { getStore, useSandlot } from '../../store';
import { Button } from '../../ui/Button';
import { CopyButton } from '../../ui/CopyButton';
import { Icon } from '../../ui/Icon';
import { StateBadge } from '../../ui/StateBadge';
import { ConfigSection } from './ConfigSection';
import { DetailActions } from './DetailActions';
import { EndpointsSection } from './EndpointsSection';
import { InsideTabs } from './InsideTabs';
import { StatusSection } from './StatusSection';
import { TagsEditor } from './TagsEditor';
import { TtlSection } from './TtlSection';

export function DetailPanel(): JSX.Element {
  const record = useSandlot((s) => (s.selectedId === null ? undefined : s.sandboxes[s.selectedId]));
  if (!record) {
    return (
      <aside className="detail detail-empty" aria-label="Sandbox details">
        <div className="empty-icon">
          <Icon name="box" size={28} />
        </div>
        <p>Select a sandbox to see its status, endpoints, expiry and tags.</p>
        <p className="muted small">
          <kbd>/</kbd> search · <kbd>N</kbd> new sandbox · <kbd>↑</kbd>
          <kbd>↓</kbd> move · <kbd>Del</kbd> delete
        </p>
      </aside>
    );
  }
  return (
    <aside className="detail" aria-label="Sandbox details" data-detail-id={record.id}>
      <header className="detail-header">
        <div className="detail-title">
          <h2 className={hasName(record) ? '' : 'mono'} title={displayName(record)}>
            {displayName(record)}
          </h2>
          <Button variant="ghost" size="sm" icon="x" aria-label="Close details" onClick={() => getStore().select(null)} />
        </div>
        <div className="detail-id">
          <StateBadge status={record.status} testId="detail-state" />
          <code className="mono truncate" title={record.id}>
            {record.id}
          </code>
          <CopyButton label="Copy sandbox ID" text={record.id} variant="ghost" what="Sandbox ID" />
        </div>
        <DetailActions record={record} />
      </header>
      <InsideTabs
        key={record.id}
        record={record}
        overview={
          <div className="detail-body">
            <StatusSection record={record} />
            <TtlSection record={record} />
            <EndpointsSection record={record} />
            <TagsEditor record={record} />
            <ConfigSection record={record} />
          </div>
        }
      />
    </aside>
  );
}
