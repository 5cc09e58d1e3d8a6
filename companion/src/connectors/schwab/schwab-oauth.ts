/**
 * Schwab's OAuth 2.0 authorization code flow, for an app the user registered themselves at
 * developer.schwab.com (https://developer.schwab.com/products/trader-api--individual; the flow
 * as schwab-py implements it, alexgolec/schwab-py `schwab/auth.py`):
 *
 *  1. the browser opens `/v1/oauth/authorize?client_id=<App Key>&redirect_uri=<callback>`;
 *     after login and consent Schwab redirects to the callback with `code` and `session`;
 *  2. the code (valid about 30 seconds, once) is exchanged at `POST /v1/oauth/token` with
 *     HTTP Basic `App Key:App Secret`, `grant_type=authorization_code`, `code`, `redirect_uri`;
 *  3. the access token lasts 30 minutes and is renewed with `grant_type=refresh_token`;
 *     the refresh token lasts 7 days from step 2 and cannot be renewed: after that the user
 *     signs in again.
 */
import { AuthError, RateLimitedError, UnavailableError, ValidationError } from '@omnifolio/shared/errors';
import { parse } from 'lossless-json';
import type { RequestMeter } from '../types.js';
import type { SchwabOAuthError, SchwabTokenAnswer } from './schwab-wire.js';

export const SCHWAB_API_URL = 'https://api.schwabapi.com';
/** What schwab-py's documentation registers; Schwab requires HTTPS and refuses `localhost`. */
export const SCHWAB_DEFAULT_CALLBACK_URL = 'https://127.0.0.1:8182';
/** Schwab's documented life of a refresh token. */
export const SCHWAB_REFRESH_TOKEN_LIFE_MS = 7 * 24 * 3_600_000;

export interface SchwabTokens {
  accessToken: string;
  /** Epoch ms, from `expires_in` (1800 s) and the time of the answer. */
  accessTokenExpiresAt: number;
  refreshToken: string;
}

export interface SchwabOAuthCall {
  /** The API host: `https://api.schwabapi.com`, or a simulator. */
  baseUrl: string;
  appKey: string;
  appSecret: string;
  signal: AbortSignal;
  now: () => number;
  meter?: RequestMeter;
}

export function schwabAuthorizeUrl(options: { baseUrl: string; appKey: string; callbackUrl: string; state: string }): string {
  const url = new URL('/v1/oauth/authorize', options.baseUrl);
  url.searchParams.set('client_id', options.appKey);
  url.searchParams.set('redirect_uri', options.callbackUrl);
  url.searchParams.set('state', options.state);
  return url.toString();
}

export interface SchwabRedirect {
  /** Decoded once: Schwab's codes end in `%40` (`@`) in the address bar. */
  code: string;
  state: string | null;
  session: string | null;
}

/**
 * Reads the address the browser reached after the Schwab login. It must be the registered
 * callback (same origin and path) and carry a `code`; a Schwab error answer names the error.
 */
export function parseSchwabRedirect(address: string, callbackUrl: string): SchwabRedirect {
  const pasteHint = 'After signing in at Schwab, copy the whole address from the browser’s address bar (it starts with your callback URL) and paste it here.';
  let url: URL;
  try {
    url = new URL(address.trim());
  } catch {
    throw new ValidationError('That is not a web address.', [{ path: 'redirectedUrl', message: 'Paste the full address, starting with https://' }], {
      hints: [pasteHint],
    });
  }
  const expected = new URL(callbackUrl);
  const trimSlash = (path: string) => path.replace(/\/+$/, '');
  if (url.origin !== expected.origin || trimSlash(url.pathname) !== trimSlash(expected.pathname)) {
    throw new ValidationError(
      `The address does not start with the callback URL ${callbackUrl}.`,
      [{ path: 'redirectedUrl', message: `Expected an address starting with ${callbackUrl}` }],
      {
        hints: [pasteHint, 'The callback URL must be the one registered for your app at developer.schwab.com.'],
      },
    );
  }
  // Decode each value exactly once by hand: URLSearchParams would also turn `+` into a space.
  const params = new Map<string, string>();
  for (const part of url.search.replace(/^\?/, '').split('&')) {
    if (part === '') continue;
    const at = part.indexOf('=');
    const name = at === -1 ? part : part.slice(0, at);
    const value = at === -1 ? '' : part.slice(at + 1);
    try {
      params.set(decodeURIComponent(name), decodeURIComponent(value));
    } catch {
      throw new ValidationError('The address is damaged (a broken %-escape).', [{ path: 'redirectedUrl', message: 'Copy the address again' }], {
        hints: [pasteHint],
      });
    }
  }
  const error = params.get('error');
  if (error !== undefined) {
    throw new AuthError(`Schwab did not authorize the app: ${params.get('error_description') ?? error}.`, {
      hints: ['Start again with “Authorize with Schwab” and approve every account you want Omnifolio to read.'],
    });
  }
  const code = params.get('code');
  if (code === undefined || code === '') {
    throw new ValidationError('The address has no authorization code.', [{ path: 'redirectedUrl', message: 'Expected ?code=… in the address' }], {
      hints: [pasteHint],
    });
  }
  return { code, state: params.get('state') ?? null, session: params.get('session') ?? null };
}

/** Exchanges a fresh authorization code for tokens. */
export function exchangeSchwabCode(call: SchwabOAuthCall, code: string, callbackUrl: string): Promise<SchwabTokens> {
  return tokenRequest(call, { grant_type: 'authorization_code', code, redirect_uri: callbackUrl }, 'code');
}

/** Renews the 30-minute access token; the refresh token stays the same. */
export function refreshSchwabAccessToken(call: SchwabOAuthCall, refreshToken: string): Promise<SchwabTokens> {
  return tokenRequest(call, { grant_type: 'refresh_token', refresh_token: refreshToken }, 'refresh');
}

const REAUTHORIZE_HINT = 'Open Omnifolio’s options page and click “Re-authorize” next to the Schwab connection; your data stays while you do.';

async function tokenRequest(call: SchwabOAuthCall, form: Record<string, string>, purpose: 'code' | 'refresh'): Promise<SchwabTokens> {
  call.signal.throwIfAborted();
  if (call.meter) call.meter.requests += 1;
  let response: Response;
  try {
    response = await fetch(new URL('/v1/oauth/token', call.baseUrl), {
      method: 'POST',
      headers: {
        Authorization: `Basic ${Buffer.from(`${call.appKey}:${call.appSecret}`, 'utf8').toString('base64')}`,
        'Content-Type': 'application/x-www-form-urlencoded',
        Accept: 'application/json',
      },
      body: new URLSearchParams(form).toString(),
      redirect: 'error',
      signal: AbortSignal.any([call.signal, AbortSignal.timeout(30_000)]),
    });
  } catch (error) {
    if (call.signal.aborted) throw call.signal.reason;
    throw new UnavailableError('Could not reach Schwab’s sign-in service.', {
      cause: error,
      hints: ['Check the internet connection; the next sync will try again.'],
    });
  }
  const text = await response.text();
  const body = readJson(text);
  if (response.ok) {
    const answer = body as Partial<SchwabTokenAnswer> | null;
    if (typeof answer?.access_token !== 'string' || typeof answer.refresh_token !== 'string') {
      throw new UnavailableError('Schwab’s sign-in service answered without tokens.', { details: text.slice(0, 200), hints: ['Try again in a minute.'] });
    }
    const expiresInS = Number(answer.expires_in ?? 1800);
    return {
      accessToken: answer.access_token,
      refreshToken: answer.refresh_token,
      accessTokenExpiresAt: call.now() + (Number.isFinite(expiresInS) ? expiresInS : 1800) * 1000,
    };
  }
  if (response.status === 429) {
    const retryAfterS = Number(response.headers.get('retry-after'));
    throw new RateLimitedError('Schwab’s sign-in service asks to slow down.', Number.isFinite(retryAfterS) && retryAfterS > 0 ? retryAfterS * 1000 : 60_000);
  }
  const oauth = (body ?? {}) as Partial<SchwabOAuthError>;
  const error = typeof oauth.error === 'string' ? oauth.error : '';
  if (error === 'invalid_client' || error === 'unauthorized_client' || response.status === 401) {
    throw new AuthError('Schwab refused the App Key or App Secret.', {
      hints: [
        'Copy both from your app at developer.schwab.com → Dashboard → View Details; the secret is shown there too.',
        'The app must be “Ready For Use”: approval of a new app takes a few days.',
      ],
    });
  }
  if (purpose === 'refresh' && response.status >= 400 && response.status < 500) {
    throw new AuthError('Your Schwab sign-in has expired: Schwab ends it 7 days after you authorize.', {
      details: error || undefined,
      hints: [REAUTHORIZE_HINT],
    });
  }
  if (purpose === 'code' && response.status >= 400 && response.status < 500) {
    throw new AuthError('Schwab did not accept the sign-in code.', {
      details: error || undefined,
      hints: [
        'A code works once and only for about 30 seconds: start again with “Authorize with Schwab” and paste the new address right away.',
        'The callback URL must be exactly the one registered for the app.',
      ],
    });
  }
  throw new UnavailableError(`Schwab’s sign-in service answered HTTP ${response.status}.`, {
    details: text.slice(0, 200),
    hints: ['Schwab may be under maintenance; try again later.'],
  });
}

function readJson(text: string): unknown {
  try {
    return parse(text, null, (digits: string) => digits);
  } catch {
    return null;
  }
}

export { REAUTHORIZE_HINT as SCHWAB_REAUTHORIZE_HINT };
