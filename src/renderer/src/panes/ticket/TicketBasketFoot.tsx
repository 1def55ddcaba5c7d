import { useEffect } from 'react';
import { useStore } from '../../state/store';
import { resolveTicketBasket, ticketBasket } from '../../state/ticket-basket';
import { ticket } from '../../state/ticket-state';
import { BasketLines, useBasketPreviews } from '../palette/BasketLines';

/**
 * Under the ticket in basket mode: before sending, every leg with its own checks (each
 * violation once, beside its leg); after, every leg's end (placed, rejected and why, not
 * placed, unknown until it resolves), so a failed leg never hides the others.
 */
export function TicketBasketFoot() {
  const basket = useStore(ticketBasket, (s) => s);
  const fields = useStore(ticket, (s) => s.fields);
  const edition = useStore(ticket, (s) => s.edition);
  const resolved = resolveTicketBasket(fields, basket);
  const key = resolved.ok ? resolved.key : undefined;
  const previews = useBasketPreviews(resolved.ok ? resolved.basket : undefined, key);
  useEffect(() => {
    if (key && previews) ticketBasket.set({ previews: { key, legs: previews } });
  }, [key, previews]);
  const result = basket.result && resolved.ok && basket.result.key === `${resolved.key}|${edition}|${basket.edition}` ? basket.result : undefined;
  if (result) {
    const placed = result.legs.filter((l) => l.level === 'ok').length;
    const looking = result.legs.filter((l) => l.level === 'unknown').length;
    return (
      <div className="ticket-preview ticket-basket" data-testid="ticket-basket-result" aria-live="polite">
        <p className={placed === result.legs.length ? 'ok' : 'error'} data-testid="ticket-basket-summary">
          basket sent: {placed} of {result.legs.length} legs placed{looking ? `, ${looking} being looked up` : ''}
        </p>
        <ul className="basket-legs">
          {result.legs.map((l) => (
            <li key={l.accountId} data-testid="ticket-basket-outcome" data-account={l.accountId} className={l.level === 'unknown' ? 'warn' : l.level}>
              <span className="basket-leg-name">{l.label}</span> {l.text}
            </li>
          ))}
        </ul>
      </div>
    );
  }
  return (
    <div className="ticket-preview ticket-basket" data-testid="ticket-basket-preview" aria-live="polite">
      {resolved.ok ? <BasketLines basket={resolved.basket} previews={previews} /> : <p className="muted">{basket.legs.length ? resolved.message : 'tick the accounts to send to'}</p>}
    </div>
  );
}
