import { describe, expect, it } from 'vitest';
import { AddAccountRequest, RenameAccountRequest } from '../../../shared';
import { formMessage, messagesByField } from './form-errors';

describe('form messages', () => {
  it('gives each field of an empty add-account form its own message, without schema paths', () => {
    const parsed = AddAccountRequest.safeParse({ exchange: 'icrypex', label: '', apiKey: '', apiSecret: '' });
    expect(parsed.success).toBe(false);
    const byField = messagesByField(parsed.error!.issues);
    expect(byField).toEqual({ label: 'give the account a name', apiKey: 'paste the whole API key', apiSecret: 'paste the whole API secret' });
  });

  it('holds add and rename to the same name rule', () => {
    const long = 'x'.repeat(41);
    const add = AddAccountRequest.safeParse({ exchange: 'icrypex', label: long, apiKey: 'abcd1234', apiSecret: 'abcd1234' });
    const rename = RenameAccountRequest.safeParse({ accountId: 'acc-1', label: long });
    expect(messagesByField(add.error!.issues)['label']).toBe('a name has at most 40 characters');
    expect(messagesByField(rename.error!.issues)['label']).toBe('a name has at most 40 characters');
    expect(RenameAccountRequest.safeParse({ accountId: 'acc-1', label: 'x'.repeat(40) }).success).toBe(true);
  });

  it('strips the channel and path from an engine validation error, keeping the part about the field', () => {
    expect(formMessage({ message: 'accounts:add: label: give the account a name; apiKey: paste the whole API key', field: 'label' })).toEqual({ field: 'label', message: 'give the account a name' });
    expect(formMessage({ message: 'accounts:rename: label: a name has at most 40 characters', field: 'label' })).toEqual({ field: 'label', message: 'a name has at most 40 characters' });
    expect(formMessage({ message: 'accounts:add: endpoints.rest: use https', field: 'endpoints.rest' })).toEqual({ field: 'endpoints', message: 'use https' });
    expect(formMessage({ message: 'the exchange refused the key (401)' })).toEqual({ message: 'the exchange refused the key (401)' });
  });
});
