import { useEffect, useState } from 'react';
import type { AppError, Fill, Order, ReadGap } from '../../../../shared';
import { app } from '../../state/app-state';
import { paneAccountId } from '../../state/pane-slot';
import { shallowEqual, useStore } from '../../state/store';

type Loaded<T> = { rows: T[]; gaps: ReadGap[]; error?: AppError; loading: boolean };

/**
 * Loads order history or fills for the pane's filter (the rows read and what could not be read), and reloads (at most twice a second)
 * when an order changes or a fill arrives.
 */
export function useOrderQuery<T extends Order | Fill>(kind: 'history' | 'fills'): Loaded<T> {
  const filter = useStore(
    app,
    (s) => ({
      accountId: s.ordersScope === 'all' ? undefined : paneAccountId(s, 'orders'),
      symbol: s.ordersAllSymbols ? undefined : s.activeSymbol,
    }),
    shallowEqual,
  );
  const [state, setState] = useState<Loaded<T>>({ rows: [], gaps: [], loading: true });
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const request = { ...(filter.accountId ? { accountId: filter.accountId } : {}), ...(filter.symbol ? { symbol: filter.symbol } : {}) };
    const load = async () => {
      const result = kind === 'history' ? await window.terminal.orders.history(request) : await window.terminal.orders.fills(request);
      if (!live) return;
      setState(result.ok ? { rows: result.value.rows as T[], gaps: result.value.gaps, loading: false } : { rows: [], gaps: [], error: result.error, loading: false });
    };
    const later = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void load(), 500);
    };
    void load();
    const stops = [window.terminal.orders.onUpdate(later), window.terminal.orders.onFill(later)];
    return () => {
      live = false;
      clearTimeout(timer);
      for (const stop of stops) stop();
    };
  }, [kind, filter]);
  return state;
}
