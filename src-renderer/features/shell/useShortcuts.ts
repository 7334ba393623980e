// Global keys: '/' search, 'n' new sandbox, Delete asks to delete the selection. Ignored while
// typing or while a dialog is open (the dialog handles Esc itself).
import { useEffect } from 'react';
import { isTypingTarget } from '../../lib/keyboard';
import { getStore } from '../../store';

export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
      const s = getStore();
      if (s.dialog !== null || s.deleteId !== null || document.querySelector('dialog[open]')) return;
      if (isTypingTarget(e.target)) return;
      if (e.key === '/') {
        e.preventDefault();
        s.focusSearch();
      } else if (e.key === 'n' || e.key === 'N') {
        e.preventDefault();
        s.openDialog('create');
      } else if (e.key === 'Delete') {
        const r = s.selectedId === null ? undefined : s.sandboxes[s.selectedId];
        if (r && r.status.state !== 'Stopping' && r.status.state !== 'Terminated') {
          e.preventDefault();
          s.askDelete(r.id);
        }
      } else if (e.key === 'Escape' && s.selectedId !== null) {
        s.select(null);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
