import type { ProviderView } from '@omnifolio/shared/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCcxtLoaded } from '../../src/connectors/ccxt/load-ccxt.js';
import { READ_ONLY_PERMISSIONS } from '../../src/simulators/binance/binance-sim-account.js';
import { BinanceSimulator } from '../../src/simulators/binance/binance-simulator.js';
import { createBalancesRepository } from '../../src/storage/repositories/balances-repository.js';
import { authedCall, createTestCompanion, type TestCompanion } from '../support/test-companion.js';

const DAY = 86_400_000;
const KEY = `untested-key-${'0'.repeat(51)}`;
const SECRET = `untested-secret-${'0'.repeat(48)}`;

/**
 * The generic "untested" path end to end through the API: the providers list offers every other
 * ccxt exchange (without loading ccxt), and a `ccxt:<id>` connection tests, saves and syncs. Binance
 * US is a ccxt subclass of Binance that speaks the same REST API, so the Binance simulator (real
 * HMAC signing) stands in for it.
 */
describe('an untested ccxt exchange, through the API', () => {
  let sim: BinanceSimulator;
  let t: TestCompanion;
  let token: string;

  const call = authedCall(
    () => t,
    () => token,
  );

  beforeAll(async () => {
    sim = new BinanceSimulator();
    const url = await sim.start();
    sim.addAccount({
      apiKey: KEY,
      secret: SECRET,
      permissions: { ...READ_ONLY_PERMISSIONS },
      balances: [
        { asset: 'BTC', free: '0.12345678', locked: '0.00000002' },
        { asset: 'USDT', free: '1500.5', locked: '0' },
        { asset: 'ETH', free: '0', locked: '0' },
      ],
      trades: [],
      deposits: [],
      withdrawals: [],
    });
    t = await createTestCompanion({ providerUrls: { 'ccxt:binanceus': url } });
    token = await t.pair();
  });
  afterAll(async () => {
    await t.close();
    await sim.stop();
  });

  it('lists the tested providers first, then every other ccxt exchange as untested, without loading ccxt', async () => {
    const { status, body } = await call('/api/providers');
    expect(status).toBe(200);
    const providers = body as ProviderView[];
    const binance = providers.find((p) => p.id === 'binance');
    expect(binance?.tested).toBe(true);
    // Live while a dashboard is open: Binance's user data stream; Coinbase is polled.
    expect(binance?.live).toBe(true);
    expect(providers.find((p) => p.id === 'coinbase')?.live).toBe(false);
    // An untested exchange is live where its ccxt pro class has watchBalance (Deribit), else polled.
    expect(providers.find((p) => p.id === 'ccxt:deribit')?.live).toBe(true);
    const firstUntested = providers.findIndex((p) => !p.tested);
    expect(providers.slice(firstUntested).every((p) => !p.tested && p.id.startsWith('ccxt:'))).toBe(true);
    expect(providers.find((p) => p.id === 'ccxt:bitstamp')).toMatchObject({
      name: 'Bitstamp',
      kind: 'exchange',
      tested: false,
      live: false,
      credentials: [
        { key: 'apiKey', label: 'API key', secret: false },
        { key: 'secret', label: 'Secret', secret: true },
      ],
    });
    expect(providers.find((p) => p.id === 'ccxt:coinbaseexchange')?.credentials.map((c) => c.key)).toEqual(['apiKey', 'secret', 'password']);
    expect(providers.some((p) => p.id === 'ccxt:okx' || p.id === 'ccxt:binance' || p.id === 'ccxt:binanceusdm')).toBe(false);
    expect(isCcxtLoaded()).toBe(false);
  });

  it('the providers list needs the token like every route', async () => {
    const res = await t.request('/api/providers');
    expect(res.status).toBe(401);
  });

  it('tests, saves and syncs a ccxt:<id> connection: balances exact, transfers once, then only what is new', async () => {
    const now = Date.now();
    const deposit = sim.addDeposit(KEY, { coin: 'BTC', amount: '0.5', insertTime: now - 5 * DAY });
    const withdrawal = sim.addWithdrawal(KEY, { coin: 'USDT', amount: '100', transactionFee: '1', applyTime: now - 3 * DAY });
    const input = { providerId: 'ccxt:binanceus', label: 'Binance US', credentials: { apiKey: KEY, secret: SECRET } };

    const tested = await call('/api/connections/test', { method: 'POST', body: input });
    expect(tested.status).toBe(200);
    expect(tested.body.ok).toBe(true);
    expect(tested.body.warnings).toEqual([
      "Omnifolio cannot check this key's permissions on Binance US; make sure it can only read, and never allow withdrawals.",
    ]);

    const created = await call('/api/connections', { method: 'POST', body: input });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ providerId: 'ccxt:binanceus', kind: 'exchange', accounts: [{ type: 'spot', name: 'Binance US Spot' }] });
    await t.core.runner.idle();

    const runs = (await call(`/api/sync-runs?connectionId=${created.body.id}`)).body;
    expect(runs[0]).toMatchObject({ status: 'succeeded', counts: { activities: 2 } });
    const stored = createBalancesRepository(t.core.storage.db)
      .listByConnection(created.body.id)
      .map((b) => [b.assetId, b.free, b.locked, b.total])
      .sort();
    expect(stored).toEqual([
      ['cg:bitcoin', '0.12345678', '0.00000002', '0.1234568'],
      ['cg:tether', '1500.5', '0', '1500.5'],
    ]);
    const references = t.core.storage.sqlite.prepare('select provider_ref from activities order by provider_ref').pluck().all();
    expect(references).toEqual([`deposit:${deposit.id}`, `withdrawal:${withdrawal.id}`]);

    const later = sim.addDeposit(KEY, { coin: 'USDT', amount: '250', insertTime: Date.now() - 1000 });
    const again = await call(`/api/connections/${created.body.id}/sync`, { method: 'POST' });
    expect(again.status).toBe(202);
    await t.core.runner.idle();
    expect((await call(`/api/sync-runs/${again.body.id}`)).body).toMatchObject({ status: 'succeeded', counts: { activities: 1 } });
    expect(t.core.storage.sqlite.prepare('select provider_ref from activities order by provider_ref').pluck().all()).toEqual([
      `deposit:${deposit.id}`,
      `deposit:${later.id}`,
      `withdrawal:${withdrawal.id}`,
    ]);
  }, 60_000);
});
