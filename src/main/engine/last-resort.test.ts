import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { installLastResortHandlers } from './last-resort';

// Issue 12, must-have 6: a stray rejection or throw is logged with context and the process
// keeps running. The handlers are exercised on a stand-in emitter here;
// tests/integration/last-resort.test.ts runs them in a real process to prove Node does not exit.

describe('installLastResortHandlers', () => {
  it('logs an unhandled rejection and an uncaught exception with where they came from', () => {
    const target = new EventEmitter();
    const lines: string[] = [];
    installLastResortHandlers({ where: 'main', log: (l) => lines.push(l), target });
    target.emit('unhandledRejection', new TypeError('boom in a poll'), Promise.resolve());
    target.emit('uncaughtException', new RangeError('bad thing'), 'uncaughtException');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\[main\] unhandled rejection \(kept running\): TypeError: boom in a poll/);
    expect(lines[0]).toContain('last-resort.test.ts');
    expect(lines[1]).toMatch(/^\[main\] uncaught exception \(kept running\): RangeError: bad thing/);
  });

  it('never throws, even when the logger throws or the reason is hostile', () => {
    const target = new EventEmitter();
    installLastResortHandlers({ where: 'host', log: () => { throw new Error('log broke'); }, target });
    const hostile = { get message(): string { throw new Error('getter'); }, toString(): string { throw new Error('toString'); } };
    expect(() => target.emit('unhandledRejection', hostile, Promise.resolve())).not.toThrow();
    expect(() => target.emit('uncaughtException', Object.create(null), 'uncaughtException')).not.toThrow();
  });

  it('stops logging after a burst and says how many it left out', () => {
    const target = new EventEmitter();
    const lines: string[] = [];
    let now = 0;
    installLastResortHandlers({ where: 'main', log: (l) => lines.push(l), target, now: () => now, burst: 3 });
    for (let i = 0; i < 10; i++) target.emit('unhandledRejection', new Error(`n${i}`), Promise.resolve());
    expect(lines).toHaveLength(3);
    now += 60_000;
    target.emit('unhandledRejection', new Error('later'), Promise.resolve());
    expect(lines).toHaveLength(5);
    expect(lines[3]).toMatch(/7 more .* left out/);
    expect(lines[4]).toContain('Error: later');
  });

  it('removes its listeners when asked', () => {
    const target = new EventEmitter();
    const stop = installLastResortHandlers({ where: 'main', log: () => {}, target });
    expect(target.listenerCount('unhandledRejection') + target.listenerCount('uncaughtException')).toBe(2);
    stop();
    expect(target.listenerCount('unhandledRejection') + target.listenerCount('uncaughtException')).toBe(0);
  });
});
