import { AuthError, PermissionError, RateLimitedError, UnavailableError } from '@omnifolio/shared/errors';
import { type Decimal, dec, toDecimalString } from '@omnifolio/shared/money';
import { afterEach, describe, expect, it } from 'vitest';
import { activityDeltas } from '../../engine/activity-deltas.js';
import { createTestClock } from '../../simulators/framework/test-clock.js';
import { krakenDemoAccount } from '../../simulators/kraken/demo-account.js';
import { KRAKEN_TIERS } from '../../simulators/kraken/kraken-call-counter.js';
import { signKrakenRequest } from '../../simulators/kraken/kraken-signature.js';
import type { KrakenSimAccount } from '../../simulators/kraken/kraken-sim-account.js';
import { KrakenSimulator } from '../../simulators/kraken/kraken-simulator.js';
import { createTestContext, runActivityPass } from '../contract-suite.js';
import { krakenAsset } from './kraken-assets.js';
import { createKrakenConnector } from './kraken-connector.js';

const clock = createTestClock();
const connector = createKrakenConnector({ clock, config: { rateLimit: 1, timeout: 500 } });
const simulators: KrakenSimulator[] = [];
afterEach(async () => {
  await Promise.all(simulators.splice(0).map((s) => s.stop()));
});

let keys = 0;
async function setup(overrides: Partial<KrakenSimAccount> = {}) {
  const sim = new KrakenSimulator({ clock });
  simulators.push(sim);
  const baseUrl = await sim.start();
  // A key of its own per test: Kraken's nonce and call counter are per key.
  keys += 1;
  const account = sim.addAccount({ ...krakenDemoAccount(clock.now()), apiKey: `kraken-test-key-${keys}`, ...overrides });
  const credentials = { apiKey: account.apiKey, secret: account.secret };
  const context = (cursors: ReadonlyMap<string, string> = new Map()) => createTestContext({ credentials, baseUrls: { kraken: baseUrl }, cursors });
  /** Another program using the same key, signing as Kraken documents it. */
  const otherProgram = async (method: string, nonce: string) => {
    const body = `nonce=${nonce}`;
    const res = await fetch(`${baseUrl}/0/private/${method}`, {
      method: 'POST',
      headers: {
        'API-Key': account.apiKey,
        'API-Sign': signKrakenRequest(account.secret, `/0/private/${method}`, nonce, body),
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body,
    });
    return (await res.json()) as { error: string[] };
  };
  return { sim, account, context, otherProgram };
}

describe('Kraken asset codes', () => {
  it('drop the legacy X/Z prefixes, rename XBT and XDG, and tell Earn suffixes apart', () => {
    expect(
      ['XXBT', 'XBT.M', 'ZUSD', 'XETH', 'ETH2.S', 'XXDG', 'DOT.S', 'USDC', 'XTZ', 'ZRX', 'ZEUR'].map((c) => [krakenAsset(c).symbol, krakenAsset(c).earnSuffix]),
    ).toEqual([
      ['BTC', undefined],
      ['BTC', 'M'],
      ['USD', undefined],
      ['ETH', undefined],
      ['ETH', 'S'],
      ['DOGE', undefined],
      ['DOT', 'S'],
      ['USDC', undefined],
      ['XTZ', undefined],
      ['ZRX', undefined],
      ['EUR', undefined],
    ]);
  });
});

describe('Kraken key permissions', () => {
  it('refuses a key that can withdraw, flags one that can trade, and names read permissions it lacks', async () => {
    const withdraw = await setup({ permissions: ['query-funds', 'withdraw-funds'] });
    const refused = await connector.test(withdraw.context()).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(PermissionError);
    expect((refused as PermissionError).shortMessage).toMatch(/can withdraw funds/);
    const trade = await setup({ permissions: ['query-funds', 'query-open-trades', 'query-closed-trades', 'query-ledger', 'modify-trades'] });
    expect((await connector.test(trade.context())).warnings).toEqual([
      'This Kraken key can also place orders or move funds into Earn; it will work, but a key with only the "Query" permissions is safer.',
    ]);
    const noLedger = await setup({ permissions: ['query-funds', 'query-open-trades', 'query-closed-trades'] });
    expect((await connector.test(noLedger.context())).warnings).toEqual([
      'This Kraken key lacks Query Ledger Entries (deposits, withdrawals, rewards, fees); Omnifolio cannot read that part until you add the permission.',
    ]);
    const readOnly = await setup();
    expect((await connector.test(readOnly.context())).warnings).toEqual([]);
  });

  it('names the permission a refused call needs (EGeneral:Permission denied)', async () => {
    const { context } = await setup({ permissions: ['query-funds', 'query-open-trades', 'query-closed-trades'] });
    const error = await runActivityPass(connector, (c) => context(c), new Map()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermissionError);
    expect((error as PermissionError).shortMessage).toBe('This Kraken key may not use Ledgers: edit the key on Kraken and tick "Query Ledger Entries".');
  });
});

describe('Kraken history', () => {
  it('replays the ledger into balance changes that match Kraken’s own signed amounts, spot and earn, in and out', async () => {
    const { account, context } = await setup();
    const { activities } = await runActivityPass(connector, (c) => context(c), new Map());
    const sum = (m: Map<string, Decimal>, key: string, delta: Decimal | string) => m.set(key, (m.get(key) ?? dec('0')).plus(delta));
    const moved = new Map<string, Decimal>();
    for (const [id, a] of activities.entries()) {
      if (!a.providerRef.startsWith('ledger:')) continue;
      for (const d of activityDeltas({
        id,
        accountId: a.accountKey,
        type: a.type,
        executedAt: a.executedAt,
        assetId: a.asset,
        quantity: a.quantity,
        quoteAssetId: a.quoteAsset,
        price: a.price,
        fee: a.fee,
        feeAssetId: a.feeAsset,
      }))
        sum(moved, `${d.accountId} ${d.assetId}`, d.delta);
    }
    // Expected from the simulator's ledger: every entry but trades (read from TradesHistory) moved
    // `amount` − `fee` in the wallet its asset code names (a suffix is Earn), as Kraken books it.
    const wallets: Record<string, [string, string]> = {
      ZUSD: ['spot', 'USD'],
      XXBT: ['spot', 'BTC'],
      XETH: ['spot', 'ETH'],
      DOT: ['spot', 'DOT'],
      'DOT.S': ['earn', 'DOT'],
      'ETH.F': ['earn', 'ETH'],
    };
    const expected = new Map<string, Decimal>();
    for (const entry of Object.values(account.ledger)) {
      if (entry.type === 'trade') continue;
      const [wallet, asset] = wallets[entry.asset] ?? ['unknown', entry.asset];
      sum(expected, `${wallet} ${asset}`, dec(entry.amount).minus(entry.fee));
    }
    const asStrings = (m: Map<string, Decimal>) => Object.fromEntries([...m].filter(([, v]) => !v.isZero()).map(([k, v]) => [k, toDecimalString(v)]));
    expect(asStrings(moved)).toEqual(asStrings(expected));
    // Earn's history adds up to what Kraken says is allocated now.
    const allocations = account.allocations as { native_asset: string; amount_allocated: { total: { native: string } } }[];
    for (const allocation of allocations.filter((a) => a.native_asset !== 'XBT')) {
      expect(toDecimalString(moved.get(`earn ${allocation.native_asset}`) ?? dec('0'))).toBe(toDecimalString(allocation.amount_allocated.total.native));
    }
  });

  it('reads the ledger by type: trades left to TradesHistory, margin results signed, transfers signed per wallet, rewards in the staked asset', async () => {
    const { context } = await setup();
    const { activities } = await runActivityPass(connector, (c) => context(c), new Map());
    const ledger = activities.filter((a) => a.providerRef.startsWith('ledger:'));
    // Kraken serves the ledger newest first; the order of records does not matter to the store.
    const sorted = (rows: unknown[][]) => rows.map((r) => JSON.stringify(r)).sort();
    expect(sorted(ledger.map((a) => [a.providerRef.slice(7), a.accountKey, a.type, a.asset, a.quantity, a.fee]))).toEqual(
      sorted([
        // A margin loss is a negative result, not a fee; its fee stays the fee.
        ['LB2MNC-XWKJA-7E2KH3', 'spot', 'realized_pnl', 'USD', '-45.25', '1.05'],
        ['LR4Y7I-CYVAT-SZCO57', 'spot', 'realized_pnl', 'USD', '120.5', '2.1'],
        ['LFUT7X-9QW3E-TOFUT1', 'spot', 'transfer', 'USD', '-1000', null],
        ['LTUYVC-ZKAGM-2AYYBC', 'spot', 'fee', 'USD', '0.54', null],
        ['LO3Q4W-UGOIK-MZW2A6', 'spot', 'withdrawal', 'ETH', '0.5', '0.0035'],
        ['LED2QX-5ZK2P-DEALC2', 'spot', 'transfer', 'ETH', '0.25', null],
        ['LED1QX-5ZK2P-DEALC1', 'earn', 'transfer', 'ETH', '-0.25', null],
        ['LMXD4I-QN3HR-5CHU4N', 'earn', 'reward', 'ETH', '0.00081234', null],
        ['LEA2QX-5ZK2P-ALLOC2', 'earn', 'transfer', 'ETH', '1.75', null],
        ['LEA1QX-5ZK2P-ALLOC1', 'spot', 'transfer', 'ETH', '-1.75', null],
        ['LBIO6H-4WCQO-KXEHTO', 'earn', 'reward', 'DOT', '0.84981', null],
        ['LJZWQE-2KJ4Q-RVVRSL', 'earn', 'reward', 'DOT', '0.85123', null],
        // Both legs of the move into staking share a time; Kraken lists them by id, newest first.
        ['LWD3GY-7RTJ6-ZPSLTO', 'spot', 'transfer', 'DOT', '-250', null],
        ['L5YZSL-2YWEW-WAJDDS', 'earn', 'transfer', 'DOT', '250', null],
        ['LQ2UNG-4MWIR-5BDE3T', 'spot', 'deposit', 'DOT', '250', null],
        ['LKHR7G-3VVYW-AGO2XA', 'spot', 'deposit', 'BTC', '1.25', null],
        ['L4UESK-KG3EQ-UFO4T5', 'spot', 'deposit', 'USD', '20000', null],
      ]),
    );
    const trades = activities.filter((a) => a.providerRef.startsWith('trade:'));
    expect(trades).toHaveLength(120);
    expect(trades.at(-1)).toMatchObject({ type: 'buy', asset: 'BTC', quoteAsset: 'USD', quantity: '0.0025', price: '90000.1', fee: '0.585', feeAsset: 'USD' });
  });

  it('reads a history of exactly one full page (50 trades) once, asking one more page to learn it ended', async () => {
    const { sim, account, context } = await setup({ ledger: {} });
    account.trades = Object.fromEntries(
      Object.entries(account.trades)
        .filter(([, t]) => t.margin === '0.00000')
        .slice(0, 50),
    );
    const cursors = new Map<string, string>();
    const first = await runActivityPass(connector, (c) => context(c), cursors);
    expect(new Set(first.activities.map((a) => a.providerRef)).size).toBe(50);
    expect(first.activities).toHaveLength(50);
    expect(sim.requests.to('/0/private/TradesHistory')).toHaveLength(2);
    expect((await runActivityPass(connector, (c) => context(c), cursors)).activities).toEqual([]);
  });

  it('pages with exclusive `end` times, stays under the Starter call counter by waiting, and reads only new pages next time', async () => {
    const { sim, account, context } = await setup();
    const before = clock.sleeps.length;
    const cursors = new Map<string, string>();
    await runActivityPass(connector, (c) => context(c), cursors);
    const trades = sim.requests.to('/0/private/TradesHistory');
    expect(trades).toHaveLength(3);
    // 3 TradesHistory and 1 Ledgers call at 2 each stay under 15; a second pass brings the counter over and must wait.
    sim.requests.clear();
    await runActivityPass(connector, (c) => context(c), cursors);
    await runActivityPass(connector, (c) => context(c), cursors);
    await runActivityPass(connector, (c) => context(c), cursors);
    // Kraken answers a refusal with HTTP 200 and an error, which would have failed a pass; none did, because the connector waited.
    expect(clock.sleeps.length).toBeGreaterThan(before);
    expect(sim.counterOf(account.apiKey)).toBeLessThanOrEqual(15);
    expect(sim.requests.to('/0/private/TradesHistory')).toHaveLength(3);
  });
});

describe('Kraken errors', () => {
  it('keeps nonces increasing across overlapping calls, and names a nonce another program advanced', async () => {
    const { context, otherProgram } = await setup();
    await expect(
      Promise.all([connector.fetchBalances(context()), connector.fetchBalances(context()), connector.fetchBalances(context())]),
    ).resolves.toHaveLength(3);
    // Another program signs with microseconds, far above our milliseconds.
    expect((await otherProgram('BalanceEx', String(clock.now() * 1000))).error).toEqual([]);
    const error = await connector.fetchBalances(context()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).shortMessage).toMatch(/another program has used this API key/);
  });

  it('turns a counter filled by another program (EAPI:Rate limit exceeded) into RateLimitedError with the drain time', async () => {
    const { context, otherProgram } = await setup({ tier: KRAKEN_TIERS.starter });
    let nonce = clock.now() - 10_000;
    for (let i = 0; i < 7; i += 1) {
      nonce += 1;
      await otherProgram('Ledgers', String(nonce));
    }
    const error = await connector.fetchBalances(context()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBe(45_455);
  });

  it('turns a cut-off body, a request that never ends and a 504 into UnavailableError', async () => {
    const { sim, context } = await setup();
    sim.faults.push({ kind: 'malformedJson', path: '/0/private/BalanceEx' });
    await expect(connector.fetchBalances(context())).rejects.toBeInstanceOf(UnavailableError);
    sim.faults.push({ kind: 'timeout', path: '/0/private/Earn/Allocations' });
    await expect(connector.fetchBalances(context())).rejects.toBeInstanceOf(UnavailableError);
    sim.faults.push({ kind: 'status', status: 504, path: '/0/private/Ledgers' });
    await expect(runActivityPass(connector, (c) => context(c), new Map())).rejects.toBeInstanceOf(UnavailableError);
  });

  it('says maintenance (EService:Unavailable) and overload (EService:Busy) apart, and rejects an unknown key', async () => {
    const { sim, context } = await setup();
    sim.maintenance = true;
    const down = await connector.fetchBalances(context()).catch((e: unknown) => e);
    expect(down).toBeInstanceOf(UnavailableError);
    expect((down as UnavailableError).shortMessage).toMatch(/maintenance/);
    sim.maintenance = false;
    sim.busy = true;
    expect(((await connector.fetchBalances(context()).catch((e: unknown) => e)) as UnavailableError).shortMessage).toMatch(/overloaded/);
    sim.busy = false;
    const unknown = createTestContext({
      credentials: { apiKey: 'not-a-kraken-key', secret: Buffer.alloc(64, 2).toString('base64') },
      baseUrls: { kraken: sim.baseUrl },
    });
    expect(((await connector.fetchBalances(unknown).catch((e: unknown) => e)) as AuthError).shortMessage).toMatch(/does not know this API key/);
  });
});
