import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getConnector } from '../companion/src/connectors/registry.js';
import { type DemoConnectionSpec, startDemoEnvironment } from '../companion/src/demo/demo-environment.js';
import { createLogger } from '../companion/src/logging/logger.js';
import { createCompanionCore } from '../companion/src/main.js';
import type { BenchResult } from './report.js';

const HERE = dirname(fileURLToPath(import.meta.url));
/** The twelve fully supported exchanges of issue 3. */
const CONNECTIONS = 12;
const MB = 1024 * 1024;

type ChildMessage = { phase: 'idle'; rss: number } | { phase: 'sync'; peakRss: number; samples: number; failed: string[] };

/**
 * One measured companion in its own process (companion-memory-child.ts): its idle RSS, and
 * with `sync`, the peak RSS while every configured connection syncs at once.
 */
async function measure(dataDir: string, providerUrls: Record<string, string>, sync: boolean) {
  const child = fork(join(HERE, 'companion-memory-child.ts'), [], {
    cwd: HERE,
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, OMNIFOLIO_BENCH_DATA_DIR: dataDir, OMNIFOLIO_BENCH_PROVIDER_URLS: JSON.stringify(providerUrls) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const messages: ChildMessage[] = [];
  const next = () =>
    new Promise<ChildMessage>((resolve, reject) => {
      const queued = messages.shift();
      if (queued) return resolve(queued);
      const onMessage = (m: ChildMessage) => {
        child.off('exit', onExit);
        resolve(m);
      };
      const onExit = (code: number | null) => {
        child.off('message', onMessage);
        reject(new Error(`The measured companion exited (code ${code}) before it reported.`));
      };
      child.once('message', onMessage);
      child.once('exit', onExit);
    });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const idle = await next();
  if (idle.phase !== 'idle') throw new Error(`expected the idle figure first, got ${idle.phase}`);
  child.send({ sync });
  if (!sync) {
    await exited;
    return { idle: idle.rss, sync: null };
  }
  const during = await next();
  await exited;
  if (during.phase !== 'sync') throw new Error(`expected the sync figure, got ${during.phase}`);
  return { idle: idle.rss, sync: during };
}

/**
 * Companion memory (RSS) idle with twelve exchange connections configured, and at its peak
 * while all twelve sync at once; the floor is the same companion with no connections,
 * measured in the same run. Each figure comes from a fresh process; the simulators run in
 * this one, so their memory is not counted. When the demo environment has fewer than twelve
 * exchanges, the twelve connections are spread over the simulators it has (several accounts
 * per exchange, each a separate connection with its own sync), and the output says so.
 */
export async function benchCompanionMemory(): Promise<BenchResult> {
  const env = await startDemoEnvironment();
  const floorDir = mkdtempSync(join(tmpdir(), 'omnifolio-bench-memory-floor-'));
  const configuredDir = mkdtempSync(join(tmpdir(), 'omnifolio-bench-memory-12-'));
  try {
    const exchanges = env.connections.filter((c) => getConnector(c.providerId).kind === 'exchange');
    if (exchanges.length === 0) throw new Error('The demo environment has no exchange connection to configure.');
    const specs: DemoConnectionSpec[] = Array.from({ length: CONNECTIONS }, (_, i) => {
      const spec = exchanges[i % exchanges.length] as DemoConnectionSpec;
      return { ...spec, label: `${spec.label} · ${Math.floor(i / exchanges.length) + 1}` };
    });

    // The configured data folder, prepared here: twelve connections, each synced once, as a
    // companion restarted the next day would find them.
    const prep = await createCompanionCore({
      config: {
        dataDir: configuredDir,
        port: 0,
        providerUrls: env.urls,
        dashboardDir: null,
        host: '127.0.0.1',
        passphrase: undefined,
        preferKeyring: false,
        marketDataKeys: {},
      },
      log: createLogger({ level: 'silent' }),
    });
    try {
      const connections = prep.appDeps(() => 0).connections;
      for (const spec of specs) {
        const view = await connections.create({ providerId: spec.providerId, label: spec.label, credentials: spec.credentials, baseUrls: env.urls });
        const run = await prep.runner.start(view.id, 'cli').done;
        if (run.status !== 'succeeded') throw new Error(`${spec.label}: the preparing sync failed: ${run.errorMessage}`);
      }
    } finally {
      await prep.close();
    }

    const floor = await measure(floorDir, env.urls, false);
    const configured = await measure(configuredDir, env.urls, true);
    const peak = configured.sync?.peakRss ?? 0;
    const perExchange = exchanges.map((e) => `${e.providerId} ×${specs.filter((s) => s.providerId === e.providerId).length}`).join(', ');
    const mb = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;
    return {
      name: 'companion-memory',
      description: `companion RSS idle with ${CONNECTIONS} exchange connections configured and during a sync of all of them`,
      figures: [
        {
          label: 'connections',
          value:
            exchanges.length >= CONNECTIONS
              ? perExchange
              : `${perExchange} (the demo has ${exchanges.length} exchange simulator${exchanges.length === 1 ? '' : 's'}; several accounts each)`,
        },
        { label: 'idle, no connections (floor)', value: mb(floor.idle) },
        { label: `idle, ${CONNECTIONS} connections`, value: `${mb(configured.idle)} (floor / this ${(floor.idle / configured.idle).toFixed(2)})` },
        { label: `peak during the ${CONNECTIONS} syncs`, value: `${mb(peak)} (floor / this ${(floor.idle / peak).toFixed(2)})` },
        { label: 'RSS samples during the syncs', value: String(configured.sync?.samples ?? 0) },
        { label: 'syncs failed', value: configured.sync?.failed.length ? configured.sync.failed.join('; ') : '0' },
      ],
      // The peak while everything syncs, against the empty companion. The syncs load ccxt
      // (~130 MB of exchange classes) and hold each connection's history pages in flight.
      ratio: (configured.sync?.failed.length ?? 1) > 0 ? 0 : floor.idle / peak,
      target: { ratioAtLeast: 0.25 },
    };
  } finally {
    await env.stop();
    rmSync(floorDir, { recursive: true, force: true });
    rmSync(configuredDir, { recursive: true, force: true });
  }
}
