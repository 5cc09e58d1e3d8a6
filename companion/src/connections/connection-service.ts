import type { ConnectionView, ProviderView, TestConnectionResult } from '@omnifolio/shared/api';
import { PermissionError, ValidationError } from '@omnifolio/shared/errors';
import type { Connector, ConnectorContext } from '../connectors/types.js';
import { type Logger, registerSecret } from '../logging/logger.js';
import { liveSourceFor } from '../realtime/live-sources.js';
import type { AccountsRepository } from '../storage/repositories/accounts-repository.js';
import type { AuditLogRepository } from '../storage/repositories/audit-log-repository.js';
import type { ConnectionRow, ConnectionsRepository } from '../storage/repositories/connections-repository.js';
import type { SyncRunner } from '../sync/sync-runner.js';

export interface SecretWriter {
  put(value: Record<string, string>): Promise<string>;
  delete(id: string): Promise<void> | void;
}

export interface ConnectionServiceDeps {
  connections: ConnectionsRepository;
  accounts: AccountsRepository;
  audit: AuditLogRepository;
  secrets: SecretWriter;
  runner: SyncRunner;
  getConnector: (providerId: string) => Connector;
  listConnectors: () => readonly Connector[];
  /** Base URL overrides for new, non-demo connections (env `OMNIFOLIO_PROVIDER_URLS`). */
  providerUrls: () => Record<string, string>;
  /** Removes the demo portfolio; called when the first real connection is added. */
  removeDemo: () => Promise<number>;
  log: Logger;
}

export interface NewConnectionInput {
  providerId: string;
  label: string;
  credentials: Record<string, string>;
  syncIntervalMinutes?: number;
  demo?: boolean;
  baseUrls?: Record<string, string>;
}

export function toConnectionView(row: ConnectionRow, accounts: AccountsRepository): ConnectionView {
  return {
    id: row.id,
    label: row.label,
    kind: row.kind,
    providerId: row.providerId,
    demo: row.demo,
    status: row.status,
    syncIntervalMinutes: row.syncIntervalMinutes,
    consecutiveFailures: row.consecutiveFailures,
    lastSuccessAt: row.lastSuccessAt,
    lastError: row.lastError ?? null,
    warnings: row.warnings,
    accounts: accounts.listByConnection(row.id).map((a) => ({ id: a.id, type: a.type, name: a.name })),
    createdAt: row.createdAt,
  };
}

export function toProviderView(connector: Connector): ProviderView {
  return {
    id: connector.id,
    name: connector.name,
    kind: connector.kind,
    tested: true,
    live: liveSourceFor(connector.id) !== undefined,
    credentials: connector.credentials.map((c) => ({ key: c.key, label: c.label, secret: c.secret, help: c.help, optional: c.optional === true })),
    help: connector.help,
  };
}

/**
 * Adding, testing and removing connections. Credentials are tested before anything is
 * stored; a key that can withdraw is refused (and the refusal audited, without the key);
 * accepted credentials are sealed by the secret store and only its id is kept on the row.
 */
export function createConnectionService(deps: ConnectionServiceDeps) {
  function checkCredentials(connector: Connector, credentials: Record<string, string>): Record<string, string> {
    const issues = [];
    const clean: Record<string, string> = {};
    for (const spec of connector.credentials) {
      const value = credentials[spec.key]?.trim() ?? '';
      if (!value && !spec.optional) issues.push({ path: `credentials.${spec.key}`, message: `${spec.label} is required.` });
      if (value) clean[spec.key] = value;
    }
    if (issues.length > 0) {
      throw new ValidationError(`${connector.name} needs ${issues.map((i) => i.message.replace(' is required.', '')).join(' and ')}.`, issues, {
        hints: [connector.help],
      });
    }
    return clean;
  }

  async function runTest(connector: Connector, credentials: Record<string, string>, baseUrls: Record<string, string> | undefined) {
    const disposers = Object.values(credentials).map((v) => registerSecret(v));
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 60_000);
    try {
      const ctx: ConnectorContext = {
        credentials,
        settings: {},
        baseUrls,
        cursors: { get: () => undefined },
        signal: controller.signal,
        log: deps.log.child({ provider: connector.id, op: 'test' }),
        meter: { requests: 0, lastWeight: null },
      };
      return await connector.test(ctx);
    } finally {
      clearTimeout(timer);
      for (const d of disposers) d();
    }
  }

  return {
    providers(): ProviderView[] {
      return deps.listConnectors().map(toProviderView);
    },

    async test(input: NewConnectionInput): Promise<TestConnectionResult> {
      const connector = deps.getConnector(input.providerId);
      const credentials = checkCredentials(connector, input.credentials);
      try {
        const result = await runTest(connector, credentials, input.baseUrls ?? deps.providerUrls());
        return { ok: true, warnings: result.warnings, accounts: result.accounts.length };
      } catch (error) {
        if (error instanceof PermissionError) deps.audit.record('credentials.refused', input.providerId, { label: input.label, reason: error.shortMessage });
        throw error;
      }
    },

    async create(input: NewConnectionInput): Promise<ConnectionView> {
      const connector = deps.getConnector(input.providerId);
      const credentials = checkCredentials(connector, input.credentials);
      let result: Awaited<ReturnType<typeof runTest>>;
      try {
        result = await runTest(connector, credentials, input.baseUrls ?? deps.providerUrls());
      } catch (error) {
        if (error instanceof PermissionError) deps.audit.record('credentials.refused', input.providerId, { label: input.label, reason: error.shortMessage });
        throw error;
      }
      // Demo prices and real prices must never be summed together: the first real
      // connection replaces the demo portfolio.
      if (!input.demo) await deps.removeDemo();
      const secretId = Object.keys(credentials).length > 0 ? await deps.secrets.put(credentials) : null;
      const row = deps.connections.insert({
        kind: connector.kind,
        providerId: connector.id,
        label: input.label,
        secretId,
        demo: input.demo ?? false,
        syncIntervalMinutes: input.syncIntervalMinutes ?? 60,
        warnings: result.warnings,
      });
      deps.accounts.ensure(row.id, result.accounts);
      deps.audit.record('connection.added', row.id, { providerId: connector.id, label: input.label, demo: input.demo ?? false });
      deps.runner.start(row.id, input.demo ? 'demo' : 'manual');
      return toConnectionView(deps.connections.get(row.id), deps.accounts);
    },

    update(id: string, patch: { label?: string; syncIntervalMinutes?: number; paused?: boolean }): ConnectionView {
      const row = deps.connections.get(id);
      const status = patch.paused === true ? 'paused' : patch.paused === false && row.status === 'paused' ? 'ok' : undefined;
      const updated = deps.connections.update(id, {
        ...(patch.label !== undefined ? { label: patch.label } : {}),
        ...(patch.syncIntervalMinutes !== undefined ? { syncIntervalMinutes: patch.syncIntervalMinutes } : {}),
        ...(status ? { status } : {}),
        // Resuming a paused connection makes it due now.
        ...(status === 'ok' ? { nextRunAt: new Date().toISOString() } : {}),
      });
      return toConnectionView(updated, deps.accounts);
    },

    async remove(id: string): Promise<void> {
      const row = deps.connections.get(id);
      deps.connections.delete(id);
      if (row.secretId) await deps.secrets.delete(row.secretId);
      deps.audit.record('connection.removed', id, { providerId: row.providerId, label: row.label });
    },

    list(): ConnectionView[] {
      return deps.connections.list().map((r) => toConnectionView(r, deps.accounts));
    },
  };
}

export type ConnectionService = ReturnType<typeof createConnectionService>;
