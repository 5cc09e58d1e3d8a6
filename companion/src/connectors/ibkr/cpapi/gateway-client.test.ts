import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { UnavailableError } from '@omnifolio/shared/errors';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IbkrCpapiSimulator } from '../../../simulators/ibkr-cpapi/ibkr-cpapi-simulator.js';
import { loadIbkrDemoAccount } from '../../../simulators/ibkr-flex/ibkr-demo-account.js';
import { createTestContext } from '../../contract-suite.js';
import { createIbkrCpapiConnector } from '../ibkr-cpapi-connector.js';
import { createGatewayClient } from './gateway-client.js';

/**
 * The real gateway listens on HTTPS with a certificate it signed itself. Here a TLS front with
 * such a certificate (test/fixtures/ibkr-cpapi/self-signed) passes each request on to the
 * gateway simulator, so the connector is tested over the same kind of connection.
 */
const certificates = join(import.meta.dirname, '../../../../test/fixtures/ibkr-cpapi/self-signed');
const tls = { key: readFileSync(join(certificates, 'key.pem')), cert: readFileSync(join(certificates, 'cert.pem')) };

let sim: IbkrCpapiSimulator;
let front: Server;
let gatewayUrl: string;
/** Set to answer the next request with a redirect instead of passing it on. */
let redirectTo: string | null = null;

beforeEach(async () => {
  sim = new IbkrCpapiSimulator();
  await sim.start();
  sim.addAccount(loadIbkrDemoAccount());
  front = createServer(tls, (req, res) => {
    if (redirectTo !== null) {
      res.writeHead(302, { location: redirectTo }).end();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks);
      const answer = await fetch(`${sim.server.baseUrl}${req.url}`, {
        method: req.method,
        headers: { 'content-type': req.headers['content-type'] ?? 'application/json' },
        ...(body.length > 0 ? { body } : {}),
      });
      res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' }).end(await answer.text());
    });
  });
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  gatewayUrl = `https://localhost:${(front.address() as AddressInfo).port}/v1/api`;
  redirectTo = null;
});
afterEach(async () => {
  front.closeAllConnections();
  await new Promise((resolve) => front.close(resolve));
  await sim.stop();
});

describe('the Client Portal Gateway over HTTPS with its self-signed certificate', () => {
  it('is read at the gateway URL the person entered, although no authority vouches for its certificate', async () => {
    const ctx = createTestContext({ credentials: { gatewayUrl } });
    const balances = await createIbkrCpapiConnector().fetchBalances(ctx);
    expect(balances.filter((b) => b.asset.kind === 'fiat').map((b) => [b.asset.symbol, b.free])).toEqual([
      ['CHF', '4566.7'],
      ['USD', '1968.1'],
    ]);
    // Anything else in the process still checks certificates: the relaxation is the gateway's alone.
    await expect(fetch(`${gatewayUrl}/iserver/auth/status`, { method: 'POST' })).rejects.toThrow();
  });

  it('does not follow a redirect away from the gateway', async () => {
    redirectTo = 'https://example.com/steal';
    const client = createGatewayClient({ baseUrl: gatewayUrl, signal: new AbortController().signal });
    const error = await client.post('/iserver/auth/status').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnavailableError);
    expect((error as UnavailableError).shortMessage).toBe('The gateway redirected /iserver/auth/status; Omnifolio does not follow redirects from it.');
  });

  it('refuses a gateway URL that is not http(s), naming the field', () => {
    expect(() => createGatewayClient({ baseUrl: 'ftp://localhost:5000/v1/api', signal: new AbortController().signal })).toThrow(
      'The gateway URL must start with https:// (the gateway’s own address, https://localhost:5000 by default) or http://; got ftp:',
    );
  });
});
