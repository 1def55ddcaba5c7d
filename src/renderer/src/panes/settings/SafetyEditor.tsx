import { useState } from 'react';
import type { SafetySettings } from '../../lib/safety';
import { app } from '../../state/app-state';
import { useStore } from '../../state/store';

const DECIMAL = /^\d*\.?\d+$/;

/** Read-only mode, confirmations, the price band and per-symbol caps (ux.md "Safety on the client"). */
export function SafetyEditor() {
  const safety = useStore(app, (s) => s.safety);
  const symbol = useStore(app, (s) => s.activeSymbol);
  const [limitSymbol, setLimitSymbol] = useState(symbol);
  const [maxQuantity, setMaxQuantity] = useState('');
  const [maxNotional, setMaxNotional] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const update = (patch: Partial<SafetySettings>) => app.set((s) => ({ safety: { ...s.safety, ...patch } }));

  const optionalDecimal = (value: string, field: string, apply: (v: string | undefined) => void) => {
    const v = value.trim();
    if (v === '') return apply(undefined);
    if (!DECIMAL.test(v) || Number(v) <= 0) return setProblem(`${field} must be a number greater than 0, such as 1000`);
    setProblem(undefined);
    apply(v);
  };

  const addLimit = () => {
    const sym = limitSymbol.trim().toUpperCase().replace(/[/_-]/g, '');
    if (!/^[A-Z0-9]{2,32}$/.test(sym)) return setProblem('symbol: letters and digits only, such as BTCUSDT');
    const entry: { maxQuantity?: string; maxNotional?: string } = {};
    for (const [field, value] of [['max size', maxQuantity], ['max notional', maxNotional]] as const) {
      const v = value.trim();
      if (v === '') continue;
      if (!DECIMAL.test(v) || Number(v) <= 0) return setProblem(`${field} must be a number greater than 0`);
      if (field === 'max size') entry.maxQuantity = v;
      else entry.maxNotional = v;
    }
    if (!entry.maxQuantity && !entry.maxNotional) return setProblem('give a max size, a max notional, or both');
    setProblem(undefined);
    update({ limits: { ...safety.limits, [sym]: entry } });
    setMaxQuantity('');
    setMaxNotional('');
  };

  return (
    <section className="settings-section" aria-label="Safety">
      <h3>Safety</h3>
      <label className="check">
        <input type="checkbox" checked={safety.readOnly} onChange={(e) => update({ readOnly: e.target.checked })} data-testid="setting-read-only" />
        Read-only (dry run): block every order and cancel, show what would be sent
      </label>
      <label className="check">
        <input type="checkbox" checked={safety.escCancelsLastOrder} onChange={(e) => update({ escCancelsLastOrder: e.target.checked })} />
        Esc with no ticket open cancels the last order placed here
      </label>
      <label>
        Confirm (second Enter) above notional
        <input
          defaultValue={safety.confirmAboveNotional ?? ''}
          placeholder="never"
          inputMode="decimal"
          data-testid="setting-confirm-above"
          onBlur={(e) => optionalDecimal(e.target.value, 'confirmation size', (v) => update({ confirmAboveNotional: v }))}
        />
      </label>
      <label>
        Price band around the mid, %
        <input
          defaultValue={safety.priceBandPercent ?? ''}
          placeholder="off"
          inputMode="decimal"
          onBlur={(e) => optionalDecimal(e.target.value, 'price band', (v) => update({ priceBandPercent: v === undefined ? undefined : Number(v) }))}
        />
        <select value={safety.priceBandAction} onChange={(e) => update({ priceBandAction: e.target.value === 'block' ? 'block' : 'confirm' })} aria-label="Outside the band">
          <option value="confirm">ask to confirm</option>
          <option value="block">block</option>
        </select>
      </label>
      <label>
        Max notional per order (any symbol)
        <input
          defaultValue={safety.defaultMaxNotional ?? ''}
          placeholder="no cap"
          inputMode="decimal"
          onBlur={(e) => optionalDecimal(e.target.value, 'max notional', (v) => update({ defaultMaxNotional: v }))}
        />
      </label>
      <h4>Per-symbol caps</h4>
      <table className="grid">
        <tbody>
          {Object.entries(safety.limits).map(([sym, limit]) => (
            <tr key={sym} data-testid={`limit-${sym}`}>
              <td>{sym}</td>
              <td>max size {limit.maxQuantity ?? '–'}</td>
              <td>max notional {limit.maxNotional ?? '–'}</td>
              <td>
                <button
                  type="button"
                  onClick={() => {
                    const next = { ...safety.limits };
                    delete next[sym];
                    update({ limits: next });
                  }}
                >
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="limit-form">
        <input aria-label="Symbol" value={limitSymbol} onChange={(e) => setLimitSymbol(e.target.value)} />
        <input aria-label="Max size" placeholder="max size" inputMode="decimal" value={maxQuantity} onChange={(e) => setMaxQuantity(e.target.value)} data-testid="limit-max-size" />
        <input aria-label="Max notional" placeholder="max notional" inputMode="decimal" value={maxNotional} onChange={(e) => setMaxNotional(e.target.value)} />
        <button type="button" onClick={addLimit} data-testid="limit-add">
          Set cap
        </button>
      </div>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}
