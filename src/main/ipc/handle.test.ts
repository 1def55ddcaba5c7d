import { describe, expect, it } from 'vitest';
import { Engine } from '../engine';
import { createHandle, type SenderInfo } from './handle';
import { createSenderPolicy } from './sender-policy';
import { assertFailed } from '../../../tests/support/result';

const RENDERER = 'app://terminal/index.html';
const trustedId = 7;
const trusted: SenderInfo = { id: trustedId, frameUrl: RENDERER, isTopFrame: true };

function setup(options: { checkResponses?: boolean } = {}) {
  const engine = new Engine({
    name: 'Test',
    version: '1.2.3',
    platform: 'linux',
    host: 'node',
    dataDir: '/nonexistent',
    heartbeatMs: 0,
    now: () => 1_000,
  });
  const logs: string[] = [];
  const handle = createHandle({
    handlers: engine.handlers,
    isTrustedSender: createSenderPolicy(RENDERER, new Set([trustedId])),
    checkResponses: options.checkResponses ?? true,
    log: (line) => logs.push(line),
  });
  return { engine, handle, logs };
}

describe('handle()', () => {
  it('answers app:info for our own top frame', async () => {
    const { handle } = setup();
    const result = await handle('app:info', trusted, undefined);
    expect(result).toEqual({
      ok: true,
      value: { name: 'Test', version: '1.2.3', platform: 'linux', mode: 'demo', host: 'node' },
    });
  });

  it('echoes app:ping with main-side timestamps', async () => {
    const { handle } = setup();
    const result = await handle('app:ping', trusted, { sentAt: 990, echo: 'x' });
    expect(result).toEqual({ ok: true, value: { sentAt: 990, echo: 'x', receivedAt: 1_000, repliedAt: 1_000 } });
  });

  it.each([
    ['an unknown webContents', { ...trusted, id: 99 }],
    ['a sub-frame', { ...trusted, isTopFrame: false }],
    ['a file', { ...trusted, frameUrl: 'file:///tmp/evil.html' }],
    ['our path on a file: host', { ...trusted, frameUrl: 'file://evil-host/index.html' }],
    ['another host on our scheme', { ...trusted, frameUrl: 'app://evil/index.html' }],
    ['a web origin', { ...trusted, frameUrl: 'https://example.com/' }],
    ['an unparsable url', { ...trusted, frameUrl: 'not a url' }],
  ])('rejects %s with FORBIDDEN_SENDER and never runs the handler', async (_name, sender) => {
    const { handle, logs } = setup();
    const result = await handle('app:ping', sender, { sentAt: 1 });
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    expect(logs.join('\n')).toMatch(/rejected app:ping/);
  });

  it.each([
    ['a missing payload', undefined, 'payload'],
    ['a string timestamp', { sentAt: '5' }, 'sentAt'],
    ['an infinite timestamp', { sentAt: Infinity }, 'sentAt'],
    ['an oversized echo', { sentAt: 1, echo: 'x'.repeat(2000) }, 'echo'],
  ])('rejects %s with VALIDATION naming the field', async (_name, payload, field) => {
    const { handle } = setup();
    const result = await handle('app:ping', trusted, payload);
    assertFailed(result);
    expect(result.error.code).toBe('VALIDATION');
    expect(result.error.message).toContain(field);
    expect(result.error.retryable).toBe(false);
  });

  it('rejects a payload on a channel that takes none', async () => {
    const { handle } = setup();
    const result = await handle('app:info', trusted, { surprise: true });
    expect(result.ok ? 'ok' : result.error.code).toBe('VALIDATION');
  });

  it('answers NOT_FOUND for a channel outside the contract', async () => {
    const { handle } = setup();
    const result = await handle('shell:exec', trusted, 'rm -rf /');
    expect(result.ok ? 'ok' : result.error.code).toBe('NOT_FOUND');
  });

  it('turns a throwing handler into INTERNAL instead of rejecting', async () => {
    const { engine, handle, logs } = setup();
    (engine.handlers as Record<string, unknown>)['app:info'] = () => {
      throw new Error('boom');
    };
    const result = await handle('app:info', trusted, undefined);
    expect(result.ok ? 'ok' : result.error.code).toBe('INTERNAL');
    expect(logs.join('\n')).toContain('boom');
  });

  it('reports a reply outside the contract as INTERNAL when checking responses', async () => {
    const { engine, handle } = setup({ checkResponses: true });
    (engine.handlers as Record<string, unknown>)['app:info'] = () => ({ ok: true, value: { version: 3 } });
    const result = await handle('app:info', trusted, undefined);
    expect(result.ok ? 'ok' : result.error.code).toBe('INTERNAL');
  });
});
