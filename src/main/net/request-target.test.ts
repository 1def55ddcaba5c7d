import { describe, expect, it } from 'vitest';
import { parseRequestTarget } from './request-target';

describe('parseRequestTarget', () => {
  it('reads plain paths and queries', () => {
    expect(parseRequestTarget('/v1/orders/a%20b?x=1&y=%2F')).toMatchObject({ pathname: '/v1/orders/a%20b', decodedPath: '/v1/orders/a b' });
    expect(parseRequestTarget('/v1?x=1&y=%2F')?.query.get('y')).toBe('/');
    expect(parseRequestTarget('/a/../b')?.pathname).toBe('/b');
    expect(parseRequestTarget('/')?.pathname).toBe('/');
  });

  it.each([undefined, '', '//', '///x', '//evil.example/x', '/\\evil', '*', 'http://127.0.0.1/', '/%', '/%zz', '/%E0%A4%A', '/a%00b', '/?q=%', '/?q=%00', `/${'a'.repeat(9000)}`])(
    'refuses %j',
    (target) => {
      expect(parseRequestTarget(target)).toBeUndefined();
    },
  );
});
