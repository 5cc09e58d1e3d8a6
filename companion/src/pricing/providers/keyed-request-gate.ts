import { formatWait, RateLimitedError, UnavailableError } from '@omnifolio/shared/errors';
import { BrokenCircuitError, ConsecutiveBreaker, circuitBreaker, handleWhen } from 'cockatiel';

const DAY_MS = 24 * 60 * 60_000;

/** An allowance the provider's plan grants: given when the last day's requests went out, how long until the next may. */
export type Allowance = (nowMs: number, sent: readonly number[]) => { waitMs: number; message: string } | undefined;

/** What a keyed provider's client takes besides its key and limits: transport, breaker and clock, for tests and simulators. */
export interface KeyedClientParameters {
  /** Overrides the provider's base URL (simulators). */
  baseUrl?: string;
  fetch?: typeof globalThis.fetch;
  timeoutMs?: number;
  /** Consecutive failures before the breaker opens. Default 3. */
  breakerThreshold?: number;
  /** How long the open breaker refuses calls. Default 5 minutes. */
  breakerCooldownMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface KeyedRequestGateOptions {
  /** The provider's name in messages: `Tiingo`, `Alpha Vantage`. */
  provider: string;
  minIntervalMs: number;
  /** The plan's allowances; a spent one refuses locally, without a request. */
  allowances: readonly Allowance[];
  /** What a paid plan changes, shown with a refusal. */
  planHint: string;
  breakerThreshold?: number;
  breakerCooldownMs?: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

/** What a rate-limit refusal tells the user; the clients add it to their own limit errors too. */
export const LIMIT_HINT = 'Share and fund prices refresh after the wait on their own; the last known prices stay shown.';

/**
 * The request discipline of a keyed market-data provider with small allowances (Tiingo,
 * Alpha Vantage): one request at a time at least `minIntervalMs` apart; no request while a
 * limit answer's wait runs (`block`) or while a plan allowance is spent; and a circuit
 * breaker after `breakerThreshold` failures in a row. Refusals decided here say nothing
 * about the provider's health, so they never open the breaker.
 */
export function createKeyedRequestGate(options: KeyedRequestGateOptions) {
  const { provider, now, sleep } = options;
  const refusedLocally = new WeakSet<Error>();
  const breaker = circuitBreaker(
    handleWhen((error) => (error instanceof UnavailableError || error instanceof RateLimitedError) && !refusedLocally.has(error)),
    {
      halfOpenAfter: options.breakerCooldownMs ?? 5 * 60_000,
      breaker: new ConsecutiveBreaker(options.breakerThreshold ?? 3),
    },
  );

  let queue: Promise<unknown> = Promise.resolve();
  let lastRequestAt = Number.NEGATIVE_INFINITY;
  let blockedUntil = 0;
  let blockedBecause = '';
  /** When each request of the last day went out, oldest first. */
  const sent: number[] = [];

  function refuse(message: string, waitMs: number): never {
    const error = new RateLimitedError(message, waitMs, { hints: [LIMIT_HINT, options.planHint] });
    refusedLocally.add(error);
    throw error;
  }

  /** Throws at once, without a request, while a limit's wait runs or an allowance is spent. */
  function check(): void {
    const t = now();
    if (t < blockedUntil) refuse(`${blockedBecause}; the next request goes out in ${formatWait(blockedUntil - t)}.`, blockedUntil - t);
    while (sent.length > 0 && t - (sent[0] as number) >= DAY_MS) sent.shift();
    for (const allowance of options.allowances) {
      const spent = allowance(t, sent);
      if (spent) refuse(`${spent.message}; the next goes out in ${formatWait(spent.waitMs)}.`, spent.waitMs);
    }
  }

  /** One request at a time, paced; the gate is checked again for calls queued behind a limit answer. */
  function paced<T>(run: () => Promise<T>): Promise<T> {
    const next = queue.then(async () => {
      check();
      const wait = lastRequestAt + options.minIntervalMs - now();
      if (wait > 0) await sleep(wait);
      lastRequestAt = now();
      sent.push(lastRequestAt);
      return run();
    });
    queue = next.catch(() => undefined);
    return next;
  }

  return {
    /** Sends `request` through the gate, the pacing and the breaker. */
    async run<T>(request: () => Promise<T>): Promise<T> {
      check();
      try {
        return await breaker.execute(() => paced(request));
      } catch (error) {
        if (error instanceof BrokenCircuitError) {
          throw new UnavailableError(`${provider} failed several times in a row, so Omnifolio paused calls to it for a few minutes.`, {
            hints: [`Share and fund prices stay at their last known values, marked stale, until ${provider} answers again.`],
          });
        }
        throw error;
      }
    },
    /** After the provider's own limit answer: nothing goes out for `waitMs`. */
    block(waitMs: number, because: string): void {
      blockedUntil = now() + waitMs;
      blockedBecause = because;
    },
  };
}

/** At most `limit` requests in any rolling `windowMs` (Tiingo's hour and day). */
export function rollingAllowance(limit: number, windowMs: number, message: string): Allowance {
  return (t, sent) => {
    const inWindow = sent.filter((s) => t - s < windowMs);
    if (inWindow.length < limit) return undefined;
    return { waitMs: (inWindow[inWindow.length - limit] as number) + windowMs - t, message };
  };
}
