import { duration } from '../../lib/format';
import { budgetsFor, retryText, streamsByAccount, tightestBudgets, type AccountStreams } from '../../lib/status';
import { accountLabel, app, isReadOnly } from '../../state/app-state';
import { shallowEqual, useStore } from '../../state/store';
import { useHeartbeat } from '../../state/use-heartbeat';
import { useNow } from '../../state/use-now';
import { StatusDetails } from './StatusDetails';

/**
 * Bottom line: the active account's mode and name, its connections, latency and rate-limit
 * budget, then the heartbeat. Everything about other accounts and exchanges folds into the
 * details panel (the "+n" button), so the bar fits at 1280 px instead of clipping (ui.md).
 */
export function StatusBar() {
  const { info, infoError, status, readOnly, accounts, activeAccountId, open } = useStore(
    app,
    (s) => ({
      info: s.info,
      infoError: s.infoError,
      status: s.status,
      readOnly: isReadOnly(s),
      accounts: s.accounts,
      activeAccountId: s.activeAccountId,
      open: s.overlay?.kind === 'status',
    }),
    shallowEqual,
  );
  const beat = useHeartbeat();
  const active = accounts.find((a) => a.id === activeAccountId);
  const now = useNow(1000);
  const entries = status ? streamsByAccount(status.streams) : [];
  const mine = entries.find((e) => e.accountId === active?.id);
  // Accounts that need attention are shown; the healthy others are only counted.
  const troubled = entries.filter((e) => e !== mine && e.state !== 'connected' && e.state !== 'closed');
  const hidden = entries.length - troubled.length - (mine ? 1 : 0);
  const link = status?.links.find((l) => active && l.exchange === active.exchange && (l.accountId === active.id || l.accountId === undefined));
  const budget = status && active ? tightestBudgets(budgetsFor(status.limits, active), now).sort((a, b) => a.remaining / a.limit - b.remaining / b.limit)[0] : undefined;
  const blocked = status ? status.limits.filter((r) => r.blockedUntil !== undefined && r.blockedUntil > now && r !== budget) : [];
  // DEMO/LIVE is the active account's: a demo account is never shown as LIVE because another one is.
  const mode = active?.mode ?? info?.mode;
  const liveOthers = accounts.filter((a) => a.mode === 'live' && a.id !== active?.id).length;
  const toggle = () => app.set({ overlay: open ? undefined : { kind: 'status' } });
  const chip = (e: AccountStreams, testId: string, text: string) => (
    <span
      key={e.key}
      className={`stream stream-${e.state}`}
      data-testid={testId}
      data-state={e.state}
      data-account={e.accountId}
      title={e.groups.map((g) => `${g.kind}: ${g.state}${g.problems.length ? ` (${g.problems.join('; ')})` : ''}`).join('\n')}
    >
      <i className="dot" aria-hidden />
      {text}
      {e.state !== 'connected' ? `: ${e.groups.filter((g) => g.state !== 'connected').map((g) => `${g.kind} ${g.state}${retryText(g.state, g.retryAt, now)}`).join(', ')}` : ''}
    </span>
  );

  return (
    <>
      <footer className="status-bar" data-testid="status-bar">
        {mode && (
          <span
            className={`mode mode-${mode}`}
            data-testid="app-mode"
            title={`${mode === 'live' ? 'The active account trades real money' : 'The active account is a demo account on a simulated exchange'}${liveOthers ? ` (${liveOthers} other account${liveOthers > 1 ? 's are' : ' is'} live)` : ''}`}
          >
            {mode.toUpperCase()}
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
          // The active account carries its own connections' dot: one name, not two.
          <span data-testid="active-account" className="status-shrink">
            {mine ? chip(mine, 'status-account', `${active.label} · ${active.exchange}`) : `${active.label} · ${active.exchange}`}
          </span>
        )}
        <span className="status-streams status-shrink" data-testid="status-streams">
          {troubled.map((e) => chip(e, 'status-account', e.accountId ? accountLabel(accounts, e.accountId) : `${e.exchange} shared`))}
          {status && entries.length === 0 && <span className="muted">no streams</span>}
        </span>
        <span className="spacer" />
        {link && (
          <span data-testid="status-active-link" title={`${link.exchange} latency and clock skew (exchange minus local)`}>
            {link.exchange} {link.latencyMs !== undefined ? duration(link.latencyMs) : '–'} · skew {link.clockSkewMs !== undefined ? duration(link.clockSkewMs) : '–'}
          </span>
        )}
        {budget && (
          <span data-testid="status-active-budget" className={budget.blockedUntil && budget.blockedUntil > now ? 'error' : ''} title={`tightest rate limit of this account: ${budget.rule}, ${budget.limit} per ${duration(budget.windowMs)}${budget.queued ? `, ${budget.queued} queued` : ''}`}>
            limit {budget.blockedUntil && budget.blockedUntil > now ? `blocked ${duration(budget.blockedUntil - now)}` : `${budget.remaining}/${budget.limit}`}
          </span>
        )}
        {blocked.length > 0 && (
          <span className="error" data-testid="status-blocked" title={blocked.map((r) => `${r.exchange}${r.accountId ? ` · ${accountLabel(accounts, r.accountId)}` : ' ip'}: ${r.rule}`).join('\n')}>
            {blocked.length} limit{blocked.length > 1 ? 's' : ''} blocked
          </span>
        )}
        <button
          type="button"
          className="status-more"
          data-testid="status-details-toggle"
          aria-expanded={open}
          aria-controls="status-details"
          onClick={toggle}
          title="Every account's connections, latency, clock skew and rate limits"
        >
          details{hidden > 0 ? ` +${hidden}` : ''} {open ? '▾' : '▴'}
        </button>
        <span data-testid="heartbeat" className="muted">
          {beat ? `main ♥ ${beat.seq} · skew ${beat.skewMs} ms` : 'main ♥ –'}
        </span>
      </footer>
      <StatusDetails open={open} />
    </>
  );
}
