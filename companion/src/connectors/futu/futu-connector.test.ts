import { connect, createServer } from 'node:net';
import { AuthError, UnavailableError } from '@omnifolio/shared/errors';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OpendSimulator, opendDemoAccount } from '../../simulators/futu-opend/opend-simulator.js';
import { createTestContext } from '../contract-suite.js';
import { futuConnector } from './futu-connector.js';
import { openOpendSession } from './opend-client.js';
import { decodeFrames, encodeFrame, HEADER_BYTES, PROTO } from './opend-frame.js';

let sim: OpendSimulator;
let url: string;
const ctx = (credentials: Record<string, string> = {}, base: string | null = url) =>
  createTestContext({ credentials, baseUrls: base ? { futu: base } : undefined });

beforeEach(async () => {
  sim = new OpendSimulator();
  url = await sim.start();
  sim.addAccount(opendDemoAccount());
});
afterEach(() => sim.stop());

describe('OpenD frames', () => {
  it('a 44-byte little-endian header with "FT", protocol id, JSON format, serial, length and the body’s SHA-1', () => {
    const frame = encodeFrame(PROTO.TrdGetFunds, 7, Buffer.from('{"c2s":{}}'));
    expect(frame.length).toBe(HEADER_BYTES + 10);
    expect(frame.toString('ascii', 0, 2)).toBe('FT');
    expect(frame.readUInt32LE(2)).toBe(2101);
    expect(frame.readUInt8(6)).toBe(1);
    expect(frame.readUInt32LE(8)).toBe(7);
    expect(frame.readUInt32LE(12)).toBe(10);
    // SHA-1 of '{"c2s":{}}', computed with `printf '{"c2s":{}}' | sha1sum`.
    expect(frame.subarray(16, 36).toString('hex')).toBe('77d7e9fb1e0344d49e6ad208afa31008b8e869ae');
  });

  it('reads frames split across chunks and refuses a body that does not match its SHA-1', () => {
    const a = encodeFrame(1001, 1, Buffer.from('{"a":1}'));
    const b = encodeFrame(1004, 2, Buffer.from('{"b":2}'));
    const joined = Buffer.concat([a, b]);
    const first = decodeFrames(joined.subarray(0, a.length + 10));
    expect(first.frames.map((f) => f.serialNo)).toEqual([1]);
    const second = decodeFrames(Buffer.concat([first.rest, joined.subarray(a.length + 10)]));
    expect(second.frames.map((f) => [f.protoId, f.body.toString()])).toEqual([[1004, '{"b":2}']]);
    const tampered = Buffer.from(a);
    tampered[HEADER_BYTES] = 0x5b;
    expect(() => decodeFrames(tampered)).toThrow(/SHA-1/);
  });
});

describe('Futu connector', () => {
  it('reads a universal account: cash per currency once, HK and US positions with Futu’s prices', async () => {
    const positions = await futuConnector.fetchPositions(ctx());
    expect(positions.map((p) => [p.symbol, p.side, p.contracts, p.markPrice, p.notional, p.settleAsset])).toEqual([
      ['00700.HK', 'long', '200', '412.6', '82520', 'HKD'],
      ['AAPL', 'long', '15', '230.5', '3457.5', 'USD'],
    ]);
    // InitConnect first, then the account list, then funds and positions per market.
    expect(sim.received).toEqual([1001, 2001, 2101, 2102, 2101, 2102]);
  });

  it('simulated accounts only when asked', async () => {
    expect(await futuConnector.accounts(ctx({ environment: 'simulate' }))).toEqual([]);
    expect(await futuConnector.accounts(ctx())).toEqual([{ key: '281756460288713', type: 'brokerage', name: 'Futu HK+US 1001100321076543' }]);
  });

  it('OpenD without a logged-in user is an AuthError that says to log in', async () => {
    sim.loggedIn = false;
    const error = (await futuConnector.fetchBalances(ctx()).catch((e: unknown) => e)) as AuthError;
    expect(error).toBeInstanceOf(AuthError);
    expect(error.shortMessage).toMatch(/not logged in/);
    expect(error.hints[0]).toMatch(/log in/);
  });

  it('a refusal is an UnavailableError with OpenD’s message', async () => {
    sim.failNext(PROTO.TrdGetPositionList, 'Server busy, please retry');
    await expect(futuConnector.fetchBalances(ctx())).rejects.toThrow('Futu OpenD refused the request: Server busy, please retry');
  });

  it('reaches OpenD at the host and port the person entered', async () => {
    const port = new URL(url).port;
    const balances = await futuConnector.fetchBalances(ctx({ host: '127.0.0.1', port }, null));
    expect(balances.map((b) => [b.asset.symbol, b.free])).toEqual([
      ['HKD', '12500.5'],
      ['USD', '830.27'],
      ['00700.HK', '200'],
      ['AAPL', '15'],
    ]);
  });

  it('reads single-market accounts too: each one’s cash in its market’s currency', async () => {
    sim.accounts.length = 0;
    const common = { trdEnv: 1 as const, universal: false };
    sim.addAccount({
      ...common,
      accID: '1001',
      markets: [1],
      cardNum: 'HK-1001',
      cash: { 1: '3000.25' },
      positions: { 1: [{ code: '00005', name: 'HSBC', qty: '400', price: '66.1', costPrice: '60' }] },
    });
    sim.addAccount({
      ...common,
      accID: '2002',
      markets: [2],
      cardNum: 'US-2002',
      cash: { 2: '100.5' },
      positions: { 2: [{ code: 'TSLA', name: 'Tesla', qty: '3', price: '250.4', costPrice: '210' }] },
    });
    expect((await futuConnector.accounts(ctx())).map((a) => a.name)).toEqual(['Futu HK HK-1001', 'Futu US US-2002']);
    const balances = await futuConnector.fetchBalances(ctx());
    expect(balances.map((b) => [b.accountKey, b.asset.symbol, b.free])).toEqual([
      ['1001', 'HKD', '3000.25'],
      ['1001', '00005.HK', '400'],
      ['2002', 'USD', '100.5'],
      ['2002', 'TSLA', '3'],
    ]);
  });

  it('OpenD not running is an UnavailableError naming the address and how to start it', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const error = (await futuConnector.accounts(ctx({ host: '127.0.0.1', port: String(port) }, null)).catch((e: unknown) => e)) as UnavailableError;
    expect(error).toBeInstanceOf(UnavailableError);
    expect(error.shortMessage).toBe(`Cannot reach Futu OpenD at 127.0.0.1:${port}.`);
  });

  it('the simulator closes a connection that sends a packet with a wrong SHA-1, like OpenD', async () => {
    const port = Number(new URL(url).port);
    const closed = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port }, () => {
        const bad = encodeFrame(1001, 1, Buffer.from('{"c2s":{}}'));
        bad[HEADER_BYTES] = 0x20;
        socket.write(bad);
      });
      socket.on('close', () => resolve(true));
      socket.on('data', () => resolve(false));
    });
    expect(closed).toBe(true);
  });

  it('keeps its session alive while it waits: OpenD closes a connection silent for two keep-alive intervals', async () => {
    sim.keepAliveIntervalSeconds = 1;
    const port = Number(new URL(url).port);
    const session = await openOpendSession({ host: '127.0.0.1', port, signal: new AbortController().signal });
    // A raw connection that says nothing after InitConnect is closed by the simulator.
    const closed = new Promise<boolean>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port }, () => socket.write(encodeFrame(PROTO.InitConnect, 1, Buffer.from('{"c2s":{}}'))));
      socket.resume(); // read the InitConnect answer, so the end of the stream is seen
      socket.on('close', () => resolve(true));
    });
    expect(await closed).toBe(true);
    // Meanwhile (over two seconds) the session kept talking, and still answers.
    const { accList = [] } = await session.request<{ accList?: unknown[] }>(PROTO.TrdGetAccList, { userID: session.loginUserId });
    expect(accList).toHaveLength(1);
    expect(sim.received.filter((p) => p === PROTO.KeepAlive).length).toBeGreaterThan(0);
    session.close();
  });
});
