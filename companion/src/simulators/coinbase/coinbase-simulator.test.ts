import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestClock } from '../framework/test-clock.js';
import { signCoinbaseJwt } from './coinbase-jwt.js';
import { CoinbaseSimulator } from './coinbase-simulator.js';
import { coinbaseDemoAccount } from './demo-account.js';

const clock = createTestClock();
const sims: CoinbaseSimulator[] = [];
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.stop()));
});

async function start() {
  const sim = new CoinbaseSimulator({ clock });
  sims.push(sim);
  const baseUrl = await sim.start();
  const account = sim.addAccount(coinbaseDemoAccount(clock.now()));
  const host = new URL(baseUrl).host;
  /** Signs as Coinbase documents it (node:crypto, independently of ccxt). */
  const get = async (path: string, options: { nbf?: number; signedUri?: string; pem?: string; keyName?: string } = {}) => {
    const token = signCoinbaseJwt(options.keyName ?? account.keyName, options.pem ?? account.privateKeyPem, {
      uri: options.signedUri ?? `GET ${host}${path.split('?')[0]}`,
      nbf: options.nbf ?? Math.floor(clock.now() / 1000),
    });
    const res = await fetch(`${baseUrl}${path}`, { headers: { Authorization: `Bearer ${token}` } });
    return { status: res.status, text: await res.text() };
  };
  return { sim, account, get, host };
}

describe('Coinbase simulator', () => {
  it('accepts an ES256 JWT for this method, host and path; the query string is not part of the uri', async () => {
    const { get } = await start();
    const permissions = await get('/api/v3/brokerage/key_permissions');
    expect(permissions.status).toBe(200);
    expect(JSON.parse(permissions.text)).toMatchObject({ can_view: true, can_trade: false, can_transfer: false });
    expect((await get('/api/v3/brokerage/accounts?limit=2')).status).toBe(200);
  });

  it('answers 401 Unauthorized to another key’s signature, an unknown key name, another uri, an expired or not-yet-valid token', async () => {
    const { get, host } = await start();
    const other = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ format: 'pem', type: 'sec1' }) as string;
    expect(createPrivateKey(other).asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    const now = Math.floor(clock.now() / 1000);
    const refused = [
      await get('/api/v3/brokerage/accounts', { pem: other }),
      await get('/api/v3/brokerage/accounts', { keyName: 'organizations/x/apiKeys/unknown' }),
      await get('/api/v3/brokerage/accounts', { signedUri: `GET ${host}/api/v3/brokerage/key_permissions` }),
      await get('/api/v3/brokerage/accounts', { nbf: now - 121 }),
      await get('/api/v3/brokerage/accounts', { nbf: now + 30 }),
    ];
    expect(refused.map((r) => [r.status, r.text])).toEqual(Array.from({ length: 5 }, () => [401, 'Unauthorized\n']));
    expect((await get('/api/v3/brokerage/accounts', { nbf: now - 110 })).status).toBe(200);
  });

  it('allows 30 Advanced Trade requests per second per key, then 429 rate_limit_exceeded with Retry-After', async () => {
    const { get, sim } = await start();
    const results = await Promise.all(Array.from({ length: 31 }, () => get('/api/v3/brokerage/key_permissions')));
    expect(results.filter((r) => r.status === 200)).toHaveLength(30);
    const limited = results.find((r) => r.status === 429);
    expect(JSON.parse(limited?.text ?? '{}')).toMatchObject({ error: 'rate_limit_exceeded' });
    expect(sim.requests.entries.find((e) => e.status === 429)).toBeDefined();
    clock.advance(1_001);
    expect((await get('/api/v3/brokerage/key_permissions')).status).toBe(200);
  });

  it('pages fills newest first; end_sequence_timestamp is exclusive, to the microsecond', async () => {
    const { get, account } = await start();
    const first = JSON.parse((await get('/api/v3/brokerage/orders/historical/fills?limit=100')).text) as {
      fills: { sequence_timestamp: string }[];
      cursor: string;
    };
    expect(first.fills).toHaveLength(100);
    expect(first.cursor).toBe('100');
    const oldest = first.fills.at(-1)?.sequence_timestamp as string;
    const next = JSON.parse((await get(`/api/v3/brokerage/orders/historical/fills?limit=100&end_sequence_timestamp=${oldest}`)).text) as { fills: unknown[] };
    expect(next.fills).toHaveLength(account.fills.length - 100);
  });

  it('pages v2 transactions oldest first after starting_after, and refuses an unknown cursor', async () => {
    const { get, account } = await start();
    const wallet = account.accounts[0]?.uuid as string;
    const page = JSON.parse((await get(`/v2/accounts/${wallet}/transactions?limit=1&order=asc`)).text) as {
      data: { id: string }[];
      pagination: { next_starting_after: string | null };
    };
    expect(page.data.map((t) => t.id)).toEqual([account.transactions[wallet]?.[0]?.id]);
    expect(page.pagination.next_starting_after).toBe(page.data[0]?.id);
    expect((await get(`/v2/accounts/${wallet}/transactions?limit=1&order=asc&starting_after=nope`)).status).toBe(400);
  });
});
