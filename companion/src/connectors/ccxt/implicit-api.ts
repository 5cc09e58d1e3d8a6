import type { Exchange } from 'ccxt';

/**
 * Calls one of ccxt's implicit endpoints (Binance `fapiPrivateV2GetAccount` is
 * GET /fapi/v2/account) by name. ccxt generates these methods at run time from its API table,
 * so they are not on the `Exchange` type; a missing one means a ccxt upgrade renamed it.
 */
export function callImplicitApi(exchange: Exchange, method: string, params: object = {}): Promise<unknown> {
  const fn = (exchange as unknown as Record<string, unknown>)[method];
  if (typeof fn !== 'function') throw new Error(`ccxt's ${exchange.id} has no method ${method}; the ccxt version may have changed.`);
  return (fn as (params: object) => Promise<unknown>).call(exchange, params);
}
