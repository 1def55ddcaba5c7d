import { formatAmount, formatFee } from '../../lib/format';
import { app } from '../../state/app-state';
import { useMarketsOf } from '../../state/selectors';
import { useStore } from '../../state/store';
import { paneAccountId } from '../../state/pane-slot';
import { checkFields, requestKey } from '../../lib/ticket';
import { currentRequest, type TicketState } from '../../state/ticket-state';
import { otherViolations } from './ticket-problems';

/**
 * What the order will be before it is sent: notional and estimated fee on one line, then one
 * status line. Violations of a field are shown beside that field only (issue 11: each once);
 * the ones with no field on screen (symbol, type, account) are listed here.
 */
export function TicketPreview({ state, quote }: { state: TicketState; quote: string }) {
  const preview = state.preview?.value;
  const activeAccountId = useStore(app, (s) => paneAccountId(s, 'ticket'));
  const markets = useMarketsOf(state.accountId ?? activeAccountId);
  const violations = preview?.violations ?? [];
  const others = otherViolations(state);
  // While a second Enter is awaited the result line says why: not twice.
  const confirm = state.phase === 'confirm' ? [] : (state.confirm ?? []);
  const request = checkFields(state.fields).length === 0 ? currentRequest(state) : undefined;
  // `checked`: the preview shown is for exactly what the fields say now.
  const check = !request ? 'incomplete' : state.preview?.key === requestKey(request) ? 'checked' : 'checking';
  const fieldCount = violations.length - others.length;
  return (
    <div className="ticket-preview" data-testid="ticket-preview" data-check={check} aria-live="polite">
      <div className="preview-line">
        <span>
          notional <span data-testid="preview-notional">{preview?.notional ? `${formatAmount(preview.notional, quote, markets)} ${quote}` : '–'}</span>
        </span>
        <span>
          est. fee <span data-testid="preview-fee">{preview?.estimatedFee ? `${formatFee(preview.estimatedFee)} ${preview.feeAsset ?? quote}` : '–'}</span>
        </span>
      </div>
      <div className="preview-status">
        {check === 'checking' ? (
          <span className="muted preview-checking">checking…</span>
        ) : state.preview?.error ? (
          <span className="error">could not check: {state.preview.error}</span>
        ) : check === 'checked' && violations.length === 0 && !state.problems.length ? (
          <span className="ok" data-testid="preview-ok">passes the pair's rules and your limits</span>
        ) : check === 'checked' && fieldCount > 0 && others.length === 0 ? (
          <span className="muted">breaks {fieldCount === 1 ? 'a rule' : `${fieldCount} rules`}: see the marked {fieldCount === 1 ? 'field' : 'fields'}</span>
        ) : check === 'incomplete' ? (
          <span className="muted">type a size{state.fields.type === 'market' || state.fields.type === 'stop-market' ? '' : ' and a price'} to see the checks</span>
        ) : (
          '\u00a0'
        )}
      </div>
      {(others.length > 0 || confirm.length > 0) && (
        <ul className="preview-problems" data-testid="preview-problems">
          {others.map((v, i) => (
            <li key={`v${i}`} className="error">
              {v.message}
            </li>
          ))}
          {confirm.map((m, i) => (
            <li key={`c${i}`} className="warn">
              asks to confirm: {m}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
