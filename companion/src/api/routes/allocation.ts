import { Hono } from 'hono';
import type { AppDeps } from '../deps.js';
import { validate } from '../validate.js';
import { currencyQuery } from './exposure.js';

export const allocationRoutes = (deps: AppDeps) =>
  new Hono().get('/', validate('query', currencyQuery), (c) => {
    const { currency } = c.req.valid('query');
    return c.json(deps.exposure.allocation(currency ?? deps.settings.get().baseCurrency));
  });
