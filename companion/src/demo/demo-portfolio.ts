import type { DemoControl } from '../api/deps.js';
import type { ConnectionService } from '../connections/connection-service.js';
import type { DocumentService } from '../ingest/document-service.js';
import type { Logger } from '../logging/logger.js';
import type { AuditLogRepository } from '../storage/repositories/audit-log-repository.js';
import type { ConnectionsRepository } from '../storage/repositories/connections-repository.js';
import type { DemoEnvironment } from './demo-environment.js';

export interface DemoPortfolioDeps {
  connectionsRepo: ConnectionsRepository;
  /** Resolved lazily: the connection service needs this controller too. */
  connections: () => ConnectionService;
  audit: AuditLogRepository;
  startEnvironment: () => Promise<DemoEnvironment>;
  /** Called when the environment starts or stops, to switch pricing to or from it. */
  onEnvironmentChange: (env: DemoEnvironment | null) => void;
  /** Resolved lazily: the documents pipeline removes the demo when a user's own statement arrives. */
  documents: () => Pick<DocumentService, 'ingest' | 'removeDemo'>;
  log: Logger;
}

/**
 * The demo portfolio. Its simulators run inside the companion; its connections are ordinary
 * rows flagged `demo`, with encrypted credentials, and sync through exactly the same runner,
 * connectors, storage and pricing as real ones. Only the base URLs differ. Its pension
 * account is a statement uploaded into the same documents pipeline as a user's (source
 * `demo`), which puts it in a statement connection of its own, flagged `demo` too.
 * Removing the demo deletes all of it: connections, accounts, documents and their prices.
 */
export function createDemoPortfolio(deps: DemoPortfolioDeps): DemoControl & {
  environment(): DemoEnvironment | null;
  /** Starts the simulators if demo connections already exist (after a restart). */
  resume(): Promise<void>;
  stop(): Promise<void>;
} {
  let env: DemoEnvironment | null = null;
  let starting: Promise<DemoEnvironment> | null = null;

  async function ensureEnvironment(): Promise<DemoEnvironment> {
    if (env) return env;
    starting ??= deps.startEnvironment().then((started) => {
      env = started;
      deps.onEnvironmentChange(started);
      return started;
    });
    return starting;
  }

  const demoRows = () => deps.connectionsRepo.list().filter((c) => c.demo);

  return {
    environment: () => env,
    active: () => demoRows().length > 0,

    async resume() {
      if (demoRows().length > 0) await ensureEnvironment();
    },

    async create() {
      if (demoRows().length > 0) return 0;
      const started = await ensureEnvironment();
      for (const connection of started.connections) {
        await deps.connections().create({ ...connection, demo: true, baseUrls: started.urls });
      }
      for (const document of started.documents) {
        const { document: stored } = await deps.documents().ingest({ ...document, source: 'demo' });
        if (stored.status !== 'parsed') deps.log.error({ document: stored.filename, error: stored.error }, 'the demo statement was not read');
      }
      const created = demoRows().length;
      deps.audit.record('demo.created', null, { connections: created, documents: started.documents.length });
      deps.log.info({ connections: created, documents: started.documents.length }, 'demo portfolio created');
      return created;
    },

    async remove() {
      const rows = demoRows();
      for (const row of rows) await deps.connections().remove(row.id);
      const documents = deps.documents().removeDemo();
      if (rows.length > 0 || documents > 0) deps.audit.record('demo.removed', null, { connections: rows.length, documents });
      await this.stop();
      return rows.length;
    },

    async stop() {
      const current = env;
      env = null;
      starting = null;
      if (current) {
        deps.onEnvironmentChange(null);
        await current.stop();
      }
    },
  };
}
