import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { AuthError, PermissionError, RateLimitedError, UnavailableError } from '@omnifolio/shared/errors';
import { type Decimal, dec, toDecimalString } from '@omnifolio/shared/money';
import { afterEach, describe, expect, it } from 'vitest';
import { activityDeltas } from '../../engine/activity-deltas.js';
import type { CoinbaseSimAccount, CoinbaseWireFill, CoinbaseWireTransaction } from '../../simulators/coinbase/coinbase-sim-account.js';
import { CoinbaseSimulator } from '../../simulators/coinbase/coinbase-simulator.js';
import { coinbaseDemoAccount, coinbaseWallet, DEMO_INTX_PORTFOLIO, DEMO_WALLETS } from '../../simulators/coinbase/demo-account.js';
import { createTestClock } from '../../simulators/framework/test-clock.js';
import { createTestContext, runActivityPass } from '../contract-suite.js';
import { createCoinbaseConnector } from './coinbase-connector.js';

interface CcxtCase {
  description: string;
  httpResponse: Record<string, unknown>;
  parsedResponse: unknown;
}
const ccxtCoinbase = JSON.parse(readFileSync(new URL('../../../test/fixtures/coinbase/ccxt-coinbase.json', import.meta.url), 'utf8')) as {
  methods: Record<string, CcxtCase[]>;
};
const ccxtCase = (method: string, description: string) => ccxtCoinbase.methods[method]?.find((c) => c.description === description) as CcxtCase;

const clock = createTestClock();
const connector = createCoinbaseConnector({ clock, config: { rateLimit: 1, timeout: 500 } });
const simulators: CoinbaseSimulator[] = [];
afterEach(async () => {
  await Promise.all(simulators.splice(0).map((s) => s.stop()));
});

async function setup(overrides: Partial<CoinbaseSimAccount> = {}) {
  const sim = new CoinbaseSimulator({ clock });
  simulators.push(sim);
  const baseUrl = await sim.start();
  const account = sim.addAccount({ ...coinbaseDemoAccount(clock.now()), ...overrides });
  const credentials = { apiKey: account.keyName, secret: account.privateKeyPem };
  const context = (cursors: ReadonlyMap<string, string> = new Map(), creds: Record<string, string> = credentials) =>
    createTestContext({ credentials: creds, baseUrls: { coinbase: baseUrl }, cursors });
  return { sim, account, context, credentials };
}

describe('Coinbase key permissions', () => {
  it('refuses a key that can transfer funds and flags one that can trade', async () => {
    const base = coinbaseDemoAccount(clock.now()).permissions;
    const transfer = await setup({ permissions: { ...base, can_transfer: true, can_trade: true } });
    const refused = await connector.test(transfer.context()).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(PermissionError);
    expect((refused as PermissionError).shortMessage).toMatch(/transfer funds.*"View" permission/);
    const trade = await setup({ permissions: { ...base, can_trade: true } });
    expect((await connector.test(trade.context())).warnings).toEqual([
      'This Coinbase key can also trade; it will work, but a key with only the "View" permission is safer.',
    ]);
    const readOnly = await setup();
    expect(await connector.test(readOnly.context())).toEqual({
      accounts: [
        { key: 'spot', type: 'spot', name: 'Coinbase' },
        { key: 'vault', type: 'funding', name: 'Coinbase Vaults' },
        { key: 'staking', type: 'earn', name: 'Coinbase Staking' },
        { key: 'perps', type: 'futures', name: 'Coinbase Perpetuals' },
        { key: 'futures', type: 'futures', name: 'Coinbase Futures (US)' },
      ],
      warnings: [],
    });
  });
});

describe('Coinbase US futures', () => {
  it('are left out, without an error, for a user outside the US (Coinbase answers 404)', async () => {
    const { sim, context } = await setup({ cfmBalanceSummary: undefined });
    expect((await connector.accounts(context())).map((a) => a.key)).toEqual(['spot', 'vault', 'staking', 'perps']);
    expect((await connector.fetchBalances(context())).some((b) => b.accountKey === 'futures')).toBe(false);
    expect(((await connector.fetchPositions?.(context())) ?? []).map((p) => p.symbol)).toEqual(['ADA-PERP-INTX', 'BTC-PERP-INTX']);
    expect(sim.requests.to('/api/v3/brokerage/cfm/positions').map((e) => e.status)).toEqual([404]);
  });

  it('ask each product’s contract size once, and not again on the next sync', async () => {
    const { sim, account, context } = await setup();
    account.cfmPositions.push({ ...(account.cfmPositions[0] as (typeof account.cfmPositions)[number]), side: 'SHORT', number_of_contracts: '1' });
    const positions = (await connector.fetchPositions?.(context())) ?? [];
    expect(positions.filter((p) => p.symbol === 'BIT-24DEC26-CDE').map((p) => [p.side, p.sizeInBase])).toEqual([
      ['long', '0.03'],
      ['short', '0.01'],
    ]);
    expect(sim.requests.to(/^\/api\/v3\/brokerage\/products\//).map((e) => e.path)).toEqual([
      '/api/v3/brokerage/products/BIT-24DEC26-CDE',
      '/api/v3/brokerage/products/ET-24DEC26-CDE',
    ]);
    sim.requests.clear();
    expect((await connector.fetchPositions?.(context())) ?? []).toHaveLength(positions.length);
    expect(sim.requests.to(/^\/api\/v3\/brokerage\/products\//)).toEqual([]);
  });
});

describe('Coinbase key format', () => {
  it('accepts the private key pasted with literal \\n escapes (from the downloaded JSON), without line breaks, and as PKCS#8', async () => {
    const { context, credentials } = await setup();
    const escaped = credentials.secret.trim().replace(/\n/g, '\\n');
    expect((await connector.fetchBalances(context(new Map(), { ...credentials, secret: escaped }))).length).toBeGreaterThan(0);
    // The key file's "privateKey" value ends in an escaped line break.
    expect((await connector.fetchBalances(context(new Map(), { ...credentials, secret: `${escaped}\\n` }))).length).toBeGreaterThan(0);
    // A single-line form field drops the line breaks, or a browser turns them into spaces.
    expect((await connector.fetchBalances(context(new Map(), { ...credentials, secret: credentials.secret.replace(/\n/g, '') }))).length).toBeGreaterThan(0);
    expect((await connector.fetchBalances(context(new Map(), { ...credentials, secret: credentials.secret.replace(/\n/g, ' ') }))).length).toBeGreaterThan(0);
    const { createPrivateKey } = await import('node:crypto');
    const pkcs8 = createPrivateKey(credentials.secret).export({ format: 'pem', type: 'pkcs8' }) as string;
    expect(pkcs8.startsWith('-----BEGIN PRIVATE KEY-----')).toBe(true);
    expect((await connector.fetchBalances(context(new Map(), { ...credentials, secret: pkcs8 }))).length).toBeGreaterThan(0);
  });

  it('says what is wrong with swapped fields, a key id, an Ed25519 key or a truncated PEM, before any request', async () => {
    const { sim, context, credentials } = await setup();
    const messageFor = async (creds: Record<string, string>) => {
      const error = await connector.fetchBalances(context(new Map(), creds)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AuthError);
      return (error as AuthError).shortMessage;
    };
    expect(await messageFor({ apiKey: credentials.secret, secret: credentials.apiKey })).toMatch(/private key was entered as the API key name/);
    expect(await messageFor({ ...credentials, apiKey: '0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9' })).toMatch(/organizations\/\{organization id\}\/apiKeys/);
    const ed25519 = Buffer.concat([
      generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(-32),
      Buffer.alloc(32, 7),
    ]).toString('base64');
    expect(await messageFor({ ...credentials, secret: ed25519 })).toMatch(/Ed25519/);
    expect(await messageFor({ ...credentials, secret: credentials.secret.slice(0, 60) })).toMatch(/whole private key/);
    expect(sim.requests.entries).toHaveLength(0);
  });
});

describe('Coinbase positions', () => {
  it('map ccxt’s recorded INTX position to its parsed values, with notional at the mark and no liquidation price for 0', async () => {
    const fixture = ccxtCase('fetchPositions', 'ada position');
    const { context } = await setup({
      intxPositions: { [DEMO_INTX_PORTFOLIO]: fixture.httpResponse.positions as Record<string, unknown>[] },
      cfmBalanceSummary: undefined,
    });
    const positions = (await connector.fetchPositions?.(context())) ?? [];
    const [parsed] = fixture.parsedResponse as Record<string, string | number | null>[];
    expect(positions).toHaveLength(1);
    expect(positions[0]).toMatchObject({
      accountKey: 'perps',
      symbol: 'ADA-PERP-INTX',
      side: parsed?.side,
      contracts: String(parsed?.contracts),
      sizeInBase: String(Number(parsed?.contracts) * Number(parsed?.contractSize)),
      entryPrice: String(parsed?.entryPrice),
      unrealizedPnl: String(parsed?.unrealizedPnl),
      leverage: String(parsed?.leverage),
      marginMode: parsed?.marginMode,
      // ccxt leaves the mark price out and takes position_notional (at vwap, 20 × 0.5648 = 11.296);
      // the mark is in the body (0.5657), and 20 × 0.5657 = 11.314.
      markPrice: '0.5657',
      notional: '11.314',
      liquidationPrice: null,
      margin: '11.296',
      settleAsset: 'USDC',
    });
    expect(parsed?.notional).toBe(11.296);
  });
});

describe('Coinbase history', () => {
  it('maps ccxt’s recorded spot fill as ccxt parses it, and the perpetual fill as its commission in the perpetuals account', async () => {
    const spot = ccxtCase('fetchMyTrades', 'Spot trade');
    const swap = ccxtCase('fetchMyTrades', 'swap trade');
    const fills = [...(spot.httpResponse.fills as CoinbaseWireFill[]), ...(swap.httpResponse.fills as CoinbaseWireFill[])];
    const { context } = await setup({ fills, transactions: {} });
    const { activities } = await runActivityPass(connector, (c) => context(c), new Map());
    const [parsed] = spot.parsedResponse as {
      info: { entry_id: string };
      side: string;
      amount: number;
      price: number;
      datetime: string;
      fee: { cost: number; currency: string };
    }[];
    const [swapParsed] = swap.parsedResponse as { info: { entry_id: string }; datetime: string; fee: { cost: number; currency: string } }[];
    // Fills come newest first; the order of records does not matter to the store.
    expect([...activities].sort((a, b) => Number(b.accountKey === 'spot') - Number(a.accountKey === 'spot'))).toEqual([
      {
        accountKey: 'spot',
        providerRef: `fill:${parsed?.info.entry_id}`,
        type: parsed?.side,
        executedAt: parsed?.datetime,
        asset: 'ADA',
        quantity: String(parsed?.amount),
        quoteAsset: 'USDT',
        price: String(parsed?.price),
        fee: String(parsed?.fee.cost),
        feeAsset: parsed?.fee.currency,
        raw: fills[0],
      },
      // The perpetual fill changed a position (read from the positions); its commission left the USDC collateral.
      {
        accountKey: 'perps',
        providerRef: `fill:${swapParsed?.info.entry_id}`,
        type: 'fee',
        executedAt: swapParsed?.datetime,
        asset: 'USDC',
        quantity: String(swapParsed?.fee.cost),
        quoteAsset: null,
        price: null,
        fee: null,
        feeAsset: null,
        raw: fills[1],
      },
    ]);
    expect(swapParsed?.fee.currency).toBe('USDC');
  });

  it('reads ccxt’s recorded sends: the positive one as a deposit, the negative one net of the fee ccxt counts twice', async () => {
    const fixture = ccxtCase('fetchDepositsWithdrawals', 'spot');
    const usdt = 'b1c2d3e4-0009-5a6b-8c7d-9e0f1a2b3c4d';
    const { context } = await setup({
      accounts: [coinbaseWallet(usdt, 'USDT', '0', '0')],
      fills: [],
      transactions: { [usdt]: fixture.httpResponse.data as CoinbaseWireTransaction[] },
    });
    const { activities } = await runActivityPass(connector, (c) => context(c), new Map());
    const [deposit, withdrawal] = fixture.parsedResponse as { id: string; type: string; amount: number; datetime: string; fee: { cost: number | null } }[];
    expect(activities.map((a) => [a.providerRef, a.type, a.executedAt, a.quantity, a.fee, a.feeAsset])).toEqual([
      [`tx:${deposit?.id}`, deposit?.type, deposit?.datetime, String(deposit?.amount), null, null],
      // -2.010000 left the wallet; 1.530199 of it was the network fee, so 0.479801 arrived.
      [`tx:${withdrawal?.id}`, withdrawal?.type, withdrawal?.datetime, '0.479801', String(withdrawal?.fee.cost), 'USDT'],
    ]);
    expect(withdrawal?.amount).toBe(2.01);
  });

  it('walks fills newest first by sequence time and stops at what the last sync stored', async () => {
    const { sim, context } = await setup();
    const cursors = new Map<string, string>();
    const first = await runActivityPass(connector, (c) => context(c), cursors);
    // 150 spot fills, the perpetual fill's and the futures fill's commissions.
    expect(first.activities.filter((a) => a.providerRef.startsWith('fill:'))).toHaveLength(152);
    const fillQueries = sim.requests.to('/api/v3/brokerage/orders/historical/fills').map((e) => new URLSearchParams(e.rawQuery));
    expect(fillQueries.map((q) => q.get('end_sequence_timestamp') !== null)).toEqual([false, true]);
    expect(fillQueries[1]?.get('end_sequence_timestamp')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    // Types from the v2 transactions, wallet by wallet; the pending SOL send is not recorded, the
    // advanced-trade fill mirror is skipped; transfers are signed from each wallet's side, and a
    // futures sweep also writes the futures account's side.
    expect(first.activities.filter((a) => a.providerRef.startsWith('tx:')).map((a) => [a.accountKey, a.asset, a.type, a.quantity, a.fee])).toEqual([
      ['spot', 'BTC', 'deposit', '0.5', null],
      ['spot', 'BTC', 'withdrawal', '0.1', '0.00012'],
      ['spot', 'BTC', 'transfer', '-0.25', null],
      ['spot', 'ETH', 'reward', '0.00412', null],
      ['spot', 'ETH', 'reward', '0.00398', null],
      ['spot', 'SOL', 'deposit', '55', null],
      ['spot', 'SOL', 'transfer', '-12.5', null],
      ['spot', 'USDC', 'transfer', '-500', null],
      ['perps', 'USDC', 'transfer', '500', null],
      ['spot', 'USD', 'deposit', '10000', null],
      ['spot', 'USD', 'withdrawal', '500', null],
      ['spot', 'USD', 'transfer', '-2000', null],
      ['futures', 'USD', 'transfer', '2000', null],
      ['spot', 'USD', 'transfer', '148.55', null],
      ['futures', 'USD', 'transfer', '-148.55', null],
      ['vault', 'BTC', 'transfer', '0.25', null],
      ['staking', 'SOL', 'transfer', '12.5', null],
      ['staking', 'SOL', 'reward', '0.004118', null],
    ]);
    // Derivatives fills are their commissions, in the account that paid them.
    expect(first.activities.filter((a) => a.type === 'fee').map((a) => [a.accountKey, a.asset, a.quantity, (a.raw as CoinbaseWireFill).product_id])).toEqual([
      ['futures', 'USD', '1.2', 'BIT-24DEC26-CDE'],
      ['perps', 'USDC', '0.0036', 'ADA-PERP-INTX'],
    ]);
    sim.requests.clear();
    expect((await runActivityPass(connector, (c) => context(c), cursors)).activities).toEqual([]);
    expect(sim.requests.to('/api/v3/brokerage/orders/historical/fills')).toHaveLength(1);
  });

  it('reads a history of exactly one full page (100 fills) once, asking one more page to learn it ended', async () => {
    const { sim, account, context } = await setup({ transactions: {} });
    account.fills = account.fills.filter((f) => /^[A-Z]+-[A-Z]+$/.test(f.product_id)).slice(0, 100);
    const cursors = new Map<string, string>();
    const first = await runActivityPass(connector, (c) => context(c), cursors);
    expect(new Set(first.activities.map((a) => a.providerRef)).size).toBe(100);
    expect(first.activities).toHaveLength(100);
    expect(sim.requests.to('/api/v3/brokerage/orders/historical/fills')).toHaveLength(2);
    expect((await runActivityPass(connector, (c) => context(c), cursors)).activities).toEqual([]);
  });

  it('records a pending send once it completes, and not before', async () => {
    const { account, context } = await setup();
    const cursors = new Map<string, string>();
    await runActivityPass(connector, (c) => context(c), cursors);
    const pending = account.transactions[DEMO_WALLETS.SOL]?.find((t) => t.status === 'pending') as CoinbaseWireTransaction;
    expect((await runActivityPass(connector, (c) => context(c), cursors)).activities).toEqual([]);
    pending.status = 'completed';
    const next = await runActivityPass(connector, (c) => context(c), cursors);
    expect(next.activities.map((a) => [a.providerRef, a.type, a.quantity, a.fee])).toEqual([[`tx:${pending.id}`, 'withdrawal', '1.999995', '0.000005']]);
  });

  it('replays into balance changes that match Coinbase’s own signed amounts, in and out, per wallet and for the futures and perpetuals accounts', async () => {
    const { account, context } = await setup();
    const { activities } = await runActivityPass(connector, (c) => context(c), new Map());
    const sum = (m: Map<string, Decimal>, key: string, delta: Decimal | string) => m.set(key, (m.get(key) ?? dec('0')).plus(delta));
    const moved = new Map<string, Decimal>();
    for (const [id, a] of activities.entries()) {
      // Trades, deposits and withdrawals are checked elsewhere; this compares the movements between accounts, rewards and fees.
      if (a.type === 'buy' || a.type === 'sell' || a.type === 'deposit' || a.type === 'withdrawal') continue;
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
    // Expected from the simulator's records: a completed v2 transfer, sweep or reward moves its signed
    // `amount` in its wallet's account (a sweep the opposite way in futures, a collateral move in perps); a derivatives fill's
    // commission leaves the futures (USD) or perpetuals (USDC) account.
    const expected = new Map<string, Decimal>();
    const walletAccount = (id: string) => (id === DEMO_WALLETS.BTC_VAULT ? 'vault' : id === DEMO_WALLETS.STAKED_SOL ? 'staking' : 'spot');
    for (const [wallet, rows] of Object.entries(account.transactions)) {
      for (const t of rows) {
        if (t.status !== 'completed' || !['transfer', 'staking_transfer', 'derivatives_settlement', 'intx_deposit', 'staking_reward'].includes(t.type))
          continue;
        sum(expected, `${walletAccount(wallet)} ${t.amount.currency}`, t.amount.amount);
        if (t.type === 'derivatives_settlement') sum(expected, `futures ${t.amount.currency}`, dec(t.amount.amount).neg());
        if (t.type === 'intx_deposit') sum(expected, `perps ${t.amount.currency}`, dec(t.amount.amount).neg());
      }
    }
    for (const f of account.fills) {
      if (f.product_id.endsWith('-CDE')) sum(expected, 'futures USD', dec(f.commission).neg());
      if (f.product_id.endsWith('-PERP-INTX')) sum(expected, 'perps USDC', dec(f.commission).neg());
    }
    const asStrings = (m: Map<string, Decimal>) => Object.fromEntries([...m].filter(([, v]) => !v.isZero()).map(([k, v]) => [k, toDecimalString(v)]));
    expect(asStrings(moved)).toEqual(asStrings(expected));
    // The staked SOL wallet's history adds up to the balance v2 reports for it.
    expect(toDecimalString(moved.get('staking SOL') ?? dec('0'))).toBe(account.stakedWallets[0]?.balance.amount);
  });
});

describe('Coinbase wallets', () => {
  it('add the staked wallets only v2 lists to the v3 wallets, so ccxt’s recorded ADA total comes out once', async () => {
    const v2 = ccxtCase('fetchBalance', 'v3 balance');
    const rows = (v2.httpResponse as { data: { id: string; name: string; currency: { code: string }; balance: { amount: string } }[] }).data;
    // v3 lists the plain wallets (MASK and ADA) with the same ids; "Staked ADA" is v2's alone.
    const v3 = rows.filter((r) => !r.name.startsWith('Staked')).map((r) => coinbaseWallet(r.id, r.currency.code, r.balance.amount, '0'));
    const staked = rows.filter((r) => r.name.startsWith('Staked')) as unknown as CoinbaseSimAccount['stakedWallets'];
    const { context } = await setup({ accounts: v3, stakedWallets: staked, portfolios: [], cfmBalanceSummary: undefined });
    const balances = await connector.fetchBalances(context());
    expect(balances.map((b) => [b.accountKey, b.asset.symbol, b.free, b.locked])).toEqual([
      ['spot', 'ADA', '22.314018', '0'],
      ['staking', 'ADA', '0', '5.04716'],
    ]);
    const parsed = v2.parsedResponse as { total: Record<string, number> };
    expect(
      balances
        .filter((b) => b.asset.symbol === 'ADA')
        .reduce((sum, b) => sum.plus(b.free).plus(b.locked), dec('0'))
        .toString(),
    ).toBe(String(parsed.total.ADA));
  });

  it('pages through more than 250 wallets with the cursor', async () => {
    const many = Array.from({ length: 260 }, (_, i) =>
      coinbaseWallet(`c0ffee00-${String(i).padStart(4, '0')}-5a6b-8c7d-9e0f1a2b3c4d`, `T${i}`, i === 259 ? '7.5' : '0', '0'),
    );
    const { sim, context } = await setup({ accounts: many, stakedWallets: [], portfolios: [], cfmBalanceSummary: undefined });
    expect((await connector.fetchBalances(context())).map((b) => [b.accountKey, b.asset.symbol, b.free])).toEqual([['spot', 'T259', '7.5']]);
    expect(sim.requests.to('/api/v3/brokerage/accounts').map((e) => new URLSearchParams(e.rawQuery).get('cursor'))).toEqual([null, '250']);
  });
});

describe('Coinbase errors', () => {
  it('turns the 401 of a token outside its two minutes into AuthError that names the clock', async () => {
    const { sim, context } = await setup();
    sim.setClockOffset(180_000);
    const error = await connector.fetchBalances(context()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).shortMessage).toMatch(/clock must also be right/);
    expect(sim.requests.entries.at(-1)?.status).toBe(401);
  });

  it('turns rate_limit_exceeded (429) into RateLimitedError with the wait and maintenance into UnavailableError', async () => {
    const { sim, context } = await setup();
    sim.faults.push({ kind: 'status', status: 429, path: '/api/v3/brokerage/accounts', retryAfterSeconds: 3 });
    const limited = await connector.fetchBalances(context()).catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(RateLimitedError);
    expect((limited as RateLimitedError).retryAfterMs).toBe(3_000);
    sim.maintenance = true;
    await expect(connector.fetchBalances(context())).rejects.toBeInstanceOf(UnavailableError);
  });

  it('turns a cut-off body, a request that never ends and a 502 into UnavailableError', async () => {
    const { sim, context } = await setup();
    sim.faults.push({ kind: 'malformedJson', path: '/api/v3/brokerage/accounts' });
    await expect(connector.fetchBalances(context())).rejects.toBeInstanceOf(UnavailableError);
    sim.faults.push({ kind: 'timeout', path: '/api/v3/brokerage/portfolios' });
    await expect(connector.fetchBalances(context())).rejects.toBeInstanceOf(UnavailableError);
    sim.faults.push({ kind: 'status', status: 502, path: /\/v2\/accounts\/.*\/transactions$/ });
    await expect(runActivityPass(connector, (c) => context(c), new Map())).rejects.toBeInstanceOf(UnavailableError);
  });
});
