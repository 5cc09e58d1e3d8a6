import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { type Fault, FaultQueue, type StatusFault } from './fault-queue.js';
import { RequestLog } from './request-log.js';

/**
 * A local HTTP server that plays a provider's API for tests and the demo: it listens on
 * 127.0.0.1 only, on a port the OS picks, logs every request, and applies the faults a test
 * scripted before the provider-specific handler sees the request.
 *
 * Provider simulators (BinanceSimulator, later OKX, IBKR, …) supply a `handler` and, where
 * the provider has its own error shape, `statusBody` for scripted status faults.
 */

export interface SimulatorRequest {
  method: string;
  /** Pathname without the query string: `/api/v3/account`. */
  path: string;
  /** The query string byte for byte as the client sent it, without `?`. Signatures are checked over this. */
  rawQuery: string;
  query: URLSearchParams;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  body: string;
  /** The provider's clock for this request: the simulator clock plus any offset and scripted skew. */
  now: number;
}

export interface SimulatorResponse {
  status: number;
  headers?: Record<string, string>;
  /** Serialized as JSON with `Content-Type: application/json`. */
  json?: unknown;
  /** Sent as is, when `json` is absent. */
  text?: string;
}

export type SimulatorHandler = (request: SimulatorRequest) => SimulatorResponse | Promise<SimulatorResponse>;

export interface SimulatorClock {
  now(): number;
}

export interface SimulatorServerOptions {
  handler: SimulatorHandler;
  clock?: SimulatorClock;
  /** The provider's body for a scripted status fault that brings none (Binance: `{ code, msg }`). */
  statusBody?: (fault: StatusFault, request: SimulatorRequest) => unknown;
  /** Extra headers for scripted status faults (a provider's rate-limit headers, say). */
  statusHeaders?: (fault: StatusFault, request: SimulatorRequest) => Record<string, string>;
  requestLogLimit?: number;
  /** Bodies above this size are refused with 413; no test needs more. */
  maxBodyBytes?: number;
  /** WebSocket upgrades on the same port (a provider's streams); without it they are refused. */
  upgrade?: (req: IncomingMessage, socket: Duplex, head: Buffer) => void;
}

const DEFAULT_MAX_BODY_BYTES = 1_000_000;

export class SimulatorServer {
  readonly faults = new FaultQueue();
  readonly requests: RequestLog;
  /** A lasting difference between the provider's clock and ours, in ms (positive: provider ahead). */
  clockOffsetMs = 0;

  readonly #options: SimulatorServerOptions;
  readonly #clock: SimulatorClock;
  #server: Server | undefined;
  #baseUrl: string | undefined;
  /** Requests held open by a timeout fault; answered with a reset when the server stops. */
  readonly #hanging = new Set<ServerResponse>();

  constructor(options: SimulatorServerOptions) {
    this.#options = options;
    this.#clock = options.clock ?? { now: () => Date.now() };
    this.requests = new RequestLog(options.requestLogLimit);
  }

  /** The provider's current time, as the handler sees it (without per-request skew). */
  now(): number {
    return this.#clock.now() + this.clockOffsetMs;
  }

  /** Starts listening on 127.0.0.1 and an OS-assigned port; resolves to the base URL. */
  async start(): Promise<string> {
    if (this.#baseUrl !== undefined) return this.#baseUrl;
    const server = createServer((req, res) => {
      void this.#handle(req, res);
    });
    const upgrade = this.#options.upgrade;
    if (upgrade !== undefined) server.on('upgrade', upgrade);
    // Loopback only, always: a simulator must never be reachable from the network.
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.#server = server;
    const { port } = server.address() as AddressInfo;
    this.#baseUrl = `http://127.0.0.1:${port}`;
    return this.#baseUrl;
  }

  get baseUrl(): string {
    if (this.#baseUrl === undefined) throw new Error('The simulator has not been started; call start() first.');
    return this.#baseUrl;
  }

  async stop(): Promise<void> {
    const server = this.#server;
    if (server === undefined) return;
    this.#server = undefined;
    this.#baseUrl = undefined;
    for (const res of this.#hanging) res.destroy();
    this.#hanging.clear();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const rawQuery = url.search.startsWith('?') ? url.search.slice(1) : '';
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    const method = (req.method ?? 'GET').toUpperCase();
    const arrivedAt = this.now();
    const log = (status: number, fault?: string) => this.requests.add({ method, path: url.pathname, rawQuery, headers, status, fault, at: arrivedAt });

    let body: string;
    try {
      body = await readBody(req, this.#options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
    } catch {
      log(413);
      send(res, { status: 413, json: { error: 'Request body too large for the simulator.' } });
      return;
    }

    const request: SimulatorRequest = { method, path: url.pathname, rawQuery, query: url.searchParams, headers, body, now: arrivedAt };
    const fault = this.faults.take(method, url.pathname);
    if (fault !== undefined && fault.kind !== 'clockSkew') {
      this.#answerFault(fault, request, res);
      log(fault.kind === 'status' ? fault.status : fault.kind === 'malformedJson' ? 200 : 0, faultLabel(fault));
      return;
    }
    if (fault?.kind === 'clockSkew') request.now += fault.skewMs;

    let response: SimulatorResponse;
    try {
      response = await this.#options.handler(request);
    } catch (error) {
      // A handler bug must show up in the test, not as a hanging request.
      response = { status: 500, json: { error: `Simulator handler failed: ${(error as Error).message}` } };
    }
    log(response.status, fault === undefined ? undefined : faultLabel(fault));
    send(res, response);
  }

  #answerFault(fault: Fault, request: SimulatorRequest, res: ServerResponse): void {
    switch (fault.kind) {
      case 'status': {
        const headers: Record<string, string> = { ...this.#options.statusHeaders?.(fault, request) };
        if (fault.retryAfterSeconds !== undefined) headers['retry-after'] = String(fault.retryAfterSeconds);
        const json = fault.body ?? this.#options.statusBody?.(fault, request) ?? { error: `Simulated HTTP ${fault.status}.` };
        send(res, { status: fault.status, headers, json });
        return;
      }
      case 'malformedJson':
        send(res, { status: 200, headers: { 'content-type': 'application/json' }, text: '{"balances":[{"asset":"BTC","free":"0.5' });
        return;
      case 'timeout':
        // Hold the request; the client's own timeout or abort ends it, or stop() does.
        this.#hanging.add(res);
        res.on('close', () => this.#hanging.delete(res));
        return;
      case 'clockSkew':
        throw new Error('clockSkew faults are applied to the request, not answered.');
    }
  }
}

function faultLabel(fault: Fault): string {
  return fault.kind === 'status' ? `status ${fault.status}` : fault.kind;
}

function send(res: ServerResponse, response: SimulatorResponse): void {
  const headers: Record<string, string> = { ...response.headers };
  let payload = '';
  if (response.json !== undefined) {
    payload = JSON.stringify(response.json);
    headers['content-type'] ??= 'application/json;charset=UTF-8';
  } else if (response.text !== undefined) {
    payload = response.text;
    headers['content-type'] ??= 'text/plain;charset=UTF-8';
  }
  headers['content-length'] = String(Buffer.byteLength(payload));
  res.writeHead(response.status, headers);
  res.end(payload);
}

async function readBody(req: IncomingMessage, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > maxBytes) throw new RangeError('body too large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
