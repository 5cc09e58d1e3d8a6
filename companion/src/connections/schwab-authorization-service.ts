import { randomBytes } from 'node:crypto';
import type { ConnectionView, SchwabAuthorizationView, SchwabSignInView } from '@omnifolio/shared/api';
import { AuthError, NotFoundError, ValidationError } from '@omnifolio/shared/errors';
import type { SchwabAccessTokens } from '../connectors/schwab/schwab-access-tokens.js';
import { exchangeSchwabCode, parseSchwabRedirect, SCHWAB_API_URL, SCHWAB_DEFAULT_CALLBACK_URL, schwabAuthorizeUrl } from '../connectors/schwab/schwab-oauth.js';
import { SCHWAB_AUTHORIZED_AT_SETTING, schwabSignIn } from '../connectors/schwab/schwab-sign-in.js';
import type { Logger } from '../logging/logger.js';
import type { AuditLogRepository } from '../storage/repositories/audit-log-repository.js';
import type { ConnectionRow, ConnectionsRepository } from '../storage/repositories/connections-repository.js';
import type { SyncRunner } from '../sync/sync-runner.js';
import type { ConnectionService } from './connection-service.js';
import { toConnectionView } from './connection-service.js';

/** Schwab's authorization code lives 30 s; the person needs longer to log in, approve and paste. */
const PENDING_LIFE_MS = 15 * 60_000;
/** Sign-ins started and never finished are dropped beyond this many (a page reloaded in a loop). */
const MAX_PENDING = 20;

export interface SchwabAuthorizationDeps {
  connections: ConnectionService;
  connectionsRepo: ConnectionsRepository;
  accounts: Parameters<typeof toConnectionView>[1];
  secrets: {
    get(id: string): Promise<Record<string, string>>;
    replace(id: string, value: Record<string, string>): Promise<void>;
  };
  runner: Pick<SyncRunner, 'start'>;
  audit: AuditLogRepository;
  /** Schwab's API host for a connection (null: a new one): the real one, an override, or the demo simulator. */
  baseUrlFor: (connection: ConnectionRow | null) => string | undefined;
  tokens: SchwabAccessTokens;
  now?: () => number;
  log: Logger;
}

interface Pending {
  createdAt: number;
  appKey: string;
  appSecret: string;
  callbackUrl: string;
  baseUrl: string;
  /** Set when re-authorizing an existing connection. */
  connectionId: string | null;
  label: string;
  syncIntervalMinutes: number;
}

export type StartSchwabAuthorization =
  | { connectionId: string }
  | { label: string; appKey: string; appSecret: string; callbackUrl?: string; syncIntervalMinutes: number };

/**
 * Schwab's sign-in, bound to this companion: `start` remembers the app and a random `state`
 * for 15 minutes and returns Schwab's authorize address; `complete` takes the address the
 * browser reached afterwards (captured by the extension or pasted), refuses it unless its
 * `state` is the one issued, exchanges the code and then either adds the connection or
 * puts the new refresh token into an existing one (the weekly re-authorization). Nothing is
 * stored before Schwab has issued tokens.
 */
export function createSchwabAuthorizationService(deps: SchwabAuthorizationDeps) {
  const now = deps.now ?? Date.now;
  const pending = new Map<string, Pending>();

  function prune() {
    for (const [state, p] of pending) if (now() - p.createdAt > PENDING_LIFE_MS) pending.delete(state);
    while (pending.size >= MAX_PENDING) pending.delete(pending.keys().next().value as string);
  }

  function checkCallbackUrl(value: string | undefined): string {
    const url = value === undefined || value.trim() === '' ? SCHWAB_DEFAULT_CALLBACK_URL : value.trim();
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new ValidationError('The callback URL is not a web address.', [
        { path: 'callbackUrl', message: `Enter it as registered, e.g. ${SCHWAB_DEFAULT_CALLBACK_URL}` },
      ]);
    }
    if (parsed.protocol !== 'https:') {
      throw new ValidationError(
        'Schwab requires an HTTPS callback URL.',
        [{ path: 'callbackUrl', message: `Use https://, e.g. ${SCHWAB_DEFAULT_CALLBACK_URL}` }],
        {
          hints: ['The callback URL must be exactly the one registered for your app at developer.schwab.com.'],
        },
      );
    }
    return url;
  }

  function schwabRow(connectionId: string): ConnectionRow {
    const row = deps.connectionsRepo.get(connectionId);
    if (row.providerId !== 'schwab')
      throw new ValidationError(`“${row.label}” is not a Schwab connection.`, [{ path: 'connectionId', message: 'Expected a Schwab connection' }]);
    return row;
  }

  return {
    async start(input: StartSchwabAuthorization): Promise<SchwabAuthorizationView> {
      prune();
      let entry: Pending;
      if ('connectionId' in input) {
        const row = schwabRow(input.connectionId);
        if (row.secretId === null) throw new NotFoundError(`“${row.label}” has no stored Schwab app; remove it and add it again.`);
        const stored = await deps.secrets.get(row.secretId);
        entry = {
          createdAt: now(),
          appKey: stored.appKey ?? '',
          appSecret: stored.appSecret ?? '',
          callbackUrl: checkCallbackUrl(stored.callbackUrl),
          baseUrl: deps.baseUrlFor(row) ?? SCHWAB_API_URL,
          connectionId: row.id,
          label: row.label,
          syncIntervalMinutes: row.syncIntervalMinutes,
        };
      } else {
        entry = {
          createdAt: now(),
          appKey: input.appKey.trim(),
          appSecret: input.appSecret.trim(),
          callbackUrl: checkCallbackUrl(input.callbackUrl),
          baseUrl: deps.baseUrlFor(null) ?? SCHWAB_API_URL,
          connectionId: null,
          label: input.label.trim(),
          syncIntervalMinutes: input.syncIntervalMinutes,
        };
      }
      const state = randomBytes(24).toString('base64url');
      pending.set(state, entry);
      return {
        state,
        authorizeUrl: schwabAuthorizeUrl({ baseUrl: entry.baseUrl, appKey: entry.appKey, callbackUrl: entry.callbackUrl, state }),
        callbackUrl: entry.callbackUrl,
        expiresAt: new Date(entry.createdAt + PENDING_LIFE_MS).toISOString(),
      };
    },

    async complete(state: string, redirectedUrl: string): Promise<ConnectionView> {
      prune();
      const entry = pending.get(state);
      if (entry === undefined) {
        throw new ValidationError(
          'This Schwab sign-in was not started here, or took longer than 15 minutes.',
          [{ path: 'state', message: 'Unknown or expired sign-in' }],
          {
            hints: ['Click “Authorize with Schwab” again and finish within 15 minutes.'],
          },
        );
      }
      const redirect = parseSchwabRedirect(redirectedUrl, entry.callbackUrl);
      // The state proves the address comes from the sign-in started here and not from a link
      // someone else prepared (OAuth's defence against login CSRF).
      if (redirect.state !== state) {
        deps.audit.record('credentials.refused', 'schwab', { label: entry.label, reason: 'OAuth state mismatch' });
        throw new AuthError('This address belongs to a different Schwab sign-in.', {
          hints: ['Paste the address of the tab that “Authorize with Schwab” opened last, or start again.'],
        });
      }
      pending.delete(state);
      const tokens = await exchangeSchwabCode(
        { baseUrl: entry.baseUrl, appKey: entry.appKey, appSecret: entry.appSecret, signal: AbortSignal.timeout(60_000), now },
        redirect.code,
        entry.callbackUrl,
      );
      // The exchange's access token serves the connection test and the first sync.
      deps.tokens.remember(entry.appKey, tokens);
      const authorizedAt = new Date(now()).toISOString();
      const credentials = { appKey: entry.appKey, appSecret: entry.appSecret, callbackUrl: entry.callbackUrl, refreshToken: tokens.refreshToken };

      if (entry.connectionId === null) {
        const created = await deps.connections.create({
          providerId: 'schwab',
          label: entry.label,
          credentials,
          syncIntervalMinutes: entry.syncIntervalMinutes,
          baseUrls: entry.baseUrl === SCHWAB_API_URL ? undefined : { schwab: entry.baseUrl },
        });
        const row = deps.connectionsRepo.get(created.id);
        deps.connectionsRepo.update(row.id, { settings: { ...row.settings, [SCHWAB_AUTHORIZED_AT_SETTING]: authorizedAt } });
        return toConnectionView(deps.connectionsRepo.get(row.id), deps.accounts);
      }

      const row = schwabRow(entry.connectionId);
      // The old sign-in's access token is of no further use; drop it from memory.
      const previous = await deps.secrets.get(row.secretId!);
      if (previous.refreshToken) deps.tokens.forget(previous.appKey ?? entry.appKey, previous.refreshToken);
      await deps.secrets.replace(row.secretId!, credentials);
      deps.connectionsRepo.update(row.id, {
        settings: { ...row.settings, [SCHWAB_AUTHORIZED_AT_SETTING]: authorizedAt },
        // A connection paused or failing because the sign-in ended can sync again now.
        ...(row.status === 'paused' || row.status === 'error' ? { status: 'ok' as const } : {}),
        nextRunAt: authorizedAt,
      });
      deps.audit.record('credentials.renewed', row.id, { providerId: 'schwab', label: row.label });
      deps.log.info({ connectionId: row.id }, 'Schwab connection re-authorized');
      deps.runner.start(row.id, 'manual');
      return toConnectionView(deps.connectionsRepo.get(row.id), deps.accounts);
    },

    /** Every Schwab connection's sign-in, with the warning from 24 h before it ends. */
    signIns(): SchwabSignInView[] {
      return deps.connectionsRepo
        .list()
        .filter((row) => row.providerId === 'schwab')
        .map((row) => ({ connectionId: row.id, label: row.label, ...schwabSignIn(row.settings[SCHWAB_AUTHORIZED_AT_SETTING] as string | undefined, now()) }));
    },
  };
}

export type SchwabAuthorizationService = ReturnType<typeof createSchwabAuthorizationService>;
