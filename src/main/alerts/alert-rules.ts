import Big from 'big.js';
import type { AlertCondition } from '../../shared';

/**
 * Whether a trade at `price` meets an alert's condition. Decimal comparisons (big.js): a level
 * such as 0.00000712 must never be missed to float rounding.
 *
 * - `above`: a trade at or above the level.
 * - `below`: a trade at or below the level.
 * - `crossing`: a trade that reaches the level from the side the market was on (`previous`,
 *   the last price seen before it). With no previous price yet there is no side to cross from.
 */
export function meets(condition: AlertCondition, level: string, price: string, previous: string | undefined): boolean {
  const at = new Big(price).cmp(level);
  if (condition === 'above') return at >= 0;
  if (condition === 'below') return at <= 0;
  if (previous === undefined) return false;
  const before = new Big(previous).cmp(level);
  return (before < 0 && at >= 0) || (before > 0 && at <= 0);
}

/** `above 90000`, `crossing 0.00000712`: how a condition reads in messages. */
export function describeCondition(condition: AlertCondition, level: string): string {
  return `${condition === 'crossing' ? 'crossing' : condition} ${level}`;
}
