import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CoinGeckoSimulator, createCoinGeckoSimulator } from '../../src/simulators/coingecko/coingecko-simulator.js';
import { okxDemoAccount } from '../../src/simulators/okx/demo-account.js';
import { OkxSimulator } from '../../src/simulators/okx/okx-simulator.js';
import { createAccountsRepository } from '../../src/storage/repositories/accounts-repository.js';
import { createBalancesRepository } from '../../src/storage/repositories/balances-repository.js';
import { createPositionsRepository } from '../../src/storage/repositories/positions-repository.js';
import { sseReader } from '../support/sse-reader.js';
import { authedCall, createTestCompanion, type TestCompanion } from '../support/test-companion.js';

const EXTENSION = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';

/**
 * OKX, live, through the whole companion: with a listener on `/api/live` the companion logs in to
 * OKX's private WebSocket and follows `account` and `positions`; a balance change and a position
 * change reach the stored trading account and are announced; and a sync right after stores
 * exactly the rows the live updates stored.
 */
describe('OKX live through /api/live', () => {
  let okx: OkxSimulator;
  let coingecko: CoinGeckoSimulator;
  let t: TestCompanion;
  let token: string;
  let connectionId: string;
  let apiKey: string;
  const call = authedCall(
    () => t,
    () => token,
  );

  /** The stored rows of the trading account, without their time stamps. */
  const tradingRows = () => {
    const trading = createAccountsRepository(t.core.storage.db)
      .listByConnection(connectionId)
      .find((a) => a.accountKey === 'trading');
    if (trading === undefined) throw new Error('The sync listed no trading account.');
    const balances = createBalancesRepository(t.core.storage.db)
      .listByConnection(connectionId)
      .filter((b) => b.accountId === trading.id)
      .map((b) => [b.assetId, b.free, b.locked, b.total])
      .sort();
    const positions = createPositionsRepository(t.core.storage.db)
      .listByAccount(trading.id)
      .map(({ asOf: _asOf, ...p }) => p)
      .sort((a, b) => `${a.symbol} ${a.side}`.localeCompare(`${b.symbol} ${b.side}`));
    return { balances, positions };
  };

  beforeAll(async () => {
    okx = new OkxSimulator();
    const demo = okx.addAccount(okxDemoAccount(okx.now()));
    apiKey = demo.apiKey;
    coingecko = createCoinGeckoSimulator({ rateLimitPerMinute: Number.POSITIVE_INFINITY });
    const [o, c] = await Promise.all([okx.start(), coingecko.start()]);
    t = await createTestCompanion({ providerUrls: { okx: o, coingecko: c } });
    token = await t.pair(EXTENSION);
    const created = await call('/api/connections', {
      method: 'POST',
      body: { providerId: 'okx', label: 'OKX', credentials: { apiKey: demo.apiKey, secret: demo.secret, passphrase: demo.passphrase } },
    });
    expect(created.status).toBe(201);
    connectionId = created.body.id;
    await t.core.runner.idle();
  }, 60_000);
  afterAll(async () => {
    await t.close();
    await Promise.all([okx.stop(), coingecko.stop()]);
  });

  it('stores balance and position pushes, announces them, and a sync afterwards stores the very same rows', async () => {
    const response = await t.request('/api/live', { headers: { authorization: `Bearer ${token}`, origin: EXTENSION } });
    const events = sseReader(response);
    await events.next('status', (e) => e.type === 'status' && e.streaming.includes(connectionId));
    await t.deps.live.settled();
    expect(okx.privateSubscribers(apiKey, 'account')).toBe(1);
    expect(okx.privateSubscribers(apiKey, 'positions')).toBe(1);

    okx.setTradingBalances(apiKey, [
      { ccy: 'USDT', eq: '18300.05', cashBal: '18300.05', availBal: '18200.05', frozenBal: '100', ordFrozen: '100', liab: '0', upl: '0' },
    ]);
    await events.next('overview-changed', (e) => e.type === 'overview-changed' && e.connectionId === connectionId);
    const ltc = okx.account(apiKey).positions.find((p) => p.instId === 'LTC-USDT-SWAP') as Record<string, string>;
    okx.setPosition(apiKey, { ...ltc, pos: '3', avgPx: '85', upl: '48.99', imr: '30.399' });
    await events.next('overview-changed', (e) => e.type === 'overview-changed' && e.connectionId === connectionId);
    await t.deps.live.settled();
    const live = tradingRows();
    expect(live.balances).toContainEqual(['cg:tether', '18200.05', '100', '18300.05']);
    // (101.33 − 85) × 3 = 48.99; notional 3 × 101.33.
    expect(live.positions.find((p) => p.symbol === 'LTC-USDT-SWAP')).toMatchObject({
      contracts: '3',
      unrealizedPnl: '48.99',
      notional: '303.99',
      margin: '30.399',
    });

    expect((await call(`/api/connections/${connectionId}/sync`, { method: 'POST' })).status).toBe(202);
    await t.core.runner.idle();
    expect(tradingRows()).toEqual(live);

    await events.cancel();
    await t.deps.live.settled();
    await okx.privateIdle();
    expect(okx.privateConnections).toBe(0);
  }, 60_000);
});
