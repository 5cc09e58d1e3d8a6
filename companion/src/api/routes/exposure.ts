import { Hono } from 'hono';
import { z } from 'zod';
import { baseCurrencies } from '../../settings/user-settings.js';
import type { AppDeps } from '../deps.js';
import { validate } from '../validate.js';

export const currencyQuery = z.object({ currency: z.enum(baseCurrencies).optional() });

export const exposureRoutes = (deps: AppDeps) =>
  new Hono().get('/', validate('query', currencyQuery), (c) => {
    const { currency } = c.req.valid('query');
    return c.json(deps.exposure.exposure(currency ?? deps.settings.get().baseCurrency));
  });
