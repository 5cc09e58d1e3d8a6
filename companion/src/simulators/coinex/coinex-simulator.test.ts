import { afterEach, describe, expect, it } from 'vitest';
import { createTestClock } from '../framework/test-clock.js';
import { legacyCoinexSignature, preparedCoinexString, signCoinexRequest } from './coinex-signature.js';
import { CoinexSimulator } from './coinex-simulator.js';
import { coinexDemoAccount } from './demo-account.js';

const clock = createTestClock();
const sims: CoinexSimulator[] = [];
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.stop()));
});

type Body = { code: number; message: string; data: Record<string, unknown>[]; pagination?: { has_next: boolean } };

/** `at` is the simulator's clock; a frozen one puts every request of a test in one rate window. */
async function start(at: { now(): number } = clock) {
  const sim = new CoinexSimulator({ clock: at });
  sims.push(sim);
  const baseUrl = await sim.start();
  const account = sim.addAccount(coinexDemoAccount(at.now()));
  /** Signs as CoinEx documents it (HMAC-SHA256, lower-case hex), independently of ccxt. */
  const get = async (requestPath: string, options: { at?: number; secret?: string; signedPath?: string; legacy?: boolean } = {}) => {
    const timestamp = String(options.at ?? at.now());
    const prepared = preparedCoinexString('GET', options.signedPath ?? requestPath, '', timestamp);
    const secret = options.secret ?? account.secret;
    const sign = options.legacy === true ? legacyCoinexSignature(secret, prepared) : signCoinexRequest(secret, prepared);
    const res = await fetch(`${baseUrl}${requestPath}`, {
      headers: { 'X-COINEX-KEY': account.apiKey, 'X-COINEX-SIGN': sign, 'X-COINEX-TIMESTAMP': timestamp },
    });
    return { status: res.status, body: (await res.json()) as Body };
  };
  return { sim, account, get };
}

describe('CoinEx simulator', () => {
  it('accepts the documented HMAC-SHA256 signature and the older SHA-256 form ccxt sends', async () => {
    const { get } = await start();
    const hmac = await get('/v2/assets/spot/balance');
    expect([hmac.status, hmac.body.code]).toEqual([200, 0]);
    expect(hmac.body.data.map((b) => b.ccy)).toContain('BTC');
    expect((await get('/v2/assets/spot/balance', { legacy: true })).body.code).toBe(0);
  });

  it('rejects a wrong secret and a signature over another query with 4006', async () => {
    const { get } = await start();
    expect((await get('/v2/assets/spot/balance', { secret: 'not-it' })).body.code).toBe(4006);
    const tampered = await get('/v2/assets/deposit-history?page=2&limit=2', { signedPath: '/v2/assets/deposit-history?page=1&limit=2' });
    expect(tampered.body).toMatchObject({ code: 4006, message: expect.stringMatching(/Signature verification failed/) });
  });

  it('refuses a timestamp more than 5000 ms off with 4010', async () => {
    const { get } = await start();
    expect((await get('/v2/assets/spot/balance', { at: clock.now() - 5_500 })).body.code).toBe(4010);
    expect((await get('/v2/assets/spot/balance', { at: clock.now() - 4_000 })).body.code).toBe(0);
  });

  it('refuses the eleventh balance request within a second with 429 and 4213', async () => {
    const instant = clock.now();
    const { get } = await start({ now: () => instant });
    const answers = await Promise.all(Array.from({ length: 11 }, () => get('/v2/assets/futures/balance')));
    const refused = answers.filter((a) => a.status === 429);
    expect(refused).toHaveLength(1);
    expect(refused[0]?.body.code).toBe(4213);
  });

  it('requires market and market_type for trades and pages newest first with has_next', async () => {
    const { get } = await start();
    expect((await get('/v2/spot/user-deals?market_type=SPOT')).body.code).toBe(4004);
    const first = (await get('/v2/spot/user-deals?limit=5&market=BTCUSDT&market_type=SPOT&page=1')).body;
    expect(first.data).toHaveLength(5);
    expect(first.pagination?.has_next).toBe(true);
    const times = first.data.map((d) => d.created_at as number);
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect((await get('/v2/spot/user-deals?limit=101&market=BTCUSDT&market_type=SPOT')).body.code).toBe(4004);
  });
});
