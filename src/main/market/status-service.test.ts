import { describe, expect, it } from 'vitest';
import type { RateBudget, StatusSnapshot, StreamStatus } from '../../shared';
import { createHandle } from '../ipc/handle';
import { FakeClock } from '../../../tests/support/fake-clock';
import { FakeConnector } from '../../../tests/support/fake-connector';
import { StatusService, statusHandlers } from './status-service';

const stream = (key: string, state: StreamStatus['state'], since = 0): StreamStatus => ({ key, exchange: 'icrypex', kind: 'public', state, since });
const budget = (rule: string, remaining: number, accountId?: string): RateBudget => ({
  exchange: 'icrypex',
  rule,
  limit: 300,
  remaining,
  windowMs: 60_000,
  queued: 0,
  ...(accountId ? { accountId } : {}),
});

function setup() {
  const clock = new FakeClock(0);
  const a = new FakeConnector('icrypex', 'a');
  const b = new FakeConnector('cryptocom', 'b');
  const connectors = [a, b];
  const pushes: Array<{ at: number; snapshot: StatusSnapshot }> = [];
  const service = new StatusService({
    connectors: () => connectors,
    clock,
    emit: (channel, payload) => {
      if (channel === 'status:update') pushes.push({ at: clock.now(), snapshot: payload as StatusSnapshot });
    },
  });
  return { clock, a, b, connectors, pushes, service };
}

describe('StatusService', () => {
  it('collects streams, budgets and links from every connector, keeping one copy of a shared IP budget', () => {
    const { a, b, service } = setup();
    a.streamList = [stream('icrypex public', 'connected')];
    b.streamList = [{ ...stream('cryptocom public', 'stale'), exchange: 'cryptocom' }];
    const shared = budget('tickers', 290); // the per-IP limiter both Icrypex connectors share
    a.budgetList = [shared, budget('order-insert', 299, 'a')];
    const a2 = new FakeConnector('icrypex', 'a2');
    a2.budgetList = [shared, budget('order-insert', 300, 'a2')];
    a.linkHealth = { exchange: 'icrypex', accountId: 'a', latencyMs: 42, clockSkewMs: -120 };
    const snapshot = new StatusService({ connectors: () => [a, a2, b], emit: () => {} }).snapshot();
    expect(snapshot.streams.map((s) => `${s.key}:${s.state}`)).toEqual(['icrypex public:connected', 'cryptocom public:stale']);
    expect(snapshot.limits.map((l) => `${l.rule}@${l.accountId ?? 'ip'}`)).toEqual(['tickers@ip', 'order-insert@a', 'order-insert@a2']);
    expect(snapshot.links).toEqual([
      { exchange: 'icrypex', accountId: 'a', latencyMs: 42, clockSkewMs: -120 },
      { exchange: 'icrypex', accountId: 'a2' },
      { exchange: 'cryptocom', accountId: 'b' },
    ]);
    expect(service.snapshot().streams).toHaveLength(2);
  });

  it('pushes at start, soon after a stream changes state, and not when nothing changed', () => {
    const { clock, a, pushes, service } = setup();
    service.start();
    expect(pushes.map((p) => p.at)).toEqual([0]);
    clock.advance(5_000);
    expect(pushes).toHaveLength(1); // polls found nothing new
    clock.advance(10);
    a.setStreams([stream('icrypex public', 'reconnecting', 5_010)]);
    clock.advance(0);
    expect(pushes.map((p) => p.at)).toEqual([0, 5_010]);
    expect(pushes[1]!.snapshot.streams[0]!.state).toBe('reconnecting');
  });

  it('never pushes more often than every 250 ms, even when streams flap', () => {
    const { clock, a, pushes, service } = setup();
    service.start();
    for (let i = 0; i < 100; i++) {
      clock.advance(10);
      a.setStreams([stream('icrypex public', i % 2 ? 'connected' : 'stale', clock.now())]);
    }
    clock.advance(1_000);
    for (let i = 1; i < pushes.length; i++) expect(pushes[i]!.at - pushes[i - 1]!.at).toBeGreaterThanOrEqual(250);
    expect(pushes.length).toBeGreaterThanOrEqual(4); // ~1 s of flapping: it does keep reporting
    expect(pushes.at(-1)!.snapshot.streams[0]!.since).toBe(1_000); // and ends on the latest state
  });

  it('notices budgets refilling on its poll, without anyone announcing it', () => {
    const { clock, a, pushes, service } = setup();
    a.budgetList = [budget('order-insert', 0, 'a')];
    service.start();
    a.budgetList = [budget('order-insert', 300, 'a')];
    clock.advance(1_000);
    expect(pushes.map((p) => p.snapshot.limits[0]!.remaining)).toEqual([0, 300]);
  });

  it('follows connectors as they come and go, and stop() lets go of all of them and its timer', () => {
    const { clock, a, b, connectors, pushes, service } = setup();
    service.start();
    expect([a.streamListenerCount, b.streamListenerCount]).toEqual([1, 1]);
    const c = new FakeConnector('icrypex', 'c');
    connectors.push(c);
    connectors.splice(connectors.indexOf(b), 1);
    clock.advance(1_000);
    expect([a.streamListenerCount, b.streamListenerCount, c.streamListenerCount]).toEqual([1, 0, 1]);
    expect(pushes.at(-1)!.snapshot.links.map((l) => l.accountId)).toEqual(['a', 'c']);
    service.stop();
    expect([a.streamListenerCount, c.streamListenerCount]).toEqual([0, 0]);
    expect(clock.pending).toBe(0);
  });

  it('answers status:get with a snapshot that fits the contract', async () => {
    const { a, service } = setup();
    a.streamList = [stream('icrypex public', 'connected')];
    a.budgetList = [budget('order-insert', 12, 'a')];
    const handle = createHandle({ handlers: statusHandlers(service), isTrustedSender: () => true, checkResponses: true });
    const reply = await handle('status:get', { id: 1, frameUrl: 'file:///x', isTopFrame: true }, undefined);
    expect(reply).toMatchObject({ ok: true, value: { streams: [{ state: 'connected' }], limits: [{ remaining: 12 }] } });
  });
});
