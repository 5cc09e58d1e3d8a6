import { readFileSync, writeFileSync } from 'node:fs';
import { createLogger } from '../companion/src/logging/logger.js';
import { startCompanion } from '../companion/src/main.js';

/**
 * The measured side of the memory benchmark (companion-memory.ts forks it): a companion, as
 * `serve` starts it (core, HTTP server on loopback, no scheduler so syncs happen when the
 * benchmark says), on a data folder the parent prepared. It reports its resident set size
 * idle, then, when asked, syncs every configured connection at once and reports the peak.
 *
 * Protocol over the IPC channel: the child sends `{ phase: 'idle', rss }` once settled; the
 * parent may answer `{ sync: true }`, and the child sends `{ phase: 'sync', peakRss, samples,
 * failed }` when every sync has ended, then exits.
 */

const dataDir = process.env.OMNIFOLIO_BENCH_DATA_DIR;
const providerUrls = JSON.parse(process.env.OMNIFOLIO_BENCH_PROVIDER_URLS ?? '{}') as Record<string, string>;
if (!dataDir || !process.send) throw new Error('companion-memory-child.ts is forked by companion-memory.ts with OMNIFOLIO_BENCH_DATA_DIR set.');
const send = (message: object) => process.send?.(message);

/** VmHWM: the most resident memory the process ever had, as the kernel counted it. */
function peakRssBytes(): number {
  const line = readFileSync('/proc/self/status', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmHWM:'));
  const kb = Number(line?.match(/(\d+)\s*kB/)?.[1]);
  return Number.isFinite(kb) ? kb * 1024 : process.memoryUsage().rss;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const companion = await startCompanion({
  config: { dataDir, port: 0, providerUrls, dashboardDir: null, host: '127.0.0.1', passphrase: undefined, preferKeyring: false, marketDataKeys: {} },
  log: createLogger({ level: 'silent' }),
  demo: 'off',
  schedule: false,
});

// Idle: after start-up work settles, the median of a few samples a quarter second apart.
await sleep(1_500);
const idle: number[] = [];
for (let i = 0; i < 8; i++) {
  idle.push(process.memoryUsage().rss);
  await sleep(250);
}
idle.sort((a, b) => a - b);
send({ phase: 'idle', rss: idle[Math.floor(idle.length / 2)] });

process.on('message', async (message: { sync?: boolean }) => {
  if (!message.sync) {
    await companion.close();
    process.exit(0);
  }
  // Reset the kernel's peak (VmHWM) so it counts from the start of the sync, not start-up.
  let hwmReset = false;
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    hwmReset = true;
  } catch {
    // Not Linux, or not allowed: the 20 ms samples alone give the peak.
  }
  const rows = companion.storage.sqlite.prepare('SELECT id FROM connections').all() as { id: string }[];
  let peak = process.memoryUsage().rss;
  let samples = 0;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
    samples += 1;
  }, 20);
  const runs = await Promise.all(rows.map((r) => companion.runner.start(r.id, 'cli').done));
  clearInterval(sampler);
  send({
    phase: 'sync',
    peakRss: hwmReset ? Math.max(peak, peakRssBytes()) : peak,
    samples,
    failed: runs.filter((r) => r.status !== 'succeeded').map((r) => r.errorMessage ?? r.status),
  });
  await companion.close();
  process.exit(0);
});
