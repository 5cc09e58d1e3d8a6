import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestContext } from '../contract-suite.js';
import { ALPACA_LIVE_URL, ALPACA_PAPER_URL, alpacaGet } from './alpaca-client.js';

/**
 * Live and paper accounts live on different hosts, and a key works only on its own. Without a
 * test override the client picks the host from the key (paper keys start with PK) or from the
 * person's explicit choice; here `fetch` only records where a request would have gone.
 */
afterEach(() => vi.restoreAllMocks());

async function hostFor(credentials: Record<string, string>): Promise<{ url: string; headers: Record<string, string> }> {
  const sent: { url: string; headers: Record<string, string> }[] = [];
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    sent.push({ url: String(input), headers: init?.headers as Record<string, string> });
    return new Response('{"account_number":"PA3DEMO00001","status":"ACTIVE"}', { status: 200 });
  });
  await alpacaGet(createTestContext({ credentials }), '/v2/account');
  expect(sent).toHaveLength(1);
  return sent[0]!;
}

describe('Alpaca live or paper', () => {
  it('sends a paper key to the paper host and a live key to the live host', async () => {
    expect((await hostFor({ keyId: 'PKDEMO', secretKey: 's' })).url).toBe(`${ALPACA_PAPER_URL}/v2/account`);
    expect((await hostFor({ keyId: 'AKDEMO', secretKey: 's' })).url).toBe(`${ALPACA_LIVE_URL}/v2/account`);
  });

  it('follows the person’s choice over the key’s prefix', async () => {
    expect((await hostFor({ keyId: 'AKDEMO', secretKey: 's', environment: 'paper' })).url).toBe(`${ALPACA_PAPER_URL}/v2/account`);
    expect((await hostFor({ keyId: 'PKDEMO', secretKey: 's', environment: 'Live' })).url).toBe(`${ALPACA_LIVE_URL}/v2/account`);
  });

  it('sends the key and secret in Alpaca’s headers, never in the URL', async () => {
    const { url, headers } = await hostFor({ keyId: ' PKDEMO ', secretKey: 'top-secret' });
    expect(headers).toMatchObject({ 'APCA-API-KEY-ID': 'PKDEMO', 'APCA-API-SECRET-KEY': 'top-secret' });
    expect(url).not.toContain('top-secret');
  });
});
