/**
 * HTTP to the user's own IBKR Client Portal Gateway (default https://localhost:5000/v1/api).
 * The gateway serves a self-signed certificate, so certificate checks are relaxed for the
 * configured gateway URL only: this client never talks to any other host and never follows
 * redirects. Numbers are read with lossless-json, because the gateway sends prices and
 * balances as JSON numbers (`"mktPrice": 454.44000245`) that a double would round.
 */
import { request as httpRequest } from 'node:http';
import { Agent, request as httpsRequest } from 'node:https';
import { AuthError, RateLimitedError, UnavailableError, ValidationError } from '@omnifolio/shared/errors';
import { parse } from 'lossless-json';
import type { RequestMeter } from '../../types.js';

export const DEFAULT_GATEWAY_URL = 'https://localhost:5000/v1/api';

/** One agent for the gateway: keep-alive, and the gateway's self-signed certificate accepted. */
const gatewayAgent = new Agent({ keepAlive: true, rejectUnauthorized: false });

export interface GatewayClient {
  readonly baseUrl: string;
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
}

export interface GatewayClientOptions {
  baseUrl: string;
  signal: AbortSignal;
  meter?: RequestMeter;
  timeoutMs?: number;
}

const LOGIN_HINT =
  'Open the gateway’s page (https://localhost:5000 by default) in your browser and log in with your IBKR user name and two-factor authentication. Omnifolio keeps the last synced data until then.';

export function createGatewayClient(options: GatewayClientOptions): GatewayClient {
  const base = new URL(options.baseUrl.replace(/\/+$/, ''));
  if (base.protocol !== 'https:' && base.protocol !== 'http:') {
    throw new ValidationError(
      `The gateway URL must start with https:// (the gateway’s own address, https://localhost:5000 by default) or http://; got ${base.protocol}`,
      [{ path: 'credentials.gatewayUrl', message: 'Not an http(s) URL' }],
    );
  }
  const timeoutMs = options.timeoutMs ?? 30_000;

  function send<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    options.signal.throwIfAborted();
    const url = new URL(`${base.pathname}${path}`, base);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    if (options.meter) options.meter.requests += 1;
    return new Promise<T>((resolve, reject) => {
      const requestOptions = {
        method,
        headers: {
          'User-Agent': 'Omnifolio/0.1',
          Accept: 'application/json',
          ...(payload === undefined ? {} : { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) }),
        },
        signal: options.signal,
        timeout: timeoutMs,
      };
      const req = url.protocol === 'https:' ? httpsRequest(url, { ...requestOptions, agent: gatewayAgent }) : httpRequest(url, requestOptions);
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', (error: NodeJS.ErrnoException) => {
        if (options.signal.aborted) return reject(options.signal.reason);
        reject(
          new UnavailableError(`Cannot reach the IBKR Client Portal Gateway at ${base.origin}.`, {
            cause: error,
            details: error.code ?? error.message,
            hints: ['Start the gateway (bin/run.sh root/conf.yaml in its folder) and log in; see docs/brokers.md.', LOGIN_HINT],
          }),
        );
      });
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const status = res.statusCode ?? 0;
          if (status === 401) {
            return reject(new AuthError('The IBKR Client Portal Gateway is running but not logged in.', { hints: [LOGIN_HINT] }));
          }
          if (status === 429) {
            const retryAfter = Number(res.headers['retry-after']);
            const waitMs = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : 15_000;
            return reject(
              new RateLimitedError('The IBKR gateway asks Omnifolio to slow down (HTTP 429).', waitMs, {
                hints: ['IBKR limits the gateway to ten requests a second; the sync resumes by itself.'],
              }),
            );
          }
          if (status >= 300 && status < 400) {
            return reject(new UnavailableError(`The gateway redirected ${path}; Omnifolio does not follow redirects from it.`, { hints: [LOGIN_HINT] }));
          }
          if (status >= 400) {
            return reject(
              new UnavailableError(`The IBKR gateway answered HTTP ${status} for ${path}.`, {
                details: text.slice(0, 300),
                hints: ['Restart the gateway and log in again if this persists.'],
              }),
            );
          }
          try {
            // Every number becomes its decimal text: "454.44000245", never 454.44000244999.
            resolve(parse(text, null, (value: string) => value) as T);
          } catch (error) {
            reject(new UnavailableError(`The IBKR gateway sent an unreadable answer for ${path}.`, { cause: error, details: text.slice(0, 300) }));
          }
        });
      });
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }

  return {
    baseUrl: base.toString(),
    get: (path) => send('GET', path),
    post: (path, body) => send('POST', path, body),
  };
}
