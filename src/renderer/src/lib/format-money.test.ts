import { describe, expect, it } from 'vitest';
import { assetDecimals, decimalsOfStep, formatAmount, formatBalance, formatFee, formatPrice, formatSize, type MarketRules } from './format';

const S = '\u202f'; // the thin space `grouped` puts between thousands
const BTCUSDT: MarketRules = { base: 'BTC', quote: 'USDT', tickSize: '0.01', stepSize: '0.00001' };
const ETHUSDT: MarketRules = { base: 'ETH', quote: 'USDT', tickSize: '0.01', stepSize: '0.00000001' };
const SHIBUSDT: MarketRules = { base: 'SHIB', quote: 'USDT', tickSize: '0.00000001', stepSize: '1' };
const ESQ: MarketRules = { base: 'ES', quote: 'USD', tickSize: '0.25', stepSize: '1' };
const markets = [BTCUSDT, ETHUSDT];

describe('money formatting (docs/ui.md "Numbers")', () => {
  it('reads the decimals of a step or tick, in any spelling', () => {
    expect(decimalsOfStep('0.25')).toBe(2);
    expect(decimalsOfStep('0.00000001')).toBe(8);
    expect(decimalsOfStep('0.010')).toBe(2);
    expect(decimalsOfStep('1')).toBe(0);
    expect(decimalsOfStep('1e-7')).toBe(7);
  });

  it('shows prices padded to the tick, half-up, without grouping', () => {
    expect(formatPrice('48000', BTCUSDT)).toBe('48000.00');
    expect(formatPrice('48000.005', BTCUSDT)).toBe('48000.01');
    expect(formatPrice('48000.0049999', BTCUSDT)).toBe('48000.00');
    expect(formatPrice('0.0000001234', SHIBUSDT)).toBe('0.00000012');
    expect(formatPrice('5012.5', ESQ)).toBe('5012.50');
    expect(formatPrice('-0', BTCUSDT)).toBe('0.00');
    // No market known yet: as the exchange sent it, at most 8 decimals.
    expect(formatPrice('87100.10', undefined)).toBe('87100.1');
  });

  it('shows sizes in the step precision with trailing zeros trimmed', () => {
    expect(formatSize('7.50000000', ETHUSDT)).toBe('7.5');
    expect(formatSize('0.00000001', ETHUSDT)).toBe('0.00000001');
    expect(formatSize('0.000000005', ETHUSDT)).toBe('0.00000001');
    expect(formatSize('0.123456', BTCUSDT)).toBe('0.12346');
    expect(formatSize('1000000000', SHIBUSDT)).toBe('1000000000');
    expect(formatSize('3.0', SHIBUSDT)).toBe('3');
    expect(formatSize('1e-7', undefined)).toBe('0.0000001');
  });

  it("derives an asset's precision from the markets that trade it", () => {
    expect(assetDecimals('USDT', markets)).toBe(2);
    // A quote takes its coarsest tick: SHIBUSDT's 8-decimal price grid does not make USDT 8 decimals.
    expect(assetDecimals('USDT', [...markets, SHIBUSDT])).toBe(2);
    expect(assetDecimals('ETH', markets)).toBe(8);
    expect(assetDecimals('BTC', markets)).toBe(5);
    expect(assetDecimals('SHIB', [SHIBUSDT])).toBe(0);
    // A base takes its finest step, whatever it is quoted against.
    expect(assetDecimals('BTC', [BTCUSDT, { base: 'ETH', quote: 'BTC', tickSize: '0.000001', stepSize: '0.001' }, { base: 'BTC', quote: 'TRY', tickSize: '1', stepSize: '0.00000001' }])).toBe(8);
    expect(assetDecimals('X', [{ base: 'X', quote: 'USDT', tickSize: '0.1', stepSize: '1e-12' }])).toBe(8);
    expect(assetDecimals('TRY', markets)).toBeUndefined();
  });

  it('shows balances truncated to the asset precision, grouped', () => {
    // The two spellings of one available balance from the issue now read the same.
    expect(formatBalance('98262.0931464412', 'USDT', markets)).toBe(`98${S}262.09`);
    expect(formatBalance('98262.09314644', 'USDT', markets)).toBe(`98${S}262.09`);
    expect(formatBalance('99915.00000000', 'USDT', markets)).toBe(`99${S}915.00`);
    expect(formatBalance('1000000000', 'USDT', markets)).toBe(`1${S}000${S}000${S}000.00`);
    // Truncated, never rounded up: 0.999 USDT is not 1.00.
    expect(formatBalance('0.999', 'USDT', markets)).toBe('0.99');
    expect(formatBalance('0.00000001', 'ETH', markets)).toBe('0.00000001');
    expect(formatBalance('0.0000001', 'BTC', markets)).toBe('0.00000');
    expect(formatBalance('1000000000', 'SHIB', [SHIBUSDT])).toBe(`1${S}000${S}000${S}000`);
    expect(formatBalance('-1234.567', 'USDT', markets)).toBe(`-1${S}234.56`);
    expect(formatBalance('-0.001', 'USDT', markets)).toBe('0.00');
    expect(formatBalance('-0', 'USDT', markets)).toBe('0.00');
    expect(formatBalance('123456789012345678901234.5678', 'USDT', markets)).toBe(
      `123${S}456${S}789${S}012${S}345${S}678${S}901${S}234.56`,
    );
    // An asset no market trades: up to 8 decimals, zeros trimmed back to 2.
    expect(formatBalance('1500.10000000', 'TRY', markets)).toBe(`1${S}500.10`);
    expect(formatBalance('0.123456789', 'TRY', markets)).toBe('0.12345678');
    // Not a decimal: shown as is rather than mangled.
    expect(formatBalance('n/a', 'USDT', markets)).toBe('n/a');
  });

  it('shows notionals half-up in the quote precision, and fees to 8 decimals trimmed back to 2', () => {
    expect(formatAmount('100870.7218066', 'USDT', markets)).toBe(`100${S}870.72`);
    expect(formatAmount('0.005', 'USDT', markets)).toBe('0.01');
    expect(formatAmount('2790.9999', 'USDT', markets)).toBe(`2${S}791.00`);
    expect(formatFee('0.0480000')).toBe('0.048');
    expect(formatFee('0.00750000')).toBe('0.0075');
    expect(formatFee('1.5')).toBe('1.50');
    expect(formatFee('0.000000001')).toBe('0.00');
    expect(formatFee('1234.123456789')).toBe(`1${S}234.12345679`);
  });
});
