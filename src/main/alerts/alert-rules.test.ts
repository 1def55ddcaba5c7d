import { describe, expect, it } from 'vitest';
import { meets } from './alert-rules';

describe('meets', () => {
  it('above fires at or above the level, in decimal', () => {
    expect(meets('above', '90000', '89999.99', undefined)).toBe(false);
    expect(meets('above', '90000', '90000', undefined)).toBe(true);
    expect(meets('above', '90000', '90000.01', undefined)).toBe(true);
    // 0.1 + 0.2 style levels: a float compare would say 0.30000000000000004 > 0.3.
    expect(meets('above', '0.30000001', '0.3', undefined)).toBe(false);
  });

  it('below fires at or below the level', () => {
    expect(meets('below', '0.00000712', '0.00000713', undefined)).toBe(false);
    expect(meets('below', '0.00000712', '0.00000712', undefined)).toBe(true);
    expect(meets('below', '0.00000712', '0.00000711', undefined)).toBe(true);
  });

  it('crossing fires only when a trade reaches the level from the other side', () => {
    expect(meets('crossing', '100', '101', '99')).toBe(true);
    expect(meets('crossing', '100', '100', '99')).toBe(true);
    expect(meets('crossing', '100', '99', '101')).toBe(true);
    expect(meets('crossing', '100', '99.5', '99')).toBe(false);
    expect(meets('crossing', '100', '101', '100.5')).toBe(false);
  });

  it('crossing needs a previous price to know the side', () => {
    expect(meets('crossing', '100', '101', undefined)).toBe(false);
  });
});
