import type { LiveEvent } from '@omnifolio/shared/api';
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { AppDeps } from '../deps.js';

/** A comment line now and then lets the browser and the companion notice a connection that died. */
const HEARTBEAT_MS = 30_000;

/**
 * `GET /api/live`: server-sent events for an open dashboard or popup (LiveEvent in shared/api).
 * Behind the same Host, Origin and token checks as every `/api` route. While at least one is
 * connected, the companion keeps the exchanges' balance streams open (realtime/live-updates.ts).
 */
export const liveRoutes = (deps: AppDeps) =>
  new Hono().get('/', (c) =>
    streamSSE(c, async (stream) => {
      let ended!: () => void;
      const done = new Promise<void>((resolve) => {
        ended = resolve;
      });
      const send = (event: LiveEvent) => void stream.writeSSE({ event: event.type, data: JSON.stringify(event) });
      const unsubscribe = deps.live.subscribe({ event: send, end: ended });
      const heartbeat = setInterval(() => void stream.write(': keep-alive\n\n'), HEARTBEAT_MS);
      heartbeat.unref();
      stream.onAbort(() => ended());
      await done;
      clearInterval(heartbeat);
      unsubscribe();
    }),
  );
