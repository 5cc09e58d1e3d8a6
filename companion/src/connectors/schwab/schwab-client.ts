/**
 * Authenticated reads from Schwab's Trader API (`/trader/v1`): a Bearer access token renewed
 * from the stored refresh token before it ends, requests paced under 120 per minute, and
 * Schwab's JSON numbers read with every digit (lossless-json).
 */
import { AuthError, RateLimitedError, UnavailableError } from '@omnifolio/shared/errors';
import { parse } from 'lossless-json';
import type { ConnectorContext } from '../types.js';
import type { SchwabAccessTokens } from './schwab-access-tokens.js';
import { refreshSchwabAccessToken, SCHWAB_API_URL, SCHWAB_REAUTHORIZE_HINT } from './schwab-oauth.js';
import type { SchwabRequestPacer } from './schwab-request-pacer.js';
import { SCHWAB_AUTHORIZED_AT_SETTING, schwabSignIn } from './schwab-sign-in.js';
import type { SchwabServiceError } from './schwab-wire.js';

export interface SchwabClientDeps {
  tokens: SchwabAccessTokens;
  pacer: SchwabRequestPacer;
  now: () => number;
}

export const schwabBaseUrl = (ctx: ConnectorContext) => ctx.baseUrls?.schwab ?? SCHWAB_API_URL;

function credentialsOf(ctx: ConnectorContext) {
  const appKey = ctx.credentials.appKey?.trim() ?? '';
  const appSecret = ctx.credentials.appSecret?.trim() ?? '';
  const refreshToken = ctx.credentials.refreshToken?.trim() ?? '';
  if (refreshToken === '') {
    throw new AuthError('This Schwab connection has not been authorized yet.', {
      hints: ['Use “Authorize with Schwab” in Omnifolio’s options page: Schwab connections are added by signing in at Schwab, not by typing a token.'],
    });
  }
  return { appKey, appSecret, refreshToken };
}

export function createSchwabClient(deps: SchwabClientDeps) {
  async function accessToken(ctx: ConnectorContext, force: boolean): Promise<string> {
    const { appKey, appSecret, refreshToken } = credentialsOf(ctx);
    const signIn = schwabSignIn(ctx.settings[SCHWAB_AUTHORIZED_AT_SETTING] as string | undefined, deps.now());
    if (signIn.state === 'expired') {
      throw new AuthError(
        `Your Schwab sign-in expired on ${signIn.expiresAt?.slice(0, 16).replace('T', ' ')} UTC: Schwab ends it 7 days after you authorize.`,
        {
          hints: [SCHWAB_REAUTHORIZE_HINT],
        },
      );
    }
    return deps.tokens.get(
      appKey,
      refreshToken,
      deps.now(),
      () => refreshSchwabAccessToken({ baseUrl: schwabBaseUrl(ctx), appKey, appSecret, signal: ctx.signal, now: deps.now, meter: ctx.meter }, refreshToken),
      force,
    );
  }

  async function send(ctx: ConnectorContext, url: URL, token: string): Promise<Response> {
    await deps.pacer.take(ctx.credentials.appKey ?? '', ctx.signal);
    ctx.meter.requests += 1;
    try {
      return await fetch(url, {
        headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
        redirect: 'error',
        signal: AbortSignal.any([ctx.signal, AbortSignal.timeout(30_000)]),
      });
    } catch (error) {
      if (ctx.signal.aborted) throw ctx.signal.reason;
      throw new UnavailableError('Could not reach Schwab.', { cause: error, hints: ['Check the internet connection; the next sync will try again.'] });
    }
  }

  /** GET `path` (under the API host) with `params`; the answer with numbers as digit strings. */
  async function get<T>(ctx: ConnectorContext, path: string, params: Record<string, string> = {}): Promise<T> {
    ctx.signal.throwIfAborted();
    const url = new URL(path, schwabBaseUrl(ctx));
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    let response = await send(ctx, url, await accessToken(ctx, false));
    // An access token can end early (Schwab restarts, a clock that runs slow): renew once.
    if (response.status === 401) {
      await response.body?.cancel();
      response = await send(ctx, url, await accessToken(ctx, true));
    }
    const text = await response.text();
    if (response.status === 401) {
      throw new AuthError('Schwab refused the access token even after renewing it.', { hints: [SCHWAB_REAUTHORIZE_HINT] });
    }
    if (response.status === 403) {
      throw new AuthError('Schwab does not let this app read the account.', {
        details: errorText(text),
        hints: ['At developer.schwab.com the app needs the “Accounts and Trading Production” product.', SCHWAB_REAUTHORIZE_HINT],
      });
    }
    if (response.status === 429) {
      const retryAfterS = Number(response.headers.get('retry-after'));
      throw new RateLimitedError(
        'Schwab’s limit of 120 requests per minute for this app is used up.',
        Number.isFinite(retryAfterS) && retryAfterS > 0 ? retryAfterS * 1000 : 60_000,
        {
          hints: ['Another program using the same Schwab app shares the limit. The sync continues after the minute.'],
        },
      );
    }
    if (!response.ok) {
      const error = new UnavailableError(`Schwab answered HTTP ${response.status} for ${url.pathname.replace(/accounts\/[^/]+/, 'accounts/…')}.`, {
        details: errorText(text),
        hints: ['Schwab may be under maintenance (often at night and on weekends); the next sync will try again.'],
      });
      if (response.status === 400) badRequests.add(error);
      throw error;
    }
    try {
      return parse(text, null, (digits: string) => digits) as T;
    } catch (error) {
      throw new UnavailableError('Schwab sent an answer that is not JSON.', {
        cause: error,
        details: text.slice(0, 200),
        hints: ['The next sync will try again.'],
      });
    }
  }

  return { get };
}

export type SchwabClient = ReturnType<typeof createSchwabClient>;

const badRequests = new WeakSet<Error>();

/** Schwab answered 400: it refused the request's parameters (a date range it does not serve, say). */
export const isSchwabBadRequest = (error: unknown): boolean => error instanceof Error && badRequests.has(error);

function errorText(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as SchwabServiceError;
    return (
      [body.message, ...(body.errors ?? []).map((e) => (typeof e === 'string' ? e : JSON.stringify(e)))].filter(Boolean).join('; ').slice(0, 300) || undefined
    );
  } catch {
    return text.slice(0, 300) || undefined;
  }
}
