import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, APP_SCHEME_PRIVILEGES, createAppProtocolHandler, mimeTypeOf, resolveAppPath } from './app-protocol';

const SECRET = 'top secret, outside the renderer folder';
let base = '';
let root = '';
const logs: string[] = [];
let serve: (request: Request) => Promise<Response>;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'app-protocol-'));
  root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><meta http-equiv="Content-Security-Policy" content="default-src \'none\'">');
  writeFileSync(join(root, 'assets', 'index-1.js'), 'console.log(1)');
  writeFileSync(join(root, 'assets', 'index-1.css'), 'body{}');
  writeFileSync(join(base, 'secret.txt'), SECRET);
  mkdirSync(join(base, 'renderer-evil'));
  writeFileSync(join(base, 'renderer-evil', 'secret.txt'), SECRET);
  serve = createAppProtocolHandler(root, (line) => logs.push(line));
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('the app:// protocol handler', () => {
  it('serves index.html at the entry URL and at the root, with its CSP and a text/html type', async () => {
    for (const url of [APP_ENTRY_URL, 'app://terminal/', 'app://terminal']) {
      const response = await serve(new Request(url));
      expect(response.status, url).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await response.text()).toContain("default-src 'none'");
    }
  });

  it('serves the bundles with their MIME types', async () => {
    const js = await serve(new Request('app://terminal/assets/index-1.js'));
    expect([js.status, js.headers.get('content-type'), await js.text()]).toEqual([200, 'text/javascript; charset=utf-8', 'console.log(1)']);
    const css = await serve(new Request('app://terminal/assets/index-1.css?v=2#x'));
    expect([css.status, css.headers.get('content-type')]).toEqual([200, 'text/css; charset=utf-8']);
  });

  it.each([
    ['dot segments', 'app://terminal/../secret.txt'],
    ['encoded dot segments', 'app://terminal/%2e%2e/secret.txt'],
    ['an encoded slash', 'app://terminal/..%2fsecret.txt'],
    ['a double-encoded slash', 'app://terminal/..%252fsecret.txt'],
    ['an encoded backslash', 'app://terminal/..%5csecret.txt'],
    ['a sibling folder with our name as prefix', 'app://terminal/..%2frenderer-evil%2fsecret.txt'],
    ['an absolute path', `app://terminal/${encodeURIComponent(join(base, 'secret.txt'))}`],
    ['a NUL byte', 'app://terminal/index.html%00.js'],
    ['bad percent-encoding', 'app://terminal/%E0%A4%A'],
    ['another host', 'app://evil/secret.txt'],
    ['a folder', 'app://terminal/assets/'],
    ['a missing file', 'app://terminal/nope.js'],
  ])('never serves a file outside the renderer folder: %s', async (_name, url) => {
    const response = await serve(new Request(url));
    expect([403, 404]).toContain(response.status);
    expect(await response.text()).not.toContain(SECRET);
  });

  it('logs what it refused', async () => {
    await serve(new Request('app://terminal/..%2fsecret.txt'));
    expect(logs.some((l) => l.includes('refused') && l.includes('outside the renderer folder'))).toBe(true);
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await serve(new Request(APP_ENTRY_URL, { method: 'HEAD' }));
    expect([head.status, await head.text()]).toEqual([200, '']);
    const post = await serve(new Request(APP_ENTRY_URL, { method: 'POST', body: 'x' }));
    expect(post.status).toBe(405);
  });
});

describe('resolveAppPath()', () => {
  it('maps paths inside the root and refuses escapes', () => {
    expect(resolveAppPath('/srv/r', 'app://terminal/a/b.js')).toEqual({ ok: true, file: join('/srv/r', 'a/b.js') });
    expect(resolveAppPath('/srv/r', 'app://terminal/a/%2e%2e%2f%2e%2e%2fetc/passwd')).toMatchObject({ ok: false, status: 403 });
    expect(resolveAppPath('/srv/r', 'file:///srv/r/index.html')).toMatchObject({ ok: false, status: 404 });
  });
});

describe('the scheme privileges', () => {
  it('are standard and secure and never bypass the CSP', () => {
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ standard: true, secure: true, bypassCSP: false, corsEnabled: false, allowServiceWorkers: false });
  });

  it('give common files their MIME type and the rest a neutral one', () => {
    expect(['a.HTML', 'b.svg', 'c.woff2', 'd.bin'].map(mimeTypeOf)).toEqual(['text/html; charset=utf-8', 'image/svg+xml', 'font/woff2', 'application/octet-stream']);
  });
});
