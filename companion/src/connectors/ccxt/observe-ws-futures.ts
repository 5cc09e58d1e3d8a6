import type { Exchange } from 'ccxt';

interface WsClient {
  future(messageHash: string): Promise<unknown>;
}

type ProExchange = Exchange & { client(url: string): WsClient };

/**
 * ccxt pro creates futures for callers that might wait alongside the first one (Binance: one per
 * user data subscription) and rejects them when a subscription fails; with a single caller nobody
 * awaits them, and an unobserved rejection ends the companion's process. Observing every future
 * an exchange's WebSocket clients make keeps such a failure a handled error: callers that await
 * a future still see its rejection.
 */
export function observeWsFutures(exchange: Exchange): void {
  const pro = exchange as ProExchange;
  const patched = new WeakSet<WsClient>();
  const clientOf = pro.client.bind(pro);
  pro.client = (url: string) => {
    const client = clientOf(url);
    if (!patched.has(client)) {
      patched.add(client);
      const future = client.future.bind(client);
      client.future = (messageHash: string) => {
        const promise = future(messageHash);
        promise.catch(() => undefined);
        return promise;
      };
    }
    return client;
  };
}
