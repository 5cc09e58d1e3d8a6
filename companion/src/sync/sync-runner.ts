import { BaseError, NotSupportedError, toErrorBody } from '@omnifolio/shared/errors';
import { dec, toDecimalString } from '@omnifolio/shared/money';
import type { IPolicy } from 'cockatiel';
import type { Connector, ConnectorContext, RequestMeter, TokenMetadataStore } from '../connectors/types.js';
import { type Logger, registerSecret } from '../logging/logger.js';
import type { SyncMetrics } from '../metrics/metrics.js';
import type { PortfolioService } from '../portfolio/portfolio-service.js';
import { resolveAsset } from '../pricing/asset-resolver.js';
import type { PriceService } from '../pricing/price-service.js';
import type { Clock } from '../storage/clock.js';
import type { Storage } from '../storage/database.js';
import type { AccountsRepository } from '../storage/repositories/accounts-repository.js';
import type { ActivitiesRepository } from '../storage/repositories/activities-repository.js';
import type { AssetsRepository } from '../storage/repositories/assets-repository.js';
import type { BalancesRepository } from '../storage/repositories/balances-repository.js';
import type { ConnectionRow, ConnectionsRepository } from '../storage/repositories/connections-repository.js';
import type { CursorsRepository } from '../storage/repositories/cursors-repository.js';
import type { PositionsRepository } from '../storage/repositories/positions-repository.js';
import type { SyncRunRow, SyncRunsRepository, SyncTrigger } from '../storage/repositories/sync-runs-repository.js';
import { createProviderPolicy, explainPolicyError } from './sync-policy.js';

/** Reads decrypted credentials. Implemented by the secret store. */
export interface CredentialReader {
  get(id: string): Promise<Record<string, string>>;
}

export interface SyncRunnerDeps {
  storage: Storage;
  connections: ConnectionsRepository;
  accounts: AccountsRepository;
  assets: AssetsRepository;
  balances: BalancesRepository;
  activities: ActivitiesRepository;
  positions: PositionsRepository;
  cursors: CursorsRepository;
  syncRuns: SyncRunsRepository;
  secrets: CredentialReader;
  /** The on-chain token metadata cache wallet connectors read and fill. */
  tokenMetadata?: TokenMetadataStore;
  getConnector: (providerId: string) => Connector;
  /** Base URL overrides for a connection (simulators for demo connections, env overrides). */
  baseUrlsFor: (connection: ConnectionRow) => Record<string, string> | undefined;
  pricing: () => PriceService;
  portfolio: PortfolioService;
  log: Logger;
  metrics?: SyncMetrics;
  clock?: Clock;
  /** Consecutive failed runs after which a connection is paused until the user acts. */
  pauseAfterFailures?: number;
  /**
   * Called after a good sync to bring the daily snapshots up to date from the earliest
   * changed day (history/history-service.ts). Not awaited: a history backfill may fetch
   * years of prices, and the sync is done once its data is stored.
   */
  onSynced?: () => Promise<unknown>;
  policyOptions?: Parameters<typeof createProviderPolicy>[0];
}

export interface SyncOutcome {
  run: SyncRunRow;
  /** Resolves when the run has finished (succeeded or failed); never rejects. */
  done: Promise<SyncRunRow>;
  /** Resolves once balances are stored and priced (or the run ended first); never rejects. */
  balancesStored: Promise<void>;
}

/**
 * Executes syncs. One run per connection at a time; a second request while one runs gets
 * the running one. Stages:
 *  1. balances and positions are fetched in full, then replace the stored ones in one
 *     transaction — a failure before that leaves the previous good set in place;
 *  2. history pages are each stored with the cursors they advance in one transaction, so a
 *     crash repeats a page but never skips or doubles one;
 *  3. prices for held assets are refreshed and a snapshot is written.
 * Every run is recorded in `sync_runs` with counts, requests and, on failure, the error in
 * words; the connection is paused after repeated failures.
 */
export function createSyncRunner(deps: SyncRunnerDeps) {
  const clock = deps.clock ?? (() => new Date());
  const pauseAfter = deps.pauseAfterFailures ?? 5;
  const running = new Map<string, SyncOutcome>();
  const policies = new Map<string, IPolicy>();
  const controllers = new Set<AbortController>();

  const canSync = (providerId: string): boolean => {
    try {
      deps.getConnector(providerId);
      return true;
    } catch {
      return false;
    }
  };

  const policyFor = (connector: Connector) => {
    let policy = policies.get(connector.id);
    if (!policy) {
      policy = createProviderPolicy(deps.policyOptions);
      policies.set(connector.id, policy);
    }
    return policy;
  };

  async function execute(connection: ConnectionRow, run: SyncRunRow, onBalancesStored: () => void): Promise<SyncRunRow> {
    const log = deps.log.child({ connectionId: connection.id, provider: connection.providerId, runId: run.id });
    const meter: RequestMeter = { requests: 0, lastWeight: null };
    const controller = new AbortController();
    controllers.add(controller);
    const disposers: (() => void)[] = [];
    let activitiesAdded = 0;
    const started = clock().getTime();
    try {
      const connector = deps.getConnector(connection.providerId);
      const credentials = connection.secretId ? await deps.secrets.get(connection.secretId) : {};
      for (const value of Object.values(credentials)) disposers.push(registerSecret(value));
      const cursorValues = deps.cursors.load(connection.id);
      const ctx: ConnectorContext = {
        credentials,
        settings: connection.settings,
        baseUrls: deps.baseUrlsFor(connection),
        cursors: { get: (key) => cursorValues.get(key) },
        signal: controller.signal,
        log,
        meter,
        tokenMetadata: deps.tokenMetadata,
      };
      const policy = policyFor(connector);
      const guarded = <T>(fn: () => Promise<T>) =>
        policy.execute(fn, controller.signal).catch((e: unknown) => Promise.reject(explainPolicyError(e, connector.name)));

      // Stage 1: balances and positions, all or nothing.
      const accountSpecs = await guarded(() => connector.accounts(ctx));
      const balances = connector.capabilities.balances ? await guarded(() => connector.fetchBalances(ctx)) : [];
      const positions = connector.capabilities.positions && connector.fetchPositions ? await guarded(() => connector.fetchPositions!(ctx)) : [];
      let balanceCount = 0;
      deps.storage.sqlite.transaction(() => {
        const accountIds = deps.accounts.ensure(connection.id, accountSpecs);
        const rows = [];
        for (const b of balances) {
          const accountId = accountIds.get(b.accountKey);
          if (!accountId) throw new BaseError(`${connector.name} reported a balance for an account it did not list (${b.accountKey}).`);
          const asset = resolveAsset(b.asset);
          deps.assets.ensure(asset);
          const total = dec(b.free).plus(b.locked);
          if (total.isZero()) continue;
          rows.push({
            accountId,
            assetId: asset.id,
            free: toDecimalString(b.free),
            locked: toDecimalString(b.locked),
            total: toDecimalString(total),
            asOf: b.asOf,
          });
        }
        // The same asset can arrive twice for one account (e.g. two earn products); add them.
        const merged = new Map<string, (typeof rows)[number]>();
        for (const r of rows) {
          const key = `${r.accountId}|${r.assetId}`;
          const prev = merged.get(key);
          merged.set(
            key,
            prev
              ? {
                  ...r,
                  free: toDecimalString(dec(prev.free).plus(r.free)),
                  locked: toDecimalString(dec(prev.locked).plus(r.locked)),
                  total: toDecimalString(dec(prev.total).plus(r.total)),
                }
              : r,
          );
        }
        deps.balances.replaceForAccounts([...accountIds.values()], [...merged.values()]);
        balanceCount = merged.size;
        const positionRows = positions.map((p) => {
          const accountId = accountIds.get(p.accountKey);
          if (!accountId) throw new BaseError(`${connector.name} reported a position for an account it did not list (${p.accountKey}).`);
          const { accountKey: _accountKey, ...rest } = p;
          return { ...rest, accountId };
        });
        if (connector.capabilities.positions) deps.positions.replaceForAccounts([...accountIds.values()], positionRows);
      })();
      log.info({ balances: balanceCount, positions: positions.length }, 'balances stored');
      // Price the new balances now: a first sync's history backfill can take minutes under
      // a provider's rate budget, and the dashboard should show a valued total meanwhile.
      await deps.pricing().refresh(deps.portfolio.heldAssetIds());
      onBalancesStored();

      // Stage 2: history, page by page, each page with its cursors. A retry restarts the
      // walk from the cursors committed so far (a generator that threw cannot resume).
      if (connector.capabilities.activities && connector.fetchActivities) {
        const accountIds = deps.accounts.ensure(connection.id, accountSpecs);
        await guarded(async () => {
          for await (const page of connector.fetchActivities!(ctx)) {
            deps.storage.sqlite.transaction(() => {
              const rows = page.activities.map((a) => {
                const accountId = accountIds.get(a.accountKey);
                if (!accountId) throw new BaseError(`${connector.name} reported history for an account it did not list (${a.accountKey}).`);
                return {
                  accountId,
                  providerRef: a.providerRef,
                  type: a.type,
                  executedAt: a.executedAt,
                  asset: a.asset,
                  quantity: toDecimalString(a.quantity),
                  quoteAsset: a.quoteAsset,
                  price: a.price === null ? null : toDecimalString(a.price),
                  fee: a.fee === null ? null : toDecimalString(a.fee),
                  feeAsset: a.feeAsset,
                  raw: a.raw === undefined ? null : JSON.stringify(a.raw),
                };
              });
              activitiesAdded += deps.activities.insertMany(rows);
              deps.cursors.set(connection.id, page.cursors);
              for (const [k, v] of Object.entries(page.cursors)) cursorValues.set(k, v);
            })();
          }
        });
      }

      // Stage 3: prices and a snapshot. A pricing outage does not fail the sync: the data
      // is good, and the dashboard shows the last known prices marked stale.
      await deps.pricing().refresh(deps.portfolio.heldAssetIds());
      deps.portfolio.recordSnapshot('sync');
      deps.onSynced?.().catch((error: unknown) => deps.log.warn({ err: String(error) }, 'daily snapshots could not be brought up to date'));

      const finished = deps.syncRuns.finish(run.id, {
        status: 'succeeded',
        balances: balanceCount,
        activities: activitiesAdded,
        positions: positions.length,
        requests: meter.requests,
      });
      const nextRunAt = new Date(clock().getTime() + connection.syncIntervalMinutes * 60_000).toISOString();
      deps.connections.recordSuccess(connection.id, nextRunAt);
      deps.metrics?.recordRun(connection.providerId, 'succeeded', (clock().getTime() - started) / 1000);
      log.info({ activities: activitiesAdded, requests: meter.requests }, 'sync succeeded');
      return finished;
    } catch (error) {
      const body = toErrorBody(error);
      if (!(error instanceof BaseError)) log.error({ err: error }, 'sync failed unexpectedly');
      else log.warn({ code: body.code, message: body.message }, 'sync failed');
      const finished = deps.syncRuns.finish(run.id, {
        status: 'failed',
        requests: meter.requests,
        activities: activitiesAdded,
        error: { code: body.code, message: body.message, hints: body.hints },
      });
      // Back off the schedule with the failure count, capped at the normal interval × 4.
      const failures = connection.consecutiveFailures + 1;
      const delayMin = Math.min(connection.syncIntervalMinutes * 4, 5 * 2 ** Math.min(failures, 6));
      const nextRunAt = new Date(clock().getTime() + delayMin * 60_000).toISOString();
      const updated = deps.connections.recordFailure(connection.id, { code: body.code, message: body.message, hints: body.hints }, nextRunAt, pauseAfter);
      if (updated.status === 'paused') log.warn({ failures }, 'connection paused after repeated failures');
      deps.metrics?.recordRun(connection.providerId, 'failed', (clock().getTime() - started) / 1000);
      return finished;
    } finally {
      for (const dispose of disposers) dispose();
      controllers.delete(controller);
    }
  }

  return {
    /** Starts a sync (or returns the one already running for that connection). */
    start(connectionId: string, trigger: SyncTrigger): SyncOutcome {
      const existing = running.get(connectionId);
      if (existing) return existing;
      const connection = deps.connections.get(connectionId);
      if (!canSync(connection.providerId)) {
        throw new NotSupportedError(`${connection.label} is fed by documents (statements or mail), not synced from an API.`, {
          hints: ['Capture or upload a newer statement; it is parsed as soon as it arrives.'],
        });
      }
      const run = deps.syncRuns.start(connection.id, trigger);
      deps.connections.setStatus(connection.id, 'syncing');
      let onBalancesStored = () => {};
      const balancesStored = new Promise<void>((resolve) => {
        onBalancesStored = resolve;
      });
      const done = execute(connection, run, onBalancesStored).finally(() => {
        onBalancesStored();
        running.delete(connectionId);
      });
      const outcome = { run, done, balancesStored };
      running.set(connectionId, outcome);
      return outcome;
    },

    /** Whether connections of this provider sync through an API connector. */
    canSync,

    /** Resolves once the running sync of this connection has stored and priced its balances. */
    balancesStored(connectionId: string): Promise<void> {
      return running.get(connectionId)?.balancesStored ?? Promise.resolve();
    },

    isRunning(connectionId: string): boolean {
      return running.has(connectionId);
    },

    /** Waits for every running sync; used at shutdown and by tests. */
    async idle(): Promise<void> {
      await Promise.all([...running.values()].map((o) => o.done));
    },

    /** Aborts running syncs (shutdown). Their runs are recorded as failed. */
    abortAll(): void {
      for (const c of controllers) c.abort();
    },
  };
}

export type SyncRunner = ReturnType<typeof createSyncRunner>;
