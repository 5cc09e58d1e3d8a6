import { createAccountsRepository } from '../../src/storage/repositories/accounts-repository.js';
import { createAssetsRepository } from '../../src/storage/repositories/assets-repository.js';
import type { TestCompanion } from './test-companion.js';

const DAY = 86_400_000;
const todayMs = Math.floor(Date.now() / DAY) * DAY;

/** An instant `daysAgo` days before today's UTC midnight, at `hour` UTC. */
export const daysAgoAt = (daysAgo: number, hour: number) => new Date(todayMs - daysAgo * DAY + hour * 3_600_000).toISOString();

/**
 * One exchange connection holding fiat balances (`{ EUR: '1000' }`), and deposits into it on
 * past days, written straight into the companion's SQLite: for the FX tests, which are about
 * valuing what is held, not about how a connector fetched it.
 */
export function seedFiatHoldings(
  t: TestCompanion,
  balances: Record<string, string>,
  deposits: { ref: string; daysAgo: number; hour: number; code: string; quantity: string }[] = [],
): void {
  const { db, sqlite } = t.core.storage;
  const connection = t.core.connectionsRepo.insert({ kind: 'exchange', providerId: 'kraken', label: 'Exchange', secretId: null });
  const spot = createAccountsRepository(db)
    .ensure(connection.id, [{ key: 'spot', type: 'spot', name: 'Spot' }])
    .get('spot');
  const assets = createAssetsRepository(db);
  const balance = sqlite.prepare("INSERT INTO balances (account_id, asset_id, free, locked, total, as_of) VALUES (?, ?, ?, '0', ?, ?)");
  for (const [code, quantity] of Object.entries(balances)) {
    assets.ensure({ id: `fiat:${code}`, symbol: code, name: null, assetClass: 'fiat', identifiers: [{ scheme: 'iso4217', value: code }] });
    balance.run(spot, `fiat:${code}`, quantity, quantity, daysAgoAt(0, 0));
  }
  const activity = sqlite.prepare('INSERT INTO activities (account_id, provider_ref, type, executed_at, asset, quantity) VALUES (?, ?, ?, ?, ?, ?)');
  for (const d of deposits) activity.run(spot, d.ref, 'deposit', daysAgoAt(d.daysAgo, d.hour), d.code, d.quantity);
}
