import { dec, toDecimalString } from '@omnifolio/shared/money';
import type { LiveBalanceUpdate } from '../connectors/live-source.js';
import type { PortfolioService } from '../portfolio/portfolio-service.js';
import { resolveAsset } from '../pricing/asset-resolver.js';
import type { PriceService } from '../pricing/price-service.js';
import type { Storage } from '../storage/database.js';
import type { AccountsRepository } from '../storage/repositories/accounts-repository.js';
import type { AssetsRepository } from '../storage/repositories/assets-repository.js';
import type { BalanceRow, BalancesRepository } from '../storage/repositories/balances-repository.js';

export interface LiveBalanceWriterDeps {
  storage: Storage;
  accounts: AccountsRepository;
  assets: AssetsRepository;
  balances: BalancesRepository;
  pricing: () => PriceService;
  portfolio: PortfolioService;
}

/**
 * Applies a stream's balance update to the stored balances through the same repositories and
 * the same rules as a sync's stage 1 (sync-runner.ts): assets resolved and ensured, decimal
 * strings only, a zero balance removed, and the account's set replaced in one transaction. The
 * update names only the assets that changed; the account's other balances are kept as they are.
 *
 * It does not create accounts: an update for an account no sync has listed yet is dropped, and
 * the next sync brings it. An asset held for the first time is priced before the write is
 * reported, so the overview that follows is valued (or says it is unpriced), never zero.
 */
export function createLiveBalanceWriter(deps: LiveBalanceWriterDeps) {
  return {
    /** Resolves to true when the stored balances changed. */
    async write(connectionId: string, update: LiveBalanceUpdate): Promise<boolean> {
      const newAssets: string[] = [];
      const changed = deps.storage.sqlite.transaction((): boolean => {
        const account = deps.accounts.listByConnection(connectionId).find((a) => a.accountKey === update.accountKey);
        if (account === undefined) return false;
        const rows = new Map<string, BalanceRow>();
        for (const { connectionId: _connectionId, ...row } of deps.balances.listByConnection(connectionId)) {
          if (row.accountId === account.id) rows.set(row.assetId, row);
        }
        let different = false;
        for (const balance of update.balances) {
          const asset = resolveAsset(balance.asset);
          deps.assets.ensure(asset);
          const before = rows.get(asset.id);
          const total = dec(balance.free).plus(balance.locked);
          if (total.isZero()) {
            if (before !== undefined) different = true;
            rows.delete(asset.id);
            continue;
          }
          const row: BalanceRow = {
            accountId: account.id,
            assetId: asset.id,
            free: toDecimalString(balance.free),
            locked: toDecimalString(balance.locked),
            total: toDecimalString(total),
            asOf: balance.asOf,
          };
          if (before === undefined) newAssets.push(asset.id);
          if (before === undefined || !dec(before.free).eq(row.free) || !dec(before.locked).eq(row.locked)) different = true;
          rows.set(asset.id, row);
        }
        if (different) deps.balances.replaceForAccounts([account.id], [...rows.values()]);
        return different;
      })();
      if (changed && newAssets.length > 0) await deps.pricing().refresh(deps.portfolio.heldAssetIds());
      return changed;
    },
  };
}

export type LiveBalanceWriter = ReturnType<typeof createLiveBalanceWriter>;
