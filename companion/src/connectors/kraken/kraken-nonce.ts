/**
 * Kraken refuses a nonce that is not larger than the last one it saw for the key
 * (`EAPI:Invalid nonce`). ccxt uses the clock's milliseconds, so two calls in one millisecond, or
 * two connector calls with overlapping sessions, would repeat one. This hands out, per API key
 * and process, the clock's milliseconds or one more than the last nonce, whichever is larger.
 */
const last = new Map<string, number>();

export function nextKrakenNonce(apiKey: string, nowMs: number): number {
  const nonce = Math.max(Math.floor(nowMs), (last.get(apiKey) ?? 0) + 1);
  last.set(apiKey, nonce);
  return nonce;
}
