import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../../tests/support/fake-clock';
import { fakeSocketFactory } from '../../../../tests/support/fake-socket';
import { signingKey } from '../../secrets';
import { IcrypexAccountStream } from './account-stream';

function setup() {
  const clock = new FakeClock(1_700_000_000_000);
  const { factory, sockets } = fakeSocketFactory();
  const stream = new IcrypexAccountStream({
    url: 'ws://127.0.0.1:1',
    accountId: 'acc-1',
    socket: factory,
    clock,
    credentials: async () => signingKey({ apiKey: 'k', apiSecret: Buffer.from('secret').toString('base64') }),
    skewMs: () => 0,
    onUserTrade: () => {},
    onReady: () => {},
    onStatus: () => {},
  });
  stream.start();
  return { clock, stream, socket: sockets[0]! };
}

describe('Icrypex private socket status (issue 20 #2: the next retry in the status bar)', () => {
  it('while reconnecting, says when the next attempt is due, like the market sockets', () => {
    const s = setup();
    s.socket.drop();
    Object.assign(s.socket, { retryAt: s.clock.now() + 1_500 });
    expect(s.stream.status()).toMatchObject({ kind: 'private', state: 'reconnecting', retryAt: s.clock.now() + 1_500 });
    s.socket.open();
    expect(s.stream.status()?.retryAt).toBeUndefined();
  });

});
