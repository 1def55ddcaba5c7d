import { isZeroQuantity } from '../../../../shared';
import { Pane } from '../../components/Pane';
import { balanceGapLines } from '../../lib/balances';
import { formatBalance } from '../../lib/format';
import { accountLabel, app } from '../../state/app-state';
import { shallowEqual, useStore } from '../../state/store';
import { useState } from 'react';
import { useAllMarkets } from '../../state/selectors';
import { paneAccountId, usePaneSlot } from '../../state/pane-slot';

/** Balances of the pane's account (its pin, else the active one) or of every account, and the totals across accounts. */
export function BalancesPane() {
  const [view, setView] = useState<'active' | 'all' | 'totals'>('active');
  const slot = usePaneSlot();
  const { balances, totals, accounts, activeAccountId, error, gaps } = useStore(
    app,
    (s) => ({ balances: s.balances, totals: s.totals, accounts: s.accounts, activeAccountId: paneAccountId(s, slot?.key), error: s.balancesError, gaps: s.balancesGaps }),
    shallowEqual,
  );
  // Each account's balances in its own exchange's asset precision; totals in the finest of all.
  const allMarkets = useAllMarkets();
  const byAccount = useStore(app, (s) => s.markets);
  const show = (value: string, asset: string, accountId?: string) =>
    formatBalance(value, asset, accountId ? (byAccount[accountId] ?? []) : allMarkets);
  const nonZero = balances.filter((b) => !isZeroQuantity(b.total) || !isZeroQuantity(b.locked));
  const rows = view === 'active' ? nonZero.filter((b) => b.accountId === activeAccountId) : nonZero;
  const shownGaps = view === 'active' ? gaps.filter((g) => g.accountId === activeAccountId) : gaps;
  return (
    <Pane
      id="balances"
      tools={
        <select aria-label="Balances view" data-testid="balances-view" value={view} onChange={(e) => setView(e.target.value as typeof view)}>
          <option value="active">this account</option>
          <option value="all">per account</option>
          <option value="totals">totals</option>
        </select>
      }
    >
      <div className="table-wrap" tabIndex={0} data-pane-primary>
        {error && <p className="error">balances: {error}</p>}
        {/* The accounts that could not be read, named above the rows (issue 13 #5). */}
        {shownGaps.length > 0 && (
          <ul className="read-gaps" data-testid="balances-gaps" aria-label="Accounts whose balances could not be read">
            {balanceGapLines(shownGaps, balances, accounts).map((line) => (
              <li key={line.key} className={line.level}>
                {line.text}
              </li>
            ))}
          </ul>
        )}
        {view === 'totals' ? (
          <table className="grid" data-testid="balance-totals">
            <thead>
              <tr>
                <th>asset</th>
                <th className="num">free</th>
                <th className="num">locked</th>
                <th className="num">total</th>
              </tr>
            </thead>
            <tbody>
              {totals.map((t) => (
                <tr key={t.asset} data-asset={t.asset}>
                  <td>{t.asset}</td>
                  <td className="num">{show(t.free, t.asset)}</td>
                  <td className="num">{show(t.locked, t.asset)}</td>
                  <td className="num">{show(t.total, t.asset)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <table className="grid" data-testid="balances">
            <thead>
              <tr>
                <th>asset</th>
                <th className="num">free</th>
                <th className="num">locked</th>
                <th className="num">total</th>
              </tr>
            </thead>
            {/* Per account: one heading row per account instead of an account column, so all four numbers fit at 1280x720. */}
            {byAccountRows(rows).map(([accountId, own]) => (
              <tbody key={accountId} data-account-group={accountId}>
                {view === 'all' && (
                  <tr className="balances-account">
                    <th colSpan={4} scope="rowgroup">
                      {accountLabel(accounts, accountId)}
                    </th>
                  </tr>
                )}
                {own.map((b) => (
                  <tr key={`${b.accountId}|${b.asset}`} data-asset={b.asset} data-account={b.accountId}>
                    <td>{b.asset}</td>
                    <td className="num" data-testid={`free-${b.asset}`}>{show(b.free, b.asset, b.accountId)}</td>
                    <td className="num">{show(b.locked, b.asset, b.accountId)}</td>
                    <td className="num">{show(b.total, b.asset, b.accountId)}</td>
                  </tr>
                ))}
              </tbody>
            ))}
          </table>
        )}
      </div>
    </Pane>
  );
}

/** Rows grouped by account, accounts in the order they first appear. */
function byAccountRows<T extends { accountId: string }>(rows: readonly T[]): Array<[string, T[]]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) groups.set(row.accountId, [...(groups.get(row.accountId) ?? []), row]);
  return [...groups];
}
