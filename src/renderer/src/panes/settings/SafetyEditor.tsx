import { useState } from 'react';
import type { Settings } from '../../../../shared';
import type { ClientSafety } from '../../lib/safety';
import { saveRisk } from '../../state/actions';
import { app } from '../../state/app-state';
import { shallowEqual, useStore } from '../../state/store';

const DECIMAL = /^\d*\.?\d+$/;

function positive(value: string, field: string): { ok: true; value?: string } | { ok: false; message: string } {
  const v = value.trim();
  if (v === '') return { ok: true };
  if (!DECIMAL.test(v) || Number(v) <= 0) return { ok: false, message: `${field} must be a number greater than 0, such as 1000` };
  return { ok: true, value: v };
}

/** The engine's guards (saved by the engine, enforced on every order). */
function RiskSettings({ risk }: { risk: Settings }) {
  const symbol = useStore(app, (s) => s.activeSymbol);
  const [limitSymbol, setLimitSymbol] = useState(symbol);
  const [maxQuantity, setMaxQuantity] = useState('');
  const [maxNotional, setMaxNotional] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const save = async (patch: Partial<Settings>) => setProblem(await saveRisk(patch));

  const addLimit = async () => {
    const sym = limitSymbol.trim().toUpperCase().replace(/[/_-]/g, '');
    if (!/^[A-Z0-9]{2,32}$/.test(sym)) return setProblem('symbol: letters and digits only, such as BTCUSDT');
    const q = positive(maxQuantity, 'max size');
    const n = positive(maxNotional, 'max notional');
    if (!q.ok) return setProblem(q.message);
    if (!n.ok) return setProblem(n.message);
    if (!q.value && !n.value) return setProblem('give a max size, a max notional, or both');
    await save({ symbolLimits: { ...risk.symbolLimits, [sym]: { ...(q.value ? { maxQuantity: q.value } : {}), ...(n.value ? { maxNotional: n.value } : {}) } } });
    setMaxQuantity('');
    setMaxNotional('');
  };

  return (
    <>
      <label className="check">
        <input type="checkbox" checked={risk.readOnly} onChange={(e) => void save({ readOnly: e.target.checked })} data-testid="setting-read-only" />
        Read-only (dry run): the engine blocks every order and cancel; the ticket shows what would be sent
      </label>
      <label>
        Block limit prices further than
        <input
          key={String(risk.priceBandPercent)}
          defaultValue={risk.priceBandPercent ?? ''}
          placeholder="off"
          inputMode="decimal"
          size={6}
          data-testid="setting-price-band"
          onBlur={(e) => {
            const v = e.target.value.trim();
            if (v === '') return void save({ priceBandPercent: null });
            const n = Number(v);
            if (!DECIMAL.test(v) || n <= 0 || n > 100) return setProblem('price band must be a percent between 0 and 100 (empty turns it off)');
            void save({ priceBandPercent: n });
          }}
        />
        % from the mid (empty: off)
      </label>
      <h4>Per-symbol caps (every account)</h4>
      <table className="grid">
        <tbody>
          {Object.entries(risk.symbolLimits).map(([sym, limit]) => (
            <tr key={sym} data-testid={`limit-${sym}`}>
              <td>{sym}</td>
              <td>max size {limit.maxQuantity ?? '–'}</td>
              <td>max notional {limit.maxNotional ?? '–'}</td>
              <td>
                <button
                  type="button"
                  onClick={() => {
                    const next = { ...risk.symbolLimits };
                    delete next[sym];
                    void save({ symbolLimits: next });
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
        <input aria-label="Symbol" value={limitSymbol} onChange={(e) => setLimitSymbol(e.target.value)} data-testid="limit-symbol" />
        <input aria-label="Max size" placeholder="max size" inputMode="decimal" value={maxQuantity} onChange={(e) => setMaxQuantity(e.target.value)} data-testid="limit-max-size" />
        <input aria-label="Max notional" placeholder="max notional" inputMode="decimal" value={maxNotional} onChange={(e) => setMaxNotional(e.target.value)} data-testid="limit-max-notional" />
        <button type="button" onClick={() => void addLimit()} data-testid="limit-add">
          Set cap
        </button>
      </div>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
    </>
  );
}

/** Read-only mode, price band and per-symbol caps (engine), and the ticket's confirmations (this window). */
export function SafetyEditor() {
  const { safety, risk, riskError } = useStore(app, (s) => ({ safety: s.safety, risk: s.risk, riskError: s.riskError }), shallowEqual);
  const [problem, setProblem] = useState<string | undefined>();
  const update = (patch: Partial<ClientSafety>) => app.set((s) => ({ safety: { ...s.safety, ...patch } }));
  return (
    <section className="settings-section" aria-label="Safety">
      <h3>Safety</h3>
      {risk ? <RiskSettings risk={risk} /> : <p className="error">risk settings unavailable{riskError ? `: ${riskError}` : ''}</p>}
      <h4>Confirmations (a second Enter; off by default)</h4>
      <label>
        Confirm orders worth more than
        <input
          defaultValue={safety.confirmAboveNotional ?? ''}
          placeholder="never"
          inputMode="decimal"
          size={10}
          data-testid="setting-confirm-above"
          onBlur={(e) => {
            const v = positive(e.target.value, 'confirmation size');
            if (!v.ok) return setProblem(v.message);
            setProblem(undefined);
            update({ confirmAboveNotional: v.value });
          }}
        />
        (quote)
      </label>
      <label>
        Confirm limit prices further than
        <input
          defaultValue={safety.confirmBandPercent ?? ''}
          placeholder="never"
          inputMode="decimal"
          size={6}
          onBlur={(e) => {
            const v = positive(e.target.value, 'confirmation band');
            if (!v.ok) return setProblem(v.message);
            setProblem(undefined);
            update({ confirmBandPercent: v.value === undefined ? undefined : Number(v.value) });
          }}
        />
        % from the mid
      </label>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}
