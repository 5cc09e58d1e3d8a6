import { AuthError, RateLimitedError, UnavailableError } from '@omnifolio/shared/errors';
import { isSafeNumber, LosslessNumber, parse } from 'lossless-json';
import type { ConnectorContext } from '../types.js';

/**
 * A JSON-RPC call to a Solana node. Bodies are parsed with lossless-json: u64 fields such as
 * `rentEpoch` (18446744073709551615) and `lamports` above 2^53 keep every digit. Safe
 * integers become numbers; anything else stays a LosslessNumber for the caller to read as a
 * string or bigint.
 */
export async function solanaRpc<T>(
  url: string,
  method: string,
  params: unknown[] | Record<string, unknown>,
  ctx: Pick<ConnectorContext, 'signal' | 'meter'>,
): Promise<T> {
  ctx.signal.throwIfAborted();
  const where = 'The Solana RPC endpoint';
  let response: Response;
  let text: string;
  const timeout = AbortSignal.timeout(20_000);
  try {
    ctx.meter.requests += 1;
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
      signal: AbortSignal.any([ctx.signal, timeout]),
    });
    text = await response.text();
  } catch (error) {
    if (ctx.signal.aborted) throw ctx.signal.reason;
    throw new UnavailableError(`${where} could not be reached${timeout.aborted ? ' in time' : ''}.`, {
      hints: ['Omnifolio keeps the last balances and tries again later. If this persists, set another Solana RPC URL.'],
      cause: error,
    });
  }
  if (response.status === 429) {
    const seconds = Number(response.headers.get('retry-after'));
    throw new RateLimitedError(`${where} asks us to slow down.`, Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 30_000, {
      hints: ['The public endpoint is shared by everyone; set your own Solana RPC URL for frequent syncs.'],
    });
  }
  if (response.status === 401 || response.status === 403) {
    throw new AuthError(`${where} refused the request (HTTP ${response.status}).`, {
      hints: ['If the RPC URL contains an API key, check that the key is still valid.'],
    });
  }
  if (!response.ok) {
    throw new UnavailableError(`${where} failed to answer (HTTP ${response.status}).`, { hints: ['Omnifolio keeps the last balances and tries again later.'] });
  }
  let body: { result?: T; error?: { code: number; message: string } };
  try {
    body = parse(text, undefined, (value) => (isSafeNumber(value) ? Number(value) : new LosslessNumber(value))) as typeof body;
  } catch {
    throw new UnavailableError(`${where} answered with something that is not JSON.`, { hints: ['Check that the Solana RPC URL points at a Solana node.'] });
  }
  if (body.error) {
    throw new UnavailableError(`${where} refused ${method}: ${body.error.message} (code ${body.error.code}).`, {
      hints: ['Some public endpoints do not serve every method; set your own Solana RPC URL if this persists.'],
    });
  }
  if (body.result === undefined) throw new UnavailableError(`${where} answered ${method} without a result.`);
  return body.result;
}

/** A u64 field as a bigint, whether it arrived as a safe number or a LosslessNumber. */
export function u64(value: unknown, field: string): bigint {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return BigInt(value);
  if (value instanceof LosslessNumber && /^\d+$/.test(value.value)) return BigInt(value.value);
  if (typeof value === 'string' && /^\d+$/.test(value)) return BigInt(value);
  throw new UnavailableError(`The Solana RPC endpoint sent ${field} as ${String(value)}, not an unsigned integer.`);
}
