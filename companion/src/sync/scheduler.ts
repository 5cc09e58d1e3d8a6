import { Cron } from 'croner';
import type { Logger } from '../logging/logger.js';
import type { Clock } from '../storage/clock.js';
import type { ConnectionsRepository } from '../storage/repositories/connections-repository.js';
import type { SyncRunner } from './sync-runner.js';

export interface SchedulerDeps {
  connections: ConnectionsRepository;
  runner: SyncRunner;
  log: Logger;
  clock?: Clock;
  /** Called on every tick after due syncs start (price refresh, daily snapshot). */
  onTick?: () => Promise<void> | void;
}

/**
 * Runs each connection at its own frequency. A croner job ticks every minute and starts
 * the connections whose `next_run_at` has passed; the runner sets the next time after each
 * run (the interval after a success, a growing backoff after a failure). Paused connections
 * wait for the user.
 */
export function createScheduler(deps: SchedulerDeps) {
  const clock = deps.clock ?? (() => new Date());
  let job: Cron | undefined;

  function tick(): string[] {
    const now = clock().toISOString();
    const started: string[] = [];
    for (const c of deps.connections.list()) {
      if (c.status === 'paused' || deps.runner.isRunning(c.id) || !deps.runner.canSync(c.providerId)) continue;
      if (!c.nextRunAt || c.nextRunAt <= now) {
        deps.runner.start(c.id, 'schedule');
        started.push(c.id);
      }
    }
    return started;
  }

  return {
    /** One pass: starts what is due. Exposed for tests and for the first pass at start-up. */
    tick,
    start(): void {
      job = new Cron('* * * * *', { protect: true, catch: (e) => deps.log.error({ err: e }, 'scheduler tick failed') }, async () => {
        const started = tick();
        if (started.length > 0) deps.log.info({ connections: started.length }, 'scheduled syncs started');
        await deps.onTick?.();
      });
    },
    stop(): void {
      job?.stop();
    },
  };
}

export type Scheduler = ReturnType<typeof createScheduler>;
