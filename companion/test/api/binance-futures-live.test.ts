import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { READ_ONLY_PERMISSIONS } from '../../src/simulators/binance/binance-sim-account.js';
import { BinanceSimulator } from '../../src/simulators/binance/binance-simulator.js';
import { withFullDepthWallets } from '../../src/simulators/binance/full-depth-wallets.js';
import { type CoinGeckoSimulator, createCoinGeckoSimulator } from '../../src/simulators/coingecko/coingecko-simulator.js';
import { createAccountsRepository } from '../../src/storage/repositories/accounts-repository.js';
import { createBalancesRepository } from '../../src/storage/repositories/balances-repository.js';
import { createPositionsRepository } from '../../src/storage/repositories/positions-repository.js';
import { sseReader } from '../support/sse-reader.js';
import { authedCall, createTestCompanion, type TestCompanion } from '../support/test-companion.js';

const KEY = `futures-live-key-${'0'.repeat(47)}`;
const SECRET = `futures-live-secret-${'0'.repeat(44)}`;
const EXTENSION = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';

/**
 * Binance futures, live, through the whole companion: with a listener on `/api/live` the
 * companion holds the USDⓈ-M and COIN-M user data streams open; a fill at Binance reaches the
 * stored positions and futures equity and is announced; and a sync right after stores exactly the
 * rows the live update stored (so the live mapping and the sync mapping cannot drift apart).
 */
describe('Binance futures live through /api/live', () => {
  let binance: BinanceSimulator;
  let coingecko: CoinGeckoSimulator;
  let t: TestCompanion;
  let token: string;
  let connectionId: string;
  const call = authedCall(
    () => t,
    () => token,
  );

  /** The stored rows of the futures accounts, without their time stamps. */
  const futuresRows = () => {
    const accounts = createAccountsRepository(t.core.storage.db)
      .listByConnection(connectionId)
      .filter((a) => a.accountKey.startsWith('futures-'));
    const keyOf = new Map(accounts.map((a) => [a.id, a.accountKey]));
    const balances = createBalancesRepository(t.core.storage.db)
      .listByConnection(connectionId)
      .filter((b) => keyOf.has(b.accountId))
      .map((b) => [keyOf.get(b.accountId), b.assetId, b.free, b.locked, b.total])
      .sort();
    const positions = accounts.flatMap((a) =>
      createPositionsRepository(t.core.storage.db)
        .listByAccount(a.id)
        .map(({ asOf: _asOf, accountId: _accountId, ...p }) => ({ account: a.accountKey, ...p })),
    );
    return { balances, positions };
  };

  beforeAll(async () => {
    binance = new BinanceSimulator();
    binance.addAccount(
      withFullDepthWallets(
        { apiKey: KEY, secret: SECRET, permissions: { ...READ_ONLY_PERMISSIONS }, balances: [], trades: [], deposits: [], withdrawals: [] },
        binance.now(),
      ),
    );
    coingecko = createCoinGeckoSimulator({ rateLimitPerMinute: Number.POSITIVE_INFINITY });
    const [b, c] = await Promise.all([binance.start(), coingecko.start()]);
    t = await createTestCompanion({ providerUrls: { binance: b, coingecko: c } });
    token = await t.pair(EXTENSION);
    const created = await call('/api/connections', {
      method: 'POST',
      body: { providerId: 'binance', label: 'Futures', credentials: { apiKey: KEY, secret: SECRET } },
    });
    expect(created.status).toBe(201);
    connectionId = created.body.id;
    await t.core.runner.idle();
  }, 60_000);
  afterAll(async () => {
    await t.close();
    await Promise.all([binance.stop(), coingecko.stop()]);
  });

  it('stores a fill live, announces it, and a sync afterwards stores the very same rows', async () => {
    const response = await t.request('/api/live', { headers: { authorization: `Bearer ${token}`, origin: EXTENSION } });
    const events = sseReader(response);
    await events.next('status', (e) => e.type === 'status' && e.streaming.includes(connectionId));
    await t.deps.live.settled();
    expect(binance.futuresUserDataConnections(KEY, 'usdm')).toBe(1);
    expect(binance.futuresUserDataConnections(KEY, 'coinm')).toBe(1);

    binance.moveFuturesPosition(KEY, 'usdm', { symbol: 'BTCUSDT', positionAmt: '0.080', entryPrice: '96500.0', markPrice: '97445.4' });
    await events.next('overview-changed', (e) => e.type === 'overview-changed' && e.connectionId === connectionId);
    await t.deps.live.settled();
    const live = futuresRows();
    // 0.08 × (97445.4 − 96500) = 75.632 uPnL; equity 5075.632 of which 7795.632 / 5 = 1559.1264 is margin.
    expect(live.positions.find((p) => p.symbol === 'BTCUSDT')).toMatchObject({
      account: 'futures-usdm',
      contracts: '0.08',
      unrealizedPnl: '75.632',
      notional: '7795.632',
    });
    expect(live.balances).toContainEqual(['futures-usdm', 'cg:tether', '3516.5056', '1559.1264', '5075.632']);

    expect((await call(`/api/connections/${connectionId}/sync`, { method: 'POST' })).status).toBe(202);
    await t.core.runner.idle();
    expect(futuresRows()).toEqual(live);

    await events.cancel();
    await t.deps.live.settled();
    await binance.userDataIdle();
    expect(binance.userDataConnections).toBe(0);
  }, 60_000);
});
