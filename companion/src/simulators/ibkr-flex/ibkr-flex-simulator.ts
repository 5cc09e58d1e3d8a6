import { randomBytes } from 'node:crypto';
import { type SimulatorClock, type SimulatorRequest, type SimulatorResponse, SimulatorServer } from '../framework/simulator-server.js';
import { renderFlexStatement } from './flex-statement-xml.js';
import type { IbkrSimAccount } from './ibkr-sim-account.js';

/**
 * IBKR's Flex Web Service (v3) on loopback: `SendRequest` takes a token and a query id and
 * answers a reference code; `GetStatement` answers 1019 ("Statement generation in progress")
 * for the scripted number of polls, then the statement XML. Errors are IBKR's
 * `<FlexStatementResponse>` with its codes, always with HTTP 200, as the real service does:
 * 1012 expired token, 1015 unknown token, 1014 unknown query, 1017 unknown reference code,
 * 1018 more than `perMinute` requests per token in a minute. A request without a User-Agent
 * gets the HTML 403 page IBKR's front end sends.
 *
 * Point the connector at `${baseUrl}/AccountManagement/FlexWebService`.
 */

export interface IbkrFlexQuery {
  token: string;
  queryId: string;
  accounts: IbkrSimAccount[];
  /** Epoch ms after which the token answers 1012. */
  tokenExpiresAt?: number;
  /** How many GetStatement polls answer 1019 before the statement is ready; default 1. */
  notReadyPolls?: number;
}

export interface IbkrFlexSimulatorOptions {
  clock?: SimulatorClock;
  /** Requests per token per minute before 1018; IBKR documents ten. */
  perMinute?: number;
}

const PATH = '/AccountManagement/FlexWebService';

const MESSAGES: Record<string, string> = {
  '1012': 'Token has expired.',
  '1014': 'Query is invalid.',
  '1015': 'Token is invalid.',
  '1017': 'Reference code is invalid.',
  '1018': 'Too many requests have been made from this token. Please try again shortly.',
  '1019': 'Statement generation in progress. Please try again shortly.',
  '1020': 'Invalid request or unable to validate request.',
};

export class IbkrFlexSimulator {
  readonly server: SimulatorServer;
  readonly #queries = new Map<string, IbkrFlexQuery>();
  readonly #references = new Map<string, { query: IbkrFlexQuery; notReadyLeft: number }>();
  readonly #requestTimes = new Map<string, number[]>();
  readonly #perMinute: number;

  constructor(options: IbkrFlexSimulatorOptions = {}) {
    this.#perMinute = options.perMinute ?? 10;
    this.server = new SimulatorServer({ clock: options.clock, handler: (r) => this.#handle(r) });
  }

  start(): Promise<string> {
    return this.server.start();
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  /** The base URL a connector uses (`…/AccountManagement/FlexWebService`). */
  get flexUrl(): string {
    return `${this.server.baseUrl}${PATH}`;
  }

  /** Registers a query; returns it so a test can change its accounts later. */
  addQuery(query: Omit<IbkrFlexQuery, 'token' | 'queryId'> & Partial<Pick<IbkrFlexQuery, 'token' | 'queryId'>>): IbkrFlexQuery {
    const full: IbkrFlexQuery = {
      token: query.token ?? randomBytes(12).toString('hex').replace(/\D/g, '7').slice(0, 24),
      queryId: query.queryId ?? String(100_000 + this.#queries.size),
      ...query,
    } as IbkrFlexQuery;
    this.#queries.set(`${full.token}|${full.queryId}`, full);
    return full;
  }

  #answer(fields: Record<string, string>): SimulatorResponse {
    const when = new Date(this.server.now()).toLocaleString('en-US', {
      timeZone: 'America/New_York',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
    });
    const body = Object.entries(fields)
      .map(([k, v]) => `<${k}>${v}</${k}>`)
      .join('');
    return {
      status: 200,
      headers: { 'content-type': 'text/xml;charset=UTF-8' },
      text: `<FlexStatementResponse timestamp="${when} EDT">${body}</FlexStatementResponse>`,
    };
  }

  #fail(code: string): SimulatorResponse {
    return this.#answer({ Status: 'Fail', ErrorCode: code, ErrorMessage: MESSAGES[code] ?? 'Unknown error.' });
  }

  #rateLimited(token: string, now: number): boolean {
    const times = (this.#requestTimes.get(token) ?? []).filter((t) => now - t < 60_000);
    times.push(now);
    this.#requestTimes.set(token, times);
    return times.length > this.#perMinute;
  }

  #tokenState(token: string, now: number): 'ok' | 'expired' | 'unknown' {
    const queries = [...this.#queries.values()].filter((q) => q.token === token);
    if (queries.length === 0) return 'unknown';
    return queries.some((q) => q.tokenExpiresAt === undefined || q.tokenExpiresAt > now) ? 'ok' : 'expired';
  }

  #handle(request: SimulatorRequest): SimulatorResponse {
    if (!request.headers['user-agent']) {
      return {
        status: 403,
        headers: { 'content-type': 'text/html' },
        text: '<html><body><h1>403 Forbidden</h1>Request forbidden by administrative rules.</body></html>',
      };
    }
    if (request.method !== 'GET' || !request.path.startsWith(PATH))
      return { status: 404, headers: { 'content-type': 'text/html' }, text: '<html><body>Not Found</body></html>' };
    const token = request.query.get('t') ?? '';
    const q = request.query.get('q') ?? '';
    if (request.query.get('v') !== '3' || token === '' || q === '') return this.#fail('1020');
    const tokenState = this.#tokenState(token, request.now);
    if (tokenState === 'unknown') return this.#fail('1015');
    if (tokenState === 'expired') return this.#fail('1012');
    if (this.#rateLimited(token, request.now)) return this.#fail('1018');

    if (request.path === `${PATH}/SendRequest`) {
      const query = this.#queries.get(`${token}|${q}`);
      if (query === undefined) return this.#fail('1014');
      const reference = String(1_000_000_000 + Math.floor(Math.random() * 8_999_999_999));
      this.#references.set(reference, { query, notReadyLeft: query.notReadyPolls ?? 1 });
      return this.#answer({ Status: 'Success', ReferenceCode: reference, Url: `${this.server.baseUrl}${PATH}/GetStatement` });
    }
    if (request.path === `${PATH}/GetStatement`) {
      const pending = this.#references.get(q);
      if (pending === undefined || pending.query.token !== token) return this.#fail('1017');
      if (pending.notReadyLeft > 0) {
        pending.notReadyLeft -= 1;
        return this.#fail('1019');
      }
      return { status: 200, headers: { 'content-type': 'text/xml;charset=UTF-8' }, text: renderFlexStatement(pending.query.accounts, request.now) };
    }
    return { status: 404, headers: { 'content-type': 'text/html' }, text: '<html><body>Not Found</body></html>' };
  }
}
