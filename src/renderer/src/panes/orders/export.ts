import type { Fill, Order } from '../../../../shared';
import { exportFileName, historyCsv, tradesCsv } from '../../lib/csv';
import { accountLabel, app, notify } from '../../state/app-state';
import { paneAccountId } from '../../state/pane-slot';

/**
 * Exports the order history or my trades with the pane's filters (account scope, symbol) to
 * CSV (issue 15, must-have 7): through main's native save dialog in the desktop app, as a
 * download in the browser host. Fetched afresh with the table's own filter, so the file holds
 * what the table shows.
 */
export async function exportOrders(kind: 'history' | 'fills'): Promise<void> {
  const state = app.get();
  const accountId = state.ordersScope === 'all' ? undefined : paneAccountId(state, 'orders');
  const symbol = state.ordersAllSymbols ? undefined : state.activeSymbol;
  const request = { ...(accountId ? { accountId } : {}), ...(symbol ? { symbol } : {}) };
  const what = kind === 'history' ? 'order history' : 'my trades';
  const result = kind === 'history' ? await window.terminal.orders.history(request) : await window.terminal.orders.fills(request);
  if (!result.ok) return notify('error', `${what} not exported: ${result.error.message}`);
  const label = (id: string) => accountLabel(app.get().accounts, id);
  const csv = kind === 'history' ? historyCsv(result.value.rows as Order[], label) : tradesCsv(result.value.rows as Fill[], label);
  const fileName = exportFileName(kind, symbol, Date.now());
  const rows = result.value.rows.length;
  // A read over several accounts never fails whole (issue 13 #5); the file then lacks what could not be read, and says so.
  const gaps = result.value.gaps.length;
  if (gaps > 0) notify('info', `${what}: the export lacks ${gaps} account${gaps === 1 ? '' : 's'} or market${gaps === 1 ? '' : 's'} that could not be read (named under the table)`);

  if (state.info?.host === 'electron') {
    const saved = await window.terminal.app.saveExport({ fileName, csv });
    if (!saved.ok) return notify('error', `${what} not exported: ${saved.error.message}`);
    if (saved.value.saved) notify('ok', `${what}: ${rows} row${rows === 1 ? '' : 's'} saved to ${saved.value.fileName ?? fileName}`);
    return;
  }
  download(fileName, csv);
  notify('ok', `${what}: ${rows} row${rows === 1 ? '' : 's'} downloaded as ${fileName}`);
}

/** The browser's own download (the browser host has no file dialog of ours). */
function download(fileName: string, csv: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The click has started the download; the URL can go once this task ends.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
