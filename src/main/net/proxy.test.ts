import { describe, expect, it } from 'vitest';
import { firstProxy, systemCertificates } from './proxy';

describe('firstProxy (the PAC answer of session.resolveProxy)', () => {
  it('takes the first proxy, or none for DIRECT', () => {
    expect(firstProxy('DIRECT')).toBeUndefined();
    expect(firstProxy('PROXY proxy.corp:8080; DIRECT')).toEqual({ host: 'proxy.corp', port: 8080 });
    expect(firstProxy('HTTPS secure.corp:443')).toEqual({ host: 'secure.corp', port: 443 });
    expect(firstProxy('PROXY [::1]:3128')).toEqual({ host: '::1', port: 3128 });
  });

  it('skips what it cannot speak (SOCKS) and falls back to the next entry', () => {
    expect(firstProxy('SOCKS5 socks.corp:1080; PROXY proxy.corp:3128')).toEqual({ host: 'proxy.corp', port: 3128 });
    expect(firstProxy('SOCKS5 socks.corp:1080; DIRECT')).toBeUndefined();
  });
});

describe('systemCertificates', () => {
  it("adds the OS store to Node's roots where this Node can read it", () => {
    const source = { getCACertificates: (kind: 'default' | 'system') => (kind === 'default' ? ['node-root', 'shared'] : ['corp-root', 'shared']) };
    expect(systemCertificates(source)).toEqual(['node-root', 'shared', 'corp-root']);
  });

  it("keeps Node's defaults on a Node without the API", () => {
    expect(systemCertificates({})).toBeUndefined();
  });
});
