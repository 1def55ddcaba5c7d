import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../../tests/support/fake-clock';
import { connectorLimiters, hostLimiter } from './limiters';

const rules = [{ id: 'market', limit: 2, windowMs: 1000 }];

describe('connector limiters (one registry per exchange host)', () => {
  it('shares one host limiter per exchange and host, whatever the path', () => {
    const a = hostLimiter('cryptocom', 'http://127.0.0.1:7001', rules);
    expect(hostLimiter('cryptocom', 'http://127.0.0.1:7001/api', rules)).toBe(a);
    expect(hostLimiter('cryptocom', 'http://127.0.0.1:7002', rules)).not.toBe(a);
    expect(hostLimiter('icrypex', 'http://127.0.0.1:7001', rules)).not.toBe(a);
  });

  it('gives each account a child of the host limiter, and a driven clock a host limiter of its own', () => {
    const shared = connectorLimiters({ exchange: 'icrypex', restUrl: 'http://127.0.0.1:7003', hostRules: rules, accountRules: rules, accountId: 'a1' });
    const other = connectorLimiters({ exchange: 'icrypex', restUrl: 'http://127.0.0.1:7003', hostRules: rules, accountRules: rules, accountId: 'a2' });
    expect(other.host).toBe(shared.host);
    expect(other.account).not.toBe(shared.account);
    expect(other.budgets().find((b) => b.accountId === 'a2')).toBeDefined();
    const own = connectorLimiters({ exchange: 'icrypex', restUrl: 'http://127.0.0.1:7003', hostRules: rules, accountRules: rules, accountId: undefined, clock: new FakeClock(0) });
    expect(own.host).not.toBe(shared.host);
    expect(own.account).toBeUndefined();
  });

  it('counts an account call against the host rule too', async () => {
    const clock = new FakeClock(0);
    const l = connectorLimiters({ exchange: 'icrypex', restUrl: 'http://127.0.0.1:7004', hostRules: rules, accountRules: [], accountId: 'a1', clock });
    await l.account!.schedule(['market'], async () => undefined);
    const used = l.budgets().find((b) => b.rule === 'market' && b.accountId === undefined);
    expect(used?.remaining).toBe(1);
  });

  it('the key check and the account connector made after it share the per-key budget; stopping one leaves the other', async () => {
    const perKey = [{ id: 'account', limit: 1, windowMs: 60_000 }];
    const make = () => connectorLimiters({ exchange: 'cryptocom', restUrl: 'http://127.0.0.1:7005', hostRules: rules, accountRules: perKey, accountId: 'cdc-new' });
    const probe = make();
    await probe.account!.schedule(['account'], () => undefined);
    probe.close();
    const connector = make();
    expect(connector.budgets().find((b) => b.rule === 'account')).toMatchObject({ accountId: 'cdc-new', remaining: 0 });
    // The connector's call waits for the window instead of going out at once.
    await expect(connector.account!.schedule(['account'], () => 'sent', { maxWaitMs: 10 })).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    const another = connectorLimiters({ exchange: 'cryptocom', restUrl: 'http://127.0.0.1:7005', hostRules: rules, accountRules: perKey, accountId: 'cdc-other' });
    await expect(another.account!.schedule(['account'], () => 'sent')).resolves.toBe('sent');
  });
});
