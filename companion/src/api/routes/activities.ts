import { activitiesQuery } from '@omnifolio/shared/api';
import { Hono } from 'hono';
import type { AppDeps } from '../deps.js';
import { validate } from '../validate.js';

/**
 * `GET /api/activities`: every stored movement, newest first, one page at a time (`limit`,
 * then `before` = the previous page's `next`), optionally of one connection, one type or one
 * asset symbol.
 */
export const activityRoutes = (deps: AppDeps) =>
  new Hono().get('/', validate('query', activitiesQuery), (c) => c.json(deps.activityFeed.page(c.req.valid('query'))));
