import { useEffect, useRef, useState } from 'react';
import { PANE_IDS, PANE_TITLES, movePane, type PaneId } from '../../lib/layout';
import { app, resetLayout, THEMES, type Theme } from '../../state/app-state';
import { useStore } from '../../state/store';
import { AboutSection } from './AboutSection';
import { GroupsEditor } from './GroupsEditor';
import { KeymapEditor } from './KeymapEditor';
import { NotifyEditor } from './NotifyEditor';
import { SafetyEditor } from './SafetyEditor';

const THEME_LABELS: Record<Theme, string> = { system: 'System (follows the OS light or dark setting)', dark: 'Dark', light: 'Light', colorblind: 'Colour-blind safe (blue/orange)' };

function LayoutEditor() {
  const [pane, setPane] = useState<PaneId>('book');
  const move = (direction: 'up' | 'down' | 'left' | 'right') => app.set((s) => ({ layout: movePane(s.layout, pane, direction) }));
  return (
    <section className="settings-section" aria-label="Layout">
      <h3>Layout</h3>
      <p className="muted">Drag the borders between panes, or Tab to a border and use the arrow keys. The layout is saved.</p>
      <label>
        Move pane
        <select value={pane} onChange={(e) => setPane(e.target.value as PaneId)}>
          {PANE_IDS.map((id) => (
            <option key={id} value={id}>
              {PANE_TITLES[id]}
            </option>
          ))}
        </select>
      </label>
      {(['left', 'up', 'down', 'right'] as const).map((d) => (
        <button key={d} type="button" onClick={() => move(d)}>
          {d}
        </button>
      ))}
      <button type="button" onClick={resetLayout}>
        Reset layout
      </button>
    </section>
  );
}

/** Settings: theme, safety, notifications, keymap and layout (everything here is saved), then about and licences. */
export function SettingsView() {
  const theme = useStore(app, (s) => s.theme);
  const first = useRef<HTMLSelectElement>(null);
  useEffect(() => first.current?.focus(), []);
  return (
    <div className="overlay" role="presentation" onMouseDown={(e) => e.target === e.currentTarget && app.set({ overlay: undefined })}>
      <div className="settings" role="dialog" aria-modal="true" aria-label="Settings" data-testid="settings">
        <header className="settings-head">
          <h2>Settings</h2>
          <button type="button" onClick={() => app.set({ overlay: undefined })}>
            Close (Esc)
          </button>
        </header>
        <section className="settings-section" aria-label="Theme">
          <h3>Theme</h3>
          <select ref={first} value={theme} onChange={(e) => app.set({ theme: e.target.value as Theme })} aria-label="Theme" data-testid="setting-theme">
            {THEMES.map((t) => (
              <option key={t} value={t}>
                {THEME_LABELS[t]}
              </option>
            ))}
          </select>
        </section>
        <SafetyEditor />
        <GroupsEditor />
        <NotifyEditor />
        <KeymapEditor />
        <LayoutEditor />
        <AboutSection />
      </div>
    </div>
  );
}
