import { exchangeName, type Account } from '../../../shared';

/**
 * An account as a pane header names it: its label, with the exchange when the label does not
 * already say it ("Main desk · Icrypex", "Icrypex demo"). BTCUSDT exists on both exchanges, so
 * a header naming only the symbol does not say which book it is (issue 11 #13).
 */
export function accountTitle(account: Pick<Account, 'label' | 'exchange'>): string {
  const exchange = exchangeName(account.exchange);
  return account.label.toLowerCase().includes(exchange.toLowerCase()) ? account.label : `${account.label} · ${exchange}`;
}

/**
 * A market pane's subject: `BTCUSDT · Main desk · Icrypex`. A pane pinned to the account names
 * it in its pin marker (PaneAccount), so its subject keeps only what the marker does not say:
 * the symbol, and the exchange when the label does not name it.
 */
export function paneSubject(symbol: string, account: Pick<Account, 'label' | 'exchange'> | undefined, pinned: boolean): string {
  if (!account) return symbol;
  if (!pinned) return `${symbol} · ${accountTitle(account)}`;
  const exchange = exchangeName(account.exchange);
  return account.label.toLowerCase().includes(exchange.toLowerCase()) ? symbol : `${symbol} · ${exchange}`;
}
