import type { OrderPreview } from '../../../shared';
import { basketSummary, legResultWords, type BasketLeg, type LegOutcome } from '../lib/basket';
import { newClientId } from '../lib/ticket';
import { notify } from './app-state';
import { followUnclear, type FinalLine } from './outcomes';
import { recordPlaced } from './ticket-state';
import type { ResolvedBasket } from '../panes/palette/run-command';

/**
 * Sends a basket once (issue 13 #1). One client id per basket and edition of the palette
 * line: a second Enter while it is in flight is ignored, and a retry of the same line after a
 * failed call reuses the id, so the engine (`<clientId>-<n>` per leg, submit-ledger.ts) never
 * places a leg twice.
 */

export type LegPreview = { leg: BasketLeg; preview?: OrderPreview; error?: string; warning?: string };

let inFlight = false;
let last: { key: string; clientId: string } | undefined;

export type BasketSend = { kind: 'ignored' } | { kind: 'blocked'; message: string } | { kind: 'sent'; legs: LegOutcome[] } | { kind: 'failed'; message: string };

/** Every leg must have its preview and no violation; a balance warning does not stop it. */
export function basketBlock(previews: readonly LegPreview[] | undefined, legs: readonly BasketLeg[]): string | undefined {
  if (!previews || previews.length !== legs.length) return 'still checking the legs…';
  const bad = previews.filter((p) => p.error || (p.preview?.violations.length ?? 0) > 0);
  if (bad.length === 0) return undefined;
  return `not sent: fix or drop ${bad.map((p) => p.leg.label).join(', ')} (${bad.length === 1 ? 'its problem is' : 'their problems are'} shown above)`;
}

/** `onFinal(index, line)`: an unknown leg's end, once the engine knows it. */
export async function sendBasket(basket: ResolvedBasket, key: string, what: string, readOnly: boolean, onFinal?: (index: number, final: FinalLine) => void): Promise<BasketSend> {
  if (inFlight) return { kind: 'ignored' };
  if (readOnly) return { kind: 'blocked', message: `read-only mode: the basket was not sent (it would send ${basket.legs.length} orders)` };
  const clientId = last?.key === key ? last.clientId : newClientId().slice(0, 36);
  last = { key, clientId };
  inFlight = true;
  try {
    const result = await window.terminal.orders.basket({ ...basket.common, clientId, legs: basket.legs.map(({ accountId, quantity, total }) => ({ accountId, ...(quantity ? { quantity } : {}), ...(total ? { total } : {}) })) });
    if (!result.ok) return { kind: 'failed', message: `basket ${what}: ${result.error.message}` };
    // Sent: the next Enter on this line is a new basket.
    last = undefined;
    reportLegs(basket, result.value.legs, clientId, what, onFinal);
    return { kind: 'sent', legs: result.value.legs };
  } finally {
    inFlight = false;
  }
}

/** One notice per leg (a failed leg never hides the others); unknown legs follow their outcome push. */
function reportLegs(basket: ResolvedBasket, legs: readonly LegOutcome[], clientId: string, what: string, onFinal?: (index: number, final: FinalLine) => void): void {
  const summary = basketSummary(what, legs);
  notify(summary.level, summary.text);
  legs.forEach((leg, index) => {
    const label = basket.legs.find((l) => l.accountId === leg.accountId)?.label ?? leg.accountId;
    const words = legResultWords(leg);
    if (leg.order) recordPlaced({ kind: 'placed', order: leg.order, clientId: `${clientId}-${index + 1}` });
    if (words.level === 'unknown') followUnclear(`${clientId}-${index + 1}`, `basket leg ${label}: ${what}`, (final) => onFinal?.(index, final));
    else notify(words.level, `basket leg ${label}: ${words.text}`);
  });
}
