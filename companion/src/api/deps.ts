import type { LoginLinks } from '../auth/login-links.js';
import type { PairingCodes } from '../auth/pairing-codes.js';
import type { ConnectionService } from '../connections/connection-service.js';
import type { Logger } from '../logging/logger.js';
import type { Metrics } from '../metrics/metrics.js';
import type { PortfolioService } from '../portfolio/portfolio-service.js';
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
  connectionsRepo: ConnectionsRepository;
  runner: SyncRunner;
  syncRuns: SyncRunsRepository;
  portfolio: PortfolioService;
  demo: DemoControl;
  metrics: Metrics;
  /** Built extension output whose dashboard page the companion serves; null if not built. */
  dashboardDir: string | null;
  log: Logger;
}
