import { AuthError, BaseError, ClockSkewError, NotSupportedError, RateLimitedError, UnavailableError } from '@omnifolio/shared/errors';
import { beforeAll, describe, expect, it } from 'vitest';
import { type CcxtModule, loadCcxt } from './load-ccxt.js';
import { type MapCcxtErrorContext, mapCcxtError, parseRetryAfter } from './map-ccxt-error.js';
import { MalformedResponseError } from './metered-fetch.js';

let ccxt: CcxtModule;
beforeAll(async () => {
  ccxt = await loadCcxt();
});

const NOW = 1_700_000_000_000;
const SIGNED_URL = 'https://api.binance.com/api/v3/account?timestamp=1700000000000&recvWindow=10000&signature=8f1a4b2c3d4e5f60718293a4b5c6d7e8f9012345';

function context(status?: number, headers: Record<string, string> = {}): MapCcxtErrorContext {
  return {
    ccxt,
    exchangeName: 'Binance',
    lastResponse: status === undefined ? undefined : { status, headers: new Headers(headers), url: SIGNED_URL },
    secrets: ['super-secret-api-secret-value'],
    now: NOW,
  };
}

describe('mapCcxtError', () => {
  it.each([
    ['AuthenticationError', AuthError, /rejected the API key/],
    ['PermissionDenied', AuthError, /may not read/],
    ['AccountSuspended', AuthError, /suspended/],
    ['AccountNotEnabled', NotSupportedError, /not enabled/],
    ['InvalidNonce', ClockSkewError, /clock is off/],
    ['OnMaintenance', UnavailableError, /maintenance/],
    ['RequestTimeout', UnavailableError, /did not answer in time/],
    ['ExchangeNotAvailable', UnavailableError, /could not be reached/],
    ['NetworkError', UnavailableError, /could not be reached/],
    ['BadResponse', UnavailableError, /could not read/],
    ['NullResponse', UnavailableError, /could not read/],
    ['NotSupported', NotSupportedError, /does not offer/],
    ['OperationFailed', UnavailableError, /could not complete/],
    ['BadSymbol', BaseError, /bug in Omnifolio/],
  ] as const)('%s becomes %s', (name, kind, message) => {
    const ErrorClass = ccxt[name] as unknown as new (m: string) => Error;
    const mapped = mapCcxtError(new ErrorClass(`binance GET ${SIGNED_URL} failed`), context());
    expect(mapped).toBeInstanceOf(kind);
    expect(mapped.shortMessage).toMatch(message);
    expect(mapped.shortMessage).toMatch(/^Binance /);
  });

  it('says how to fix the clock', () => {
    const mapped = mapCcxtError(new ccxt.InvalidNonce('binance {"code":-1021,"msg":"Timestamp for this request is outside of the recvWindow."}'), context(400));
    expect(mapped.hints.join('\n')).toMatch(/timedatectl set-ntp true/);
    expect(mapped.retry).toEqual({ kind: 'backoff' });
  });

  it('reads Retry-After in seconds for 429', () => {
    const mapped = mapCcxtError(new ccxt.DDoSProtection('binance 429 Too Many Requests {"code":-1003}'), context(429, { 'retry-after': '17' }));
    expect(mapped).toBeInstanceOf(RateLimitedError);
    expect((mapped as RateLimitedError).retryAfterMs).toBe(17_000);
    expect(mapped.shortMessage).toBe('Binance asked Omnifolio to slow down; it will try again in 17 s.');
  });

  it('reads the ban end from a 418 body when Retry-After is missing', () => {
    const body = `{"code":-1003,"msg":"Way too much request weight used; IP banned until ${NOW + 3 * 3_600_000}. Please use WebSocket Streams for live updates to avoid bans."}`;
    const mapped = mapCcxtError(new ccxt.DDoSProtection(`binance 418 I'm a teapot ${body}`), context(418));
    expect((mapped as RateLimitedError).retryAfterMs).toBe(3 * 3_600_000);
    expect(mapped.shortMessage).toContain('blocked this IP address for 3 h');
  });

  it('waits a minute when a rate limit names no wait', () => {
    const mapped = mapCcxtError(new ccxt.RateLimitExceeded('binance {"code":-1003}'), context(400));
    expect((mapped as RateLimitedError).retryAfterMs).toBe(60_000);
  });

  it('treats any unrecognized error on a 5xx answer as unavailable', () => {
    const mapped = mapCcxtError(new ccxt.ExchangeError('binance {"code":-1008,"msg":"Server is currently overloaded"}'), context(503));
    expect(mapped).toBeInstanceOf(UnavailableError);
    expect(mapped.shortMessage).toContain('HTTP 503');
  });

  it('treats a body that is not JSON as unreadable', () => {
    expect(mapCcxtError(new MalformedResponseError('not json'), context(200))).toBeInstanceOf(UnavailableError);
  });

  it('keeps signatures and secrets out of everything it keeps', () => {
    const mapped = mapCcxtError(new ccxt.RequestTimeout(`binance GET ${SIGNED_URL} request timed out; super-secret-api-secret-value`), context());
    const kept = [mapped.shortMessage, mapped.details, (mapped.cause as Error).message, ...mapped.hints].join('\n');
    expect(kept).toContain('/api/v3/account');
    expect(kept).not.toContain('8f1a4b2c3d4e5f60718293a4b5c6d7e8f9012345');
    expect(kept).not.toContain('super-secret-api-secret-value');
  });

  it('passes our own errors through and wraps unknown ones', () => {
    const ours = new AuthError('x');
    expect(mapCcxtError(ours, context())).toBe(ours);
    const unknown = mapCcxtError(new TypeError('boom'), context());
    expect(unknown).toBeInstanceOf(BaseError);
    expect(unknown.code).toBe('internal');
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('120', NOW)).toBe(120_000);
    expect(parseRetryAfter(new Date(NOW + 30_000).toUTCString(), NOW)).toBe(30_000);
    expect(parseRetryAfter(null, NOW)).toBeUndefined();
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
  });
});
