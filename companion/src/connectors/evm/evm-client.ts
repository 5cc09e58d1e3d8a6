import { createPublicClient, http, type PublicClient } from 'viem';
import type { ConnectorContext } from '../types.js';
import { type EvmChain, rpcUrlKey } from './evm-chains.js';

/**
 * Where a chain is read from: a base URL override (`evm:<chainId>`, used by simulators, tests
 * and OMNIFOLIO_PROVIDER_URLS) first, then the user's own RPC URL, then the public default.
 */
export function rpcUrlFor(chain: EvmChain, ctx: Pick<ConnectorContext, 'baseUrls'>, rpcUrls: ReadonlyMap<string, string>): string {
  return ctx.baseUrls?.[rpcUrlKey(chain.id)] ?? rpcUrls.get(chain.key) ?? chain.defaultRpcUrl;
}

/**
 * A viem public client for one chain, metered (every HTTP request counts) and tied to the
 * sync's abort signal. viem's own retries are off: the sync runner's policy retries whole
 * stages with backoff and a circuit breaker, and two retry layers multiply.
 */
export function createEvmClient(
  chain: EvmChain,
  ctx: Pick<ConnectorContext, 'baseUrls' | 'signal' | 'meter'>,
  rpcUrls: ReadonlyMap<string, string>,
): PublicClient {
  return createPublicClient({
    transport: http(rpcUrlFor(chain, ctx, rpcUrls), {
      retryCount: 0,
      timeout: 20_000,
      fetchOptions: { signal: ctx.signal },
      onFetchRequest: () => {
        ctx.meter.requests += 1;
      },
    }),
  }) as PublicClient;
}
