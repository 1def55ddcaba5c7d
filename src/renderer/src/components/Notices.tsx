import { useEffect, useState } from 'react';
import { app, dismissNotice, markNoticesSeen } from '../state/app-state';
import { useStore } from '../state/store';

function isVisible(): boolean {
  return document.visibilityState !== 'hidden';
}

/** Short messages about what just happened (placed, canceled, refused, filled, alerts), newest last. */
export function Notices() {
  const notices = useStore(app, (s) => s.notices);
  const [visible, setVisible] = useState(isVisible);
  useEffect(() => {
    const onChange = () => {
      setVisible(isVisible());
      if (isVisible()) markNoticesSeen();
    };
    document.addEventListener('visibilitychange', onChange);
    return () => document.removeEventListener('visibilitychange', onChange);
  }, []);
  useEffect(() => {
    // Nothing fades while the window is hidden: a fill heard about later is still on screen.
    if (!visible) return;
    // Sticky notices wait for their outcome; the oldest of the others fades first.
    const oldest = notices.find((n) => !n.sticky && !n.unseen);
    if (!oldest) return;
    const timer = setTimeout(() => dismissNotice(oldest.id), oldest.level === 'error' ? 12_000 : oldest.kind ? 8_000 : 5_000);
    return () => clearTimeout(timer);
  }, [notices, visible]);
  return (
    <div className="notices" aria-live="polite" data-testid="notices">
      {notices.map((n) => (
        <div key={n.id} className={`notice notice-${n.level}${n.kind ? ` notice-event notice-${n.kind}` : ''}`} role={n.level === 'error' ? 'alert' : 'status'} data-kind={n.kind}>
          <span>
            {n.text}
            {n.detail && <small className="notice-detail">{n.detail}</small>}
          </span>
          <button type="button" aria-label="Dismiss" onClick={() => dismissNotice(n.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
