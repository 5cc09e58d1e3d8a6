/**
 * Binance's request-weight limit for one counter (the IP's `/api` weight, the SAPI IP weight,
 * or an account's SAPI UID weight): weights add up within a calendar minute and reset at the
 * next one. A request that would exceed the limit gets 429 with `Retry-After` (seconds until
 * the minute ends); an IP that keeps sending after 429s is banned with 418, "from 2 minutes to
 * 3 days" in Binance's words; we ban for `banSeconds`.
 */
export interface WeightLimiterOptions {
  limitPerMinute: number;
  /** 429s within one minute after which the IP is banned; Binance does not publish a number. */
  banAfterViolations?: number;
  banSeconds?: number;
}

export type WeightDecision =
  | { kind: 'ok'; usedWeight: number }
  | { kind: 'limited'; usedWeight: number; retryAfterSeconds: number }
  | { kind: 'banned'; usedWeight: number; retryAfterSeconds: number; bannedUntil: number };

const MINUTE_MS = 60_000;

export class WeightLimiter {
  readonly limitPerMinute: number;
  readonly #banAfterViolations: number;
  readonly #banSeconds: number;
  #minute = -1;
  #used = 0;
  #violations = 0;
  #bannedUntil = 0;

  constructor(options: WeightLimiterOptions) {
    this.limitPerMinute = options.limitPerMinute;
    this.#banAfterViolations = options.banAfterViolations ?? 3;
    this.#banSeconds = options.banSeconds ?? 120;
  }

  /** Counts `weight` for a request arriving at `now`, or says why it is refused. */
  charge(now: number, weight: number): WeightDecision {
    this.#roll(now);
    if (now < this.#bannedUntil) {
      return { kind: 'banned', usedWeight: this.#used, retryAfterSeconds: Math.ceil((this.#bannedUntil - now) / 1000), bannedUntil: this.#bannedUntil };
    }
    if (this.#used + weight > this.limitPerMinute) {
      this.#violations += 1;
      if (this.#violations >= this.#banAfterViolations) {
        this.#bannedUntil = now + this.#banSeconds * 1000;
        return { kind: 'banned', usedWeight: this.#used, retryAfterSeconds: this.#banSeconds, bannedUntil: this.#bannedUntil };
      }
      return { kind: 'limited', usedWeight: this.#used, retryAfterSeconds: Math.ceil((MINUTE_MS - (now % MINUTE_MS)) / 1000) };
    }
    this.#used += weight;
    return { kind: 'ok', usedWeight: this.#used };
  }

  /** Weight already used in the current minute. */
  used(now: number): number {
    this.#roll(now);
    return this.#used;
  }

  /** Sets the weight used in the current minute, as if other programs on the IP had spent it. */
  setUsed(now: number, weight: number): void {
    this.#roll(now);
    this.#used = weight;
  }

  #roll(now: number): void {
    const minute = Math.floor(now / MINUTE_MS);
    if (minute !== this.#minute) {
      this.#minute = minute;
      this.#used = 0;
      this.#violations = 0;
    }
  }
}
