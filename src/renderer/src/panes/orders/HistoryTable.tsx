import type { Order } from '../../../../shared';
import { dateTime, formatPrice, formatSize } from '../../lib/format';
import { accountLabel, app } from '../../state/app-state';
import { useMarketLookup } from '../../state/selectors';
import { useStore } from '../../state/store';
import { ReadGaps } from './ReadGaps';
import { useOrderQuery } from './use-order-query';

/** Every order of the filter, newest first. */
export function HistoryTable() {
  const { rows, gaps, error, loading } = useOrderQuery<Order>('history');
  const accounts = useStore(app, (s) => s.accounts);
  const markets = useMarketLookup();
  const sorted = [...rows].sort((a, b) => b.updatedAt - a.updatedAt);
  return (
    <div className="table-wrap" tabIndex={0} data-pane-primary>
      {error && <p className="error">order history: {error.message}</p>}
      <table className="grid" data-testid="order-history">
        <thead>
          <tr>
            <th>updated</th>
            <th>account</th>
            <th>symbol</th>
            <th>side</th>
            <th>type</th>
            <th className="num">price</th>
            <th className="num">qty</th>
            <th className="num">filled</th>
            <th>status</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((o) => (
            <tr key={`${o.accountId}|${o.id}`} className={`side-${o.side}`}>
              <td>{dateTime(o.updatedAt)}</td>
              <td>{accountLabel(accounts, o.accountId)}</td>
              <td>{o.symbol}</td>
              <td className="side">{o.side}</td>
              <td>{o.type}</td>
              <td className="num">{o.price ? formatPrice(o.price, markets.market(o.accountId, o.symbol)) : 'market'}</td>
              <td className="num">{formatSize(o.quantity, markets.market(o.accountId, o.symbol))}</td>
              <td className="num">{formatSize(o.filledQuantity, markets.market(o.accountId, o.symbol))}</td>
              <td>{o.status}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ReadGaps gaps={gaps} />
      {!loading && sorted.length === 0 && !error && <p className="muted empty">No orders yet.</p>}
    </div>
  );
}
