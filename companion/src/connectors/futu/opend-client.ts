/**
 * A minimal client of Futu/Moomoo OpenD over TCP with JSON bodies: connect, InitConnect,
 * then request/response by serial number. Numbers are read losslessly (OpenD sends prices
 * and cash as doubles; their decimal text is kept). No RSA/AES: OpenD only encrypts when
 * the user configured an RSA key, which this client does not support (it says so).
 */
import { connect, type Socket } from 'node:net';
import { AuthError, UnavailableError } from '@omnifolio/shared/errors';
import { parse, stringify } from 'lossless-json';
import { decodeFrames, encodeFrame, type OpendFrame, PROTO } from './opend-frame.js';

export interface OpendResponse<S> {
  retType: number;
  retMsg?: string;
  errCode?: number;
  s2c?: S;
}

export interface OpendSession {
  loginUserId: string;
  request<S>(protoId: number, c2s: unknown): Promise<S>;
  close(): void;
}

const START_HINT =
  'Start OpenD (or Moomoo OpenD), log in with your Futu/Moomoo account in it, and check the host and port in its settings (default 127.0.0.1:11111).';

export async function openOpendSession(options: { host: string; port: number; signal: AbortSignal; timeoutMs?: number }): Promise<OpendSession> {
  options.signal.throwIfAborted();
  const timeoutMs = options.timeoutMs ?? 15_000;
  const where = `${options.host}:${options.port}`;
  const socket: Socket = connect({ host: options.host, port: options.port });
  let buffer: Buffer = Buffer.alloc(0);
  let serial = 0;
  const pending = new Map<number, { resolve: (f: OpendFrame) => void; reject: (e: unknown) => void; timer: NodeJS.Timeout }>();
  const failAll = (error: unknown) => {
    for (const p of pending.values()) {
      clearTimeout(p.timer);
      p.reject(error);
    }
    pending.clear();
  };
  const onAbort = () => {
    failAll(options.signal.reason);
    socket.destroy();
  };
  options.signal.addEventListener('abort', onAbort, { once: true });

  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', (error: NodeJS.ErrnoException) =>
      reject(new UnavailableError(`Cannot reach Futu OpenD at ${where}.`, { cause: error, details: error.code, hints: [START_HINT] })),
    );
  });
  socket.on('error', (error) => failAll(new UnavailableError(`The connection to Futu OpenD at ${where} failed.`, { cause: error, hints: [START_HINT] })));
  socket.on('close', () => failAll(new UnavailableError(`Futu OpenD at ${where} closed the connection.`, { hints: [START_HINT] })));
  socket.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    try {
      const { frames, rest } = decodeFrames(buffer);
      buffer = rest;
      for (const frame of frames) {
        const p = pending.get(frame.serialNo);
        if (p === undefined) continue; // a push notification: not subscribed to, ignored
        pending.delete(frame.serialNo);
        clearTimeout(p.timer);
        p.resolve(frame);
      }
    } catch (error) {
      failAll(new UnavailableError(`Futu OpenD at ${where} sent an unreadable packet.`, { cause: error }));
      socket.destroy();
    }
  });

  async function request<S>(protoId: number, c2s: unknown): Promise<S> {
    options.signal.throwIfAborted();
    serial += 1;
    const serialNo = serial;
    const frame = await new Promise<OpendFrame>((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(serialNo);
        reject(new UnavailableError(`Futu OpenD at ${where} did not answer within ${timeoutMs / 1000} s.`, { hints: [START_HINT] }));
      }, timeoutMs);
      pending.set(serialNo, { resolve, reject, timer });
      socket.write(encodeFrame(protoId, serialNo, Buffer.from(stringify({ c2s }) ?? '{}', 'utf8')));
    });
    let response: OpendResponse<S>;
    try {
      // Every number as its decimal text: "128.3", never 128.29999999999998.
      response = parse(frame.body.toString('utf8'), null, (value: string) => value) as OpendResponse<S>;
    } catch (error) {
      throw new UnavailableError(`Futu OpenD sent a body that is not JSON (is RSA encryption configured in OpenD? Omnifolio does not support it).`, {
        cause: error,
      });
    }
    const retType = Number(response.retType);
    if (retType !== 0) {
      const message = response.retMsg || `retType ${retType}`;
      if (/login|登录|登陆|unlock|解锁/i.test(message)) throw new AuthError(`Futu OpenD says: ${message}`, { hints: [START_HINT] });
      throw new UnavailableError(`Futu OpenD refused the request: ${message}`, {
        details: `proto ${protoId}, retType ${retType}, errCode ${response.errCode ?? ''}`,
        hints: [START_HINT],
      });
    }
    return (response.s2c ?? {}) as S;
  }

  try {
    const init = await request<{ loginUserID: string; keepAliveInterval: string }>(PROTO.InitConnect, {
      clientVer: 100,
      clientID: 'omnifolio',
      recvNotify: false,
      packetEncAlgo: -1,
      programmingLanguage: 'TypeScript',
    });
    // OpenD closes a connection it has not heard from in two keep-alive intervals, and a history
    // backfill waits up to 30 s at a time for OpenD's rate limit: keep the session alive meanwhile.
    const keepAliveMs = Math.max(1, Number(init.keepAliveInterval) || 10) * 1000;
    const keepAlive = setInterval(() => {
      request(PROTO.KeepAlive, { time: Math.floor(Date.now() / 1000) }).catch(() => undefined);
    }, keepAliveMs);
    keepAlive.unref();
    socket.once('close', () => clearInterval(keepAlive));
    return {
      loginUserId: String(init.loginUserID),
      request,
      close() {
        clearInterval(keepAlive);
        options.signal.removeEventListener('abort', onAbort);
        socket.end();
        socket.destroy();
      },
    };
  } catch (error) {
    socket.destroy();
    throw error;
  }
}
