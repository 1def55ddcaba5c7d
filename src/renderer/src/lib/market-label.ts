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
