import { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { toProblem } from './companion-error';
import type { PairingStore } from './environment';
import { normalizePairingCode, pairWithCompanion, unpair } from './pairing';
import { clearPairing, getPairing, getPort, savePairing, savePort } from './settings';

const store: PairingStore = { getPairing, savePairing, clearPairing, getPort, savePort };
const health = { ok: true, name: 'omnifolio-companion', version: '0.1.0', paired: false };

/** Serves `app` on 127.0.0.1:<port> as far as fetch is concerned; other ports refuse. */
function serve(port: number, app: Hono) {
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    if (new URL(request.url).port !== String(port)) throw new TypeError('fetch failed');
    return app.fetch(request);
  });
}

describe('pairing', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => vi.unstubAllGlobals());

  it('normalizes the code the way the companion prints it', () => {
    expect(normalizePairingCode(' abcd efgh ')).toBe('ABCD-EFGH');
    expect(normalizePairingCode('abcd-efgh')).toBe('ABCD-EFGH');
    expect(normalizePairingCode('abc')).toBe('ABC');
  });

  it('exchanges the code for a token and stores { port, token, tokenId }', async () => {
    const received: unknown[] = [];
    serve(
      48000,
      new Hono()
        .get('/api/health', (c) => c.json(health))
        .post('/api/pair', async (c) => {
          received.push(await c.req.json());
          return c.json({ token: 'secret-token', tokenId: 'tok_1' }, 201);
        }),
    );
    await pairWithCompanion({ port: 48000, code: 'wxyz 2345', label: 'Omnifolio extension (Chrome)' }, store);
    expect(received).toEqual([{ code: 'WXYZ-2345', label: 'Omnifolio extension (Chrome)' }]);
    expect(await getPairing()).toEqual({ port: 48000, token: 'secret-token', tokenId: 'tok_1' });
  });

  it('says nothing answers on a port where the companion is not', async () => {
    serve(48000, new Hono());
    const error = await pairWithCompanion({ port: 48001, code: 'ABCD-EFGH', label: 'x' }, store).catch((e: unknown) => e);
    const problem = toProblem(error);
    expect(problem.message).toBe('Nothing answers at http://127.0.0.1:48001.');
    expect(problem.hints[0]).toBe('Is the companion running? Start it with `npm start` in the Omnifolio folder.');
    expect(await getPairing()).toBeNull();
  });

  it('says when another program owns the port', async () => {
    serve(
      48000,
      new Hono().get('/api/health', (c) => c.text('not found', 404)),
    );
    const problem = toProblem(await pairWithCompanion({ port: 48000, code: 'ABCD-EFGH', label: 'x' }, store).catch((e: unknown) => e));
    expect(problem.message).toBe('Something other than the Omnifolio companion answers at http://127.0.0.1:48000.');
  });

  it('passes on the companion’s words for a wrong code and stores nothing', async () => {
    serve(
      48000,
      new Hono()
        .get('/api/health', (c) => c.json(health))
        .post('/api/pair', (c) =>
          c.json({ code: 'unauthorized', message: 'That pairing code is not right.', hints: ['Use the code the companion printed last.'] }, 401),
        ),
    );
    const problem = toProblem(await pairWithCompanion({ port: 48000, code: 'ABCD-EFGH', label: 'x' }, store).catch((e: unknown) => e));
    expect(problem).toEqual({ code: 'unauthorized', message: 'That pairing code is not right.', hints: ['Use the code the companion printed last.'] });
    expect(await getPairing()).toBeNull();
  });

  it('asks for a code before calling anything', async () => {
    serve(48000, new Hono());
    const problem = toProblem(await pairWithCompanion({ port: 48000, code: '   ', label: 'x' }, store).catch((e: unknown) => e));
    expect(problem.message).toBe('Enter the pairing code.');
  });

  it('unpairing revokes the token at the companion, then forgets it', async () => {
    const revoked: string[] = [];
    serve(
      48000,
      new Hono().delete('/api/tokens/:id', (c) => {
        revoked.push(`${c.req.param('id')} ${c.req.header('authorization')}`);
        return c.body(null, 204);
      }),
    );
    await savePairing({ port: 48000, token: 'secret-token', tokenId: 'tok_1' });
    expect(await unpair(store)).toEqual({ revoked: true });
    expect(revoked).toEqual(['tok_1 Bearer secret-token']);
    expect(await getPairing()).toBeNull();
  });

  it('unpairing with the companion stopped forgets the token and says it was not revoked', async () => {
    serve(48000, new Hono());
    await savePairing({ port: 49999, token: 'secret-token', tokenId: 'tok_1' });
    expect(await unpair(store)).toEqual({ revoked: false });
    expect(await getPairing()).toBeNull();
  });
});
