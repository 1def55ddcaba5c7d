import { useEffect, useRef } from 'react';
import type { OrderType } from '../../../../shared';
import { Pane } from '../../components/Pane';
import { formatBalance } from '../../lib/format';
import { describeChord } from '../../lib/keymap';
import { canUseTotal, freeOf, needsPrice, needsTrigger } from '../../lib/ticket';
import { app, isReadOnly, marketOf } from '../../state/app-state';
import { useMarketsOf } from '../../state/selectors';
import { shallowEqual, useStore } from '../../state/store';
import { applyPercent, editTicket, setTicketAccount, submitTicket, ticket, type TicketState } from '../../state/ticket-state';
import { TicketPreview } from './TicketPreview';

const TYPE_LABELS: Record<OrderType, string> = { limit: 'Limit', market: 'Market', 'stop-limit': 'Stop limit', 'stop-market': 'Stop market' };

function problemFor(state: TicketState, field: string): string | undefined {
  return state.problems.find((p) => p.field === field)?.message ?? state.preview?.value?.violations.find((v) => v.field === field)?.message;
}

/** The order ticket: account, side, type, price, size, % of available, live preview, submit. */
export function TicketPane() {
  const state = useStore(ticket, (s) => s);
  const { accounts, activeAccountId, symbol, balances, readOnly, keymap } = useStore(
    app,
    (s) => ({ accounts: s.accounts, activeAccountId: s.activeAccountId, symbol: s.activeSymbol, balances: s.balances, readOnly: isReadOnly(s), keymap: s.keymap }),
    shallowEqual,
  );
  const accountId = state.accountId ?? activeAccountId;
  const account = accounts.find((a) => a.id === accountId);
  const market = useStore(app, (s) => marketOf(accountId, s.activeSymbol, s));
  const markets = useMarketsOf(accountId);
  const { fields } = state;
  const refs = {
    quantity: useRef<HTMLInputElement>(null),
    price: useRef<HTMLInputElement>(null),
    side: useRef<HTMLButtonElement>(null),
  };

  // B / S (and the palette) ask for a field to get the focus.
  const focus = state.focus;
  useEffect(() => {
    if (!focus) return;
    const element = refs[focus.field].current ?? refs.quantity.current;
    element?.focus();
    if (element instanceof HTMLInputElement) element.select();
    // Refs are stable; only a new request moves the focus.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focus?.seq]);

  const sending = state.phase === 'sending';
  const useTotal = fields.sizeMode === 'total' && canUseTotal(fields.side, fields.type);
  const base = market?.base ?? symbol.replace(/(USDT|USD|TRY|BTC|ETH)$/, '');
  const quote = market?.quote ?? 'quote';
  const freeBase = accountId && market ? freeOf(balances, accountId, market.base) : undefined;
  const freeQuote = accountId && market ? freeOf(balances, accountId, market.quote) : undefined;
  const types = market?.orderTypes ?? (['limit', 'market'] as OrderType[]);

  const input = (field: 'price' | 'triggerPrice' | 'quantity' | 'total', label: string, unit: string, ref?: React.RefObject<HTMLInputElement | null>) => {
    const problem = problemFor(state, field);
    return (
      <label className="ticket-field">
        <span className="ticket-label">{label}</span>
        <input
          ref={ref}
          type="text"
          inputMode="decimal"
          autoComplete="off"
          spellCheck={false}
          name={field}
          data-testid={`ticket-${field}`}
          data-ticket-field
          data-pane-primary={field === 'quantity' ? true : undefined}
          data-key-context={field === 'price' ? 'price' : field === 'quantity' ? 'quantity' : undefined}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `ticket-${field}-problem` : undefined}
          value={fields[field]}
          placeholder={field === 'quantity' ? `${describeChord(keymap['quantity.pct-25'])}–${describeChord(keymap['quantity.pct-100'])} = 25–100 %` : undefined}
          onChange={(e) => editTicket({ [field]: e.target.value })}
        />
        <span className="ticket-unit">{unit}</span>
        {problem && (
          <span className="field-problem" id={`ticket-${field}-problem`} data-testid={`ticket-${field}-problem`}>
            {problem}
          </span>
        )}
      </label>
    );
  };

  return (
    <Pane id="ticket" keyContext="ticket" badge={readOnly ? <span className="badge badge-readonly">READ-ONLY</span> : undefined}>
      <form
        className={`ticket ticket-${fields.side}`}
        data-testid="ticket"
        onSubmit={(e) => {
          e.preventDefault();
          void submitTicket();
        }}
      >
        <div className="ticket-row">
          <label className="ticket-field ticket-account">
            <span className="ticket-label">account</span>
            <select
              data-ticket-field
              data-testid="ticket-account"
              value={accountId ?? ''}
              onChange={(e) => setTicketAccount(e.target.value || undefined)}
            >
              {accounts.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.label} · {a.exchange}
                  {a.mode === 'demo' ? ' · demo' : ''}
                </option>
              ))}
            </select>
          </label>
          <span className="ticket-symbol" data-testid="ticket-symbol">{symbol}</span>
        </div>
        <div className="ticket-row ticket-sides" role="radiogroup" aria-label="Side">
          {(['buy', 'sell'] as const).map((side) => (
            <button
              key={side}
              ref={side === 'buy' ? refs.side : undefined}
              type="button"
              role="radio"
              aria-checked={fields.side === side}
              className={`side-button side-${side}${fields.side === side ? ' is-on' : ''}`}
              data-ticket-field
              data-testid={`ticket-side-${side}`}
              onClick={() => editTicket({ side })}
            >
              {side === 'buy' ? 'Buy' : 'Sell'} <kbd>{describeChord(keymap[side === 'buy' ? 'ticket.buy' : 'ticket.sell'])}</kbd>
            </button>
          ))}
          <select
            aria-label="Order type"
            data-ticket-field
            data-testid="ticket-type"
            value={fields.type}
            onChange={(e) => editTicket({ type: e.target.value as OrderType })}
          >
            {types.map((t) => (
              <option key={t} value={t}>
                {TYPE_LABELS[t]}
              </option>
            ))}
          </select>
        </div>
        {/* Size first: B/S land on it, Tab goes on to the price (ux.md keymap). */}
        {useTotal ? input('total', 'total', quote) : input('quantity', 'quantity', base, refs.quantity)}
        {needsPrice(fields.type) && input('price', 'price', quote, refs.price)}
        {needsTrigger(fields.type) && input('triggerPrice', 'trigger', quote)}
        <div className="ticket-row ticket-percents">
          {[25, 50, 75, 100].map((pct) => (
            <button key={pct} type="button" className={state.sizedByPercent === pct ? 'is-on' : ''} onClick={() => applyPercent(pct)} tabIndex={-1}>
              {pct}%
            </button>
          ))}
          {canUseTotal(fields.side, fields.type) && (
            <button type="button" data-ticket-field onClick={() => editTicket({ sizeMode: useTotal ? 'quantity' : 'total' })}>
              by {useTotal ? 'quantity' : 'total'}
            </button>
          )}
        </div>
        <div className="ticket-available muted" data-testid="ticket-available">
          available {fields.side === 'buy' ? `${freeQuote !== undefined ? formatBalance(freeQuote, quote, markets) : '–'} ${quote}` : `${freeBase !== undefined ? formatBalance(freeBase, base, markets) : '–'} ${base}`}
          {account ? ` · ${account.label}` : ''}
        </div>
        <TicketPreview state={state} quote={quote} />
        <button
          type="submit"
          className={`submit side-${fields.side}`}
          data-testid="ticket-submit"
          data-ticket-field
          disabled={sending || !account}
          aria-busy={sending}
        >
          {readOnly ? 'Check (read-only)' : state.phase === 'confirm' ? 'Confirm' : `${fields.side === 'buy' ? 'Buy' : 'Sell'} ${base}`} <kbd>{describeChord(keymap['ticket.submit'])}</kbd>
        </button>
        <p className={`ticket-message phase-${state.phase}`} role={state.phase === 'failed' || state.phase === 'blocked' ? 'alert' : 'status'} data-testid="ticket-message">
          {state.message ?? '\u00a0'}
        </p>
      </form>
    </Pane>
  );
}
