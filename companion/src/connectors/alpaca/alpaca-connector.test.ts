import { AuthError, RateLimitedError } from '@omnifolio/shared/errors';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AlpacaSimAccount, loadAlpacaDemoAccount } from '../../simulators/alpaca/alpaca-sim-account.js';
import { AlpacaSimulator } from '../../simulators/alpaca/alpaca-simulator.js';
import { createTestContext, runActivityPass } from '../contract-suite.js';
import { alpacaEnvironment } from './alpaca-client.js';
import { alpacaConnector } from './alpaca-connector.js';

let sim: AlpacaSimulator;
let account: AlpacaSimAccount;
let baseUrl: string;
const ctx = (cursors: ReadonlyMap<string, string> = new Map()) =>
  createTestContext({ credentials: { keyId: account.keyId, secretKey: account.secretKey }, baseUrls: { alpaca: baseUrl }, cursors });

beforeEach(async () => {
  sim = new AlpacaSimulator({ perMinute: 5 });
  baseUrl = await sim.start();
  account = sim.addAccount(loadAlpacaDemoAccount());
});
afterEach(() => sim.stop());

describe('Alpaca connector', () => {
  it('maps fills, dividends, withholding, fees, interest and transfers', async () => {
    const { activities } = await runActivityPass(alpacaConnector, (c) => ctx(c), new Map());
    expect(activities.map((a) => [a.type, a.asset, a.quantity, a.price])).toEqual([
      ['deposit', 'USD', '5000', null],
      ['buy', 'MSFT', '4', '402.15'],
      ['buy', 'SPY', '3.5', '541.3'],
      ['sell', 'SPY', '1', '575.1'],
      ['dividend', 'USD', '3.6', null],
      ['fee', 'USD', '0.54', null],
      ['fee', 'USD', '1', null],
      ['withdrawal', 'USD', '1000', null],
      ['interest', 'USD', '0.23', null],
    ]);
    // Every request carried both headers.
    expect(
      sim.server.requests.entries.every((e) => e.headers['apca-api-key-id'] === account.keyId && e.headers['apca-api-secret-key'] === account.secretKey),
    ).toBe(true);
  });

  it('reports holdings as positions with Alpaca’s current price, which values the shares', async () => {
    const positions = await alpacaConnector.fetchPositions(ctx());
    expect(positions.map((p) => [p.symbol, p.contracts, p.markPrice, p.notional, p.settleAsset])).toEqual([
      ['MSFT', '4', '431.2', '1724.8', 'USD'],
      ['SPY', '2.5', '588.12', '1470.3', 'USD'],
    ]);
  });

  it('a wrong secret is an AuthError explaining paper and live keys', async () => {
    const bad = createTestContext({ credentials: { keyId: account.keyId, secretKey: 'nope' }, baseUrls: { alpaca: baseUrl } });
    const error = (await alpacaConnector.test(bad).catch((e: unknown) => e)) as AuthError;
    expect(error).toBeInstanceOf(AuthError);
    expect(error.shortMessage).toBe('Alpaca refused this paper API key.');
  });

  it('429 after the minute’s requests is a RateLimitedError until the reset', async () => {
    for (let i = 0; i < 5; i += 1) await alpacaConnector.accounts(ctx());
    const error = await alpacaConnector.accounts(ctx()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBeGreaterThan(0);
    expect((error as RateLimitedError).retryAfterMs).toBeLessThanOrEqual(61_000);
  });

  it('chooses live or paper by the key unless told', () => {
    const env = (credentials: Record<string, string>) => alpacaEnvironment(createTestContext({ credentials }));
    expect(env({ keyId: 'PKABC' })).toBe('paper');
    expect(env({ keyId: 'AKABC' })).toBe('live');
    expect(env({ keyId: 'PKABC', environment: 'live' })).toBe('live');
  });
});

describe('Alpaca connector under scripted faults', () => {
  it('a 500 is an UnavailableError; the sync tries again later', async () => {
    sim.server.faults.push({ kind: 'status', status: 500, path: '/v2/positions' });
    await expect(alpacaConnector.fetchBalances(ctx())).rejects.toThrow('Alpaca answered HTTP 500 for /v2/positions.');
  });
});
