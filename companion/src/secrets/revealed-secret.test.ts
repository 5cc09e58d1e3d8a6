import { format, inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { revealSecret } from './revealed-secret.js';

describe('revealSecret', () => {
  const secret = revealSecret({ apiKey: 'AKIA-planted-key-1234567890', apiSecret: 'hunter2-but-much-longer-0987654321' });

  it('keeps the fields readable', () => {
    expect(secret.apiKey).toBe('AKIA-planted-key-1234567890');
    expect(Object.keys(secret)).toEqual(['apiKey', 'apiSecret']);
    expect(Object.isFrozen(secret)).toBe(true);
  });

  it('prints *** whichever way it is printed', () => {
    expect(inspect(secret)).toBe('***');
    expect(inspect({ credentials: secret }, { depth: 5 })).toBe('{ credentials: *** }');
    expect(format('%o %O %j', secret, secret, secret)).toBe('*** *** "***"');
    expect(JSON.stringify(secret)).toBe('"***"');
    expect(JSON.stringify({ ctx: { credentials: secret } })).toBe('{"ctx":{"credentials":"***"}}');
    expect(`${secret}`).toBe('***');
    expect(String(secret)).toBe('***');
  });
});
