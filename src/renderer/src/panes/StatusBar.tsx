import type { AppInfoState } from '../state/use-app-info';
import { useHeartbeat } from '../state/use-heartbeat';

/** Bottom line: who the engine is, whether it is alive, and (later) per-stream health. */
export function StatusBar({ app }: { app: AppInfoState }) {
  const beat = useHeartbeat();
  return (
    <footer className="status-bar" data-testid="status-bar">
      {app.status === 'ready' && (
        <>
          <span className={`mode mode-${app.info.mode}`} data-testid="app-mode">
            {app.info.mode.toUpperCase()}
          </span>
          <span data-testid="app-version">
            {app.info.name} v{app.info.version}
          </span>
          <span data-testid="app-platform">
            {app.info.platform} · {app.info.host}
          </span>
        </>
      )}
      {app.status === 'loading' && <span>connecting to engine…</span>}
      {app.status === 'failed' && (
        <span className="error" role="alert">
          engine unavailable: {app.error.message}
        </span>
      )}
      <span className="spacer" />
      <span data-testid="heartbeat">{beat ? `main ♥ ${beat.seq} · skew ${beat.skewMs} ms` : 'main ♥ –'}</span>
    </footer>
  );
}
