import type { AppType } from '@omnifolio/companion/app';
import { hc } from 'hono/client';
import type { CompanionClientOptions } from './companion-client';
import { CompanionRequestError, CompanionUnreachableError } from './companion-error';

/**
 * The companion's wallet routes through Hono's typed client, with the same error handling as
 * companion-client.ts: a network failure becomes CompanionUnreachableError, an error status
 * CompanionRequestError in the companion's words (a bad address names the `address` field).
 */
export function createWalletsClient(options: CompanionClientOptions) {
  const { baseUrl, auth } = options;
  const transport = options.fetch ?? globalThis.fetch.bind(globalThis);
  const timeoutMs = options.timeoutMs ?? 30_000;

  const guardedFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const timeout = AbortSignal.timeout(timeoutMs);
    let response: Response;
    try {
      response = await transport(input, { ...init, signal: timeout, credentials: auth.kind === 'session' ? 'include' : 'omit' });
    } catch (cause) {
      throw new CompanionUnreachableError(baseUrl, { cause, timedOut: timeout.aborted });
    }
    if (!response.ok) throw await CompanionRequestError.fromResponse(response);
    return response;
  };
  const headers: Record<string, string> = auth.kind === 'token' ? { Authorization: `Bearer ${auth.token}` } : {};
  const api = hc<AppType>(`${baseUrl}/api`, { headers, fetch: guardedFetch });

  return {
    list: async () => (await api.wallets.$get()).json(),
    addWatchOnly: async (input: { chainFamily: 'evm' | 'solana'; address: string; label?: string; chains?: string[] }) =>
      (await api.wallets.$post({ json: input })).json(),
  };
}

export type WalletsClient = ReturnType<typeof createWalletsClient>;
export type WalletListItem = Awaited<ReturnType<WalletsClient['list']>>[number];
