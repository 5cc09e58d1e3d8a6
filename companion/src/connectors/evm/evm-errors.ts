import { AuthError, BaseError as OmnifolioError, RateLimitedError, UnavailableError } from '@omnifolio/shared/errors';
import { HttpRequestError, RpcRequestError, TimeoutError, BaseError as ViemError } from 'viem';

/**
 * Maps what viem throws while talking to a chain's RPC endpoint onto the connector error
 * kinds, so the sync runner retries what can be retried. The RPC URL is never put in a
 * message: keyed endpoints (Alchemy, Infura) carry the key in the path.
 */
export function toEvmError(error: unknown, chainName: string, signal: AbortSignal, options: { via?: 'Alchemy' } = {}): unknown {
  if (signal.aborted) return signal.reason;
  if (error instanceof OmnifolioError) return error;
  if (!(error instanceof ViemError)) return error;
  const http = error.walk((e) => e instanceof HttpRequestError) as HttpRequestError | null;
  // A JSON-RPC error body on an error status (Alchemy's 401 "Must be authenticated!") reaches
  // us as an RpcRequestError; the HTTP status is still on the error chain.
  const status = http?.status ?? (error.walk((e) => typeof (e as { status?: unknown }).status === 'number') as { status?: number } | null)?.status;
  const rpc = error.walk((e) => e instanceof RpcRequestError) as RpcRequestError | null;
  const timeout = error.walk((e) => e instanceof TimeoutError);
  const where = options.via === 'Alchemy' ? `Alchemy (${chainName})` : `The ${chainName} RPC endpoint`;
  if (status === 429 || rpc?.code === -32005 || rpc?.code === 429) {
    const retryAfter = Number(http?.headers?.get('retry-after'));
    return new RateLimitedError(`${where} asks us to slow down.`, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : 30_000, {
      hints: [
        options.via === 'Alchemy'
          ? 'Your Alchemy app is over its compute units per second; Omnifolio tries again shortly, or raise the app’s limit in the Alchemy dashboard.'
          : 'Public endpoints are shared by everyone; set your own RPC URL for this chain in the wallet settings.',
      ],
      cause: error,
    });
  }
  if (status === 401 || status === 403) {
    return new AuthError(`${where} refused the request (HTTP ${status}).`, {
      hints: [
        options.via === 'Alchemy'
          ? `Check the Alchemy API key in the wallet's settings, and that its app has ${chainName} enabled (Alchemy dashboard → Apps → Networks).`
          : 'If the RPC URL contains an API key, check that the key is still valid.',
      ],
      cause: error,
    });
  }
  if (http || timeout || rpc) {
    return new UnavailableError(`${where} could not be reached or failed to answer${http?.status ? ` (HTTP ${http.status})` : timeout ? ' in time' : ''}.`, {
      hints: ['Omnifolio keeps the last balances and tries again later. If this persists, set another RPC URL for this chain.'],
      details: error.shortMessage,
      cause: error,
    });
  }
  return new UnavailableError(`${where} gave an answer Omnifolio could not read.`, {
    hints: ['Check that the RPC URL configured for this chain belongs to this chain.'],
    details: error.shortMessage,
    cause: error,
  });
}
