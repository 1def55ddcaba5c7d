import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ok, type Account, type PriceAlert, type Trade } from '../../shared';
import { FakeConnector } from '../../../tests/support/fake-connector';
import { AlertService } from './alert-service';
import type { NoticeDraft } from './order-notices';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const account: Account = { id: 'acct-1', exchange: 'icrypex', label: 'Icrypex demo', mode: 'demo', keyLast4: 'ab12', endpoints: {}, createdAt: 0 };

function trade(price: string, id: string): Trade {
  return { exchange: 'icrypex', symbol: 'BTCUSDT', id, price, quantity: '0.01', side: 'buy', time: Number(id) };
}

async function rig(dataDir = mkdtempSync(join(tmpdir(), 'alerts-'))) {
  dirs.push(dataDir);
  const connector = new FakeConnector('icrypex', 'acct-1');
  connector.recentTrades = async () => ok([trade('89000', '1')]);
  const notices: NoticeDraft[] = [];
  const changes: PriceAlert[][] = [];
  let now = 1_000;
  const service = new AlertService({
    dataDir,
    accounts: () => [account],
    connectorFor: () => ok(connector),
    emit: (channel, payload) => {
      if (channel === 'alerts:changed') changes.push(payload as PriceAlert[]);
    },
    notify: (draft) => notices.push(draft),
    now: () => ++now,
    log: () => {},
  });
  await service.store.open();
  service.start();
  return { service, connector, notices, changes, dataDir };
}

describe('AlertService', () => {
  it('an above alert fires once on the first trade at or past the level, and says so', async () => {
    const { service, connector, notices } = await rig();
    const added = await service.add({ accountId: 'acct-1', symbol: 'btc/usdt', condition: 'above', price: '90000' });
    expect(added.ok && added.value).toMatchObject({ symbol: 'BTCUSDT', state: 'armed', reference: '89000' });
    expect(connector.watching('trades|BTCUSDT')).toBe(1);
    connector.push('trades|BTCUSDT', [trade('89999.99', '2')]);
    expect(notices).toEqual([]);
    connector.push('trades|BTCUSDT', [trade('90000', '3'), trade('90010', '4')]);
    connector.push('trades|BTCUSDT', [trade('90020', '5')]);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ kind: 'alert', title: 'Alert: BTCUSDT above 90000', symbol: 'BTCUSDT' });
    expect(notices[0]!.body).toContain('Traded at 90000');
    expect(notices[0]!.body).toContain('fired once');
    expect(service.list()[0]).toMatchObject({ state: 'fired', firedPrice: '90000' });
    // Nothing armed on the market any more: its trade stream is released.
    await service.store.flush();
    expect(connector.watching('trades|BTCUSDT')).toBe(0);
  });

  it('a crossing alert fires when a trade reaches the level from the side it was set on', async () => {
    const { service, connector, notices } = await rig();
    await service.add({ accountId: 'acct-1', symbol: 'BTCUSDT', condition: 'crossing', price: '88000' });
    connector.push('trades|BTCUSDT', [trade('88500', '2'), trade('88000.01', '3')]);
    expect(notices).toEqual([]);
    connector.push('trades|BTCUSDT', [trade('87999', '4')]);
    expect(notices.map((n) => n.title)).toEqual(['Alert: BTCUSDT crossing 88000']);
  });

  it('an alert already met when it is set fires at once (the price is past the level)', async () => {
    const { service, notices } = await rig();
    await service.add({ accountId: 'acct-1', symbol: 'BTCUSDT', condition: 'below', price: '89500' });
    expect(notices.map((n) => n.title)).toEqual(['Alert: BTCUSDT below 89500']);
  });

  it('an edit arms a fired alert again; remove stops it', async () => {
    const { service, connector, notices } = await rig();
    const added = await service.add({ accountId: 'acct-1', symbol: 'BTCUSDT', condition: 'above', price: '90000' });
    const id = added.ok ? added.value.id : '';
    connector.push('trades|BTCUSDT', [trade('90001', '2')]);
    const edited = await service.update({ id, price: '91000' });
    expect(edited.ok && edited.value).toMatchObject({ state: 'armed', price: '91000' });
    expect(edited.ok && edited.value.firedAt).toBeUndefined();
    connector.push('trades|BTCUSDT', [trade('91000', '3')]);
    expect(notices).toHaveLength(2);
    // Armed again while the exchange's newest trade (91000) already meets it: it fires at once.
    connector.recentTrades = async () => ok([trade('91000', '3')]);
    await service.update({ id, rearm: true });
    expect(notices).toHaveLength(3);
    await service.update({ id, price: '95000' });
    expect(await service.remove(id)).toEqual(ok({ removed: true }));
    connector.push('trades|BTCUSDT', [trade('96000', '4')]);
    expect(notices).toHaveLength(3);
    expect(service.list()).toEqual([]);
  });

  it('a price seen while the market was watched is not used once the watch has stopped: the exchange is asked again', async () => {
    const { service, connector, notices } = await rig();
    await service.add({ accountId: 'acct-1', symbol: 'BTCUSDT', condition: 'above', price: '90000' });
    connector.push('trades|BTCUSDT', [trade('90001', '2')]);
    await service.store.flush();
    expect(connector.watching('trades|BTCUSDT')).toBe(0);
    // The market rose while nothing watched it; 90001 would meet this alert, the real price does not.
    connector.recentTrades = async () => ok([trade('92000', '3')]);
    const added = await service.add({ accountId: 'acct-1', symbol: 'BTCUSDT', condition: 'below', price: '91000' });
    expect(added.ok && added.value).toMatchObject({ state: 'armed', reference: '92000' });
    expect(notices.map((n) => n.title)).toEqual(['Alert: BTCUSDT above 90000']);
  });

  it("a trade stream's opening snapshot of earlier trades fires nothing: only trades after the alert was armed count", async () => {
    const { service, connector, notices } = await rig();
    connector.recentTrades = async () => ok([trade('89000', '10')]);
    await service.add({ accountId: 'acct-1', symbol: 'BTCUSDT', condition: 'above', price: '90000' });
    // Newest first, as some exchanges send it: an older trade above the level, then the reference.
    connector.push('trades|BTCUSDT', [trade('89000', '10'), trade('90500', '8')]);
    expect(notices).toEqual([]);
    connector.push('trades|BTCUSDT', [trade('90001', '11')]);
    expect(notices.map((n) => n.body)).toEqual([expect.stringContaining('Traded at 90001')]);
  });

  it('refuses a market the exchange does not have, naming the field', async () => {
    const { service } = await rig();
    const result = await service.add({ accountId: 'acct-1', symbol: 'NOPEUSDT', condition: 'above', price: '1' });
    expect(result.ok || result.error).toMatchObject({ code: 'VALIDATION', field: 'symbol', message: 'Icrypex has no market NOPEUSDT.' });
    const none = await service.add({ accountId: 'acct-gone', symbol: 'BTCUSDT', condition: 'above', price: '1' });
    expect(none.ok || none.error).toMatchObject({ code: 'NOT_FOUND', field: 'accountId' });
  });

  it('persists alerts (armed and fired) and watches the armed ones again after a restart', async () => {
    const first = await rig();
    await first.service.add({ accountId: 'acct-1', symbol: 'BTCUSDT', condition: 'above', price: '95000' });
    await first.service.add({ accountId: 'acct-1', symbol: 'BTCUSDT', condition: 'below', price: '80000' });
    await first.service.store.flush();
    first.service.stop();
    const saved = JSON.parse(readFileSync(join(first.dataDir, 'alerts.json'), 'utf8')) as { alerts: PriceAlert[] };
    expect(saved.alerts.map((a) => a.price)).toEqual(['95000', '80000']);
    const second = await rig(first.dataDir);
    expect(second.service.list().map((a) => [a.condition, a.price, a.state])).toEqual([
      ['above', '95000', 'armed'],
      ['below', '80000', 'armed'],
    ]);
    // The stream's opening snapshot repeats a trade from before the alerts were set: history.
    second.connector.push('trades|BTCUSDT', [trade('79000', '9')]);
    expect(second.notices).toEqual([]);
    // A trade after they were set (their createdAt is about 1000 on this clock) fires.
    second.connector.push('trades|BTCUSDT', [trade('79999', '5000')]);
    expect(second.notices.map((n) => n.title)).toEqual(['Alert: BTCUSDT below 80000']);
    // The next id continues after the saved ones.
    const third = await second.service.add({ accountId: 'acct-1', symbol: 'ETHUSDT', condition: 'above', price: '5000' });
    expect(third.ok && third.value.id).toBe('alert-3');
  });
});
