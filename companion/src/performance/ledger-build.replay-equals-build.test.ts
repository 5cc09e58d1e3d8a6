import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dec } from '@omnifolio/shared/money';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../engine/local-day.js';
import { createDailyPriceStore } from '../history/daily-price-store.js';
import { createLedgerReader } from '../history/ledger-reader.js';
import { openStorage, type Storage } from '../storage/database.js';
import { createAccountsRepository } from '../storage/repositories/accounts-repository.js';
import { createConnectionsRepository } from '../storage/repositories/connections-repository.js';
import { createBaseCurrencyConversion } from './base-currency-conversion.js';
import { buildLedgerFromDatabase, checkpointInstant, type LedgerBuildRequest, replayLedger } from './ledger-build.js';
import { createPriceLookup } from './performance-series.js';

const FIRST = '2026-03-01';
const TODAY = '2026-04-30';
const day = (n: number) => addDays(FIRST, n);
const at = (n: number, time: string) => `${day(n)}T${time}.000Z`;

/*
 * A sync replays the ledger's last week from its checkpoint instead of building it from the
 * first activity (ledger-build.ts). This checks the replay against a full build on a real
 * SQLite file, in Zurich time, with two months of activity on three accounts:
 *   - Binance buys BTC every day (fee in USDT) and sells some every third day; Kraken buys ETH
 *     with the fee taken in ETH and sells every seventh day; a trade quoted in a token without
 *     closes cannot be valued; USDT deposits on the first day and the 30th.
 *   - 0.05 BTC leaves Binance the evening before the checkpoint and arrives in the cold wallet
 *     after it: the two sides of one transfer fall on either side of the split.
 * Then a sync stores two more days of trades, and the wallet's arrival, which the wallet's own
 * sync brings late: new to the ledger, but before trades it already had.
 */
describe('the ledger replayed from its checkpoint', () => {
  let dir: string;
  let storage: Storage;
  let request: LedgerBuildRequest;
  let insert: (
    account: string,
    ref: string,
    type: string,
    executedAt: string,
    asset: string,
    quantity: string,
    quote?: string,
    price?: string,
    fee?: string,
    feeAsset?: string,
  ) => void;
  const accounts: Record<'binance' | 'kraken' | 'wallet', string> = { binance: '', kraken: '', wallet: '' };
  const btc = (n: number) => String(60_000 + ((n * 137) % 5_000));
  const eth = (n: number) => String(3_000 + ((n * 53) % 400));

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'omnifolio-replay-'));
    storage = openStorage(join(dir, 'omnifolio.sqlite'));
    const { db, sqlite } = storage;
    for (const [name, kind] of [
      ['binance', 'exchange'],
      ['kraken', 'exchange'],
      ['wallet', 'wallet'],
    ] as const) {
      const connection = createConnectionsRepository(db).insert({ kind, providerId: name === 'wallet' ? 'evm' : name, label: name, secretId: null });
      accounts[name] = createAccountsRepository(db)
        .ensure(connection.id, [{ key: 'main', type: 'spot', name }])
        .get('main')!;
    }
    const statement = sqlite.prepare(
      'INSERT INTO activities (account_id, provider_ref, type, executed_at, asset, quantity, quote_asset, price, fee, fee_asset) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    insert = (account, ref, type, executedAt, asset, quantity, quote, price, fee, feeAsset) =>
      void statement.run(account, ref, type, executedAt, asset, quantity, quote ?? null, price ?? null, fee ?? null, feeAsset ?? null);

    const days = Array.from({ length: 61 }, (_, n) => n);
    createDailyPriceStore(sqlite, 'coingecko:daily').write(
      days.flatMap((n) =>
        (['usd', 'chf'] as const).flatMap((quote) => [
          { assetId: 'cg:tether', quote, day: day(n), price: '1' },
          { assetId: 'cg:bitcoin', quote, day: day(n), price: btc(n) },
          { assetId: 'cg:ethereum', quote, day: day(n), price: eth(n) },
        ]),
      ),
      `${TODAY}T00:00:00.000Z`,
    );

    insert(accounts.binance, 'd0', 'deposit', at(0, '08:00:00'), 'USDT', '100000');
    insert(accounts.kraken, 'd1', 'deposit', at(0, '08:30:00'), 'USDT', '50000');
    insert(accounts.binance, 'd30', 'deposit', at(30, '08:00:00'), 'USDT', '20000');
    for (let n = 0; n <= 57; n++) tradeDay(n);
    // The checkpoint is at the start of 04-23 in Zurich (22:00 UTC on 04-22): the transfer leaves before it.
    insert(accounts.binance, 'w-cold', 'withdrawal', at(52, '21:00:00'), 'BTC', '0.05');
    insert(accounts.binance, 'x-unpriced', 'buy', at(20, '12:00:00'), 'BTC', '0.001', 'XYZ', '1000');

    request = {
      dbPath: join(dir, 'omnifolio.sqlite'),
      dailyPriceSource: 'coingecko:daily',
      currency: 'USD',
      timeZone: 'Europe/Zurich',
      today: TODAY,
      perUsdNow: null,
      rates: null,
    };
  });
  afterAll(() => {
    storage.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function tradeDay(n: number) {
    const qty = (0.01 + (n % 5) * 0.003).toFixed(3);
    insert(accounts.binance, `b${n}`, 'buy', at(n, '10:00:00'), 'BTC', qty, 'USDT', btc(n), (Number(qty) * Number(btc(n)) * 0.001).toFixed(4), 'USDT');
    if (n % 3 === 2) insert(accounts.binance, `s${n}`, 'sell', at(n, '15:30:00'), 'BTC', '0.017', 'USDT', btc(n), '1.02', 'USDT');
    insert(accounts.kraken, `e${n}`, 'buy', at(n, '11:00:00'), 'ETH', '0.3', 'USDT', eth(n), '0.0003', 'ETH');
    if (n % 7 === 6) insert(accounts.kraken, `f${n}`, 'sell', at(n, '16:00:00'), 'ETH', '1.1', 'USDT', eth(n));
  }

  const replayFrom = (previous: ReturnType<typeof buildLedgerFromDatabase>) => {
    const store = createDailyPriceStore(storage.sqlite, request.dailyPriceSource);
    const conversion = createBaseCurrencyConversion({ currency: 'USD', referenceRates: null, perUsdNow: null, fromDay: () => TODAY, toDay: TODAY });
    const since = createLedgerReader(storage.sqlite).since(previous.checkpoint.at);
    return replayLedger(
      previous.checkpoint,
      since,
      createPriceLookup((id) => store.load(id)),
      conversion,
      request.timeZone,
    );
  };

  it('puts its checkpoint at the start of the local day a week back', () => {
    expect(checkpointInstant(TODAY, 'Europe/Zurich')).toBe('2026-04-22T22:00:00.000Z');
    const built = buildLedgerFromDatabase(storage.sqlite, request);
    // 3 deposits, 58 days × 2 buys, sells on 19 days and 8 days, the withdrawal and the unpriced buy: 148 in all.
    expect(built.checkpoint.activitiesBefore + createLedgerReader(storage.sqlite).since(built.checkpoint.at).length).toBe(148);
    expect(built.checkpoint.flows.openOuts.map((o) => o.executedAt)).toEqual([at(52, '21:00:00')]);
    expect(built.unvaluedTrades).toBe(1);
  });

  it('gives what a full build gives after a sync, the late arrival of a transfer included', () => {
    const before = buildLedgerFromDatabase(storage.sqlite, request);
    // Before the arrival, the withdrawal is a flow out of 0.05 BTC at the close of 04-22.
    expect([...before.flows.byDay]).toEqual([
      [day(0), '150000'],
      [day(30), '20000'],
      [day(52), dec(btc(52)).mul('-0.05').toString()],
    ]);
    expect(before.flows.unvalued).toEqual([]);

    tradeDay(58);
    tradeDay(59);
    insert(accounts.wallet, 'd-cold', 'deposit', at(53, '06:00:00'), 'BTC', '0.05');
    const replayed = replayFrom(before);
    expect(replayed).toEqual(buildLedgerFromDatabase(storage.sqlite, request));
    expect(replayed.flows.internalTransfers).toHaveLength(1);
    expect(replayed.flows.byDay.has(day(52))).toBe(false);
    // Days 58 and 59 (04-28, 04-29) bring one sell.
    expect(replayed.lots.closedTrades.length).toBe(before.lots.closedTrades.length + 1);
    expect(replayed.throughId).toBeGreaterThan(before.throughId);
  });
});
