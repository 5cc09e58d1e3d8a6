import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, TSX } from './paths';

/**
 * The companion side of the end-to-end test, as real processes: the provider simulators
 * (Binance, CoinGecko) and the companion pointed at them. Both are the lead's commands, run
 * from the repository root.
 */

const SIMULATORS_CLI = join(REPO_ROOT, 'companion', 'src', 'simulators', 'cli.ts');
const COMPANION_CLI = join(REPO_ROOT, 'companion', 'src', 'cli', 'main.ts');

export interface RunningProcess {
  output(): string;
  stop(): Promise<void>;
}

function run(args: string[], env: NodeJS.ProcessEnv = {}): { child: ChildProcess; process: RunningProcess; lines: AsyncIterable<string> } {
  for (const file of [TSX, args[0] ?? '']) {
    if (!existsSync(file)) throw new Error(`${file} does not exist: the companion side is not in this tree yet.`);
  }
  const child = spawn(TSX, args, { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const waiting: ((line: string | null) => void)[] = [];
  const buffered: string[] = [];
  let ended = false;
  let partial = '';
  const push = (line: string | null) => {
    const next = waiting.shift();
    if (next) next(line);
    else if (line !== null) buffered.push(line);
  };
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
    partial += chunk;
    const parts = partial.split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts) push(line);
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });
  child.once('exit', (code, signal) => {
    // Said in the output, so a failed test shows how a process ended that should still run.
    output += `\n[${args[0]} exited: code ${code}, signal ${signal}]\n`;
    ended = true;
    while (waiting.length > 0) push(null);
  });
  const lines: AsyncIterable<string> = {
    async *[Symbol.asyncIterator]() {
      for (;;) {
        const line = buffered.shift() ?? (ended ? null : await new Promise<string | null>((resolve) => waiting.push(resolve)));
        if (line === null) return;
        yield line;
      }
    },
  };
  return {
    child,
    lines,
    process: {
      output: () => output,
      stop: () =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
          child.once('exit', () => {
            clearTimeout(kill);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    },
  };
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(what())), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A connection of the demo environment, as the simulators CLI prints it. */
export interface DemoConnection {
  providerId: string;
  label: string;
  credentials: Record<string, string>;
}

export interface Simulators extends RunningProcess {
  urls: { binance: string; coingecko: string };
  binanceCredentials: Record<string, string>;
  /** Every base URL of the demo environment, by provider id (OMNIFOLIO_PROVIDER_URLS). */
  allUrls: Record<string, string>;
  /** Every connection the demo environment holds, whichever exchanges it has today. */
  connections: DemoConnection[];
}

export async function startSimulators(): Promise<Simulators> {
  const { process: proc, lines } = run([SIMULATORS_CLI]);
  const first = await withTimeout(
    (async () => {
      for await (const line of lines) if (line.trim().startsWith('{')) return line;
      return null;
    })(),
    60_000,
    () => `The simulators printed no JSON line within 60 s. Output:\n${proc.output()}`,
  );
  if (first === null) throw new Error(`The simulators exited before they were ready. Output:\n${proc.output()}`);
  const parsed = JSON.parse(first) as {
    binance: string;
    coingecko: string;
    binanceCredentials: Record<string, string>;
    urls: Record<string, string>;
    connections: DemoConnection[];
  };
  return {
    ...proc,
    urls: { binance: parsed.binance, coingecko: parsed.coingecko },
    binanceCredentials: parsed.binanceCredentials,
    allUrls: parsed.urls,
    connections: parsed.connections,
  };
}

export interface Companion extends RunningProcess {
  port: number;
  pairingCode: string;
  dashboardUrl: string;
}

export async function startCompanion(options: { port: number; dataDir: string; providerUrls: Record<string, string> }): Promise<Companion> {
  const { process: proc, lines } = run([COMPANION_CLI, 'serve', '--port', String(options.port), '--data-dir', options.dataDir, '--no-demo'], {
    OMNIFOLIO_PROVIDER_URLS: JSON.stringify(options.providerUrls),
  });
  const found = await withTimeout(
    (async () => {
      let pairingCode: string | null = null;
      let dashboardUrl: string | null = null;
      for await (const line of lines) {
        pairingCode ??= line.match(/Pairing code: ([A-Z0-9-]+)/)?.[1] ?? null;
        dashboardUrl ??= line.match(/Dashboard: (http:\/\/127\.0\.0\.1:\d+\/\S+)/)?.[1] ?? null;
        if (pairingCode !== null && dashboardUrl !== null) return { pairingCode, dashboardUrl };
      }
      return null;
    })(),
    90_000,
    () => `The companion printed no pairing code and dashboard link within 90 s. Output:\n${proc.output()}`,
  );
  if (found === null) throw new Error(`The companion exited before it was ready. Output:\n${proc.output()}`);
  return { ...proc, port: options.port, ...found };
}
