import type { LiveEvent } from '@omnifolio/shared/api';
import { AuthError, PermissionError } from '@omnifolio/shared/errors';
import type { LiveBalanceUpdate, LivePositionUpdate, LiveSource, LiveStream } from '../connectors/live-source.js';
import type { ConnectorContext } from '../connectors/types.js';
import { type Logger, registerSecret } from '../logging/logger.js';
import type { ConnectionRow, ConnectionsRepository } from '../storage/repositories/connections-repository.js';
import type { CredentialReader } from '../sync/sync-runner.js';

const RECHECK_MS = 60_000;

export interface LiveUpdatesDeps {
  connections: ConnectionsRepository;
  secrets: CredentialReader;
  /** The same base URLs the sync runner uses for the connection (simulators for the demo). */
  baseUrlsFor: (connection: ConnectionRow) => Record<string, string> | undefined;
  sourceFor: (providerId: string) => LiveSource | undefined;
  /** Stores a balance update; resolves to true when the stored balances changed. */
  writeBalances: (connectionId: string, update: LiveBalanceUpdate) => Promise<boolean>;
  /** Stores a position update; resolves to true when the stored positions changed. */
  writePositions: (connectionId: string, update: LivePositionUpdate) => Promise<boolean>;
  log: Logger;
  now?: () => Date;
}

export interface LiveListener {
  event(event: LiveEvent): void;
  /** The companion is shutting down: end the response. */
  end(): void;
}

interface OpenStream {
  stream: LiveStream | undefined;
  /** Set when the stream must not be used any more (closing, failed for good). */
  stopped: boolean;
  /** Updates are stored one after another, in the order the provider sent them. */
  writes: Promise<void>;
  disposeSecrets: () => void;
}

/**
 * Live balances and positions while someone looks. The first dashboard or popup that subscribes
 * makes the companion open the stream of every connection whose provider has one (Binance's user
 * data stream, …); each update is stored (live-balance-writer.ts, live-position-writer.ts) and announced as
 * `overview-changed`; when the last subscriber leaves, every stream is closed, so no exchange
 * connection stays open for a dashboard nobody has open.
 *
 * Connections without a stream, paused ones, and streams that failed for good are announced as
 * `polling` in the `status` event: the dashboard polls the overview for them.
 */
export function createLiveUpdates(deps: LiveUpdatesDeps) {
  const now = deps.now ?? (() => new Date());
  const listeners = new Set<LiveListener>();
  const open = new Map<string, OpenStream>();
  /** Connections whose stream failed for good since the companion started (a revoked key, say). */
  const failed = new Set<string>();
  const pending = new Set<Promise<unknown>>();
  /** While someone listens, connections added, removed or paused meanwhile are caught up this often. */
  let recheck: ReturnType<typeof setInterval> | undefined;

  const track = <T>(promise: Promise<T>): Promise<T> => {
    pending.add(promise);
    void promise.finally(() => pending.delete(promise)).catch(() => undefined);
    return promise;
  };

  const broadcast = (event: LiveEvent) => {
    for (const listener of listeners) listener.event(event);
  };

  function status(): Extract<LiveEvent, { type: 'status' }> {
    const streaming: string[] = [];
    const polling: string[] = [];
    for (const connection of deps.connections.list()) {
      if (open.get(connection.id)?.stream !== undefined) streaming.push(connection.id);
      else polling.push(connection.id);
    }
    return { type: 'status', streaming, polling };
  }

  const streamable = (connection: ConnectionRow) =>
    connection.status !== 'paused' && !failed.has(connection.id) && deps.sourceFor(connection.providerId) !== undefined;

  async function openStream(connection: ConnectionRow, source: LiveSource): Promise<void> {
    // Registered before anything is awaited, so a second reconcile never opens the same stream twice.
    const disposers: (() => void)[] = [];
    const entry: OpenStream = {
      stream: undefined,
      stopped: false,
      writes: Promise.resolve(),
      disposeSecrets: () => {
        for (const dispose of disposers.splice(0)) dispose();
      },
    };
    open.set(connection.id, entry);
    const log = deps.log.child({ connectionId: connection.id, provider: connection.providerId, op: 'live' });
    try {
      const credentials = connection.secretId ? await deps.secrets.get(connection.secretId) : {};
      for (const value of Object.values(credentials)) disposers.push(registerSecret(value));
      const ctx: ConnectorContext = {
        credentials,
        settings: connection.settings,
        baseUrls: deps.baseUrlsFor(connection),
        cursors: { get: () => undefined },
        signal: new AbortController().signal,
        log,
        meter: { requests: 0, lastWeight: null },
      };
      // Stored even when the stream is closing: what the provider said is true either way.
      // Balances and positions share one queue, so they are stored in the order they came.
      const store = (what: string, write: () => Promise<boolean>) => {
        entry.writes = entry.writes.then(async () => {
          try {
            if (await write()) broadcast({ type: 'overview-changed', connectionId: connection.id, at: now().toISOString() });
          } catch (error) {
            log.warn({ err: error }, `a live ${what} update could not be stored; the next sync brings the ${what}s up to date`);
          }
        });
      };
      const stream = await source.open(ctx, {
        onBalances: (update) => store('balance', () => deps.writeBalances(connection.id, update)),
        onPositions: (update) => store('position', () => deps.writePositions(connection.id, update)),
        onError: (error, final) => {
          log.warn({ err: error, final }, final ? 'the live stream stopped; the dashboard polls this connection' : 'the live stream failed; retrying');
          if (!final) return;
          failed.add(connection.id);
          void track(closeStream(connection.id)).then(() => broadcast(status()));
        },
      });
      if (entry.stopped) {
        // Everyone left while the stream was opening.
        await stream.close();
        entry.disposeSecrets();
        return;
      }
      entry.stream = stream;
      log.info('live stream open');
    } catch (error) {
      // A key the provider refuses stays refused until the user changes it; anything else is
      // tried again by the next dashboard that opens.
      if (error instanceof AuthError || error instanceof PermissionError) failed.add(connection.id);
      log.warn({ err: error }, 'the live stream could not be opened; the dashboard polls this connection');
      entry.disposeSecrets();
      if (open.get(connection.id) === entry) open.delete(connection.id);
    }
  }

  async function closeStream(connectionId: string): Promise<void> {
    const entry = open.get(connectionId);
    if (entry === undefined) return;
    open.delete(connectionId);
    entry.stopped = true;
    await entry.stream?.close();
    await entry.writes;
    entry.disposeSecrets();
  }

  /** Opens the streams that should be open and closes those that should not. */
  async function reconcile(): Promise<void> {
    const wanted = new Map<string, LiveSource>();
    if (listeners.size > 0) {
      for (const connection of deps.connections.list()) {
        const source = deps.sourceFor(connection.providerId);
        if (source !== undefined && streamable(connection)) wanted.set(connection.id, source);
      }
    }
    const work: Promise<void>[] = [];
    for (const id of open.keys()) if (!wanted.has(id)) work.push(closeStream(id));
    for (const [id, source] of wanted) if (!open.has(id)) work.push(openStream(deps.connections.get(id), source));
    await Promise.all(work);
    if (listeners.size > 0) broadcast(status());
  }

  return {
    /**
     * Adds a listener; it gets the current `status` at once. The first listener opens the
     * streams. Returns the function that removes it; the last one to leave closes them.
     */
    subscribe(listener: LiveListener): () => void {
      listeners.add(listener);
      listener.event(status());
      void track(reconcile());
      if (recheck === undefined) {
        recheck = setInterval(() => void track(reconcile()), RECHECK_MS);
        recheck.unref();
      }
      return () => {
        if (!listeners.delete(listener)) return;
        if (listeners.size > 0) return;
        clearInterval(recheck);
        recheck = undefined;
        void track(reconcile());
      };
    },

    /** Tells every listener that the overview changed for another reason (a sync finished). */
    overviewChanged(): void {
      broadcast({ type: 'overview-changed', connectionId: null, at: now().toISOString() });
    },

    /** Connections were added, removed, paused or resumed: open or close streams to match. */
    refresh(): Promise<void> {
      return track(reconcile());
    },

    /** How many dashboards and popups are listening. */
    get listeners(): number {
      return listeners.size;
    },

    /** Connection ids whose balances stream right now. */
    streaming(): string[] {
      return [...open.entries()].filter(([, entry]) => entry.stream !== undefined).map(([id]) => id);
    },

    /** Resolves when every stream being opened or closed has finished, and every update received is stored. */
    async settled(): Promise<void> {
      while (pending.size > 0) await Promise.allSettled([...pending]);
      await Promise.all([...open.values()].map((entry) => entry.writes));
    },

    /** Ends every listener's response and closes every stream (companion shutdown). */
    async close(): Promise<void> {
      const ending = [...listeners];
      listeners.clear();
      clearInterval(recheck);
      recheck = undefined;
      for (const listener of ending) listener.end();
      await track(reconcile());
      await this.settled();
    },
  };
}

export type LiveUpdates = ReturnType<typeof createLiveUpdates>;
