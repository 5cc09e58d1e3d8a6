import { Hono } from 'hono';
import { z } from 'zod';
import { performanceRanges } from '../../engine/performance-range.js';
import { baseCurrencies } from '../../settings/user-settings.js';
import type { AppDeps } from '../deps.js';
import { validate } from '../validate.js';

/** `range` defaults to ALL; `currency` to the user's base currency. */
export const rangeQuery = z.object({
  range: z.enum(performanceRanges).default('ALL'),
  currency: z.enum(baseCurrencies).optional(),
});

export const performanceRoutes = (deps: AppDeps) =>
  new Hono().get('/', validate('query', rangeQuery), async (c) => {
    const { range, currency } = c.req.valid('query');
    return c.json(await deps.performance.performance(range, currency ?? deps.settings.get().baseCurrency));
  });
