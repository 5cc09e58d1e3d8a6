import { NotFoundError, toErrorBody, ValidationError } from '@omnifolio/shared/errors';
import type { Logger } from '../../logging/logger.js';
import type { SecretStore } from '../../secrets/secret-store.js';
import type { Db } from '../../storage/database.js';
import type { AuditLogRepository } from '../../storage/repositories/audit-log-repository.js';
import type { ConnectionRow, ConnectionsRepository } from '../../storage/repositories/connections-repository.js';
import type { DocumentService } from '../document-service.js';
import { type PollMailboxReturnType, pollMailbox } from './mailbox-poller.js';
import { type CreateMailboxRequest, type MailboxSettings, mailboxSettings } from './mailbox-settings.js';

/** Mailbox connections are polled by the mailbox watcher, not by the sync scheduler. */
const NEVER = '9999-12-31T00:00:00.000Z';

export interface MailboxView {
  id: string;
  label: string;
  settings: MailboxSettings;
  status: ConnectionRow['status'];
  lastSuccessAt: string | null;
  lastError: ConnectionRow['lastError'];
}

export interface MailboxServiceDeps {
  db: Db;
  connections: ConnectionsRepository;
  secrets: SecretStore;
  audit: AuditLogRepository;
  documents: DocumentService;
  log: Logger;
  /** Called with the id of a mailbox just added (the watcher starts watching it). */
  onAdded?: (id: string) => void;
}

const toView = (row: ConnectionRow): MailboxView => ({
  id: row.id,
  label: row.label,
  settings: mailboxSettings.parse(row.settings),
  status: row.status,
  lastSuccessAt: row.lastSuccessAt,
  lastError: row.lastError ?? null,
});

/**
 * Mailboxes that deliver statements: an `imap` connection whose settings hold host, port,
 * TLS, user, folder and rules, and whose app password is sealed in the secret store.
 */
export function createMailboxService(deps: MailboxServiceDeps) {
  const running = new Map<string, Promise<PollMailboxReturnType>>();
  const getRow = (id: string) => {
    const row = deps.connections.find(id);
    if (row?.kind !== 'imap') throw new NotFoundError(`There is no mailbox with id ${id}.`, { hints: ['List mailboxes with GET /api/mailboxes.'] });
    return row;
  };

  async function poll(id: string): Promise<PollMailboxReturnType> {
    const existing = running.get(id);
    if (existing) return existing;
    const row = getRow(id);
    const run = (async () => {
      const secret = row.secretId ? await deps.secrets.get(row.secretId) : {};
      const password = secret.password;
      if (!password)
        throw new ValidationError('This mailbox has no password stored.', [{ path: 'password', message: 'missing' }], {
          hints: ['Remove the mailbox and add it again.'],
        });
      try {
        const result = await pollMailbox({
          connectionId: row.id,
          settings: mailboxSettings.parse(row.settings),
          password,
          db: deps.db,
          documents: deps.documents,
          log: deps.log,
        });
        deps.connections.recordSuccess(row.id, NEVER);
        return result;
      } catch (error) {
        deps.connections.recordFailure(row.id, toErrorBody(error), NEVER, Number.MAX_SAFE_INTEGER);
        throw error;
      }
    })().finally(() => running.delete(id));
    running.set(id, run);
    return run;
  }

  return {
    list(): MailboxView[] {
      return deps.connections
        .list()
        .filter((c) => c.kind === 'imap')
        .map(toView);
    },
    async create(input: CreateMailboxRequest): Promise<MailboxView> {
      const { password, label, ...settings } = input;
      const secretId = await deps.secrets.put({ password });
      const row = deps.connections.insert({ kind: 'imap', providerId: 'imap', label: label ?? `${settings.user} (${settings.folder})`, settings, secretId });
      deps.connections.update(row.id, { nextRunAt: NEVER });
      deps.audit.record('connection.added', row.id, { kind: 'imap', host: settings.host });
      deps.onAdded?.(row.id);
      return toView(deps.connections.get(row.id));
    },
    async remove(id: string): Promise<void> {
      const row = getRow(id);
      deps.connections.delete(row.id);
      if (row.secretId) await deps.secrets.delete(row.secretId);
      deps.audit.record('connection.removed', row.id, { kind: 'imap' });
    },
    poll,
    /** Polls every mailbox once; a failing mailbox does not stop the others. */
    async pollAll(): Promise<void> {
      for (const m of this.list()) {
        await poll(m.id).catch((error: unknown) => deps.log.warn({ err: error, mailbox: m.id }, 'mailbox poll failed'));
      }
    },
  };
}

export type MailboxService = ReturnType<typeof createMailboxService>;
