import { afterEach, describe, expect, it } from 'vitest';
import { createTestClock } from '../framework/test-clock.js';
import { krakenDemoAccount } from './demo-account.js';
import { KRAKEN_TIERS } from './kraken-call-counter.js';
import { signKrakenRequest } from './kraken-signature.js';
import { KrakenSimulator } from './kraken-simulator.js';

const clock = createTestClock();
const sims: KrakenSimulator[] = [];
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.stop()));
});

async function start() {
  const sim = new KrakenSimulator({ clock });
  sims.push(sim);
  const baseUrl = await sim.start();
  const account = sim.addAccount({ ...krakenDemoAccount(clock.now()), tier: KRAKEN_TIERS.starter });
  let nonce = clock.now();
  /** Signs as Kraken documents it, independently of ccxt. */
  const post = async (method: string, params: Record<string, string> = {}, options: { secret?: string; nonce?: string; signedBody?: string } = {}) => {
    nonce += 1;
    const n = options.nonce ?? String(nonce);
    const body = new URLSearchParams({ nonce: n, ...params }).toString();
    const path = `/0/private/${method}`;
    const res = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'API-Key': account.apiKey, 'API-Sign': signKrakenRequest(options.secret ?? account.secret, path, n, options.signedBody ?? body) },
      body,
    });
    return { status: res.status, body: (await res.json()) as { error: string[]; result?: Record<string, unknown> } };
  };
  return { sim, account, post };
}

describe('Kraken simulator', () => {
  it('accepts a request signed over path + SHA256(nonce + body) with the decoded secret', async () => {
    const { post } = await start();
    const { status, body } = await post('BalanceEx');
    expect([status, body.error]).toEqual([200, []]);
    expect(body.result?.XXBT).toEqual({ balance: '1.2345000000', hold_trade: '0.1000000000' });
  });

  it('rejects another secret or another body (EAPI:Invalid signature), and a nonce that does not increase (EAPI:Invalid nonce)', async () => {
    const { post } = await start();
    expect((await post('BalanceEx', {}, { secret: Buffer.alloc(64, 3).toString('base64') })).body.error).toEqual(['EAPI:Invalid signature']);
    expect((await post('Ledgers', { ofs: '50' }, { signedBody: 'nonce=1&ofs=0' })).body.error).toEqual(['EAPI:Invalid signature']);
    const fresh = String(clock.now() + 5_000);
    expect((await post('BalanceEx', {}, { nonce: fresh })).body.error).toEqual([]);
    expect((await post('BalanceEx', {}, { nonce: fresh })).body.error).toEqual(['EAPI:Invalid nonce']);
    expect((await post('BalanceEx', {}, { nonce: String(Number(fresh) - 1) })).body.error).toEqual(['EAPI:Invalid nonce']);
  });

  it('counts calls per key on the Starter counter (Ledgers 2, others 1, max 15, −0.33/s) and refuses the overflow', async () => {
    const { sim, account, post } = await start();
    for (let i = 0; i < 7; i += 1) expect((await post('Ledgers')).body.error).toEqual([]);
    expect((await post('BalanceEx')).body.error).toEqual([]);
    expect(sim.counterOf(account.apiKey)).toBeGreaterThan(14.5);
    expect((await post('BalanceEx')).body.error).toEqual(['EAPI:Rate limit exceeded']);
    clock.advance(3_100);
    expect((await post('BalanceEx')).body.error).toEqual([]);
    expect((await post('Ledgers')).body.error).toEqual(['EAPI:Rate limit exceeded']);
  });

  it('pages TradesHistory newest first, 50 per call, with ofs and an exclusive end', async () => {
    const { post, account } = await start();
    const total = Object.keys(account.trades).length;
    expect(total).toBe(121);
    const first = (await post('TradesHistory')).body.result as { trades: Record<string, { time: number }>; count: number };
    const times = Object.values(first.trades).map((t) => t.time);
    expect([times.length, first.count]).toEqual([50, total]);
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const byOffset = (await post('TradesHistory', { ofs: '100' })).body.result as { trades: Record<string, unknown> };
    expect(Object.keys(byOffset.trades)).toHaveLength(total - 100);
    const oldest = times.at(-1) as number;
    const byEnd = (await post('TradesHistory', { end: String(oldest) })).body.result as { trades: Record<string, { time: number }>; count: number };
    expect(byEnd.count).toBe(total - 50);
    expect(Object.values(byEnd.trades).every((t) => t.time < oldest)).toBe(true);
  });
});
