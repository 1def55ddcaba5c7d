import { duration } from '../../lib/format';
import { groupStreams, tightestBudgets } from '../../lib/status';
import { accountLabel, app, isReadOnly } from '../../state/app-state';
import { shallowEqual, useStore } from '../../state/store';
import { useHeartbeat } from '../../state/use-heartbeat';
import { useNow } from '../../state/use-now';

/** Bottom line: mode, account, per-stream health, latency, rate-limit budget, clock skew, heartbeat. */
export function StatusBar() {
  const { info, infoError, status, readOnly, accounts, activeAccountId } = useStore(
    app,
    (s) => ({ info: s.info, infoError: s.infoError, status: s.status, readOnly: isReadOnly(s), accounts: s.accounts, activeAccountId: s.activeAccountId }),
    shallowEqual,
  );
  const beat = useHeartbeat();
  const active = accounts.find((a) => a.id === activeAccountId);
  const now = useNow(1000);
  return (
    <footer className="status-bar" data-testid="status-bar">
      {info && (
        <span className={`mode mode-${info.mode}`} data-testid="app-mode">
          {info.mode.toUpperCase()}
        </span>
      )}
      {readOnly && <span className="mode mode-readonly" data-testid="read-only">READ-ONLY</span>}
      {infoError && (
        <span className="error" role="alert">
          engine unavailable: {infoError}
        </span>
      )}
      {!info && !infoError && <span>connecting to engine…</span>}
      {active && (
        <span data-testid="active-account">
          {active.label} · {active.exchange}
        </span>
      )}
      <span className="status-streams" data-testid="status-streams">
        {status &&
          groupStreams(status.streams).map((g) => (
            <span
              key={g.key}
              className={`stream stream-${g.state}`}
              data-testid="status-stream"
              data-state={g.state}
              title={`${g.exchange} ${g.kind}${g.accountId ? ` · ${accountLabel(accounts, g.accountId)}` : ''}: ${g.state}\n${g.problems.join('\n') || `${g.count} connection${g.count > 1 ? 's' : ''}`}`}
            >
              <i className="dot" aria-hidden />
              {g.exchange} {g.kind}
              {g.state !== 'connected' ? `: ${g.state}` : ''}
            </span>
          ))}
        {status && status.streams.length === 0 && <span className="muted">no streams</span>}
      </span>
      <span className="spacer status-shrink" />
      {status?.links.map((l) => (
        <span key={`${l.exchange}|${l.accountId ?? ''}`} data-testid="status-link" title={`${l.exchange} latency and clock skew (exchange minus local)`}>
          {l.exchange} {l.latencyMs !== undefined ? duration(l.latencyMs) : '–'} · skew {l.clockSkewMs !== undefined ? duration(l.clockSkewMs) : '–'}
        </span>
      ))}
      {status &&
        tightestBudgets(status.limits, now).map((r) => (
          <span key={`${r.exchange}|${r.accountId ?? ''}|${r.rule}`} data-testid="status-budget" className={r.blockedUntil && r.blockedUntil > now ? 'error' : ''} title={`rate limit ${r.rule}: ${r.limit} per ${duration(r.windowMs)}${r.queued ? `, ${r.queued} queued` : ''}`}>
            {r.exchange}
            {r.accountId ? ` · ${accountLabel(accounts, r.accountId)}` : ' ip'} {r.blockedUntil && r.blockedUntil > now ? `blocked ${duration(r.blockedUntil - now)}` : `${r.remaining}/${r.limit}`}
          </span>
        ))}
      {info && (
        <span data-testid="app-version" className="muted status-shrink">
          {info.name} v{info.version}
        </span>
      )}
      {info && (
        <span data-testid="app-platform" className="muted status-shrink">
          {info.platform} · {info.host}
        </span>
      )}
      <span data-testid="heartbeat" className="muted">
        {beat ? `main ♥ ${beat.seq} · skew ${beat.skewMs} ms` : 'main ♥ –'}
      </span>
    </footer>
  );
}
