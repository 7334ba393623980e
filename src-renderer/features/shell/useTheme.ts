// Applies the theme setting as data-theme on <html>: light or dark; 'system' follows the
// operating system's prefers-color-scheme, live.
import { useEffect } from 'react';
import type { Theme } from '../../../src-main/contract/settings';
import { useSandlot } from '../../store';

export function resolveTheme(theme: Theme, prefersDark: boolean): 'light' | 'dark' {
  if (theme === 'system') return prefersDark ? 'dark' : 'light';
  return theme;
}

export function useTheme(): void {
  const theme = useSandlot((s) => s.settings?.theme ?? 'system');
  useEffect(() => {
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    const apply = () => {
      const root = document.documentElement;
      root.dataset['theme'] = resolveTheme(theme, media.matches);
      root.dataset['themeSetting'] = theme;
    };
    apply();
    media.addEventListener('change', apply);
    return () => media.removeEventListener('change', apply);
  }, [theme]);
}
