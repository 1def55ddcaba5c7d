import { useEffect, useState } from 'react';
import type { Fill } from '../../../../shared';

const NONE: readonly Fill[] = [];

/** My fills on the chart's market (the markers), reloaded at most twice a second when a fill arrives. */
export function useChartFills(accountId: string | undefined, symbol: string): readonly Fill[] {
  const key = `${accountId}|${symbol}`;
  const [loaded, setLoaded] = useState<{ key: string; fills: readonly Fill[] }>({ key: '', fills: [] });
  useEffect(() => {
    if (!accountId) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      const result = await window.terminal.orders.fills({ accountId, symbol });
      // A failed read leaves the markers as they were: the orders pane says what could not be read.
      if (live && result.ok) setLoaded({ key: `${accountId}|${symbol}`, fills: result.value.rows.filter((f) => f.accountId === accountId && f.symbol === symbol) });
    };
    void load();
    const stop = window.terminal.orders.onFill((fill) => {
      if (fill.accountId !== accountId) return;
      clearTimeout(timer);
      timer = setTimeout(() => void load(), 500);
    });
    return () => {
      live = false;
      clearTimeout(timer);
      stop();
    };
  }, [accountId, symbol]);
  // Another market's fills never show while this one's load.
  return loaded.key === key ? loaded.fills : NONE;
}
