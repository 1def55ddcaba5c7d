import { useEffect, useRef } from 'react';
import { exchangeName, type OrderType } from '../../../../shared';
import { Pane } from '../../components/Pane';
import { formatBalance } from '../../lib/format';
import { describeChord } from '../../lib/keymap';
import { accountTitle } from '../../lib/market-label';
import { canUseTotal, freeOf, needsPrice, needsTrigger } from '../../lib/ticket';
import { app, isReadOnly, marketOf } from '../../state/app-state';
import { useMarketsOf } from '../../state/selectors';
import { shallowEqual, useStore } from '../../state/store';
import { paneAccountId } from '../../state/pane-slot';
import { applyPercent, editTicket, setTicketAccount, ticket, touchTicketField, typeTicketField, type TicketFieldName } from '../../state/ticket-state';
import { fieldProblems } from './ticket-problems';
import { TicketPreview } from './TicketPreview';
import { TicketLegs } from './TicketLegs';
import { TicketBasketFoot } from './TicketBasketFoot';
import { chooseTicketTarget, submitFromTicket, ticketBasket } from '../../state/ticket-basket';

const TYPE_LABELS: Record<OrderType, string> = { limit: 'Limit', market: 'Market', 'stop-limit': 'Stop limit', 'stop-market': 'Stop market' };

const PERCENTS = [25, 50, 75, 100] as const;
const NO_GROUPS: never[] = [];

/** The order ticket: account, side, type, price, size, % of available, live preview, submit. */
export function TicketPane() {
  const state = useStore(ticket, (s) => s);
  const basket = useStore(ticketBasket, (s) => s);
  const groups = useStore(app, (s) => s.risk?.accountGroups ?? NO_GROUPS);
  const { accounts, activeAccountId, symbol, balances, readOnly, keymap } = useStore(
    app,
    (s) => ({ accounts: s.accounts, activeAccountId: paneAccountId(s, 'ticket'), symbol: s.activeSymbol, balances: s.balances, readOnly: isReadOnly(s), keymap: s.keymap }),
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

  // The fields scroll inside the ticket on a small window: keep the focused field's messages
  // in view when they appear (a keyboard user cannot scroll to them).
  const problemsKey = `${state.problems.length}|${state.preview?.key ?? ''}|${state.percentProblem ?? ''}|${state.submitted}`;
  useEffect(() => {
    const field = document.activeElement?.closest('.ticket-field');
    field?.querySelector('.field-problem')?.scrollIntoView({ block: 'nearest' });
  }, [problemsKey]);

  const sending = state.phase === 'sending';
  const useTotal = fields.sizeMode === 'total' && canUseTotal(fields.side, fields.type);
  const base = market?.base ?? symbol.replace(/(USDT|USD|TRY|BTC|ETH)$/, '');
  const quote = market?.quote ?? 'quote';
  const freeBase = accountId && market ? freeOf(balances, accountId, market.base) : undefined;
  const freeQuote = accountId && market ? freeOf(balances, accountId, market.quote) : undefined;
  const types = market?.orderTypes ?? (['limit', 'market'] as OrderType[]);

  const input = (field: TicketFieldName, label: string, unit: string, ref?: React.RefObject<HTMLInputElement | null>) => {
    // A basket's rule violations are shown beside each leg, once (issue 13 #1): not on the shared fields too.
    const problems = fieldProblems(basket.on ? { ...state, preview: undefined } : state, field);
    const problem = problems.length > 0;
    const sizing = field === 'quantity' || field === 'total';
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
          data-key-context={field === 'price' ? 'price' : sizing ? 'quantity' : undefined}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `ticket-${field}-problem` : undefined}
          value={fields[field]}
          placeholder={field === 'quantity' ? 'e.g. 0.5 or 25%' : undefined}
          onChange={(e) => typeTicketField(field, e.target.value)}
          onBlur={() => touchTicketField(field)}
        />
        <span className="ticket-unit">{unit}</span>
        {/* A row kept for the message, empty until the trader acts: nothing jumps when it appears. */}
        <span className="field-problem" id={`ticket-${field}-problem`} data-testid={problem ? `ticket-${field}-problem` : undefined}>
          {problems.map((p) => (
            <span key={p} className="problem" data-testid="field-problem">
              {p}
            </span>
          ))}
        </span>
      </label>
    );
  };

  return (
    <Pane
      id="ticket"
      keyContext="ticket"
      subject={`${symbol} ${account ? `on ${exchangeName(account.exchange)}${account.mode === 'demo' ? ' · demo' : ' · live'}` : '· no account'}`}
      badge={readOnly ? <span className="badge badge-readonly">READ-ONLY</span> : undefined}>
      <form
        className={`ticket ticket-${fields.side}`}
        noValidate
        data-testid="ticket"
        onSubmit={(e) => {
          e.preventDefault();
          void submitFromTicket();
        }}
      >
        {/* The fields scroll; preview, submit and result stay pinned below them (issue 11). */}
        <div className="ticket-body" data-testid="ticket-body">
        {/* The account to send to, named in full on a row of its own (a 40-character name is
            never cut where it decides where money goes); the market and exchange are in the title. */}
        <select
          className="ticket-account"
          aria-label="Account to send to"
          data-ticket-field
          data-testid="ticket-account"
          title={account ? accountTitle(account) : undefined}
          value={basket.on ? (basket.group !== undefined ? `group:${basket.group}` : 'basket') : (accountId ?? '')}
          onChange={(e) => {
            if (!chooseTicketTarget(e.target.value, accountId)) setTicketAccount(e.target.value || undefined);
          }}
        >
          {accounts.map((a) => (
            <option key={a.id} value={a.id}>
              {/* The title names the exchange: the exchange joins the name only where two accounts share it. */}
              {accounts.some((b) => b.id !== a.id && b.label === a.label) ? accountTitle(a) : a.label}
            </option>
          ))}
          {/* A basket (issue 13 #1): several accounts at once, or a saved group (settings). */}
          {accounts.length > 1 && (
            <optgroup label="Several accounts (basket)">
              <option value="basket">Basket: tick the accounts…</option>
              {groups.map((g) => (
                <option key={g.name} value={`group:${g.name}`}>
                  Group: {g.name}
                </option>
              ))}
            </optgroup>
          )}
        </select>
        {basket.on && <TicketLegs />}
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
        {useTotal ? input('total', basket.on ? 'total each' : 'total', quote) : input('quantity', basket.on ? (basket.group !== undefined ? 'size to share' : 'size each') : 'quantity', base, refs.quantity)}
        {needsPrice(fields.type) && input('price', 'price', quote, refs.price)}
        {needsTrigger(fields.type) && input('triggerPrice', 'trigger', quote)}
        {!basket.on && <div className="ticket-row ticket-percents" aria-label="Size by percent of available">
          {PERCENTS.map((pct) => (
            <button
              key={pct}
              type="button"
              className={state.sizedByPercent === pct ? 'is-on' : ''}
              data-testid={`ticket-pct-${pct}`}
              onClick={() => applyPercent(pct)}
              title={`${pct} % of available (${describeChord(keymap[`quantity.pct-${pct}`])} in the quantity field, or type ${pct}%)`}
            >
              {pct}% <kbd>{describeChord(keymap[`quantity.pct-${pct}`])}</kbd>
            </button>
          ))}
          {canUseTotal(fields.side, fields.type) && (
            <button type="button" data-ticket-field onClick={() => editTicket({ sizeMode: useTotal ? 'quantity' : 'total' })}>
              by {useTotal ? 'quantity' : 'total'}
            </button>
          )}
        </div>}
        {basket.on && canUseTotal(fields.side, fields.type) && (
          <button type="button" data-ticket-field className="ticket-size-mode" onClick={() => editTicket({ sizeMode: useTotal ? 'quantity' : 'total' })}>
            by {useTotal ? 'quantity' : 'total'}
          </button>
        )}
        </div>
        <div className="ticket-foot" data-testid="ticket-foot">
          {!basket.on && <div className="ticket-available muted" data-testid="ticket-available">
            available {fields.side === 'buy' ? `${freeQuote !== undefined ? formatBalance(freeQuote, quote, markets) : '–'} ${quote}` : `${freeBase !== undefined ? formatBalance(freeBase, base, markets) : '–'} ${base}`}
            {state.sizedByPercent !== undefined ? <span data-testid="ticket-sized-by"> · size set by {state.sizedByPercent} %</span> : null}
            {account ? ` · ${account.label}` : ''}
          </div>}
        {basket.on ? <TicketBasketFoot /> : <TicketPreview state={state} quote={quote} />}
        <button
          type="submit"
          className={`submit side-${fields.side}`}
          data-testid="ticket-submit"
          data-ticket-field
          disabled={basket.on ? basket.sending : sending || !account}
          aria-busy={basket.on ? basket.sending : sending}
        >
          {basket.on ? `${readOnly ? 'Check' : 'Send'} basket · ${basket.legs.length} ${basket.legs.length === 1 ? 'leg' : 'legs'} ` : readOnly ? 'Check (read-only)' : state.phase === 'confirm' ? 'Confirm' : `${fields.side === 'buy' ? 'Buy' : 'Sell'} ${base}`} <kbd>{describeChord(keymap['ticket.submit'])}</kbd>
        </button>
        {basket.on ? (
          <p className={`ticket-message ${basket.message?.level === 'error' ? 'phase-failed' : ''}`} role={basket.message?.level === 'error' ? 'alert' : 'status'} data-testid="ticket-message">
            {basket.message?.text ?? '\u00a0'}
          </p>
        ) : (
          <p className={`ticket-message phase-${state.phase}`} role={state.phase === 'failed' || state.phase === 'blocked' ? 'alert' : 'status'} data-testid="ticket-message">
            {state.message ?? '\u00a0'}
          </p>
        )}
        </div>
      </form>
    </Pane>
  );
}
