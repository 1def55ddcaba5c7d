import { useState } from 'react';
import { SOUND_KINDS, SOUND_LABELS, type NotifySettings } from '../../lib/sound-settings';
import { app } from '../../state/app-state';
import { playSound } from '../../state/sounds';
import { useStore } from '../../state/store';

function change(patch: Partial<NotifySettings>): void {
  app.set((s) => ({ notifySettings: { ...s.notifySettings, ...patch } }));
}

/** Sounds (volume, each kind on or off, a test button) and, in the browser host, the page's desktop notifications. */
export function NotifyEditor() {
  const settings = useStore(app, (s) => s.notifySettings);
  const host = useStore(app, (s) => s.info?.host);
  const [permission, setPermission] = useState(() => (typeof Notification === 'undefined' ? 'unsupported' : Notification.permission));
  return (
    <section className="settings-section" aria-label="Notifications" data-testid="notify-settings">
      <h3>Notifications</h3>
      <p className="muted">
        Fills, orders the exchange cancels or rejects, and price alerts show a notice here
        {host === 'electron' ? ' and a system notification while the window is not in front' : ''}. Sounds:
      </p>
      <label>
        Volume
        <input
          type="range"
          min={0}
          max={100}
          step={5}
          value={Math.round(settings.volume * 100)}
          onChange={(e) => change({ volume: Number(e.target.value) / 100 })}
          aria-valuetext={`${Math.round(settings.volume * 100)} %`}
          data-testid="notify-volume"
        />
        <span className="muted"> {Math.round(settings.volume * 100)} %</span>
      </label>
      {SOUND_KINDS.map((kind) => (
        <span key={kind} className="notify-kind">
          <label>
            <input type="checkbox" checked={settings.sounds[kind]} onChange={(e) => change({ sounds: { ...settings.sounds, [kind]: e.target.checked } })} data-testid={`notify-sound-${kind}`} />
            {SOUND_LABELS[kind]}
          </label>
          <button type="button" onClick={() => playSound(kind, settings.volume)} aria-label={`Play the ${SOUND_LABELS[kind].toLowerCase()} sound`}>
            ▶
          </button>
        </span>
      ))}
      {host === 'browser-host' && (
        <p>
          <label>
            <input type="checkbox" checked={settings.desktop} onChange={(e) => change({ desktop: e.target.checked })} />
            Desktop notification while this tab is hidden
          </label>{' '}
          {permission === 'default' && (
            <button type="button" onClick={() => void Notification.requestPermission().then(setPermission)}>
              Allow
            </button>
          )}
          {permission === 'denied' && <span className="muted">(blocked by the browser: the notices wait in the tab)</span>}
        </p>
      )}
    </section>
  );
}
