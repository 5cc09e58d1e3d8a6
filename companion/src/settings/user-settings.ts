import { type DisplayCurrency, displayCurrencies } from '@omnifolio/shared/api';
import type Database from 'better-sqlite3';
import { z } from 'zod';

/**
 * The currency values are shown in: USD and CHF are kept with every price and snapshot; the
 * others (EUR, GBP, JPY … see display-currencies.ts) are converted from USD at the ECB's rate
 * of each day (performance/base-currency-conversion.ts).
 */
export const baseCurrencies = displayCurrencies;
export type BaseCurrency = DisplayCurrency;

const schemas = {
  baseCurrency: z.enum(baseCurrencies),
  /** IANA zone whose midnight ends a day for snapshots and day/week/month PnL. */
  timeZone: z.string().refine(isTimeZone, 'Not an IANA time zone, e.g. Europe/Zurich'),
  /** Annual risk-free rate for the Sharpe ratio, as a ratio string (0.02 = 2 %). */
  riskFreeRate: z.string().regex(/^-?\d+(\.\d+)?$/, 'A decimal ratio such as 0.02 for 2 %'),
} as const;

export type UserSettings = { [K in keyof typeof schemas]: z.infer<(typeof schemas)[K]> };
export const userSettingsPatch = z.object(schemas).partial().strict();

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function defaultTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/**
 * The user's analysis settings, in the `settings` table as JSON values under `user.<name>`.
 * A stored value that no longer validates (an edited database) falls back to the default
 * instead of failing every request.
 */
export function createUserSettings(sqlite: Database.Database, now: () => Date = () => new Date()) {
  const read = sqlite.prepare("SELECT key, value FROM settings WHERE key LIKE 'user.%'");
  const write = sqlite.prepare(
    'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
  );
  const defaults = (): UserSettings => ({ baseCurrency: 'USD', timeZone: defaultTimeZone(), riskFreeRate: '0.02' });

  return {
    get(): UserSettings {
      const out = defaults();
      for (const row of read.all() as { key: string; value: string }[]) {
        const name = row.key.slice('user.'.length) as keyof UserSettings;
        const schema = schemas[name];
        if (!schema) continue;
        const parsed = schema.safeParse(JSON.parse(row.value));
        if (parsed.success) (out as Record<string, unknown>)[name] = parsed.data;
      }
      return out;
    },

    /** Validates and stores the given settings; returns the full set. */
    update(patch: Partial<UserSettings>): UserSettings {
      const valid = userSettingsPatch.parse(patch);
      const at = now().toISOString();
      sqlite.transaction(() => {
        for (const [name, value] of Object.entries(valid)) write.run(`user.${name}`, JSON.stringify(value), at);
      })();
      return this.get();
    },
  };
}

export type UserSettingsStore = ReturnType<typeof createUserSettings>;
