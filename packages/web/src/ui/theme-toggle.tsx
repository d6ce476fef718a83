// The light / dark theme: the system's choice (prefers-color-scheme) until the toggle picks
// one, which is remembered in localStorage and set as html[data-theme] before the first
// paint (applySavedTheme in main.tsx). The CSS holds the colours; this only picks.

import { useState } from 'react';

export type Theme = 'light' | 'dark';
const KEY = 'kpi-theme';

const saved = (): Theme | undefined => {
  try {
    const v = localStorage.getItem(KEY);
    return v === 'light' || v === 'dark' ? v : undefined;
  } catch {
    return undefined;
  }
};

const systemTheme = (): Theme =>
  window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';

/** Sets html[data-theme] from the remembered choice (none: the system decides). */
export const applySavedTheme = (): void => {
  const t = saved();
  if (t) document.documentElement.dataset['theme'] = t;
};

export const ThemeToggle = () => {
  const [theme, setTheme] = useState<Theme>(() => saved() ?? systemTheme());
  const next: Theme = theme === 'dark' ? 'light' : 'dark';
  const flip = () => {
    document.documentElement.dataset['theme'] = next;
    try {
      localStorage.setItem(KEY, next);
    } catch {
      // private mode: the choice lasts for this page only
    }
    setTheme(next);
  };
  return (
    <button
      type="button"
      className="button-quiet"
      onClick={flip}
      aria-pressed={theme === 'dark'}
      data-testid="theme-toggle"
    >
      Dark theme
    </button>
  );
};
