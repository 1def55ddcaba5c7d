import type { Fill, Order } from '../../../shared';

/**
 * CSV for the order history and my trades (issue 15, must-have 7): RFC 4180 quoting, CRLF
 * line ends and a UTF-8 byte-order mark (spreadsheets then read non-ASCII labels right).
 *
 * Cells that come from an exchange or a person (symbols, ids, statuses, fee assets, account
 * labels) are defused against formula injection: one that starts with `=`, `+`, `-`, `@`, a tab
 * or a carriage return gets a leading `'`, so a spreadsheet shows it as text instead of running
 * it (OWASP, "CSV injection"). Figures are written by us as plain decimals, in full precision
 * (taxes want every digit, not the table's rounding), and are never prefixed.
 */

export type Cell = { text: string } | { figure: string };

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell, quoted when it must be (comma, quote, CR or LF), text cells defused. */
export function csvCell(cell: Cell): string {
  const raw = 'figure' in cell ? cell.figure : FORMULA_START.test(cell.text) ? `'${cell.text}` : cell.text;
  return /[",\r\n]/.test(raw) ? `"${raw.replace(/"/g, '""')}"` : raw;
}

export function toCsv(header: readonly string[], rows: readonly Cell[][]): string {
  const line = (cells: readonly Cell[]) => cells.map(csvCell).join(',');
  return `\uFEFF${[line(header.map((text) => ({ text }))), ...rows.map(line)].join('\r\n')}\r\n`;
}

/** Unix ms as ISO 8601 in UTC (unambiguous in a file that travels). */
const iso = (ms: number) => new Date(ms).toISOString();
const text = (value: string): Cell => ({ text: value });
const figure = (value: string | undefined): Cell => ({ figure: value ?? '' });

export const HISTORY_COLUMNS = ['updated (UTC)', 'account', 'symbol', 'side', 'type', 'price', 'quantity', 'filled', 'status', 'order id', 'client id', 'created (UTC)'] as const;
export const TRADES_COLUMNS = ['time (UTC)', 'account', 'symbol', 'side', 'price', 'quantity', 'fee', 'fee asset', 'order id', 'trade id'] as const;

/** Newest first, like the table. */
export function historyCsv(orders: readonly Order[], label: (accountId: string) => string): string {
  const rows = [...orders]
    .sort((a, b) => b.updatedAt - a.updatedAt)
    .map((o) => [text(iso(o.updatedAt)), text(label(o.accountId)), text(o.symbol), text(o.side), text(o.type), figure(o.price), figure(o.quantity), figure(o.filledQuantity), text(o.status), text(o.id), text(o.clientId ?? ''), text(iso(o.createdAt))]);
  return toCsv(HISTORY_COLUMNS, rows);
}

/** Newest first, like the table. */
export function tradesCsv(fills: readonly Fill[], label: (accountId: string) => string): string {
  const rows = [...fills]
    .sort((a, b) => b.time - a.time)
    .map((f) => [text(iso(f.time)), text(label(f.accountId)), text(f.symbol), text(f.side), figure(f.price), figure(f.quantity), figure(f.fee), text(f.feeAsset), text(f.orderId), text(f.id)]);
  return toCsv(TRADES_COLUMNS, rows);
}

/** `order-history-BTCUSDT-2026-12-03.csv`, `my-trades-all-symbols-2026-12-03.csv`: what the save dialog suggests. */
export function exportFileName(kind: 'history' | 'fills', symbol: string | undefined, now: number): string {
  const what = kind === 'history' ? 'order-history' : 'my-trades';
  const scope = symbol ? symbol.replace(/[^A-Za-z0-9]/g, '') || 'symbol' : 'all-symbols';
  return `${what}-${scope}-${new Date(now).toISOString().slice(0, 10)}.csv`;
}
