import { useEffect, useRef } from 'react';
import { exchangeName, type ExchangeId } from '../../../../shared';
import { duration } from '../../lib/format';
import { accountTitle } from '../../lib/market-label';
import { streamsByAccount, tightestBudgets } from '../../lib/status';
import { accountLabel, app } from '../../state/app-state';
import { shallowEqual, useStore } from '../../state/store';
import { useNow } from '../../state/use-now';

/**
 * What the status bar folds away: every account's streams (by kind), latency and clock skew,
 * the tightest rate-limit rule per scope, and the app's version and platform. Opened with the
 * bar's "details" button (Tab to it, Enter); Esc closes it like any dialog. Always rendered
 * (hidden when closed) so its facts stay in the accessibility tree's reach and in tests.
 */
const onClose = () => app.set({ overlay: undefined });

export function StatusDetails({ open }: { open: boolean }) {
  const { info, status, accounts, activeAccountId } = useStore(app, (s) => ({ info: s.info, status: s.status, accounts: s.accounts, activeAccountId: s.activeAccountId }), shallowEqual);
  const now = useNow(1000);
  const panel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    panel.current?.focus();
    // A click elsewhere closes it (the toggle handles its own clicks).
    const away = (e: MouseEvent) => {
      const target = e.target as Node;
      if (panel.current?.contains(target) || (target instanceof Element && target.closest('[data-testid="status-details-toggle"]'))) return;
      onClose();
    };
    document.addEventListener('mousedown', away, true);
    return () => document.removeEventListener('mousedown', away, true);
  }, [open]);

  const who = (accountId: string | undefined, exchange: ExchangeId) => {
    const account = accounts.find((a) => a.id === accountId);
    return account ? accountTitle(account) : accountId ? accountLabel(accounts, accountId) : `${exchangeName(exchange)} shared`;
  };
  return (
    <div
      id="status-details"
      ref={panel}
      className="status-details"
      role="dialog"
      aria-label="Connections and limits"
      data-testid="status-details"
      tabIndex={-1}
      hidden={!open}
    >
      <table className="grid">
        <thead>
          <tr>
            <th>account</th>
            <th>streams</th>
          </tr>
        </thead>
        <tbody>
          {status &&
            streamsByAccount(status.streams).map((e) => (
              <tr key={e.key} className={e.accountId === activeAccountId ? 'is-active' : undefined}>
                <td>{who(e.accountId, e.exchange)}</td>
                <td>
                  {e.groups.map((g) => (
                    <span key={g.key} className={`stream stream-${g.state}`} data-testid="status-stream" data-state={g.state} data-account={g.accountId} title={g.problems.join('\n') || `${g.count} connection${g.count > 1 ? 's' : ''}`}>
                      <i className="dot" aria-hidden />
                      {g.kind}
                      {g.state !== 'connected' ? `: ${g.state}` : ''}
                      {g.problems.length > 0 ? ` (${g.problems.map((p) => p.replace(/^[^:]+: /, '')).join('; ')})` : ''}
                    </span>
                  ))}
                </td>
              </tr>
            ))}
        </tbody>
      </table>
      <table className="grid">
        <thead>
          <tr>
            <th>exchange</th>
            <th>latency · clock skew</th>
          </tr>
        </thead>
        <tbody>
          {status?.links.map((l) => (
            <tr key={`${l.exchange}|${l.accountId ?? ''}`} data-testid="status-link">
              <td>{who(l.accountId, l.exchange)}</td>
              <td>
                {l.latencyMs !== undefined ? duration(l.latencyMs) : '–'} · skew {l.clockSkewMs !== undefined ? duration(l.clockSkewMs) : '–'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="grid">
        <thead>
          <tr>
            <th>rate limit (tightest rule)</th>
            <th>left</th>
          </tr>
        </thead>
        <tbody>
          {status &&
            tightestBudgets(status.limits, now).map((r) => (
              <tr key={`${r.exchange}|${r.accountId ?? ''}|${r.rule}`} data-testid="status-budget" className={r.blockedUntil && r.blockedUntil > now ? 'error' : ''} title={`${r.rule}: ${r.limit} per ${duration(r.windowMs)}${r.queued ? `, ${r.queued} queued` : ''}`}>
                <td>{r.accountId ? who(r.accountId, r.exchange) : `${exchangeName(r.exchange)} per IP`}</td>
                <td>{r.blockedUntil && r.blockedUntil > now ? `blocked ${duration(r.blockedUntil - now)}` : `${r.remaining}/${r.limit}`}</td>
              </tr>
            ))}
        </tbody>
      </table>
      {info && (
        <p className="muted">
          <span data-testid="app-version">
            {info.name} v{info.version}
          </span>{' '}
          · <span data-testid="app-platform">{info.platform} · {info.host}</span>
        </p>
      )}
    </div>
  );
}
