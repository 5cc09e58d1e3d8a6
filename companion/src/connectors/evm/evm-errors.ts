import { AuthError, BaseError as OmnifolioError, RateLimitedError, UnavailableError } from '@omnifolio/shared/errors';
import { HttpRequestError, RpcRequestError, TimeoutError, BaseError as ViemError } from 'viem';

/**
 * Maps what viem throws while talking to a chain's RPC endpoint onto the connector error
 * kinds, so the sync runner retries what can be retried. The RPC URL is never put in a
 * message: keyed endpoints (Alchemy, Infura) carry the key in the path.
 */
export function toEvmError(error: unknown, chainName: string, signal: AbortSignal): unknown {
  if (signal.aborted) return signal.reason;
  if (error instanceof OmnifolioError) return error;
  if (!(error instanceof ViemError)) return error;
  const http = error.walk((e) => e instanceof HttpRequestError) as HttpRequestError | null;
  const rpc = error.walk((e) => e instanceof RpcRequestError) as RpcRequestError | null;
  const timeout = error.walk((e) => e instanceof TimeoutError);
  const where = `The ${chainName} RPC endpoint`;
  if (http?.status === 429 || rpc?.code === -32005 || rpc?.code === 429) {
    const retryAfter = Number(http?.headers?.get('retry-after'));
    return new RateLimitedError(`${where} asks us to slow down.`, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : 30_000, {
      hints: ['Public endpoints are shared by everyone; set your own RPC URL for this chain in the wallet settings.'],
      cause: error,
    });
  }
  if (http?.status === 401 || http?.status === 403) {
    return new AuthError(`${where} refused the request (HTTP ${http.status}).`, {
      hints: ['If the RPC URL contains an API key, check that the key is still valid.'],
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
