import { useState } from 'react';
import { exchangeEntry, exchangeName, type AlertCondition, type Market, type PriceAlert } from '../../../../shared';
import { clock, formatPrice } from '../../lib/format';
import { addAlert, describeAlert, removeAlert, updateAlert } from '../../state/alerts';
import { app, notify } from '../../state/app-state';
import { useMarketLookup } from '../../state/selectors';
import { useStore } from '../../state/store';

const CONDITIONS: AlertCondition[] = ['above', 'below', 'crossing'];

/** A condition and a price; Enter saves, Esc leaves without saving. */
function AlertFields({ initial, label, onSave, onDone, testId }: { initial: { condition: AlertCondition; price: string }; label: string; onSave: (condition: AlertCondition, price: string) => Promise<string | undefined>; onDone?: () => void; testId: string }) {
  const [condition, setCondition] = useState(initial.condition);
  const [price, setPrice] = useState(initial.price);
  const [error, setError] = useState<string>();
  const save = async () => {
    const problem = await onSave(condition, price.trim());
    setError(problem);
    if (!problem) onDone?.();
  };
  return (
    <span className="alert-fields" data-testid={testId}>
      <select aria-label={`${label}: condition`} value={condition} onChange={(e) => setCondition(e.target.value as AlertCondition)}>
        {CONDITIONS.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
      <input
        aria-label={`${label}: price`}
        inputMode="decimal"
        placeholder="price"
        value={price}
        autoFocus={onDone !== undefined}
        onChange={(e) => setPrice(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            void save();
          } else if (e.key === 'Escape' && onDone) {
            e.stopPropagation();
            onDone();
          }
        }}
      />
      <button type="button" onClick={() => void save()}>
        {onDone ? 'Save' : 'Add'}
      </button>
      {error && <span className="error" role="alert">{error}</span>}
    </span>
  );
}

function stateText(alert: PriceAlert, market: Market | undefined): string {
  if (alert.state === 'armed') return 'armed';
  return `fired ${alert.firedAt ? clock(alert.firedAt) : ''} @ ${alert.firedPrice ? formatPrice(alert.firedPrice, market) : '?'}`;
}

function AlertRow({ alert, first, market }: { alert: PriceAlert; first: boolean; market: Market | undefined }) {
  const [editing, setEditing] = useState(false);
  const problem = (text: string | undefined) => text && notify('error', text);
  return (
    <tr
      tabIndex={0}
      data-pane-primary={first ? true : undefined}
      data-testid="alert-row"
      data-alert-id={alert.id}
      data-state={alert.state}
      className={alert.state === 'fired' ? 'alert-fired' : undefined}
      aria-label={`alert ${describeAlert(alert)} on ${exchangeName(alert.exchange)}, ${stateText(alert, market)}: E edits, Delete removes`}
      onKeyDown={(e) => {
        if (e.target !== e.currentTarget) return;
        if (e.key === 'Delete') void removeAlert(alert.id).then(problem);
        else if (e.key === 'e' || e.key === 'E') {
          e.preventDefault();
          setEditing(true);
        } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
          e.preventDefault();
          const next = (e.key === 'ArrowDown' ? e.currentTarget.nextElementSibling : e.currentTarget.previousElementSibling) as HTMLElement | null;
          next?.focus();
        }
      }}
    >
      <td title={new Date(alert.createdAt).toLocaleString()}>{clock(alert.createdAt)}</td>
      <td title={exchangeName(alert.exchange)}>
        {alert.symbol} <span className="muted">{exchangeEntry(alert.exchange).short}</span>
      </td>
      {editing ? (
        <td colSpan={2}>
          <AlertFields
            testId="alert-edit"
            label={`Edit alert ${describeAlert(alert)}`}
            initial={alert}
            onSave={(condition, price) => updateAlert(alert.id, { condition, price })}
            onDone={() => setEditing(false)}
          />
        </td>
      ) : (
        <>
          <td>{alert.condition}</td>
          <td className="num">{formatPrice(alert.price, market)}</td>
        </>
      )}
      <td data-testid="alert-state">{stateText(alert, market)}</td>
      <td className="actions">
        {!editing && (
          <button type="button" tabIndex={-1} onClick={() => setEditing(true)}>
            Edit
          </button>
        )}
        {alert.state === 'fired' && (
          <button type="button" tabIndex={-1} onClick={() => void updateAlert(alert.id, { rearm: true }).then(problem)}>
            Re-arm
          </button>
        )}
        <button type="button" tabIndex={-1} data-testid="alert-remove" aria-label={`Remove alert ${describeAlert(alert)}`} title="Remove (Delete)" onClick={() => void removeAlert(alert.id).then(problem)}>
          ×
        </button>
      </td>
    </tr>
  );
}

/** Price alerts of every market: set here, from the palette (`alert btcusdt > 90000`) or on the chart (A at the crosshair). */
export function AlertsTable() {
  const alerts = useStore(app, (s) => s.alerts);
  const error = useStore(app, (s) => s.alertsError);
  const symbol = useStore(app, (s) => s.activeSymbol);
  const markets = useMarketLookup();
  const sorted = [...alerts].sort((a, b) => (a.state === b.state ? b.createdAt - a.createdAt : a.state === 'armed' ? -1 : 1));
  return (
    <div className="table-wrap" tabIndex={sorted.length ? -1 : 0} data-pane-primary={sorted.length ? undefined : true}>
      {error && <p className="error">alerts: {error}</p>}
      <p className="alert-add">
        New alert on {symbol}: <AlertFields key={symbol} testId="alert-add" label={`New alert on ${symbol}`} initial={{ condition: 'above', price: '' }} onSave={(condition, price) => addAlert(symbol, condition, price)} />
      </p>
      <table className="grid" data-testid="alerts">
        <thead>
          <tr>
            <th>set</th>
            <th>market</th>
            <th>when</th>
            <th className="num">price</th>
            <th>state</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {sorted.map((a, i) => (
            <AlertRow key={a.id} alert={a} first={i === 0} market={markets.market(a.accountId, a.symbol)} />
          ))}
        </tbody>
      </table>
      {sorted.length === 0 && !error && <p className="muted empty">No alerts. Type “alert btcusdt &gt; 90000” in the palette (Ctrl+K), or press A on the chart.</p>}
    </div>
  );
}
