import { useEffect } from 'react';
import { app, dismissNotice } from '../state/app-state';
import { useStore } from '../state/store';

/** Short messages about what just happened (placed, canceled, refused), newest last. */
export function Notices() {
  const notices = useStore(app, (s) => s.notices);
  useEffect(() => {
    // Sticky notices wait for their outcome; the oldest of the others fades first.
    const oldest = notices.find((n) => !n.sticky);
    if (!oldest) return;
    const timer = setTimeout(() => dismissNotice(oldest.id), oldest.level === 'error' ? 12_000 : 5_000);
    return () => clearTimeout(timer);
  }, [notices]);
  return (
    <div className="notices" aria-live="polite" data-testid="notices">
      {notices.map((n) => (
        <div key={n.id} className={`notice notice-${n.level}`} role={n.level === 'error' ? 'alert' : 'status'}>
          <span>{n.text}</span>
          <button type="button" aria-label="Dismiss" onClick={() => dismissNotice(n.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
