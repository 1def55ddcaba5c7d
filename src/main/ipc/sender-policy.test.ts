import { describe, expect, it } from 'vitest';
import { createSenderPolicy } from './sender-policy';

const top = (frameUrl: string, id = 1) => ({ id, frameUrl, isTopFrame: true });

describe('createSenderPolicy() in production (app://terminal)', () => {
  const policy = createSenderPolicy('app://terminal/index.html', new Set([1]));

  it('trusts our own origin, any path', () => {
    expect(policy(top('app://terminal/index.html'))).toBe(true);
    expect(policy(top('app://terminal/'))).toBe(true);
    expect(policy(top('app://terminal/index.html?x=1#y'))).toBe(true);
  });

  it.each([
    ['another host on our scheme', 'app://evil/index.html'],
    ['our host with a port', 'app://terminal:8080/index.html'],
    ['our host with a user', 'app://me@terminal/index.html'],
    ['our path on a file: host', 'file://evil-host/index.html'],
    ['our path on file: without a host', 'file:///index.html'],
    ['a web origin', 'https://terminal/index.html'],
    ['a blank frame', 'about:blank'],
    ['a data url', 'data:text/html,<p>x'],
    ['no url at all', ''],
    ['an unparsable url', 'not a url'],
  ])('refuses %s (%s)', (_name, frameUrl) => {
    expect(policy(top(frameUrl))).toBe(false);
  });

  it('refuses unknown webContents and sub-frames even on our origin', () => {
    expect(policy(top('app://terminal/index.html', 2))).toBe(false);
    expect(policy({ id: 1, frameUrl: 'app://terminal/index.html', isTopFrame: false })).toBe(false);
  });
});

describe('createSenderPolicy() in development (the Vite dev server)', () => {
  const policy = createSenderPolicy('http://localhost:5173/', new Set([1]));

  it('trusts any path on the dev-server origin and nothing else', () => {
    expect(policy(top('http://localhost:5173/index.html'))).toBe(true);
    expect(policy(top('http://localhost:5174/'))).toBe(false);
    expect(policy(top('https://localhost:5173/'))).toBe(false);
    expect(policy(top('http://127.0.0.1:5173/'))).toBe(false);
    expect(policy(top('file:///index.html'))).toBe(false);
    expect(policy(top('file://localhost:5173/index.html'))).toBe(false);
  });
});

describe('createSenderPolicy() set up with a URL that has no origin', () => {
  it.each(['file:///opt/terminal/out/renderer/index.html', 'about:blank', 'not a url'])('refuses to start with %s', (url) => {
    expect(() => createSenderPolicy(url, new Set([1]))).toThrow(/origin/);
  });
});
