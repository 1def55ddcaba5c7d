import { describe, expect, it, vi } from 'vitest';
import { createTerminalApi, type Transport } from './api';
import { eventChannels, invokeChannels } from './contract';

function fakeTransport() {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const calls: Array<[string, unknown]> = [];
  const transport: Transport = {
    invoke: async (channel, payload) => {
      calls.push([channel, payload]);
      return { ok: true, value: { channel } };
    },
    listen: (channel, listener) => {
      const set = listeners.get(channel) ?? new Set();
      listeners.set(channel, set);
      set.add(listener);
      return () => set.delete(listener);
    },
  };
  const emit = (channel: string, payload: unknown) => listeners.get(channel)?.forEach((l) => l(payload));
  return { transport, calls, emit, listeners };
}

describe('createTerminalApi()', () => {
  it('exposes one named method per invoke channel and one on-method per event channel', () => {
    const api = createTerminalApi(fakeTransport().transport) as unknown as Record<string, Record<string, unknown>>;
    for (const channel of Object.keys(invokeChannels)) {
      const [ns, action] = channel.split(':') as [string, string];
      const name = action.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
      expect(typeof api[ns]?.[name], channel).toBe('function');
    }
    for (const channel of Object.keys(eventChannels)) {
      const [ns, event] = channel.split(':') as [string, string];
      // `ticker-board` → `onTickerBoard`, as for invoke channels.
      const camel = event.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
      const name = 'on' + camel[0]!.toUpperCase() + camel.slice(1);
      expect(typeof api[ns]?.[name], channel).toBe('function');
    }
  });

  it('passes the payload to the channel it names', async () => {
    const fake = fakeTransport();
    const api = createTerminalApi(fake.transport);
    await api.app.ping({ sentAt: 5 });
    expect(fake.calls).toEqual([['app:ping', { sentAt: 5 }]]);
  });

  it('each unsubscribe removes exactly its own listener', () => {
    const fake = fakeTransport();
    const api = createTerminalApi(fake.transport);
    const first = vi.fn();
    const second = vi.fn();
    const offFirst = api.app.onHeartbeat(first);
    api.app.onHeartbeat(second);
    fake.emit('app:heartbeat', { seq: 1, time: 1 });
    offFirst();
    fake.emit('app:heartbeat', { seq: 2, time: 2 });
    expect(first).toHaveBeenCalledTimes(1);
    expect(second).toHaveBeenCalledTimes(2);
  });

  it('turns a transport failure into a NETWORK result instead of a rejection', async () => {
    const api = createTerminalApi({
      invoke: () => Promise.reject(new Error('socket closed')),
      listen: () => () => {},
    });
    const result = await api.app.info();
    expect(result.ok ? 'ok' : result.error).toMatchObject({ code: 'NETWORK', retryable: true });
  });

  it('is frozen, so page scripts cannot swap a method', () => {
    const api = createTerminalApi(fakeTransport().transport);
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.isFrozen(api.app)).toBe(true);
  });
});
