import { Hono } from 'hono';
import type { AppDeps } from '../deps.js';
import { validate } from '../validate.js';
import { rangeQuery } from './performance.js';

export const historyRoutes = (deps: AppDeps) =>
  new Hono()
    .get('/', validate('query', rangeQuery), (c) => {
      const { range, currency } = c.req.valid('query');
      return c.json(deps.performance.history(range, currency ?? deps.settings.get().baseCurrency));
    })
    /** Recomputes every daily snapshot from the first activity (after a time-zone change, or to repair). */
    .post('/rebuild', async (c) => {
      const result = await deps.history.rebuildAll();
      return c.json(result);
    });
