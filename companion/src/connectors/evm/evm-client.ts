import { createPublicClient, http, type PublicClient } from 'viem';
import type { ConnectorContext } from '../types.js';
import { alchemyPacerFor, computeUnitsOf } from './alchemy-throughput.js';
import { ALCHEMY_URL_KEY, type EvmChain, rpcUrlKey } from './evm-chains.js';

/**
 * Where a chain is read from: a base URL override (`evm:<chainId>`, used by simulators, tests
 * and OMNIFOLIO_PROVIDER_URLS) first, then the user's own RPC URL, then the public default.
 */
export function rpcUrlFor(chain: EvmChain, ctx: Pick<ConnectorContext, 'baseUrls'>, rpcUrls: ReadonlyMap<string, string>): string {
  return ctx.baseUrls?.[rpcUrlKey(chain.id)] ?? rpcUrls.get(chain.key) ?? chain.defaultRpcUrl;
}

/**
 * A chain's Alchemy endpoint for the user's key: `https://<network>.g.alchemy.com/v2/<key>`, or
 * the same path under an `alchemy` base URL override (the simulator serves every network on
 * one port, by path).
 */
export function alchemyUrlFor(chain: EvmChain, ctx: Pick<ConnectorContext, 'baseUrls'>, apiKey: string): string {
  const override = ctx.baseUrls?.[ALCHEMY_URL_KEY];
  const key = encodeURIComponent(apiKey);
  return override !== undefined
    ? `${override.replace(/\/$/, '')}/${chain.alchemyNetwork}/v2/${key}`
    : `https://${chain.alchemyNetwork}.g.alchemy.com/v2/${key}`;
}

/**
 * A viem public client for one JSON-RPC endpoint, metered (every HTTP request counts) and tied
 * to the sync's abort signal. viem's own retries are off: the sync runner's policy retries whole
 * stages with backoff and a circuit breaker, and two retry layers multiply. `batch` sends
 * concurrent calls as one JSON-RPC batch (Alchemy accepts them; public nodes vary).
 */
export function createRpcClient(
  url: string,
  ctx: Pick<ConnectorContext, 'signal' | 'meter'>,
  options: { batch?: boolean; pace?: (body: unknown, signal: AbortSignal) => Promise<() => void> } = {},
): PublicClient {
  const pace = options.pace;
  return createPublicClient({
    transport: http(url, {
      retryCount: 0,
      timeout: 20_000,
      batch: options.batch === true ? { batchSize: 100, wait: 0 } : false,
      ...(pace !== undefined
        ? {
            fetchFn: async (input: string | URL | Request, init?: RequestInit) => {
              const done = await pace(init?.body, ctx.signal);
              try {
                return await fetch(input, init);
              } finally {
                done();
              }
            },
          }
        : {}),
      fetchOptions: { signal: ctx.signal },
      onFetchRequest: () => {
        ctx.meter.requests += 1;
      },
    }),
  }) as PublicClient;
}

/** The client for a chain's own RPC endpoint (see rpcUrlFor). */
export function createEvmClient(
  chain: EvmChain,
  ctx: Pick<ConnectorContext, 'baseUrls' | 'signal' | 'meter'>,
  rpcUrls: ReadonlyMap<string, string>,
): PublicClient {
  return createRpcClient(rpcUrlFor(chain, ctx, rpcUrls), ctx);
}

/**
 * The client for a chain's Alchemy endpoint: JSON-RPC batches on, and every request paced to
 * the key's compute unit budget (alchemy-throughput.ts) so a sync never meets Alchemy's 429.
 */
export function createAlchemyClient(
  chain: EvmChain,
  ctx: Pick<ConnectorContext, 'baseUrls' | 'signal' | 'meter'>,
  apiKey: string,
  computeUnitsPerSecond: number,
): PublicClient {
  const pacer = alchemyPacerFor(apiKey, computeUnitsPerSecond);
  return createRpcClient(alchemyUrlFor(chain, ctx, apiKey), ctx, { batch: true, pace: (body, signal) => pacer(computeUnitsOf(body), signal) });
}
