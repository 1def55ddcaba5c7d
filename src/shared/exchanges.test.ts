import { describe, expect, it } from 'vitest';
import { EXCHANGE_IDS, EXCHANGES, exchangeEntry, exchangeName, simulatedExchanges } from './exchanges';
import { ExchangeId, Resolution } from './model';

describe('the exchange catalog', () => {
  it('gives each exchange one entry, and the ExchangeId schema accepts exactly those', () => {
    expect(new Set(EXCHANGE_IDS).size).toBe(EXCHANGES.length);
    for (const id of EXCHANGE_IDS) expect(ExchangeId.parse(id)).toBe(id);
    expect(ExchangeId.safeParse('binance').success).toBe(false);
  });

  it('names exchanges as traders write them, and an unknown one as "the exchange"', () => {
    expect([exchangeName('icrypex'), exchangeName('cryptocom'), exchangeName('cryptocom-exchange')]).toEqual(['Icrypex', 'Crypto.com', 'Crypto.com Exchange']);
    expect(exchangeName(undefined)).toBe('the exchange');
    expect(exchangeName('binance')).toBe('the exchange');
  });

  it('lists the simulated exchanges from the simulator flag, and answers each entry by id', () => {
    expect(simulatedExchanges()).toEqual(EXCHANGES.filter((e) => e.simulator).map((e) => e.id));
    expect(exchangeEntry('cryptocom').has.stopOrders).toBe(false);
  });

  it("tells today's Crypto.com Exchange from the legacy V1 API in the add-account form, and gives every exchange its own tag", () => {
    expect(EXCHANGES.map((e) => e.formLabel)).toEqual(['Icrypex', 'Crypto.com Exchange (legacy V1 API)', 'Crypto.com Exchange']);
    expect(new Set(EXCHANGES.map((e) => e.formLabel)).size).toBe(EXCHANGES.length);
    expect(new Set(EXCHANGES.map((e) => e.short)).size).toBe(EXCHANGES.length);
  });

  it('describes Crypto.com Exchange per specs/cryptocom-exchange.md: simulated, user socket, limit and market only, every terminal resolution', () => {
    const cdx = exchangeEntry('cryptocom-exchange');
    expect(cdx).toMatchObject({ name: 'Crypto.com Exchange', simulator: true, feeAsset: 'received', has: { stopOrders: false, privateStream: true } });
    expect(cdx.resolutions).toEqual(Resolution.options);
    expect(simulatedExchanges()).toContain('cryptocom-exchange');
  });
});
