import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BitgetSimulator } from '../../src/simulators/bitget/bitget-simulator.js';
import { bitgetDemoAccount } from '../../src/simulators/bitget/demo-account.js';
import { kucoinDemoAccount } from '../../src/simulators/kucoin/demo-account.js';
import { KucoinSimulator } from '../../src/simulators/kucoin/kucoin-simulator.js';
import { createBalancesRepository } from '../../src/storage/repositories/balances-repository.js';
import { createPositionsRepository } from '../../src/storage/repositories/positions-repository.js';
import { authedCall, createTestCompanion, type TestCompanion } from '../support/test-companion.js';

/**
 * KuCoin and Bitget through the companion as a user adds them: test the key, save the
 * connection, and its first sync stores every wallet's balances, the open positions and the
 * history, then a second sync brings nothing new. The connectors' own tests check the values;
 * this checks the path from the API through the sync runner into storage.
 */
describe('KuCoin and Bitget connections through the API', () => {
  const kucoin = new KucoinSimulator({
    // A first KuCoin sync waits about 30 s for its management pool to refill (kucoin-connector.test.ts
    // shows it on a test clock); this test runs on the real clock and is about the companion's path.
    poolQuotas: { management: 4_000 },
  });
  const bitget = new BitgetSimulator();
  let t: TestCompanion;
  let token: string;

  const call = authedCall(
    () => t,
    () => token,
  );

  beforeAll(async () => {
    t = await createTestCompanion({ providerUrls: { kucoin: await kucoin.start(), bitget: await bitget.start() } });
    token = await t.pair();
  });
  afterAll(async () => {
    await t.close();
    await Promise.all([kucoin.stop(), bitget.stop()]);
  });

  for (const { providerId, label, account, wallets, positions } of [
    // KuCoin: funding, trading, cross margin, isolated margin, futures, Earn, and the Unified
    // Trading Account (listed for every key; it holds funds only once the user switches to it).
    { providerId: 'kucoin', label: 'KuCoin', account: kucoin.addAccount(kucoinDemoAccount(Date.now())), wallets: 7, positions: 3 },
    // Bitget: spot, funding, cross margin, isolated margin, Savings, USDT-M, COIN-M, USDC-M.
    { providerId: 'bitget', label: 'Bitget', account: bitget.addAccount(bitgetDemoAccount(Date.now())), wallets: 8, positions: 3 },
  ]) {
    it(`${label}: tests, saves and syncs a connection; a second sync adds nothing`, async () => {
      const input = { providerId, label: `My ${label}`, credentials: { apiKey: account.apiKey, secret: account.secret, passphrase: account.passphrase } };
      const tested = await call('/api/connections/test', { method: 'POST', body: input });
      expect([tested.status, tested.body.ok, tested.body.warnings]).toEqual([200, true, []]);
      const created = await call('/api/connections', { method: 'POST', body: input });
      expect(created.status).toBe(201);
      expect(created.body.accounts).toHaveLength(wallets);
      await t.core.runner.idle();
      const [run] = (await call(`/api/sync-runs?connectionId=${created.body.id}`)).body;
      expect(run.status, JSON.stringify(run)).toBe('succeeded');
      expect(run.counts.activities).toBeGreaterThan(50);
      expect(createBalancesRepository(t.core.storage.db).listByConnection(created.body.id).length).toBeGreaterThan(8);
      expect(
        createPositionsRepository(t.core.storage.db)
          .listAll()
          .filter((p) => p.connectionId === created.body.id),
      ).toHaveLength(positions);

      const again = await call(`/api/connections/${created.body.id}/sync`, { method: 'POST' });
      expect(again.status).toBe(202);
      await t.core.runner.idle();
      expect((await call(`/api/sync-runs/${again.body.id}`)).body).toMatchObject({ status: 'succeeded', counts: { activities: 0 } });
    }, 120_000);
  }
});
