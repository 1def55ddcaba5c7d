import { describe, expect, it } from 'vitest';
import { EXCHANGE_IDS, EXCHANGES, exchangeEntry, exchangeName, simulatedExchanges } from './exchanges';
import { ExchangeId } from './model';

describe('the exchange catalog', () => {
  it('gives each exchange one entry, and the ExchangeId schema accepts exactly those', () => {
    expect(new Set(EXCHANGE_IDS).size).toBe(EXCHANGES.length);
    for (const id of EXCHANGE_IDS) expect(ExchangeId.parse(id)).toBe(id);
    expect(ExchangeId.safeParse('binance').success).toBe(false);
  });

  it('names exchanges as traders write them, and an unknown one as "the exchange"', () => {
    expect([exchangeName('icrypex'), exchangeName('cryptocom')]).toEqual(['Icrypex', 'Crypto.com']);
    expect(exchangeName(undefined)).toBe('the exchange');
    expect(exchangeName('binance')).toBe('the exchange');
  });

  it('lists the simulated exchanges from the simulator flag, and answers each entry by id', () => {
    expect(simulatedExchanges()).toEqual(EXCHANGES.filter((e) => e.simulator).map((e) => e.id));
    expect(exchangeEntry('cryptocom').has.stopOrders).toBe(false);
  });
});
