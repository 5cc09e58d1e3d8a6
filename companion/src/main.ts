import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { ValidationError } from '@omnifolio/shared/errors';
import { createApp } from './api/app.js';
import type { AppDeps } from './api/deps.js';
import { createLoginLinks } from './auth/login-links.js';
import { createPairingCodes } from './auth/pairing-codes.js';
import { type CompanionConfig, isLoopbackHost, resolveConfig } from './config/config.js';
import { databasePath } from './config/paths.js';
import { createConnectionService } from './connections/connection-service.js';
import { createSchwabAuthorizationService } from './connections/schwab-authorization-service.js';
import { getConnector, listConnectors } from './connectors/registry.js';
import { schwabAccessTokens } from './connectors/schwab/schwab-access-tokens.js';
import { type DemoEnvironment, startDemoEnvironment } from './demo/demo-environment.js';
import { createDemoPortfolio } from './demo/demo-portfolio.js';
import { createHistoryService } from './history/history-service.js';
import { createConsentService } from './ingest/consent-service.js';
import { createDocumentService } from './ingest/document-service.js';
import { createDocumentStore } from './ingest/documents.js';
import { createMailboxService } from './ingest/imap/mailbox-service.js';
import { createMailboxWatcher } from './ingest/imap/mailbox-watcher.js';
import { createCsvTemplateService } from './ingest/parsers/generic-csv/csv-template-service.js';
import { listParsers } from './ingest/parsers/registry.js';
import { createStatementWriter, DEMO_STATEMENT_PRICE_SOURCE, STATEMENT_PRICE_SOURCE } from './ingest/statement-writer.js';
import { createLogger, type Logger } from './logging/logger.js';
import { createMetrics } from './metrics/metrics.js';
import { createExposureService } from './performance/exposure-service.js';
import { createLedgerWorker } from './performance/ledger-worker.js';
import { createPerformanceService } from './performance/performance-service.js';
import { createPerformanceWarmUp } from './performance/performance-warm-up.js';
import { createPortfolioService } from './portfolio/portfolio-service.js';
import { createMarketSourceChain } from './pricing/market-source-chain.js';
import { createPriceService, type PriceService } from './pricing/price-service.js';
import { createCoinGeckoClient } from './pricing/providers/coingecko/coingecko-client.js';
import { createEcbClient } from './pricing/providers/ecb/ecb-client.js';
import { createEcbFxHistory } from './pricing/providers/ecb/ecb-fx-history.js';
import { createLiveBalanceWriter } from './realtime/live-balance-writer.js';
import { createLivePositionWriter } from './realtime/live-position-writer.js';
import { liveSourceFor } from './realtime/live-sources.js';
import { createLiveUpdates } from './realtime/live-updates.js';
import { chooseKeyProvider } from './secrets/key-provider.js';
import { createSecretStore } from './secrets/secret-store.js';
import { createUserSettings } from './settings/user-settings.js';
import { openStorage, type Storage } from './storage/database.js';
import { createAccountsRepository } from './storage/repositories/accounts-repository.js';
import { createActivitiesRepository } from './storage/repositories/activities-repository.js';
import { createActivityFeedRepository } from './storage/repositories/activity-feed-repository.js';
import { createApiTokensRepository } from './storage/repositories/api-tokens-repository.js';
import { createAssetsRepository } from './storage/repositories/assets-repository.js';
import { createAuditLogRepository } from './storage/repositories/audit-log-repository.js';
import { createBalancesRepository } from './storage/repositories/balances-repository.js';
import { createConnectionsRepository } from './storage/repositories/connections-repository.js';
import { createCursorsRepository } from './storage/repositories/cursors-repository.js';
import { createFxRatesRepository } from './storage/repositories/fx-rates-repository.js';
import { createPositionsRepository } from './storage/repositories/positions-repository.js';
import { createPricesRepository } from './storage/repositories/prices-repository.js';
import { createSyncRunsRepository } from './storage/repositories/sync-runs-repository.js';
import { createTokenMetadataRepository } from './storage/repositories/token-metadata-repository.js';
import { createScheduler } from './sync/scheduler.js';
import { createSyncRunner } from './sync/sync-runner.js';

export const VERSION = '0.1.0';

/** The built extension, whose dashboard page the companion serves in a normal tab. */
export const DEFAULT_DASHBOARD_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../extension/.output/chrome-mv3');

export interface StartOptions {
  config?: Partial<CompanionConfig>;
  /** `on`: create the demo portfolio; `auto`: create it when there are no connections. */
  demo?: 'on' | 'off' | 'auto';
  log?: Logger;
  /** Start the minute scheduler (tests drive syncs themselves). */
  schedule?: boolean;
}

export interface CompanionCore {
  config: CompanionConfig;
  storage: Storage;
  log: Logger;
  runner: ReturnType<typeof createSyncRunner>;
  connectionsRepo: ReturnType<typeof createConnectionsRepository>;
  tokens: ReturnType<typeof createApiTokensRepository>;
  audit: ReturnType<typeof createAuditLogRepository>;
  portfolio: ReturnType<typeof createPortfolioService>;
  demo: ReturnType<typeof createDemoPortfolio>;
  documents: ReturnType<typeof createDocumentService>;
  mailboxes: ReturnType<typeof createMailboxService>;
  /** IMAP IDLE sessions and the mailbox poll timer; started by startCompanion. */
  mailboxWatcher: ReturnType<typeof createMailboxWatcher>;
  appDeps: (port: () => number) => AppDeps;
  refreshPrices: () => Promise<void>;
  close(): Promise<void>;
}

export interface Companion {
  url: string;
  port: number;
  pairingCode: string;
  loginUrl: string;
  storage: Storage;
  app: ReturnType<typeof createApp>;
  demoCreated: number;
  runner: ReturnType<typeof createSyncRunner>;
  close(): Promise<void>;
}

/**
 * The composition root: storage → secrets → repositories → pricing → runner → services.
 * Everything is built here and passed down; nothing reaches for a global. The server
 * (startCompanion) and one-shot CLI commands (sync) share it.
 */
export async function createCompanionCore(options: Pick<StartOptions, 'config' | 'log'> = {}): Promise<CompanionCore> {
  const config = resolveConfig({ dashboardDir: DEFAULT_DASHBOARD_DIR, ...options.config });
  if (!isLoopbackHost(config.host)) {
    throw new ValidationError(
      `Omnifolio only listens on this computer; ${config.host} is not a loopback address.`,
      [{ path: 'host', message: 'must be 127.0.0.1, ::1 or localhost' }],
      {
        hints: ['Leave --host out, or use 127.0.0.1. Your keys and balances must not be reachable from the network.'],
      },
    );
  }
  const log = options.log ?? createLogger();
  const storage = openStorage(databasePath(config.dataDir));
  const db = storage.db;

  const keyProvider = await chooseKeyProvider({ dataDir: config.dataDir, passphrase: config.passphrase, preferKeyring: config.preferKeyring });
  const secrets = createSecretStore(db, keyProvider);

  const connectionsRepo = createConnectionsRepository(db);
  const accounts = createAccountsRepository(db);
  const assets = createAssetsRepository(db);
  const balances = createBalancesRepository(db);
  const positions = createPositionsRepository(db);
  const activities = createActivitiesRepository(storage.sqlite);
  const cursors = createCursorsRepository(db);
  const syncRuns = createSyncRunsRepository(db);
  const tokens = createApiTokensRepository(db);
  const audit = createAuditLogRepository(db);
  const metrics = createMetrics();
  const prices = createPricesRepository(db);
  const fxRates = createFxRatesRepository(db);

  // Real prices and demo prices are cached under different source names, so the demo's
  // simulated prices can never value a real holding.
  const keys = config.marketDataKeys;
  const realCoinGecko = createCoinGeckoClient({
    ...(keys.coinGecko ? { plan: keys.coinGecko.plan, apiKey: keys.coinGecko.apiKey } : { plan: 'public' as const }),
    ...(config.providerUrls.coingecko ? { baseUrl: config.providerUrls.coingecko } : {}),
  });
  // Provider URL overrides mean simulators (tests, e2e): then the ECB, Yahoo and OpenFIGI are
  // used only through their own overrides, so a simulated setup never calls the real ones.
  const simulated = Object.keys(config.providerUrls).length > 0;
  // The ECB's daily reference rates value fiat; an overridden URL (a simulator) keeps its own history.
  const realReferenceRates =
    simulated && !config.providerUrls.ecb
      ? undefined
      : createEcbFxHistory({
          sqlite: storage.sqlite,
          client: createEcbClient(config.providerUrls.ecb ? { baseUrl: config.providerUrls.ecb } : {}),
          source: config.providerUrls.ecb ? 'ecb-override' : 'ecb',
          log,
        });
  const realMarket = createMarketSourceChain({
    sqlite: storage.sqlite,
    urls: config.providerUrls,
    simulatedOnly: simulated,
    ...(keys.openFigi ? { openFigiApiKey: keys.openFigi } : {}),
    ...(keys.tiingo ? { tiingoApiKey: keys.tiingo } : {}),
    ...(keys.alphaVantage ? { alphaVantageApiKey: keys.alphaVantage } : {}),
    ...(simulated ? { cacheNamespace: 'override' } : {}),
  });
  const realPricing = createPriceService({
    prices,
    fxRates,
    sourceName: 'coingecko',
    source: realCoinGecko,
    historySource: realCoinGecko,
    ...(realReferenceRates ? { referenceRates: realReferenceRates } : {}),
    // Shares, ETFs and funds: OpenFIGI (ISIN → listing) and Yahoo Finance, both keyless, with
    // Tiingo and Alpha Vantage as fallbacks when the user set their keys.
    ...(realMarket ? { market: realMarket, marketSourceName: simulated ? 'yahoo-override' : 'yahoo' } : {}),
    log,
  });
  let activePricing: PriceService = realPricing;
  let pricingLabel = config.providerUrls.coingecko ? 'CoinGecko (override)' : 'CoinGecko';
  const onDemoEnvironment = (env: DemoEnvironment | null) => {
    const demoCoinGecko = env ? createCoinGeckoClient({ plan: 'public', baseUrl: env.urls.coingecko }) : null;
    const demoMarket = env?.urls.yahoo
      ? createMarketSourceChain({
          sqlite: storage.sqlite,
          urls: { yahoo: env.urls.yahoo, ...(env.urls.openfigi ? { openfigi: env.urls.openfigi } : {}) },
          simulatedOnly: true,
          cacheNamespace: 'demo',
        })
      : null;
    activePricing = demoCoinGecko
      ? createPriceService({
          prices,
          fxRates,
          sourceName: 'coingecko-demo',
          source: demoCoinGecko,
          historySource: demoCoinGecko,
          referenceRates: env?.urls.ecb
            ? createEcbFxHistory({ sqlite: storage.sqlite, client: createEcbClient({ baseUrl: env.urls.ecb }), source: 'ecb-demo', log })
            : undefined,
          ...(demoMarket ? { market: demoMarket, marketSourceName: 'yahoo-demo' } : {}),
          statementSources: [DEMO_STATEMENT_PRICE_SOURCE, STATEMENT_PRICE_SOURCE],
          log,
        })
      : realPricing;
    pricingLabel = env ? 'Demo prices (simulated CoinGecko)' : config.providerUrls.coingecko ? 'CoinGecko (override)' : 'CoinGecko';
  };

  const settings = createUserSettings(storage.sqlite);
  const portfolio = createPortfolioService({
    storage,
    connections: connectionsRepo,
    balances,
    assets,
    syncRuns,
    pricing: () => activePricing,
    pricingLabel: () => pricingLabel,
    baseCurrency: () => settings.get().baseCurrency,
  });

  const history = createHistoryService({
    sqlite: storage.sqlite,
    pricing: () => activePricing,
    // Today's snapshot values holdings as the overview does, brokers' marks included.
    currentPrices: (ids) => portfolio.currentPrices(ids),
    settings,
    log,
  });
  // A whale's ledger (seconds of FIFO) is built in a worker thread: the companion answers meanwhile.
  const ledgerWorker = createLedgerWorker();
  const performance = createPerformanceService({
    sqlite: storage.sqlite,
    portfolio,
    pricing: () => activePricing,
    settings,
    metrics,
    worker: ledgerWorker,
    log,
  });
  // After the data changed: the ledger behind performance is rebuilt then, not in the dashboard's next request.
  const performanceWarmUp = createPerformanceWarmUp({ warm: () => performance.warm(settings.get().baseCurrency), delayMs: 2_000, log });
  const exposure = createExposureService({ sqlite: storage.sqlite, pricing: () => activePricing, priceIn: (c) => portfolio.priceIn(c) });

  let demo: ReturnType<typeof createDemoPortfolio> | undefined;
  const runner = createSyncRunner({
    onSynced: () => {
      // Open dashboards fetch the overview now rather than at their next poll.
      live.overviewChanged();
      return history.update().finally(() => performanceWarmUp.request());
    },
    storage,
    connections: connectionsRepo,
    accounts,
    assets,
    balances,
    activities,
    positions,
    tokenMetadata: createTokenMetadataRepository(db),
    cursors,
    syncRuns,
    secrets,
    getConnector,
    baseUrlsFor: (connection) => (connection.demo ? demo?.environment()?.urls : config.providerUrls),
    pricing: () => activePricing,
    portfolio,
    log,
    metrics,
  });
  // Balance and position streams (Binance's user data stream, …) are open only while a dashboard listens.
  const live = createLiveUpdates({
    connections: connectionsRepo,
    secrets,
    baseUrlsFor: (connection) => (connection.demo ? demo?.environment()?.urls : config.providerUrls),
    sourceFor: liveSourceFor,
    writeBalances: createLiveBalanceWriter({ storage, accounts, assets, balances, pricing: () => activePricing, portfolio }).write,
    writePositions: createLivePositionWriter({ storage, accounts, positions }).write,
    log,
  });

  const connectionService = createConnectionService({
    connections: connectionsRepo,
    accounts,
    audit,
    secrets,
    runner,
    getConnector,
    listConnectors,
    providerUrls: () => config.providerUrls,
    removeDemo: () => demo!.remove(),
    log,
  });
  const schwab = createSchwabAuthorizationService({
    connections: connectionService,
    connectionsRepo,
    accounts,
    secrets,
    runner,
    audit,
    baseUrlFor: (connection) => (connection?.demo ? demo?.environment()?.urls : config.providerUrls)?.schwab,
    tokens: schwabAccessTokens,
    log,
  });
  demo = createDemoPortfolio({
    connectionsRepo,
    connections: () => connectionService,
    audit,
    startEnvironment: startDemoEnvironment,
    onEnvironmentChange: onDemoEnvironment,
    documents: () => documents,
    log,
  });

  const csvTemplates = createCsvTemplateService(db);
  const documents = createDocumentService({
    db,
    store: createDocumentStore(config.dataDir),
    writer: createStatementWriter({ storage, assets, prices }),
    // Providers' own parsers first; the user's CSV templates are the fallback.
    parsers: () => [...listParsers(), ...csvTemplates.parsers()],
    log,
    // Holdings and history from a statement change the portfolio: record it, like a sync does.
    onParsed: () => {
      portfolio.recordSnapshot('sync');
      history
        .update()
        .catch((error: unknown) => log.warn({ err: String(error) }, 'daily snapshots could not be brought up to date'))
        .finally(() => performanceWarmUp.request());
    },
    removeDemo: () => demo!.remove(),
  });
  const consents = createConsentService(db);
  const mailboxes = createMailboxService({
    db,
    connections: connectionsRepo,
    secrets,
    audit,
    documents,
    log,
    onAdded: (id) => void mailboxWatcher.watch(id).catch((error: unknown) => log.warn({ err: error, mailbox: id }, 'cannot watch the new mailbox')),
  });
  const mailboxWatcher = createMailboxWatcher({ mailboxes, connections: connectionsRepo, secrets, log });

  await demo.resume();
  const pairing = createPairingCodes();
  const loginLinks = createLoginLinks();
  const demoPortfolio = demo;

  async function refreshPrices(): Promise<void> {
    await activePricing.refresh(portfolio.heldAssetIds());
    // Today's daily snapshot follows prices; a new day also values yesterday at its close.
    await history.update().catch((error: unknown) => log.warn({ err: String(error) }, 'daily snapshots could not be brought up to date'));
    // New closes change past trades' values in the base currency (a new day's, or a backfill's).
    performanceWarmUp.request();
    const byStatus: Record<string, number> = {};
    for (const c of connectionsRepo.list()) byStatus[c.status] = (byStatus[c.status] ?? 0) + 1;
    metrics.setConnections(byStatus);
  }

  return {
    config,
    storage,
    log,
    runner,
    connectionsRepo,
    tokens,
    audit,
    portfolio,
    demo: demoPortfolio,
    documents,
    mailboxes,
    mailboxWatcher,
    appDeps: (port) => ({
      port,
      version: VERSION,
      tokens,
      audit,
      pairing,
      loginLinks,
      connections: connectionService,
      schwab,
      connectionsRepo,
      runner,
      syncRuns,
      portfolio,
      activityFeed: createActivityFeedRepository(storage.sqlite),
      live,
      performance,
      exposure,
      history,
      settings,
      refreshPrices,
      demo: demoPortfolio,
      documents,
      consents,
      csvTemplates,
      mailboxes,
      metrics,
      dashboardDir: config.dashboardDir,
      log,
    }),
    refreshPrices,
    async close() {
      performanceWarmUp.stop();
      await ledgerWorker.stop();
      await mailboxWatcher.stop();
      await live.close();
      runner.abortAll();
      await runner.idle();
      await history.idle();
      await demoPortfolio.stop();
      storage.close();
    },
  };
}

/** Starts the companion: the core, the HTTP server on loopback, the scheduler. */
export async function startCompanion(options: StartOptions = {}): Promise<Companion> {
  const core = await createCompanionCore(options);
  const { config, log, runner, connectionsRepo, demo } = core;
  const dangling = createSyncRunsRepository(core.storage.db).failDangling();
  if (dangling > 0) log.warn({ runs: dangling }, 'marked syncs interrupted by the last shutdown as failed');

  let port = config.port;
  const deps = core.appDeps(() => port);
  const app = createApp(deps);

  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: config.host, port: config.port }, () => resolve(s));
    s.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new ValidationError(`Port ${config.port} is already in use.`, [{ path: 'port', message: 'in use' }], {
              hints: ['Another companion may be running already. Stop it, or start this one with --port <another port>.'],
            })
          : error,
      );
    });
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;

  const scheduler = createScheduler({ connections: connectionsRepo, runner, log, onTick: core.refreshPrices });

  let demoCreated = 0;
  const demoMode = options.demo ?? 'auto';
  if (demoMode === 'on' || (demoMode === 'auto' && connectionsRepo.list().length === 0)) {
    demoCreated = await demo.create();
    // The start command promises a synced demo: wait until its balances are stored and
    // priced. History backfills on in the background under the simulated rate budget.
    await Promise.all(
      connectionsRepo
        .list()
        .filter((c) => c.demo)
        .map((c) => runner.balancesStored(c.id)),
    );
  }

  if (options.schedule !== false) {
    scheduler.start();
    scheduler.tick();
    // Mail is taken as it arrives (IDLE); a slow or unreachable server never delays start-up.
    void core.mailboxWatcher.start().catch((error: unknown) => log.warn({ err: error }, 'mailbox watcher did not start'));
  }

  const pairingCode = deps.pairing.issue().code;
  core.audit.record('pairing.code_issued');
  const loginUrl = `${url}/login?code=${deps.loginLinks.issue()}`;
  log.info({ url }, 'companion listening');

  return {
    url,
    port,
    pairingCode,
    loginUrl,
    storage: core.storage,
    app,
    demoCreated,
    runner,
    async close() {
      scheduler.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive sockets (an open dashboard) would hold close() open.
        if ('closeAllConnections' in server) (server as { closeAllConnections(): void }).closeAllConnections();
      });
      await core.close();
    },
  };
}
