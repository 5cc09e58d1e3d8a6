import type { LoginLinks } from '../auth/login-links.js';
import type { PairingCodes } from '../auth/pairing-codes.js';
import type { ConnectionService } from '../connections/connection-service.js';
import type { SchwabAuthorizationService } from '../connections/schwab-authorization-service.js';
import type { HistoryService } from '../history/history-service.js';
import type { ConsentService } from '../ingest/consent-service.js';
import type { DocumentService } from '../ingest/document-service.js';
import type { MailboxService } from '../ingest/imap/mailbox-service.js';
import type { CsvTemplateService } from '../ingest/parsers/generic-csv/csv-template-service.js';
import type { Logger } from '../logging/logger.js';
import type { Metrics } from '../metrics/metrics.js';
import type { ExposureService } from '../performance/exposure-service.js';
import type { PerformanceService } from '../performance/performance-service.js';
import type { PortfolioService } from '../portfolio/portfolio-service.js';
import type { LiveUpdates } from '../realtime/live-updates.js';
import type { UserSettingsStore } from '../settings/user-settings.js';
import type { ActivityFeedRepository } from '../storage/repositories/activity-feed-repository.js';
import type { ApiTokensRepository } from '../storage/repositories/api-tokens-repository.js';
import type { AuditLogRepository } from '../storage/repositories/audit-log-repository.js';
import type { ConnectionsRepository } from '../storage/repositories/connections-repository.js';
import type { SyncRunsRepository } from '../storage/repositories/sync-runs-repository.js';
import type { SyncRunner } from '../sync/sync-runner.js';

/** Controls the demo portfolio: simulators in process, connections labelled "Demo". */
export interface DemoControl {
  create(): Promise<number>;
  remove(): Promise<number>;
  active(): boolean;
}

/** Everything the routes need, built once by the composition root (main.ts). */
export interface AppDeps {
  port: () => number;
  version: string;
  tokens: ApiTokensRepository;
  audit: AuditLogRepository;
  pairing: PairingCodes;
  loginLinks: LoginLinks;
  connections: ConnectionService;
  /** Schwab's OAuth sign-in and weekly re-authorization. */
  schwab: SchwabAuthorizationService;
  connectionsRepo: ConnectionsRepository;
  runner: SyncRunner;
  syncRuns: SyncRunsRepository;
  portfolio: PortfolioService;
  /** Stored activities, newest first, for the dashboard's activity list. */
  activityFeed: ActivityFeedRepository;
  /** Live balance streams while a dashboard or popup listens (`GET /api/live`). */
  live: LiveUpdates;
  /** Returns, PnL, risk and trade statistics, and the equity curve (performance/). */
  performance: PerformanceService;
  /** Exposure per underlying and allocation of what is held now. */
  exposure: ExposureService;
  /** Daily snapshots, backfilled and kept current (history/). */
  history: HistoryService;
  /** Base currency, time zone, risk-free rate. */
  settings: UserSettingsStore;
  /** Refreshes prices and FX rates of what is held (and of the base currency), then today's snapshot. */
  refreshPrices: () => Promise<void>;
  demo: DemoControl;
  /** Statements: captured, mailed and uploaded documents and their parsing. */
  documents: DocumentService;
  /** What the user agreed to before capture from a provider's pages. */
  consents: ConsentService;
  /** Column mappings for the generic CSV parser. */
  csvTemplates: CsvTemplateService;
  /** IMAP mailboxes whose statement attachments feed the documents pipeline. */
  mailboxes: MailboxService;
  metrics: Metrics;
  /** Built extension output whose dashboard page the companion serves; null if not built. */
  dashboardDir: string | null;
  log: Logger;
}
