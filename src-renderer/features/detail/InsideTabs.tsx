// The detail panel's tabs: Overview (the record), then Logs, Terminal, Files and Usage (the
// inside of the sandbox). Logs, Terminal and Files stay mounted, hidden, once opened: switching
// tabs keeps a shell and its connection alive, the log view its place, the file browser its folder. The component is
// keyed by sandbox, so choosing another sandbox starts afresh (closing the old shell).
import { lazy, Suspense, useState, type JSX, type ReactNode } from 'react';
import type { SandboxRecord } from '../../../src-main/contract/sandbox';
import { getStore, useSandlot } from '../../store';
import { isRemote } from '../../store/contexts';
import type { DetailTab } from '../../store/ui';
import type { IconName } from '../../ui/Icon';
import { Placeholder } from '../../ui/Placeholder';
import { tabId, tabPanelId, Tabs } from '../../ui/Tabs';
import { FilesTab } from '../files/FilesTab';
import { LogsTab } from '../logs/LogsTab';
import { UsageTab } from '../usage/UsageTab';
import { tabUnavailable } from './tabs';

// xterm.js is most of the renderer's weight: loaded the first time someone opens a terminal.
const TerminalTab = lazy(() => import('../terminal/TerminalTab').then((m) => ({ default: m.TerminalTab })));

const BASE = 'detail';
const TABS: ReadonlyArray<{ id: DetailTab; label: string; icon: IconName }> = [
  { id: 'overview', label: 'Overview', icon: 'info' },
  { id: 'logs', label: 'Logs', icon: 'logs' },
  { id: 'terminal', label: 'Terminal', icon: 'terminal' },
  { id: 'files', label: 'Files', icon: 'folder' },
  { id: 'usage', label: 'Usage', icon: 'activity' },
];
const KEEP_MOUNTED: ReadonlySet<DetailTab> = new Set(['logs', 'terminal', 'files']);

const PLACEHOLDER_ICON: Record<DetailTab, IconName> = {
  overview: 'info',
  logs: 'logs',
  terminal: 'terminal',
  files: 'folder',
  usage: 'activity',
};

function Panel({ tab, active, children, fill }: { tab: DetailTab; active: boolean; children: ReactNode; fill: boolean }): JSX.Element {
  return (
    <div
      role="tabpanel"
      id={tabPanelId(BASE, tab)}
      aria-labelledby={tabId(BASE, tab)}
      hidden={!active}
      className={fill ? 'tab-panel tab-panel-fill' : 'tab-panel'}
      data-tab={tab}
    >
      {children}
    </div>
  );
}

function content(tab: DetailTab, record: SandboxRecord, active: boolean): ReactNode {
  switch (tab) {
    case 'logs':
      return <LogsTab record={record} active={active} />;
    case 'terminal':
      return (
        <Suspense fallback={<Placeholder icon="terminal" title="Loading the terminal…" />}>
          <TerminalTab record={record} active={active} />
        </Suspense>
      );
    case 'files':
      return <FilesTab record={record} active={active} />;
    case 'usage':
      return <UsageTab record={record} />;
    case 'overview':
      return null;
  }
}

export function InsideTabs({ record, overview }: { record: SandboxRecord; overview: ReactNode }): JSX.Element {
  const tab = useSandlot((s) => s.detailTab);
  const [visited, setVisited] = useState<ReadonlySet<DetailTab>>(() => new Set([tab]));
  if (!visited.has(tab)) setVisited(new Set([...visited, tab]));
  const remote = useSandlot(isRemote);
  const items = TABS.map((t) => ({ ...t, unavailable: tabUnavailable(t.id, record, remote) }));

  return (
    <>
      <div className="detail-tabs">
        <Tabs label="Sandbox views" base={BASE} tabs={items} value={tab} onChange={(t) => getStore().setDetailTab(t)} />
      </div>
      {items.map((t) => {
        const active = t.id === tab;
        if (t.id === 'overview') {
          return (
            <Panel key={t.id} tab={t.id} active={active} fill={false}>
              {overview}
            </Panel>
          );
        }
        const mounted = active || (KEEP_MOUNTED.has(t.id) && visited.has(t.id));
        return (
          <Panel key={t.id} tab={t.id} active={active} fill>
            {t.unavailable ? (
              active ? (
                <Placeholder icon={PLACEHOLDER_ICON[t.id]} title={`${t.label} not available`}>
                  <p>{t.unavailable}</p>
                </Placeholder>
              ) : null
            ) : mounted ? (
              content(t.id, record, active)
            ) : null}
          </Panel>
        );
      })}
    </>
  );
}
