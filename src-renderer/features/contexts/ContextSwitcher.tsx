// The header's context switcher: which sandboxes the window shows (this computer's, or a remote
// OpenSandbox server's), a menu to switch, add a server and forget the current one. A menu
// button in the WAI-ARIA pattern: arrows move, Enter or Space picks, Escape closes.
import { useEffect, useId, useRef, useState, type JSX, type KeyboardEvent } from 'react';
import type { SandboxContext } from '../../../src-main/contract/contexts';
import { useBridge } from '../../bridge/context';
import { errorText } from '../../lib/errors';
import { getStore, useSandlot } from '../../store';
import { currentContext } from '../../store/contexts';
import { Icon } from '../../ui/Icon';

type Item = { key: string; run(): void | Promise<void> };

export function ContextSwitcher(): JSX.Element | null {
  const bridge = useBridge();
  const list = useSandlot((s) => s.contexts);
  const current = useSandlot(currentContext);
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const menuId = useId();

  const close = (focusButton: boolean) => {
    setOpen(false);
    if (focusButton) buttonRef.current?.focus();
  };

  useEffect(() => {
    if (!open) return;
    // The checked context gets focus first, as in a native select.
    const menu = menuRef.current;
    (menu?.querySelector<HTMLElement>('[aria-checked="true"]') ?? menu?.querySelector<HTMLElement>('[role^="menuitem"]'))?.focus();
    const onPointer = (e: PointerEvent) => {
      if (!menu?.contains(e.target as Node) && !buttonRef.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  if (!list || !current) return null;

  const select = async (c: SandboxContext) => {
    close(true);
    if (c.id === list.current) return;
    try {
      getStore().setContexts(await bridge.invoke('contexts.select', { id: c.id }));
      getStore().select(null);
    } catch (err) {
      getStore().pushToast('error', `Could not switch to ${c.name}: ${errorText(err)}`);
    }
  };
  const remove = async (c: SandboxContext) => {
    close(true);
    try {
      getStore().setContexts(await bridge.invoke('contexts.remove', { id: c.id }));
      getStore().pushToast('success', `Forgot ${c.name}; its sandboxes keep running on the server`);
    } catch (err) {
      getStore().pushToast('error', `Could not remove ${c.name}: ${errorText(err)}`);
    }
  };
  const items: Item[] = [
    ...list.contexts.map((c) => ({ key: c.id, run: () => select(c) })),
    {
      key: 'add',
      run: () => {
        close(false);
        getStore().openDialog('add-server');
      },
    },
    ...(current.kind === 'opensandbox' ? [{ key: 'remove', run: () => remove(current) }] : []),
  ];

  const onMenuKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const nodes = [...(menuRef.current?.querySelectorAll<HTMLElement>('[role^="menuitem"]') ?? [])];
    const at = nodes.indexOf(document.activeElement as HTMLElement);
    const move = (i: number) => nodes[(i + nodes.length) % nodes.length]?.focus();
    if (e.key === 'ArrowDown') move(at + 1);
    else if (e.key === 'ArrowUp') move(at - 1);
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(nodes.length - 1);
    else if (e.key === 'Escape') close(true);
    else if (e.key === 'Tab') close(false);
    else return;
    if (e.key !== 'Tab') e.preventDefault();
  };
  const itemProps = (key: string) => {
    const item = items.find((i) => i.key === key);
    return {
      tabIndex: -1,
      onClick: () => void item?.run(),
      onKeyDown: (e: KeyboardEvent<HTMLElement>) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          void item?.run();
        }
      },
    };
  };

  const remote = current.kind === 'opensandbox';
  return (
    <div className="context-switcher">
      <button
        ref={buttonRef}
        type="button"
        className={`context-button${remote ? ' is-remote' : ''}`}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-label={`Context: ${current.name}${remote ? ' (remote server)' : ''}. Switch context`}
        title={remote ? `Sandboxes on ${current.url}` : 'Sandboxes on this computer'}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            setOpen(true);
          }
        }}
      >
        <Icon name={remote ? 'link' : 'box'} size={14} />
        <span className="context-name">{current.name}</span>
        <span className="context-caret" aria-hidden="true">
          ▾
        </span>
      </button>
      {open ? (
        <div ref={menuRef} id={menuId} className="raised context-menu" role="menu" aria-label="Contexts" onKeyDown={onMenuKey}>
          {list.contexts.map((c) => (
            <div key={c.id} role="menuitemradio" aria-checked={c.id === list.current} className="context-item" {...itemProps(c.id)}>
              <span className="context-check" aria-hidden="true">
                {c.id === list.current ? <Icon name="check" size={14} /> : null}
              </span>
              <span className="context-item-text">
                <span className="context-item-name">{c.name}</span>
                <span className="context-item-detail">{c.kind === 'local' ? 'This computer (Docker)' : c.url}</span>
              </span>
            </div>
          ))}
          <div role="separator" className="context-separator" />
          <div role="menuitem" className="context-item context-action" {...itemProps('add')}>
            <span className="context-check" aria-hidden="true">
              <Icon name="plus" size={14} />
            </span>
            Add server…
          </div>
          {remote ? (
            <div role="menuitem" className="context-item context-action context-danger" {...itemProps('remove')}>
              <span className="context-check" aria-hidden="true">
                <Icon name="trash" size={14} />
              </span>
              Remove “{current.name}”
            </div>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
