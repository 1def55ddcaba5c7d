import { formatAmount, formatFee } from '../../lib/format';
import { app } from '../../state/app-state';
import { useMarketsOf } from '../../state/selectors';
import { useStore } from '../../state/store';
import { checkFields, requestKey } from '../../lib/ticket';
import { currentRequest, type TicketState } from '../../state/ticket-state';

/** What the order will be before it is sent: notional, estimated fee, and every rule or guard it breaks. */
export function TicketPreview({ state, quote }: { state: TicketState; quote: string }) {
  const preview = state.preview?.value;
  const activeAccountId = useStore(app, (s) => s.activeAccountId);
  const markets = useMarketsOf(state.accountId ?? activeAccountId);
  const violations = preview?.violations ?? [];
  const confirm = state.confirm ?? [];
  const request = checkFields(state.fields).length === 0 ? currentRequest(state) : undefined;
  // `checked`: the preview shown is for exactly what the fields say now.
  const check = !request ? 'incomplete' : state.preview?.key === requestKey(request) ? 'checked' : 'checking';
  return (
    <div className="ticket-preview" data-testid="ticket-preview" data-check={check} aria-live="polite">
      {check === 'checking' && <p className="muted preview-checking">checking…</p>}
      <div className="preview-line">
        <span>notional</span>
        <span data-testid="preview-notional">{preview?.notional ? `${formatAmount(preview.notional, quote, markets)} ${quote}` : '–'}</span>
      </div>
      <div className="preview-line">
        <span>est. fee</span>
        <span data-testid="preview-fee">{preview?.estimatedFee ? `${formatFee(preview.estimatedFee)} ${preview.feeAsset ?? quote}` : '–'}</span>
      </div>
      {state.preview?.error && <p className="error">could not check: {state.preview.error}</p>}
      {(violations.length > 0 || confirm.length > 0) && (
        <ul className="preview-problems" data-testid="preview-problems">
          {violations.map((v, i) => (
            <li key={`v${i}`} className="error">
              {v.field}: {v.message}
            </li>
          ))}
          {confirm.map((m, i) => (
            <li key={`c${i}`} className="warn">
              asks to confirm: {m}
            </li>
          ))}
        </ul>
      )}
      {violations.length === 0 && preview && !state.problems.length && (
        <p className="ok" data-testid="preview-ok">passes the pair's rules and your limits</p>
      )}
    </div>
  );
}
