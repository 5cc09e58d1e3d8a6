import { describe, expect, it } from 'vitest';
import { RateLimitedError, redactText, toErrorBody, ValidationError } from './index.js';

describe('errors', () => {
  it('serializes without details', () => {
    const err = new RateLimitedError('Binance asks us to wait 30 s.', 30_000, { details: 'weight 6000/6000', hints: ['Wait.'] });
    expect(toErrorBody(err)).toEqual({ code: 'rate_limited', message: 'Binance asks us to wait 30 s.', hints: ['Wait.'] });
    expect(err.retry).toEqual({ kind: 'after', afterMs: 30_000 });
  });

  it('names the failing field', () => {
    const body = toErrorBody(new ValidationError('The request is not valid.', [{ path: 'credentials.secret', message: 'Required' }]));
    expect(body.issues).toEqual([{ path: 'credentials.secret', message: 'Required' }]);
  });

  it('hides unknown errors behind a generic message', () => {
    expect(toErrorBody(new Error('SQLITE_CORRUPT at /home/x')).message).not.toContain('SQLITE');
  });

  it('strips signatures, keys and userinfo', () => {
    const text = 'GET https://user:pw@api.binance.com/api/v3/account?timestamp=1&signature=abcdef0123 failed; key AKIAsecretvalue1';
    const out = redactText(text, ['AKIAsecretvalue1']);
    expect(out).toBe('GET https://***@api.binance.com/api/v3/account?timestamp=1&signature=*** failed; key ***');
  });
});
