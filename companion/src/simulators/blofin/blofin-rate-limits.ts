/**
 * BloFin's REST limits (https://docs.blofin.com/index.html#rate-limits, "REST API Limits"): per
 * IP, "up to 500 requests per minute, if triggered, the service will be suspended for 5 minutes;
 * up to 1500 requests per 5 minutes, if triggered, the service will be suspended for 1 hour".
 * Both tiers apply: 400 requests a minute never trips the first but trips the second in the
 * fourth minute. Over either, HTTP 429 with code "429". (The trading endpoints' own limit, 30
 * requests every 10 s per user, concerns orders, which the simulator does not serve.)
 */
export const BLOFIN_REQUESTS_PER_MINUTE = 500;
export const BLOFIN_SUSPENSION_MS = 5 * 60_000;
export const BLOFIN_REQUESTS_PER_FIVE_MINUTES = 1500;
export const BLOFIN_LONG_SUSPENSION_MS = 60 * 60_000;

const MINUTE_MS = 60_000;
const FIVE_MINUTES_MS = 5 * MINUTE_MS;

export class BlofinRateLimiter {
  /** Accepted calls of the last five minutes, oldest first. */
  readonly #calls: number[] = [];
  #suspendedUntil = 0;

  /** Records a call; returns the ms the caller is suspended for when refused, else undefined. */
  charge(now: number): number | undefined {
    if (now < this.#suspendedUntil) return this.#suspendedUntil - now;
    while (this.#calls.length > 0 && (this.#calls[0] as number) <= now - FIVE_MINUTES_MS) this.#calls.shift();
    const lastMinute = this.#calls.filter((at) => at > now - MINUTE_MS).length;
    if (lastMinute >= BLOFIN_REQUESTS_PER_MINUTE) return this.#suspend(now, BLOFIN_SUSPENSION_MS);
    if (this.#calls.length >= BLOFIN_REQUESTS_PER_FIVE_MINUTES) return this.#suspend(now, BLOFIN_LONG_SUSPENSION_MS);
    this.#calls.push(now);
    return undefined;
  }

  #suspend(now: number, ms: number): number {
    this.#suspendedUntil = now + ms;
    return ms;
  }
}
