import type { Logger } from '../../logging/logger.js';
import type { SecretStore } from '../../secrets/secret-store.js';
import type { ConnectionsRepository } from '../../storage/repositories/connections-repository.js';
import type { MailboxService } from './mailbox-service.js';
import { mailboxSettings } from './mailbox-settings.js';

export interface MailboxWatcherDeps {
  mailboxes: MailboxService;
  connections: ConnectionsRepository;
  secrets: SecretStore;
  log: Logger;
  /** Poll every mailbox at this interval too: servers without IDLE, and dropped connections. */
  intervalMs?: number;
}

/**
 * Keeps one IMAP session per mailbox open on its folder. imapflow enters IDLE by itself
 * when the session is quiet (if the server offers IDLE), and an `exists` notification
 * (new mail) triggers a poll at once. A timer polls everything as well, which covers
 * servers without IDLE and sessions the server closed.
 */
export function createMailboxWatcher(deps: MailboxWatcherDeps) {
  const sessions = new Map<string, { close(): Promise<void> }>();
  let timer: NodeJS.Timeout | undefined;
  let started = false;

  async function watch(id: string): Promise<void> {
    const row = deps.connections.find(id);
    if (!started || !row || row.kind !== 'imap' || sessions.has(id)) return;
    const settings = mailboxSettings.parse(row.settings);
    const password = row.secretId ? (await deps.secrets.get(row.secretId)).password : undefined;
    if (!password) return;
    const { ImapFlow } = await import('imapflow');
    const client = new ImapFlow({
      host: settings.host,
      port: settings.port,
      secure: settings.tls,
      auth: { user: settings.user, pass: password },
      logger: false,
      doSTARTTLS: settings.tls ? undefined : false,
      // This session only listens: enter IDLE a second after it goes quiet (default 15 s).
      autoIdleDelay: 1000,
    });
    const poll = () => deps.mailboxes.poll(id).catch((error: unknown) => deps.log.warn({ err: error, mailbox: id }, 'mailbox poll failed'));
    client.on('exists', () => void poll());
    client.on('error', (error: unknown) => deps.log.warn({ err: error, mailbox: id }, 'mailbox session error'));
    client.on('close', () => sessions.delete(id));
    try {
      await client.connect();
      await client.mailboxOpen(settings.folder, { readOnly: true });
    } catch (error) {
      deps.log.warn({ err: error, mailbox: id }, 'cannot watch the mailbox; the timer polls it instead');
      client.close();
      return;
    }
    sessions.set(id, { close: () => client.logout().catch(() => client.close()) });
    await poll();
  }

  return {
    async start(): Promise<void> {
      started = true;
      for (const m of deps.mailboxes.list()) await watch(m.id);
      timer = setInterval(
        () => {
          if (!started) return;
          void deps.mailboxes.pollAll();
          for (const m of deps.mailboxes.list()) void watch(m.id);
        },
        deps.intervalMs ?? 15 * 60_000,
      );
      timer.unref();
    },
    /** Starts watching a mailbox added while the companion runs (nothing when not started). */
    watch,
    async stop(): Promise<void> {
      started = false;
      if (timer) clearInterval(timer);
      await Promise.all([...sessions.values()].map((s) => s.close()));
      sessions.clear();
    },
  };
}

export type MailboxWatcher = ReturnType<typeof createMailboxWatcher>;
