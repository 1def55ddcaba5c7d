import type { AlertCondition, PriceAlert, TerminalNotification } from '../../../shared';
import { soundOf } from '../lib/sound-settings';
import { app, notifyEvent, notify } from './app-state';
import { playSound } from './sounds';

/**
 * Notifications the engine raises (fills, orders the exchange ended, price alerts) and the
 * price alert list. The engine decides what is news, so a window that was hidden, or reloaded,
 * never makes up or misses one; here they become a toast, a sound and, in the browser host
 * with the tab hidden, the page's own desktop notification (Electron's comes from main).
 */
export function startAlerts(): void {
  const t = window.terminal;
  t.alerts.onNotification(receiveNotification);
  t.alerts.onChanged((alerts) => app.set({ alerts, alertsError: undefined }));
  void t.alerts.list().then((r) => app.set(r.ok ? { alerts: r.value, alertsError: undefined } : { alertsError: r.error.message }));
}

export function receiveNotification(notice: TerminalNotification): void {
  const state = app.get();
  const level = notice.kind === 'fill' || notice.kind === 'partial-fill' ? 'ok' : notice.kind === 'alert' ? 'info' : 'error';
  notifyEvent(level, notice.title, notice.body, notice.kind, notice.orderId ? `order|${notice.accountId ?? ''}|${notice.orderId}` : undefined);
  const sound = soundOf(notice, state.notifySettings);
  if (sound) playSound(sound, state.notifySettings.volume);
  if (state.info?.host === 'browser-host' && state.notifySettings.desktop && document.visibilityState === 'hidden') pageNotification(notice);
}

/** The browser's own notification, when the trader allowed it (Settings asks); otherwise the toast waits for them. */
function pageNotification(notice: TerminalNotification): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  try {
    new Notification(notice.title, { body: notice.body, tag: `terminal-${notice.id}`, silent: true });
  } catch {
    // Some browsers only allow notifications from a service worker: the toast still waits.
  }
}

const CONDITION_WORDS: Record<AlertCondition, string> = { above: 'above', below: 'below', crossing: 'crossing' };

/** `BTCUSDT above 90000`: an alert as messages write it. */
export function describeAlert(alert: Pick<PriceAlert, 'symbol' | 'condition' | 'price'>): string {
  return `${alert.symbol} ${CONDITION_WORDS[alert.condition]} ${alert.price}`;
}

/** The price as typed, checked before it is sent: answers what is wrong, in plain words. */
function priceProblem(price: string): string | undefined {
  if (price === '') return 'give the alert a price, such as 90000';
  if (!/^\d+(?:\.\d+)?$/.test(price)) return `the alert price "${price.slice(0, 20)}" is not a number such as 90000 (use a dot, no commas)`;
  if (!/[1-9]/.test(price)) return 'the alert price must be greater than 0';
  return undefined;
}

/** Sets an alert on the active account's market data; answers an error message, or undefined. */
export async function addAlert(symbol: string, condition: AlertCondition, price: string, accountId = app.get().activeAccountId): Promise<string | undefined> {
  if (!accountId) return 'no account: add one first';
  const bad = priceProblem(price);
  if (bad) return bad;
  const r = await window.terminal.alerts.add({ accountId, symbol, condition, price });
  if (!r.ok) return r.error.message;
  notify('ok', `alert set: ${describeAlert(r.value)}${r.value.state === 'fired' ? ' (already met: it fired at once)' : ''}`);
  return undefined;
}

export async function updateAlert(id: string, change: { condition?: AlertCondition; price?: string; rearm?: true }): Promise<string | undefined> {
  const bad = change.price === undefined ? undefined : priceProblem(change.price);
  if (bad) return bad;
  const r = await window.terminal.alerts.update({ id, ...change });
  return r.ok ? undefined : r.error.message;
}

export async function removeAlert(id: string): Promise<string | undefined> {
  const r = await window.terminal.alerts.remove({ id });
  return r.ok ? undefined : r.error.message;
}
