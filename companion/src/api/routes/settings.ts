import { Hono } from 'hono';
import { userSettingsPatch } from '../../settings/user-settings.js';
import type { AppDeps } from '../deps.js';
import { validate } from '../validate.js';

export const settingsRoutes = (deps: AppDeps) =>
  new Hono()
    .get('/', (c) => c.json(deps.settings.get()))
    .put('/', validate('json', userSettingsPatch), async (c) => {
      const before = deps.settings.get();
      const after = deps.settings.update(c.req.valid('json'));
      // Days end at midnight in the user's zone: another zone moves every daily snapshot.
      if (after.timeZone !== before.timeZone) void deps.history.rebuildAll().catch(() => undefined);
      // A base currency converted from USD needs its ECB rates (its whole history the first
      // time); fetch them now rather than at the next scheduled refresh, then tell dashboards.
      if (after.baseCurrency !== before.baseCurrency) {
        void deps
          .refreshPrices()
          .then(() => deps.live.overviewChanged())
          .catch((error: unknown) => deps.log.warn({ err: String(error) }, 'prices for the new base currency could not be refreshed'));
      }
      return c.json(after);
    });
