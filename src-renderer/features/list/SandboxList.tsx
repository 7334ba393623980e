// The sandbox grid: virtualized (only visible rows exist), arrow keys move the selection.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useRef, type JSX, type KeyboardEvent } from 'react';
import type { SandboxRecord } from '../../../src-main/contract/sandbox';
import { getStore, useSandlot } from '../../store';
import { COLUMNS, HeaderRow } from './columns';
import { ListEmpty } from './ListEmpty';
import { SandboxRow } from './SandboxRow';

export const ROW_HEIGHT = 52;

/** Benchmark instrumentation (bench/renderer.ts): marked once per page load. */
let firstRowsMarked = false;

export function SandboxList({ visible, total }: { visible: readonly SandboxRecord[]; total: number }): JSX.Element {
  const scrollRef = useRef<HTMLDivElement>(null);
  const selectedId = useSandlot((s) => s.selectedId);
  const loaded = useSandlot((s) => s.loaded);
  const visibleRef = useRef(visible);
  visibleRef.current = visible;

  const virtualizer = useVirtualizer({
    count: visible.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    getItemKey: (i) => visible[i]?.id ?? i,
  });

  const selectedIndex = selectedId === null ? -1 : visible.findIndex((r) => r.id === selectedId);

  // Benchmark instrumentation: the first commit with rows in the DOM (before the browser paints
  // it), and the end of the frame that paints it (a task queued from that frame's rAF).
  useLayoutEffect(() => {
    if (firstRowsMarked || visible.length === 0) return;
    firstRowsMarked = true;
    performance.mark('sandlot:list-rendered');
    requestAnimationFrame(() => setTimeout(() => performance.mark('sandlot:list-painted'), 0));
  }, [visible.length]);

  // Keep the selection in view when it changes from elsewhere (tray, create dialog).
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedId]); // eslint-disable-line react-hooks/exhaustive-deps

  const onSelect = useCallback((id: string) => getStore().select(id), []);

  const onKeyDown = useCallback(
    (e: KeyboardEvent<HTMLDivElement>, index: number) => {
      const rows = visibleRef.current;
      let next = index;
      if (e.key === 'ArrowDown') next = Math.min(rows.length - 1, index + 1);
      else if (e.key === 'ArrowUp') next = Math.max(0, index - 1);
      else if (e.key === 'Home') next = 0;
      else if (e.key === 'End') next = rows.length - 1;
      else if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        const id = rows[index]?.id;
        if (id) getStore().select(id);
        return;
      } else return;
      e.preventDefault();
      const id = rows[next]?.id;
      if (!id) return;
      getStore().select(id);
      virtualizer.scrollToIndex(next, { align: 'auto' });
      requestAnimationFrame(() => scrollRef.current?.querySelector<HTMLElement>(`[data-index="${next}"]`)?.focus());
    },
    [virtualizer],
  );

  const items = virtualizer.getVirtualItems();
  const focusIndex = selectedIndex >= 0 ? selectedIndex : 0;
  return (
    <div role="grid" aria-label="Sandboxes" aria-rowcount={visible.length + 1} aria-colcount={COLUMNS.length} className="grid">
      <div role="rowgroup" className="grid-head">
        <HeaderRow />
      </div>
      <div ref={scrollRef} className="grid-scroll" role="rowgroup">
        {visible.length === 0 ? (
          <ListEmpty loaded={loaded} total={total} />
        ) : (
          <div className="grid-canvas" style={{ height: virtualizer.getTotalSize() }}>
            {items.map((item) => {
              const r = visible[item.index];
              if (!r) return null;
              return (
                <SandboxRow
                  key={r.id}
                  record={r}
                  index={item.index}
                  start={item.start}
                  selected={r.id === selectedId}
                  focusable={item.index === focusIndex}
                  onSelect={onSelect}
                  onKeyDown={onKeyDown}
                />
              );
            })}
          </div>
        )}
      </div>
    </div>
  );
}
