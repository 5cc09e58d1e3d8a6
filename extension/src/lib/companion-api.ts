import type { AppType } from '@omnifolio/companion/app';
import { hc } from 'hono/client';
import type { CompanionClientOptions } from './companion-client';
import { CompanionRequestError, CompanionUnreachableError } from './companion-error';

/**
 * Hono's typed client for the companion's `/api` sub-app, with errors handled once for every
 * client built on it: a network failure or time-out becomes CompanionUnreachableError, an
 * error status CompanionRequestError carrying the companion's own words.
 */
export function createCompanionApi(options: CompanionClientOptions, defaultTimeoutMs: number) {
  const { baseUrl, auth } = options;
  const transport = options.fetch ?? globalThis.fetch.bind(globalThis);
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;

  const guardedFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    let response: Response;
    try {
      response = await transport(input, { ...init, signal, credentials: auth.kind === 'session' ? 'include' : 'omit' });
    } catch (cause) {
      throw new CompanionUnreachableError(baseUrl, { cause, timedOut: timeout.aborted });
    }
    if (!response.ok) throw await CompanionRequestError.fromResponse(response);
    return response;
  };

  const headers: Record<string, string> = auth.kind === 'token' ? { Authorization: `Bearer ${auth.token}` } : {};
  return hc<AppType>(`${baseUrl}/api`, { headers, fetch: guardedFetch });
}
