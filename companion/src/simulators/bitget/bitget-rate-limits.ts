/**
 * Bitget's documented rate limits: each endpoint allows a number of requests per second, counted
 * per user (UID) for private endpoints and per IP for public ones ("Frequency limit: 10 times/1s
 * (UID)"). Exceeding one answers HTTP 429 with `{ "code": "429", "msg": "Too Many Requests" }`.
 */
export class BitgetRateLimiter {
  readonly #calls = new Map<string, number[]>();

  /** Records a call; returns the ms until it would be allowed when refused, else undefined. */
  charge(bucket: string, perSecond: number, now: number): number | undefined {
    const recent = (this.#calls.get(bucket) ?? []).filter((at) => at > now - 1_000);
    if (recent.length >= perSecond) {
      this.#calls.set(bucket, recent);
      return (recent[0] as number) + 1_000 - now;
    }
    recent.push(now);
    this.#calls.set(bucket, recent);
    return undefined;
  }
}
