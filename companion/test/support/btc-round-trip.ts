import type { Storage } from '../../src/storage/database.js';
import { createAccountsRepository } from '../../src/storage/repositories/accounts-repository.js';
import { createConnectionsRepository } from '../../src/storage/repositories/connections-repository.js';

/**
 * One Binance spot account that deposits 10,000 USDT, buys 0.2 BTC at 20,000 USDT (fee
 * 4 USDT), sells 0.1 BTC at 30,000 and withdraws 1,000 USDT, at the given instants. By hand:
 * flows +10,000 and −1,000; one lot of 0.2 BTC that cost 4,004, half sold: cost basis 2,002,
 * realized 998, 0.1 BTC left at a cost of 2,002. Returns the account id.
 */
export function seedBtcRoundTrip(storage: Storage, at: { deposit: string; buy: string; sell: string; withdrawal: string }): string {
  const { db, sqlite } = storage;
  const connection = createConnectionsRepository(db).insert({ kind: 'exchange', providerId: 'binance', label: 'Binance', secretId: null });
  const account = createAccountsRepository(db)
    .ensure(connection.id, [{ key: 'spot', type: 'spot', name: 'Spot' }])
    .get('spot')!;
  const activity = sqlite.prepare(
    'INSERT INTO activities (account_id, provider_ref, type, executed_at, asset, quantity, quote_asset, price, fee, fee_asset) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  activity.run(account, 'd1', 'deposit', at.deposit, 'USDT', '10000', null, null, null, null);
  activity.run(account, 'b1', 'buy', at.buy, 'BTC', '0.2', 'USDT', '20000', '4', 'USDT');
  activity.run(account, 's1', 'sell', at.sell, 'BTC', '0.1', 'USDT', '30000', null, null);
  activity.run(account, 'w1', 'withdrawal', at.withdrawal, 'USDT', '1000', null, null, null, null);
  return account;
}
