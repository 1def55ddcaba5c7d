/** The exchange's spelling of a terminal symbol: `BTCUSDT` or `BTC/USDT` -> `btcusdt` (specs/cryptocom-v1.md §1). */
export function toNative(symbol: string): string {
  return symbol.replace(/[/_-]/g, '').toLowerCase();
}

/** The terminal's spelling of an exchange symbol: `btcusdt` -> `BTCUSDT`. */
export function fromNative(native: string): string {
  return native.toUpperCase();
}

/** `10^-places` as a decimal string: 2 -> `0.01`, 0 -> `1`. */
export function stepFromPrecision(places: number): string {
  return places <= 0 ? '1' : `0.${'0'.repeat(places - 1)}1`;
}
