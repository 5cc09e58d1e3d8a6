import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createApp } from '../../src/api/app.js';
import type { MarketDataKeys } from '../../src/config/config.js';
import { createLogger } from '../../src/logging/logger.js';
import { type CompanionCore, createCompanionCore } from '../../src/main.js';

export const TEST_PORT = 47999;

export interface TestCompanion {
  core: CompanionCore;
  app: ReturnType<typeof createApp>;
  deps: ReturnType<CompanionCore['appDeps']>;
  dataDir: string;
  /** Every log line the companion wrote, as JSON text. */
  logs: string[];
  request(path: string, init?: RequestInit & { headers?: Record<string, string> }): Promise<Response>;
  /** Pairs like the extension does and returns the token. */
  pair(origin?: string): Promise<string>;
  close(): Promise<void>;
}

/** A loopback port nothing listens on (the discard port): a request there is refused at once. */
const REFUSING_URL = 'http://127.0.0.1:9';

/**
 * A companion core on a real SQLite file in a temp directory, with its Hono app called in
 * process through app.request(). Logs are captured so tests can search them.
 */
export async function createTestCompanion(options: { providerUrls?: Record<string, string>; marketDataKeys?: MarketDataKeys } = {}): Promise<TestCompanion> {
  const dataDir = mkdtempSync(join(tmpdir(), 'omnifolio-test-'));
  const logs: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      logs.push(chunk.toString());
      done();
    },
  });
  const log = createLogger({ level: 'debug', destination });
  const core = await createCompanionCore({
    config: {
      dataDir,
      port: TEST_PORT,
      // Tests never reach the internet: without URLs of their own, CoinGecko is a loopback port
      // that refuses at once, and an overridden setup calls no real ECB, Yahoo or OpenFIGI.
      providerUrls: options.providerUrls ?? { coingecko: REFUSING_URL },
      dashboardDir: null,
      host: '127.0.0.1',
      passphrase: undefined,
      preferKeyring: false,
      marketDataKeys: options.marketDataKeys ?? {},
    },
    log,
  });
  const deps = core.appDeps(() => TEST_PORT);
  const app = createApp(deps);
  const request = (path: string, init: RequestInit & { headers?: Record<string, string> } = {}) =>
    Promise.resolve(app.request(path, { ...init, headers: { host: `127.0.0.1:${TEST_PORT}`, ...init.headers } }));
  return {
    core,
    app,
    deps,
    dataDir,
    logs,
    request,
    async pair(origin = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop') {
      const { code } = deps.pairing.issue();
      const res = await request('/api/pair', { method: 'POST', headers: { origin, 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
      if (res.status !== 201) throw new Error(`pairing failed: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { token: string }).token;
    },
    async close() {
      await core.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** An API answer as the tests read it: the status and the parsed JSON body (null when empty). */
export interface ApiAnswer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary response shapes and assert on them.
  body: any;
}

/**
 * Calls the companion's API as a paired extension does: bearer token, JSON in and out. Both are
 * read through functions because suites create the companion and pair it in `beforeAll`.
 */
export function authedCall(companion: () => TestCompanion, token: () => string) {
  return async (path: string, init: { method?: string; body?: unknown } = {}): Promise<ApiAnswer> => {
    const res = await companion().request(path, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${token()}`, ...(init.body ? { 'content-type': 'application/json' } : {}) },
      ...(init.body ? { body: JSON.stringify(init.body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
}
