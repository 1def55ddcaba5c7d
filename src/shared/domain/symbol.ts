/**
 * The terminal's own spelling of a pair: upper case, letters and digits only, so `btc/usdt`,
 * `BTC-USDT`, `btc_usdt`, `BTC USDT` and Crypto.com's `BTC_USDT` all read `BTCUSDT`. Used to match
 * what a trader typed against the markets, and as the key of per-symbol settings.
 */
export function canonicalSymbol(text: string): string {
  return text.toUpperCase().replace(/[^A-Z0-9]/g, '');
}
