import { describe, expect, it } from 'vitest';
import { createExternalLinkPolicy, EXTERNAL_LINK_HOSTS } from './external-links';

function setup(allowedHosts?: readonly string[], answer = true) {
  const asked: string[] = [];
  const opened: string[] = [];
  const logs: string[] = [];
  const policy = createExternalLinkPolicy({
    ...(allowedHosts ? { allowedHosts } : {}),
    confirm: async (url) => {
      asked.push(url);
      return answer;
    },
    open: async (url) => void opened.push(url),
    log: (line) => logs.push(line),
  });
  return { policy, asked, opened, logs };
}

describe('external links', () => {
  it("allows only TradingView's site (the chart licence's link): every other link is denied and logged, nothing asked or opened", async () => {
    expect(EXTERNAL_LINK_HOSTS).toEqual(['www.tradingview.com']);
    const { policy, asked, opened, logs } = setup();
    for (const url of ['https://example.com/', 'https://crypto.com/exchange', 'http://127.0.0.1:5174/', 'file:///etc/passwd', 'javascript:alert(1)', 'not a url']) {
      expect(await policy(url), url).toBe('denied');
    }
    expect([asked, opened]).toEqual([[], []]);
    expect(logs.filter((l) => l.startsWith('link: denied'))).toHaveLength(6);
  });

  it('opens an https link to an allowed host only after the user confirms', async () => {
    const { policy, asked, opened } = setup(['docs.example.com']);
    expect(await policy('https://docs.example.com/fees')).toBe('opened');
    expect(asked).toEqual(['https://docs.example.com/fees']);
    expect(opened).toEqual(['https://docs.example.com/fees']);
  });

  it('opens nothing when the user declines', async () => {
    const { policy, opened, logs } = setup(['docs.example.com'], false);
    expect(await policy('https://docs.example.com/')).toBe('declined');
    expect(opened).toEqual([]);
    expect(logs.join('\n')).toContain('declined');
  });

  it.each([
    ['plain http', 'http://docs.example.com/'],
    ['a sub-domain', 'https://evil.docs.example.com/'],
    ['a look-alike suffix', 'https://docs.example.com.evil.net/'],
    ['credentials', 'https://user:pw@docs.example.com/'],
    ['another port', 'https://docs.example.com:8443/'],
  ])('denies %s even for an allowed host', async (_name, url) => {
    const { policy, asked } = setup(['docs.example.com']);
    expect(await policy(url)).toBe('denied');
    expect(asked).toEqual([]);
  });
});
