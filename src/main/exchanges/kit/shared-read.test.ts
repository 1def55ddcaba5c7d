import { describe, expect, it } from 'vitest';
import { SharedRead } from './shared-read';

function setup() {
  let time = 0;
  const pending: Array<(v: string) => void> = [];
  const shared = new SharedRead<string>(
    () => new Promise<string>((resolve) => pending.push(resolve)),
    () => time,
    (v) => v !== 'failed',
  );
  return { shared, pending, tick: (ms: number) => (time += ms) };
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('SharedRead', () => {
  it('shares a running read with callers who can use it, and starts one more for all who need a later one', async () => {
    const t = setup();
    const a = t.shared.get(0);
    const b = t.shared.get(0);
    expect(t.pending).toHaveLength(1);
    t.tick(10);
    // Needs a read started at 10 or later: waits for one new read, shared by c and d.
    const c = t.shared.get(10);
    const d = t.shared.get(5);
    expect(t.pending).toHaveLength(1);
    t.pending[0]!('first');
    await turn();
    expect(await a).toEqual({ value: 'first', startedAt: 0 });
    expect(await b).toEqual({ value: 'first', startedAt: 0 });
    expect(t.pending).toHaveLength(2);
    t.pending[1]!('second');
    expect(await c).toEqual({ value: 'second', startedAt: 10 });
    expect(await d).toEqual({ value: 'second', startedAt: 10 });
    // A finished read recent enough is handed out without reading again.
    expect(await t.shared.get(10)).toEqual({ value: 'second', startedAt: 10 });
    expect(t.pending).toHaveLength(2);
  });

  it('never hands a kept-out result (a failure) to a later caller', async () => {
    const t = setup();
    const a = t.shared.get(0);
    t.pending[0]!('failed');
    expect((await a).value).toBe('failed');
    const b = t.shared.get(0);
    expect(t.pending).toHaveLength(2);
    t.pending[1]!('ok');
    expect((await b).value).toBe('ok');
  });
});
