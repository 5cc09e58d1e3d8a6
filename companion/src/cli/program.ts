import { resolve } from 'node:path';
import type { SyncRunView } from '@omnifolio/shared/api';
import { formatMoney } from '@omnifolio/shared/money';
import { Command, Option } from 'commander';
import { parsePort, resolveConfig } from '../config/config.js';
import { registerStatementCommands } from '../ingest/statement-commands.js';
import { createLogger } from '../logging/logger.js';
import { createCompanionCore, DEFAULT_DASHBOARD_DIR, startCompanion } from '../main.js';
import { toSyncRunView } from '../storage/repositories/sync-runs-repository.js';
import { emit, printError } from './output.js';
import { callRunningCompanion, isCompanionRunning } from './running-companion.js';

interface GlobalOptions {
  port?: string;
  dataDir?: string;
  json?: boolean;
}

function configFrom(opts: GlobalOptions) {
  return resolveConfig({
    ...(opts.port !== undefined ? { port: parsePort(opts.port) } : {}),
    ...(opts.dataDir ? { dataDir: resolve(opts.dataDir) } : {}),
  });
}

/** Logs go to a file-like sink in one-shot commands so stdout stays clean for --json. */
const quietLogger = () => createLogger({ level: process.env.OMNIFOLIO_LOG_LEVEL ?? 'warn' });

export function buildProgram(): Command {
  const program = new Command()
    .name('omnifolio')
    .description('Omnifolio companion: your whole wealth, computed on this computer.')
    .option('--port <port>', 'companion port (env OMNIFOLIO_PORT, default 47821)')
    .option('--data-dir <dir>', 'data directory (env OMNIFOLIO_DATA_DIR, default per platform)')
    .option('--json', 'print machine-readable JSON')
    .showHelpAfterError();

  program
    .command('serve')
    .description('start the companion on 127.0.0.1')
    .option('--host <host>', 'loopback address to listen on', '127.0.0.1')
    .addOption(new Option('--demo', 'create the demo portfolio (default: only when there are no connections)'))
    .addOption(new Option('--no-demo', 'never create the demo portfolio'))
    .action(async (cmd: { host: string; demo?: boolean }) => {
      const opts = program.opts<GlobalOptions>();
      const config = configFrom(opts);
      const companion = await startCompanion({
        config: { ...config, host: cmd.host, dashboardDir: DEFAULT_DASHBOARD_DIR },
        demo: cmd.demo === true ? 'on' : cmd.demo === false ? 'off' : 'auto',
      });
      const info = {
        url: companion.url,
        port: companion.port,
        dataDir: config.dataDir,
        pairingCode: companion.pairingCode,
        dashboard: companion.loginUrl,
        demoConnections: companion.demoCreated,
        extensionDir: DEFAULT_DASHBOARD_DIR,
      };
      emit(!!opts.json, info, () =>
        [
          '',
          `Omnifolio companion is running at ${companion.url}`,
          `Data: ${config.dataDir}`,
          companion.demoCreated > 0
            ? `Demo portfolio: ${companion.demoCreated} connection(s) synced through the simulators. Remove it from the extension's options page or with \`pnpm omnifolio demo remove\`.`
            : '',
          '',
          'Next:',
          `  1. Load the extension: open chrome://extensions, turn on Developer mode, "Load unpacked", choose`,
          `     ${DEFAULT_DASHBOARD_DIR}`,
          `  2. Pair it: in the extension's options page enter port ${companion.port} and`,
          `     Pairing code: ${companion.pairingCode}   (valid for 10 minutes, once)`,
          '  Or see the same dashboard in a normal browser tab (one-time link):',
          `     Dashboard: ${companion.loginUrl}`,
          '',
          'Stop with Ctrl+C.',
        ]
          .filter((l, i, all) => l !== '' || all[i - 1] !== '')
          .join('\n'),
      );
      const shutdown = async () => {
        await companion.close();
        process.exit(0);
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    });

  program
    .command('token')
    .description('issue an API token for scripts (shown once)')
    .option('--label <label>', 'what the token is for', 'Script')
    .action(async (cmd: { label: string }) => {
      const opts = program.opts<GlobalOptions>();
      const core = await createCompanionCore({ config: configFrom(opts), log: quietLogger() });
      try {
        const { token, row } = core.tokens.issue({ label: cmd.label, kind: 'cli' });
        core.audit.record('token.issued', row.id, { label: cmd.label });
        emit(
          !!opts.json,
          { id: row.id, label: row.label, token },
          () => `${token}\n\nUse it as: Authorization: Bearer <token>. It is shown only now; revoke it from the options page.`,
        );
      } finally {
        await core.close();
      }
    });

  program
    .command('sync')
    .description('sync one connection (by id or label) or all of them, and wait for the result')
    .argument('[connection]', 'connection id or label')
    .action(async (target: string | undefined) => {
      const opts = program.opts<GlobalOptions>();
      const config = configFrom(opts);
      const core = await createCompanionCore({ config, log: quietLogger() });
      try {
        const rows = core.connectionsRepo
          .list()
          .filter((c) => (!target || c.id === target || c.label === target) && (target || core.runner.canSync(c.providerId)));
        if (target && rows.length === 0) throw new Error(`No connection is called "${target}". List them with \`pnpm omnifolio connections\`.`);
        let runs: SyncRunView[];
        if (await isCompanionRunning(config.port)) {
          // The running companion owns the demo simulators and the schedule: ask it.
          const started = await Promise.all(rows.map((r) => callRunningCompanion<SyncRunView>(core, config.port, 'POST', `/connections/${r.id}/sync`)));
          runs = [];
          for (const run of started) {
            let current = run;
            while (current.status === 'running') {
              await new Promise((r) => setTimeout(r, 300));
              current = await callRunningCompanion<SyncRunView>(core, config.port, 'GET', `/sync-runs/${run.id}`);
            }
            runs.push(current);
          }
        } else {
          runs = await Promise.all(rows.map((r) => core.runner.start(r.id, 'cli').done.then(toSyncRunView)));
        }
        const labels = new Map(rows.map((r) => [r.id, r.label]));
        emit(
          !!opts.json,
          runs,
          () =>
            runs
              .map((r) =>
                r.status === 'succeeded'
                  ? `✓ ${labels.get(r.connectionId)}: ${r.counts.balances} balances, ${r.counts.activities} new activities, ${r.requests} requests`
                  : `✗ ${labels.get(r.connectionId)}: ${r.error?.message ?? 'failed'}${r.error?.hints.length ? `\n    → ${r.error.hints.join('\n    → ')}` : ''}`,
              )
              .join('\n') || 'No connections to sync.',
        );
        if (runs.some((r) => r.status === 'failed')) process.exitCode = 1;
      } finally {
        await core.close();
      }
    });

  program
    .command('connections')
    .description('list connections with their status and value')
    .action(async () => {
      const opts = program.opts<GlobalOptions>();
      const core = await createCompanionCore({ config: configFrom(opts), log: quietLogger() });
      try {
        const overview = core.portfolio.overview();
        emit(
          !!opts.json,
          overview.connections,
          () =>
            overview.connections
              .map(
                (c) =>
                  `${c.id}  ${c.label.padEnd(24)} ${c.providerId.padEnd(10)} ${c.status.padEnd(8)} ${formatMoney(c.value.usd, 'USD')}${c.lastError ? `  (${c.lastError.message})` : ''}`,
              )
              .join('\n') || "No connections yet. Add one from the extension's options page.",
        );
      } finally {
        await core.close();
      }
    });

  for (const [name, description, path, pick] of [
    ['pair', 'print a fresh pairing code from the running companion', '/tokens/pairing-code', (b: { code: string }) => `Pairing code: ${b.code}`],
    ['open', 'print a fresh one-time link to the dashboard of the running companion', '/session/link', (b: { url: string }) => `Dashboard: ${b.url}`],
  ] as const) {
    program
      .command(name)
      .description(description)
      .action(async () => {
        const opts = program.opts<GlobalOptions>();
        const config = configFrom(opts);
        if (!(await isCompanionRunning(config.port)))
          throw new Error(`No companion answers on port ${config.port}. Start it with \`npm start\` (or \`pnpm omnifolio serve\`).`);
        const core = await createCompanionCore({ config, log: quietLogger() });
        try {
          const body = await callRunningCompanion<Record<string, string>>(core, config.port, 'POST', path);
          emit(!!opts.json, body, () => (pick as (b: Record<string, string>) => string)(body));
        } finally {
          await core.close();
        }
      });
  }

  const demo = program.command('demo').description('the demo portfolio');
  for (const action of ['create', 'remove'] as const) {
    demo
      .command(action)
      .description(action === 'create' ? 'create the demo portfolio' : 'remove the demo portfolio and its data')
      .action(async () => {
        const opts = program.opts<GlobalOptions>();
        const config = configFrom(opts);
        const core = await createCompanionCore({ config, log: quietLogger() });
        try {
          let n: number | undefined;
          if (await isCompanionRunning(config.port)) {
            // The running companion owns the demo simulators: ask it.
            n = Object.values(await callRunningCompanion<Record<string, number>>(core, config.port, action === 'create' ? 'POST' : 'DELETE', '/demo'))[0];
          } else if (action === 'create') {
            n = await core.demo.create();
            await core.runner.idle();
          } else {
            n = await core.demo.remove();
          }
          emit(
            !!opts.json,
            { [action === 'create' ? 'created' : 'removed']: n },
            () => `${action === 'create' ? 'Created' : 'Removed'} ${n} demo connection(s).`,
          );
        } finally {
          await core.close();
        }
      });
  }

  registerStatementCommands(program, {
    json: () => !!program.opts<GlobalOptions>().json,
    emit,
    withCore: async (fn) => {
      const core = await createCompanionCore({ config: configFrom(program.opts<GlobalOptions>()), log: quietLogger() });
      try {
        return await fn(core);
      } finally {
        await core.close();
      }
    },
  });

  return program;
}

export async function runCli(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    printError(error, argv.includes('--json'));
    throw error;
  }
}
