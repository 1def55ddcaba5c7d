import type { Trade } from '../../../shared';

/**
 * The tape after a push: `previous` is newest first, `batch` oldest first (the hub's order).
 * A batch is usually newer than everything shown, but a back-fill after a reconnect
 * (Crypto.com's REST seed, issue 14 #5) brings trades older than live ones already shown, so
 * those are slotted in by time; a trade id shown already is not shown twice. Keeps `limit`.
 */
export function mergeTape(previous: readonly Trade[], batch: readonly Trade[], limit: number): Trade[] {
  const newestFirst = [...batch].reverse();
  const top = previous[0];
  const oldestNew = batch[0];
  const ascending = batch.every((t, i) => i === 0 || t.time >= batch[i - 1]!.time);
  // A late subscriber's first batch is the hub's recent trades, where a back-fill may sit after newer live ones.
  if (ascending && (!top || !oldestNew || (oldestNew.time >= top.time && !batch.some((t) => t.id === top.id)))) {
    return [...newestFirst, ...previous].slice(0, limit);
  }
  const seen = new Set<string>();
  const merged: Trade[] = [];
  for (const trade of [...newestFirst, ...previous]) {
    if (seen.has(trade.id)) continue;
    seen.add(trade.id);
    merged.push(trade);
  }
  // Stable: at equal times the batch's newer-first order and then the shown order are kept.
  merged.sort((a, b) => b.time - a.time);
  return merged.slice(0, limit);
}
