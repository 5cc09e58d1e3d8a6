/**
 * BloFin's REST limit (API documentation, "Rate Limits"): per IP, 500 requests per minute; over
 * it, HTTP 429 with code "429" and the service suspended for five minutes. (The second tier,
 * 1500 per five minutes with a one-hour suspension, cannot be reached under the first.)
 */
export const BLOFIN_REQUESTS_PER_MINUTE = 500;
export const BLOFIN_SUSPENSION_MS = 5 * 60_000;

export class BlofinRateLimiter {
  readonly #calls: number[] = [];
  #suspendedUntil = 0;

  /** Records a call; returns the ms the caller is suspended for when refused, else undefined. */
  charge(now: number): number | undefined {
    if (now < this.#suspendedUntil) return this.#suspendedUntil - now;
    while (this.#calls.length > 0 && (this.#calls[0] as number) <= now - 60_000) this.#calls.shift();
    if (this.#calls.length >= BLOFIN_REQUESTS_PER_MINUTE) {
      this.#suspendedUntil = now + BLOFIN_SUSPENSION_MS;
      return BLOFIN_SUSPENSION_MS;
    }
    this.#calls.push(now);
    return undefined;
  }
}
