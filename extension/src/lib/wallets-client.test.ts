import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { CompanionRequestError, toProblem } from './companion-error';
import { createWalletsClient } from './wallets-client';

function clientFor(app: Hono) {
  const seen: { url: string; authorization: string | null; body: string }[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    seen.push({ url: request.url, authorization: request.headers.get('authorization'), body: request.method === 'GET' ? '' : await request.clone().text() });
    return app.fetch(request);
  }) as typeof globalThis.fetch;
  return { client: createWalletsClient({ baseUrl: 'http://127.0.0.1:47821', auth: { kind: 'token', token: 'tok' }, fetch }), seen };
}

describe('createWalletsClient', () => {
  it('posts a watch-only address under /api/wallets with the bearer token', async () => {
    const app = new Hono().post('/api/wallets', async (c) => c.json({ ...(await c.req.json()), connectionId: 'c1', ownership: 'watch-only' }, 201));
    const { client, seen } = clientFor(app);
    const wallet = await client.addWatchOnly({ chainFamily: 'evm', address: '0xabc', label: 'Ledger' });
    expect(wallet).toMatchObject({ connectionId: 'c1', label: 'Ledger', ownership: 'watch-only' });
    expect(seen).toEqual([
      { url: 'http://127.0.0.1:47821/api/wallets', authorization: 'Bearer tok', body: '{"chainFamily":"evm","address":"0xabc","label":"Ledger"}' },
    ]);
  });

  it('turns a refused address into a problem that names the field', async () => {
    const body = {
      code: 'validation_failed',
      message: 'address: The address’s mixed upper and lower case letters do not match its EIP-55 checksum.',
      hints: ['Copy the address again from your wallet rather than typing it.'],
      issues: [{ path: 'address', message: 'The address’s mixed upper and lower case letters do not match its EIP-55 checksum.' }],
    };
    const app = new Hono().post('/api/wallets', (c) => c.json(body, 400));
    const { client } = clientFor(app);
    const error = await client.addWatchOnly({ chainFamily: 'evm', address: '0xAbc' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CompanionRequestError);
    expect(toProblem(error)).toMatchObject({ code: 'validation_failed', issues: [{ path: 'address' }], hints: body.hints });
  });
});
