// The top bar: brand, context switcher, Docker (or server) status, search, New sandbox and Settings.
import { useEffect, useRef, type JSX } from 'react';
import { getStore, useSandlot } from '../../store';
import { Button } from '../../ui/Button';
import { Icon } from '../../ui/Icon';
import { ContextSwitcher } from '../contexts/ContextSwitcher';
import { EngineIndicator } from '../engine/EngineIndicator';

function SearchBox(): JSX.Element {
  const text = useSandlot((s) => s.filters.text);
  const focus = useSandlot((s) => s.searchFocus);
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (focus > 0) {
      ref.current?.focus();
      ref.current?.select();
    }
  }, [focus]);
  return (
    <div className="search" role="search">
      <Icon name="search" className="search-icon" />
      <input
        ref={ref}
        type="text"
        autoComplete="off"
        spellCheck={false}
        className="input search-input"
        aria-label="Search"
        placeholder="Search name, ID or image"
        value={text}
        onChange={(e) => getStore().setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && text !== '') {
            e.preventDefault();
            getStore().setText('');
          } else if (e.key === 'Escape') ref.current?.blur();
        }}
      />
      <kbd className="search-kbd" aria-hidden="true">
        /
      </kbd>
    </div>
  );
}

export function Header(): JSX.Element {
  return (
    <header className="topbar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          <Icon name="box" size={18} />
        </span>
        <h1>Sandlot</h1>
        <ContextSwitcher />
        <EngineIndicator />
      </div>
      <SearchBox />
      <div className="topbar-actions">
        <Button variant="primary" icon="plus" onClick={() => getStore().openDialog('create')} title="New sandbox (N)">
          New sandbox
        </Button>
        <Button variant="ghost" icon="gear" aria-label="Settings" title="Settings" onClick={() => getStore().openDialog('settings')} />
      </div>
    </header>
  );
}
