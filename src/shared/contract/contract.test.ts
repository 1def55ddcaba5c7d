import { describe, expect, it } from 'vitest';
import { err } from '../result';
import { eventChannels, invokeChannels } from './index';

describe('contract', () => {
  it('names every channel domain:action in lower kebab case', () => {
    for (const channel of [...Object.keys(invokeChannels), ...Object.keys(eventChannels)]) {
      expect(channel).toMatch(/^[a-z]+:[a-z]+(-[a-z]+)*$/);
    }
  });

  it('keeps invoke and event channel names apart', () => {
    const invoke = new Set(Object.keys(invokeChannels));
    for (const channel of Object.keys(eventChannels)) expect(invoke.has(channel)).toBe(false);
  });

  it('app:ping accepts a timestamp and refuses everything else', () => {
    const schema = invokeChannels['app:ping'].request;
    expect(schema.safeParse({ sentAt: 1 }).success).toBe(true);
    expect(schema.safeParse({ sentAt: NaN }).success).toBe(false);
    expect(schema.safeParse({}).success).toBe(false);
    expect(schema.safeParse(null).success).toBe(false);
  });

  it('marks transient failures retryable and the rest not', () => {
    expect(err('RATE_LIMITED', 'x').error.retryable).toBe(true);
    expect(err('VALIDATION', 'x', { field: 'price' }).error).toEqual({
      code: 'VALIDATION',
      message: 'x',
      retryable: false,
      field: 'price',
    });
  });
});
