import { Decimal, dec } from '@omnifolio/shared/money';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { htxAccountChangeActivities, htxFuturesBillActivities } from '../../src/connectors/htx/htx-futures-bills.js';
import { htxLedgerTransferActivities } from '../../src/connectors/htx/htx-spot-ledger.js';
import { type CoinGeckoSimulator, createCoinGeckoSimulator } from '../../src/simulators/coingecko/coingecko-simulator.js';
import { loadDemoPrices } from '../../src/simulators/coingecko/demo-prices.js';
import { htxDemoAccount } from '../../src/simulators/htx/demo-account.js';
import { HtxSimulator } from '../../src/simulators/htx/htx-simulator.js';
import { authedCall, createTestCompanion, type TestCompanion } from '../support/test-companion.js';

// Written out here, not imported, so the expectation does not share code with the product.
const COINGECKO_IDS: Record<string, string> = { BTC: 'bitcoin', ETH: 'ethereum', USDT: 'tether', DOGE: 'dogecoin', XRP: 'ripple' };

/**
 * HTX through the API, as the extension drives it: a key that can withdraw is refused, a
 * read-only one is tested, saved and synced against the HTX simulator (signature v2 re-derived,
 * 48-hour trade windows, rate limits at ccxt's real pace), priced against the CoinGecko
 * simulator, and the overview's total equals the demo account valued here.
 */
describe('HTX → SQLite → overview, through the API', () => {
  let htx: HtxSimulator;
  let coingecko: CoinGeckoSimulator;
  let t: TestCompanion;
  let token: string;
  const account = htxDemoAccount(Date.now());

  const call = authedCall(
    () => t,
    () => token,
  );

  beforeAll(async () => {
    htx = new HtxSimulator();
    htx.addAccount(account);
    htx.addAccount({
      ...htxDemoAccount(Date.now()),
      apiKey: 'htx-withdraw-key-0000',
      secret: 'htx-withdraw-secret-0000',
      uid: 1_234,
      permission: 'readOnly,trade,withdraw',
    });
    coingecko = createCoinGeckoSimulator({ rateLimitPerMinute: Number.POSITIVE_INFINITY });
    const [h, c] = await Promise.all([htx.start(), coingecko.start()]);
    t = await createTestCompanion({ providerUrls: { htx: h, coingecko: c } });
    token = await t.pair();
  });
  afterAll(async () => {
    await t.close();
    await Promise.all([htx.stop(), coingecko.stop()]);
  });

  it('refuses a key that can withdraw', async () => {
    const res = await call('/api/connections', {
      method: 'POST',
      body: { providerId: 'htx', label: 'Risky', credentials: { apiKey: 'htx-withdraw-key-0000', secret: 'htx-withdraw-secret-0000' } },
    });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('permission_too_broad');
    expect((await call('/api/connections')).body).toEqual([]);
  });

  it('tests, saves and syncs a read-only key; the total is exact and every settled record is stored', async () => {
    const credentials = { apiKey: account.apiKey, secret: account.secret };
    const tested = await call('/api/connections/test', { method: 'POST', body: { providerId: 'htx', label: 'HTX', credentials } });
    // Spot, cross margin, isolated margin, OTC, USDT-M, coin-margined swaps and coin-margined delivery.
    expect(tested).toEqual({ status: 200, body: { ok: true, warnings: [], accounts: 7 } });
    expect((await call('/api/connections', { method: 'POST', body: { providerId: 'htx', label: 'HTX', credentials } })).status).toBe(201);
    await t.core.runner.idle();

    // Every balance row but the point card's (free, frozen, and the negative loan and interest),
    // plus the USDT-M equity and the coin-margined margin balance.
    const quantities = [
      ...account.accounts.filter((a) => a.type !== 'point').flatMap((a) => a.list.map((row) => [row.currency.toUpperCase(), row.balance] as const)),
      ...account.linearBalance.details.map((d) => [String(d.currency), String(d.equity)] as const),
      ...(account.inverseSwaps?.accounts ?? []).map((a) => [String(a.symbol), String(a.margin_balance)] as const),
      ...(account.deliveryFutures?.accounts ?? []).map((a) => [String(a.symbol), String(a.margin_balance)] as const),
    ];
    const prices = loadDemoPrices().prices;
    let usd = new Decimal(0);
    let chf = new Decimal(0);
    for (const [asset, quantity] of quantities) {
      const price = prices[COINGECKO_IDS[asset] ?? ''];
      if (price === undefined) throw new Error(`no demo price for ${asset}`);
      usd = usd.plus(new Decimal(quantity).mul(price.usd as string));
      chf = chf.plus(new Decimal(quantity).mul(price.chf as string));
    }
    const overview = (await call('/api/overview')).body;
    expect(overview.total).toEqual({ usd: usd.toFixed(), chf: chf.toFixed() });
    expect(overview.connections[0]).toMatchObject({ label: 'HTX', status: 'ok', lastSync: { status: 'succeeded' } });

    const settled = account.transfers.filter((r) => (r.type === 'deposit' ? ['confirmed', 'safe'] : ['confirmed']).includes(r.state)).length;
    // What the bills and the spot ledger become is the mappers' business, checked against HTX's
    // own records in htx-futures-bills.test.ts and the contract; here: the pipeline stores all of it.
    const bills = (account.linearBills ?? []).flatMap((b) =>
      htxFuturesBillActivities(b as unknown as Record<string, unknown>, { futuresKey: 'usdt-m', spotKey: 'spot' }),
    ).length;
    const ledger = (account.spotLedger ?? []).flatMap(({ recordId: _recordId, ...row }) =>
      htxLedgerTransferActivities(row as unknown as Record<string, unknown>),
    ).length;
    const records = [...(account.inverseSwaps?.records ?? []), ...(account.deliveryFutures?.records ?? [])].flatMap((r) =>
      htxAccountChangeActivities(
        { id: r.id, type: r.type, currency: r.symbol, amount: r.amount, time: Number(r.ts), raw: r },
        { futuresKey: 'coin-m', spotKey: 'spot', refPrefix: 'record' },
      ),
    ).length;
    // One interest fee per loan that has accrued any (htx-margin-loans.ts).
    const loans = [...(account.loanOrders?.cross ?? []), ...(account.loanOrders?.isolated ?? [])].filter(
      (l) => (l.state === 'accrual' || l.state === 'cleared') && !dec(l['interest-amount']).isZero(),
    ).length;
    const runs = (await call('/api/sync-runs')).body;
    expect(runs[0]).toMatchObject({
      status: 'succeeded',
      counts: {
        activities: account.trades.length + settled + bills + ledger + records + loans,
        positions: account.linearPositions.length + (account.inverseSwaps?.positions.length ?? 0) + (account.deliveryFutures?.positions.length ?? 0),
      },
    });
  }, 60_000);
});
