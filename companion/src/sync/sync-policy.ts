import { BaseError, RateLimitedError, UnavailableError } from '@omnifolio/shared/errors';
import {
  BrokenCircuitError,
  ConsecutiveBreaker,
  circuitBreaker,
  DelegateBackoff,
  handleWhen,
  type IPolicy,
  type IRetryBackoffContext,
  retry,
  wrap,
} from 'cockatiel';

export interface SyncPolicyOptions {
  /** Attempts per stage, first included. */
  maxAttempts?: number;
  /** Base of the exponential backoff; attempt n waits a random time in [0, base·2^n] (full jitter). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** A provider's Retry-After longer than this fails the run instead of holding it open. */
  maxRetryAfterMs?: number;
  /** Consecutive failures across a provider's connections before its circuit opens. */
  breakerThreshold?: number;
  halfOpenAfterMs?: number;
  random?: () => number;
}

/** Errors worth another attempt: those whose kind says so. Auth and permission never are. */
function isRetryable(error: Error): boolean {
  return error instanceof BaseError ? error.retry.kind !== 'never' : false;
}

/**
 * How long to wait before attempt `attempt + 1`: the provider's Retry-After when it named
 * one, otherwise full jitter, a random wait in [0, min(cap, base·2^attempt)] (spreads
 * retries of many connections instead of synchronizing them).
 */
export function retryDelayMs(error: unknown, attempt: number, options: { baseDelayMs: number; maxDelayMs: number; random: () => number }): number {
  if (error instanceof RateLimitedError) return error.retryAfterMs;
  return Math.floor(options.random() * Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** attempt));
}

/**
 * Builds the resilience policy for one provider (cockatiel): retries with exponential
 * backoff and full jitter, honouring a provider's Retry-After, inside a circuit breaker, so
 * a provider that is down stops being called for a while instead of being hammered by
 * every connection and every schedule tick.
 */
export function createProviderPolicy(options: SyncPolicyOptions = {}): IPolicy {
  const maxAttempts = options.maxAttempts ?? 3;
  const base = options.baseDelayMs ?? 500;
  const cap = options.maxDelayMs ?? 30_000;
  const maxRetryAfter = options.maxRetryAfterMs ?? 60_000;
  const random = options.random ?? Math.random;

  const backoff = new DelegateBackoff<IRetryBackoffContext<unknown>>((context) =>
    retryDelayMs('error' in context.result ? context.result.error : undefined, context.attempt, { baseDelayMs: base, maxDelayMs: cap, random }),
  );

  const retryPolicy = retry(
    handleWhen((error) => isRetryable(error) && !(error instanceof RateLimitedError && error.retryAfterMs > maxRetryAfter)),
    { maxAttempts: maxAttempts - 1, backoff },
  );
  const breaker = circuitBreaker(handleWhen(isRetryable), {
    halfOpenAfter: options.halfOpenAfterMs ?? 60_000,
    breaker: new ConsecutiveBreaker(options.breakerThreshold ?? 5),
  });
  return wrap(retryPolicy, breaker) as IPolicy;
}

/** Turns the breaker's own error into one a person can read. */
export function explainPolicyError(error: unknown, providerName: string): unknown {
  if (error instanceof BrokenCircuitError) {
    return new UnavailableError(`${providerName} failed several times in a row, so Omnifolio paused calls to it for a minute.`, {
      hints: ['The previous data stays in place. The next scheduled sync will try again.'],
    });
  }
  return error;
}
