import type { Fill } from '../../../../shared';
import { dateTime, formatFee, formatPrice, formatSize } from '../../lib/format';
import { accountLabel, app } from '../../state/app-state';
import { useMarketLookup } from '../../state/selectors';
import { useStore } from '../../state/store';
import { ReadGaps } from './ReadGaps';
import { useOrderQuery } from './use-order-query';

/** The account's own trades (fills), newest first. */
export function FillsTable() {
  const { rows, gaps, error, loading } = useOrderQuery<Fill>('fills');
  const accounts = useStore(app, (s) => s.accounts);
  const markets = useMarketLookup();
  const sorted = [...rows].sort((a, b) => b.time - a.time);
  return (
    <div className="table-wrap" tabIndex={0} data-pane-primary>
      {error && <p className="error">my trades: {error.message}</p>}
      <table className="grid" data-testid="my-trades">
        <thead>
          <tr>
            <th>time</th>
            <th>account</th>
            <th>symbol</th>
            <th>side</th>
            <th className="num">price</th>
            <th className="num">qty</th>
            <th className="num">fee</th>
            <th>order</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((f) => (
            <tr key={`${f.accountId}|${f.id}`} className={`side-${f.side}`}>
              <td>{dateTime(f.time)}</td>
              <td>{accountLabel(accounts, f.accountId)}</td>
              <td>{f.symbol}</td>
              <td className="side">{f.side}</td>
              <td className="num">{formatPrice(f.price, markets.market(f.accountId, f.symbol))}</td>
              <td className="num">{formatSize(f.quantity, markets.market(f.accountId, f.symbol))}</td>
              <td className="num">
                {formatFee(f.fee)} {f.feeAsset}
              </td>
              <td>{f.orderId}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ReadGaps gaps={gaps} />
      {!loading && sorted.length === 0 && !error && <p className="muted empty">No trades yet.</p>}
    </div>
  );
}
