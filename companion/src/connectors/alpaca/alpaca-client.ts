/**
 * Authenticated requests to Alpaca's Trading API v2. Keys go in the `APCA-API-KEY-ID` and
 * `APCA-API-SECRET-KEY` headers, never in URLs. Paper keys start with `PK`, live keys with
 * `AK`; each works only against its own host.
 */
import { AuthError, RateLimitedError, UnavailableError } from '@omnifolio/shared/errors';
import type { ConnectorContext } from '../types.js';

export const ALPACA_LIVE_URL = 'https://api.alpaca.markets';
export const ALPACA_PAPER_URL = 'https://paper-api.alpaca.markets';

export type AlpacaEnvironment = 'live' | 'paper';

export function alpacaEnvironment(ctx: ConnectorContext): AlpacaEnvironment {
  const chosen = ctx.credentials.environment?.trim().toLowerCase();
  if (chosen === 'live' || chosen === 'paper') return chosen;
  return (ctx.credentials.keyId ?? '').trim().startsWith('PK') ? 'paper' : 'live';
}

export async function alpacaGet<T>(ctx: ConnectorContext, path: string, params: Record<string, string> = {}): Promise<T> {
  ctx.signal.throwIfAborted();
  const environment = alpacaEnvironment(ctx);
  const base = ctx.baseUrls?.alpaca ?? (environment === 'paper' ? ALPACA_PAPER_URL : ALPACA_LIVE_URL);
  const url = new URL(path, base);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  ctx.meter.requests += 1;
  let response: Response;
  try {
    response = await fetch(url, {
      headers: {
        'APCA-API-KEY-ID': ctx.credentials.keyId?.trim() ?? '',
        'APCA-API-SECRET-KEY': ctx.credentials.secretKey?.trim() ?? '',
        Accept: 'application/json',
      },
      signal: AbortSignal.any([ctx.signal, AbortSignal.timeout(30_000)]),
    });
  } catch (error) {
    if (ctx.signal.aborted) throw ctx.signal.reason;
    throw new UnavailableError('Could not reach Alpaca.', { cause: error, hints: ['Check the internet connection; the next sync will try again.'] });
  }
  const text = await response.text();
  if (response.status === 401 || response.status === 403) {
    throw new AuthError(`Alpaca refused this ${environment} API key.`, {
      hints: [
        'Paper and live accounts have separate keys: a paper key starts with PK, a live key with AK. Generate one in the Alpaca dashboard (API Keys) of the account you want to track.',
        'A regenerated key invalidates the old secret; paste both again.',
      ],
    });
  }
  if (response.status === 429) {
    const reset = Number(response.headers.get('x-ratelimit-reset'));
    const waitMs = Number.isFinite(reset) && reset > 0 ? Math.max(1_000, reset * 1000 - Date.now()) : 60_000;
    throw new RateLimitedError('Alpaca’s limit of 200 requests per minute is used up.', waitMs, { hints: ['The sync continues after the minute resets.'] });
  }
  if (!response.ok) {
    throw new UnavailableError(`Alpaca answered HTTP ${response.status} for ${path}.`, {
      details: text.slice(0, 300),
      hints: ['Alpaca may be under maintenance; the next sync will try again.'],
    });
  }
  return JSON.parse(text) as T;
}
