import { AuthError, RateLimitedError, UnavailableError } from '@omnifolio/shared/errors';
import { describe, expect, it } from 'vitest';
import { createProviderPolicy, explainPolicyError, retryDelayMs } from './sync-policy.js';

describe('provider policy', () => {
  it('retries unavailable errors and then succeeds', async () => {
    const policy = createProviderPolicy({ baseDelayMs: 1, random: () => 0 });
    let calls = 0;
    const result = await policy.execute(() => {
      calls += 1;
      if (calls < 3) throw new UnavailableError('down');
      return 'ok';
    });
    expect(result).toBe('ok');
    expect(calls).toBe(3);
  });

  it('never retries a rejected key', async () => {
    const policy = createProviderPolicy({ baseDelayMs: 1 });
    let calls = 0;
    await expect(
      policy.execute(() => {
        calls += 1;
        throw new AuthError('bad key');
      }),
    ).rejects.toBeInstanceOf(AuthError);
    expect(calls).toBe(1);
  });

  it('waits the Retry-After a provider names, else full jitter', () => {
    const opts = { baseDelayMs: 500, maxDelayMs: 30_000, random: () => 0.5 };
    expect(retryDelayMs(new RateLimitedError('slow down', 20_000), 1, opts)).toBe(20_000);
    expect(retryDelayMs(new UnavailableError('down'), 1, opts)).toBe(500);
    expect(retryDelayMs(new UnavailableError('down'), 3, opts)).toBe(2_000);
    expect(retryDelayMs(new UnavailableError('down'), 12, opts)).toBe(15_000);
    expect(retryDelayMs(new UnavailableError('down'), 3, { ...opts, random: () => 0 })).toBe(0);
  });

  it('gives up at once on a Retry-After longer than we hold a run open', async () => {
    const policy = createProviderPolicy({ maxRetryAfterMs: 1_000 });
    let calls = 0;
    await expect(
      policy.execute(() => {
        calls += 1;
        throw new RateLimitedError('banned for 2 minutes', 120_000);
      }),
    ).rejects.toBeInstanceOf(RateLimitedError);
    expect(calls).toBe(1);
  });

  it('opens the circuit after consecutive failures and explains it', async () => {
    const policy = createProviderPolicy({ maxAttempts: 1, breakerThreshold: 2 });
    for (let i = 0; i < 2; i++) await policy.execute(() => Promise.reject(new UnavailableError('down'))).catch(() => {});
    const error = await policy.execute(() => 'never called').catch((e: unknown) => e);
    const explained = explainPolicyError(error, 'Binance') as UnavailableError;
    expect(explained).toBeInstanceOf(UnavailableError);
    expect(explained.shortMessage).toMatch(/Binance failed several times in a row/);
  });
});
