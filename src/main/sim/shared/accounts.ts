import { randomBytes } from 'node:crypto';
import { type SimAccountConfig, type SimExchange } from '../types';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function alnum(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += ALNUM[bytes[i]! % ALNUM.length];
  return out;
}

/** Generous starting balances for generated demo accounts. */
export const DEFAULT_BALANCES: Readonly<Record<string, string>> = { USDT: '100000', BTC: '2', ETH: '30', SHIB: '1000000000' };

/**
 * A fresh account with random credentials in the exchange's format: Icrypex secrets are
 * base64 of 32 random bytes (specs/icrypex.md §3), Crypto.com keys and secrets 32 letters and
 * digits (specs/cryptocom-v1.md §2 example). Generated at runtime, never stored.
 */
export function generateAccount(exchange: SimExchange, balances: Readonly<Record<string, string>> = DEFAULT_BALANCES): SimAccountConfig {
  if (exchange === 'icrypex') {
    return { exchange, apiKey: alnum(24), apiSecret: randomBytes(32).toString('base64'), balances: { ...balances } };
  }
  return { exchange, apiKey: alnum(32), apiSecret: alnum(32), balances: { ...balances } };
}
