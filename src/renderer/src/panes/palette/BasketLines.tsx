import { useEffect, useState } from 'react';
import { balanceWarning } from '../../lib/basket';
import { formatAmount, formatFee, formatPrice, formatSize } from '../../lib/format';
import { app, marketOf } from '../../state/app-state';
import type { LegPreview } from '../../state/basket';
import { useMarketLookup } from '../../state/selectors';
import type { ResolvedBasket } from './run-command';

/** `BUY BTCUSDT @ 87000` (sizes are per leg). */
export function basketWhat(basket: ResolvedBasket): string {
  const c = basket.common;
  const market = marketOf(basket.legs[0]?.accountId, c.symbol);
  const price = (p: string | undefined) => (p === undefined ? '?' : formatPrice(p, market));
  const where = c.type === 'market' ? 'market' : c.type === 'stop-market' ? `stop ${price(c.triggerPrice)} market` : c.type === 'stop-limit' ? `stop ${price(c.triggerPrice)} @ ${price(c.price)}` : `@ ${price(c.price)}`;
  return `${c.side.toUpperCase()} ${c.symbol} ${where}`;
}

/**
 * Each leg's own preview from the engine (its account's pair rules, caps and price band) and
 * a balance check against that account's free balance, fetched again when the line changes.
 */
export function useBasketPreviews(basket: ResolvedBasket | undefined, key: string | undefined): LegPreview[] | undefined {
  const [state, setState] = useState<{ key: string; legs: LegPreview[] } | undefined>();
  useEffect(() => {
    if (!basket || !key) return;
    let live = true;
    const timer = setTimeout(() => {
      void Promise.all(
        basket.legs.map(async (leg): Promise<LegPreview> => {
          const request = { ...basket.common, accountId: leg.accountId, ...(leg.quantity ? { quantity: leg.quantity } : {}), ...(leg.total ? { total: leg.total } : {}) };
          const r = await window.terminal.orders.preview(request);
          if (!r.ok) return { leg, error: r.error.message };
          const warning = balanceWarning(basket.common.side, r.value, marketOf(leg.accountId, basket.common.symbol), app.get().balances, leg.accountId);
          return warning ? { leg, preview: r.value, warning } : { leg, preview: r.value };
        }),
      ).then((legs) => {
        if (live) setState({ key, legs });
      });
    }, 60);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // The basket is identified by its key.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return state && state.key === key ? state.legs : undefined;
}

/** One block per leg: account, size, notional and fee, then every check it fails, or a balance warning. */
export function BasketLines({ basket, previews }: { basket: ResolvedBasket; previews: LegPreview[] | undefined }) {
  const lookup = useMarketLookup();
  return (
    <>
      <p>
        basket {basketWhat(basket)} · {basket.legs.length} legs{previews ? '' : ' · checking…'}
      </p>
      <ul className="basket-legs" data-testid="basket-legs">
        {basket.legs.map((leg, i) => {
          const market = lookup.market(leg.accountId, basket.common.symbol);
          const markets = lookup.marketsOf(leg.accountId);
          const quote = market?.quote ?? '';
          const p = previews?.[i];
          const size = leg.quantity !== undefined ? `${formatSize(p?.preview?.quantity ?? leg.quantity, market)} ${market?.base ?? ''}` : `$${leg.total}`;
          return (
            <li key={leg.accountId} data-testid="basket-leg" data-account={leg.accountId}>
              <span className="basket-leg-name">{leg.label}</span> {size}
              {p?.preview?.notional ? ` · notional ${formatAmount(p.preview.notional, quote, markets)} ${quote}` : ''}
              {p?.preview?.estimatedFee ? ` · fee ${formatFee(p.preview.estimatedFee)} ${p.preview.feeAsset ?? quote}` : ''}
              {p && !p.error && p.preview?.violations.length === 0 && !p.warning && <span className="ok"> · ok</span>}
              {p?.preview?.violations.map((v, j) => (
                <span key={j} className="error basket-leg-problem">
                  {' '}
                  · {v.field}: {v.message}
                </span>
              ))}
              {p?.error && <span className="error basket-leg-problem"> · could not check: {p.error}</span>}
              {p?.warning && <span className="warn basket-leg-problem"> · {p.warning}</span>}
            </li>
          );
        })}
      </ul>
    </>
  );
}
