import { createStore } from './store';

export type OrdersTab = 'open' | 'history' | 'fills' | 'alerts';

/**
 * The orders pane's own state: which open order is being moved to a new price from the keyboard
 * (`E`), and which tab shows (the palette's `alerts` opens the alerts tab).
 */
export const ordersUi = createStore<{ moving?: { accountId: string; orderId: string }; tab: OrdersTab }>({ tab: 'open' });
