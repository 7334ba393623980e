// The window: header, engine banner, filters, the list beside the selected sandbox's details,
// and the dialogs. While a dialog is open the rest is inert and hidden from assistive tech.
import type { JSX } from 'react';
import { AddServerDialog } from './features/contexts/AddServerDialog';
import { CreateDialog } from './features/create/CreateDialog';
import { DeleteDialog } from './features/detail/DeleteDialog';
import { DetailPanel } from './features/detail/DetailPanel';
import { EngineBanner } from './features/engine/EngineBanner';
import { FilterBar } from './features/list/FilterBar';
import { SandboxList } from './features/list/SandboxList';
import { useAllSandboxes, useVisibleSandboxes } from './features/list/useVisibleSandboxes';
import { SettingsDialog } from './features/settings/SettingsDialog';
import { Header } from './features/shell/Header';
import { useShortcuts } from './features/shell/useShortcuts';
import { useTheme } from './features/shell/useTheme';
import { useTrayCommands } from './features/shell/useTrayCommands';
import { useSandlot } from './store';
import { Toasts } from './ui/Toasts';

function Workspace(): JSX.Element {
  const all = useAllSandboxes();
  const visible = useVisibleSandboxes(all);
  // Terminal, logs and files want room: the panel widens while one of them is open.
  const wide = useSandlot((s) => s.selectedId !== null && s.detailTab !== 'overview');
  return (
    <div className={wide ? 'workspace is-wide' : 'workspace'}>
      <section className="list-pane" aria-label="Sandbox list">
        <FilterBar all={all} shown={visible.length} />
        <SandboxList visible={visible} total={all.length} />
      </section>
      <DetailPanel />
    </div>
  );
}

export function App(): JSX.Element {
  useTheme();
  useShortcuts();
  useTrayCommands();
  const dialog = useSandlot((s) => s.dialog);
  const deleting = useSandlot((s) => s.deleteId !== null);
  const modal = dialog !== null || deleting;
  return (
    <>
      <div className="app" inert={modal} aria-hidden={modal || undefined}>
        <Header />
        <EngineBanner />
        <main className="main">
          <Workspace />
        </main>
      </div>
      {dialog === 'create' ? <CreateDialog /> : null}
      {dialog === 'settings' ? <SettingsDialog /> : null}
      {dialog === 'add-server' ? <AddServerDialog /> : null}
      <DeleteDialog />
      <Toasts />
    </>
  );
}
