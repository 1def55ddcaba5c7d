import { describe, expect, it, vi } from 'vitest';
import { createCloseGuard, createRendererRecovery, describeGone } from './recovery';

describe('renderer recovery', () => {
  it('logs a crashed renderer and offers a reload, which reloads', async () => {
    const log = vi.fn();
    const reload = vi.fn();
    const ask = vi.fn().mockResolvedValue(true);
    const onGone = createRendererRecovery({ log, ask, reload });
    expect(await onGone({ reason: 'crashed', exitCode: 11 })).toBe('reloaded');
    expect(log).toHaveBeenCalledWith('renderer process gone: crashed (exit code 11)');
    expect(ask.mock.calls[0]![1]).toMatch(/open orders are as they were/);
    expect(reload).toHaveBeenCalledOnce();
  });

  it('leaves the window alone when the trader declines, and asks nothing on a clean exit', async () => {
    const reload = vi.fn();
    const ask = vi.fn().mockResolvedValue(false);
    const onGone = createRendererRecovery({ log: () => {}, ask, reload });
    expect(await onGone({ reason: 'oom', exitCode: 0 })).toBe('declined');
    expect(await onGone({ reason: 'clean-exit', exitCode: 0 })).toBe('ignored');
    expect(ask).toHaveBeenCalledOnce();
    expect(reload).not.toHaveBeenCalled();
  });

  it('names a child process by type and name', () => {
    expect(describeGone('child', { type: 'GPU', reason: 'crashed', exitCode: 5 })).toBe('child GPU process gone: crashed (exit code 5)');
    expect(describeGone('child', { type: 'Utility', name: 'Network Service', reason: 'killed', exitCode: 9 })).toBe('child Utility "Network Service" process gone: killed (exit code 9)');
  });
});

describe('the close guard', () => {
  it('closes at once without open orders', async () => {
    const ask = vi.fn();
    expect(await createCloseGuard({ openOrders: async () => 0, enabled: () => true, ask })()).toBe(true);
    expect(ask).not.toHaveBeenCalled();
  });

  it('asks first with open orders, and closes only on yes', async () => {
    const ask = vi.fn().mockResolvedValueOnce(false).mockResolvedValueOnce(true);
    const guard = createCloseGuard({ openOrders: async () => 3, enabled: () => true, ask });
    expect(await guard()).toBe(false);
    expect(await guard()).toBe(true);
    expect(ask.mock.calls[0]![0]).toBe('Close the terminal with 3 open orders?');
  });

  it('asks when the count is unknown, and not at all when the trader turned it off', async () => {
    const ask = vi.fn().mockResolvedValue(false);
    expect(await createCloseGuard({ openOrders: () => Promise.reject(new Error('down')), enabled: () => true, ask })()).toBe(false);
    expect(ask.mock.calls[0]![0]).toMatch(/could not be counted/);
    expect(await createCloseGuard({ openOrders: async () => 5, enabled: () => false, ask })()).toBe(true);
  });
});
