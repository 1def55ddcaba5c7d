import { formatSize } from '../../lib/format';
import { app, marketOf } from '../../state/app-state';
import { shallowEqual, useStore } from '../../state/store';
import { resolveTicketBasket, setLegSize, ticketBasket, ticketGroup, toggleLeg } from '../../state/ticket-basket';
import { ticket } from '../../state/ticket-state';

/**
 * The basket's accounts in the ticket (issue 13 #1): a tick per account and the size for it
 * (empty: the group's share or the ticket's size, shown greyed). Scrolls inside itself so the
 * preview and the send button stay in view at 1280x720.
 */
export function TicketLegs() {
  const basket = useStore(ticketBasket, (s) => s);
  const fields = useStore(ticket, (s) => s.fields);
  const { accounts, symbol } = useStore(app, (s) => ({ accounts: s.accounts, symbol: s.activeSymbol, groups: s.risk?.accountGroups }), shallowEqual);
  const resolved = resolveTicketBasket(fields, basket);
  const sizeOf = (id: string) => (resolved.ok ? resolved.basket.legs.find((l) => l.accountId === id) : undefined);
  const group = ticketGroup(basket);
  const kind = fields.sizeMode === 'total' && fields.side === 'buy' && fields.type === 'market' ? 'total' : 'quantity';
  return (
    <fieldset className="ticket-legs" data-testid="ticket-legs">
      <legend className="muted">
        {group ? `group ${group.name} · by ${group.split === 'weights' ? 'weights: the size is shared out' : 'default sizes'}` : `accounts · ${kind} each (empty: the ticket's)`}
      </legend>
      <ul>
        {accounts.map((a) => {
          const leg = basket.legs.find((l) => l.accountId === a.id);
          const sized = sizeOf(a.id);
          const value = sized?.quantity ?? sized?.total;
          const market = marketOf(a.id, symbol);
          const bad = !resolved.ok && resolved.field === a.id;
          return (
            <li key={a.id} data-testid="ticket-leg" data-account={a.id} className={leg ? 'is-on' : ''}>
              <label className="ticket-leg-name">
                <input type="checkbox" data-ticket-field checked={leg !== undefined} onChange={() => toggleLeg(a.id)} aria-label={`Send a leg to ${a.label}`} />
                {a.label}
              </label>
              {leg && (
                <input
                  type="text"
                  inputMode="decimal"
                  autoComplete="off"
                  data-ticket-field
                  data-leg-size={a.id}
                  data-testid={`ticket-leg-size-${a.id}`}
                  aria-label={`${a.label} ${kind}`}
                  aria-invalid={bad || undefined}
                  value={leg.size}
                  placeholder={value !== undefined ? (kind === 'quantity' ? formatSize(value, market) : value) : kind}
                  onChange={(e) => setLegSize(a.id, e.target.value)}
                />
              )}
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
