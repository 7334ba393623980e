// A row of tabs (WAI-ARIA tabs pattern): one tab stop, arrow keys and Home/End move between tabs
// and select them. The panels are the caller's: give each `id={tabPanelId(base, tab)}` and
// `aria-labelledby={tabId(base, tab)}`.
import { useRef, type JSX, type KeyboardEvent } from 'react';
import { Icon, type IconName } from './Icon';

export interface TabItem<T extends string> {
  id: T;
  label: string;
  icon?: IconName;
  /** Shown dimmed with this explanation: the tab can still be opened and says why it is empty. */
  unavailable?: string;
}

export const tabId = (base: string, tab: string): string => `${base}-tab-${tab}`;
export const tabPanelId = (base: string, tab: string): string => `${base}-panel-${tab}`;

interface TabsProps<T extends string> {
  label: string;
  base: string;
  tabs: ReadonlyArray<TabItem<T>>;
  value: T;
  onChange(tab: T): void;
}

export function Tabs<T extends string>({ label, base, tabs, value, onChange }: TabsProps<T>): JSX.Element {
  const listRef = useRef<HTMLDivElement>(null);
  const move = (e: KeyboardEvent<HTMLDivElement>) => {
    const i = tabs.findIndex((t) => t.id === value);
    let next = i;
    if (e.key === 'ArrowRight') next = (i + 1) % tabs.length;
    else if (e.key === 'ArrowLeft') next = (i - 1 + tabs.length) % tabs.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = tabs.length - 1;
    else return;
    e.preventDefault();
    const tab = tabs[next];
    if (!tab) return;
    onChange(tab.id);
    listRef.current?.querySelector<HTMLElement>(`#${CSS.escape(tabId(base, tab.id))}`)?.focus();
  };
  return (
    <div ref={listRef} className="tabs" role="tablist" aria-label={label} onKeyDown={move}>
      {tabs.map((t) => {
        const on = t.id === value;
        return (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={tabId(base, t.id)}
            aria-selected={on}
            aria-controls={tabPanelId(base, t.id)}
            tabIndex={on ? 0 : -1}
            className={`tab${on ? ' is-on' : ''}${t.unavailable ? ' is-unavailable' : ''}`}
            title={t.unavailable}
            onClick={() => onChange(t.id)}
          >
            {t.icon ? <Icon name={t.icon} size={14} /> : null}
            {t.label}
          </button>
        );
      })}
    </div>
  );
}
