import { createStore } from './store';

/** Which open order is being moved to a new price from the keyboard (orders pane, `E`). */
export const ordersUi = createStore<{ moving?: { accountId: string; orderId: string } }>({});
