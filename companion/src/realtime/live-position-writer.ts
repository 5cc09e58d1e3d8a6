import { dec } from '@omnifolio/shared/money';
import type { LivePositionUpdate } from '../connectors/live-source.js';
import type { Storage } from '../storage/database.js';
import type { AccountsRepository } from '../storage/repositories/accounts-repository.js';
import type { PositionRow, PositionsRepository } from '../storage/repositories/positions-repository.js';

export interface LivePositionWriterDeps {
  storage: Storage;
  accounts: AccountsRepository;
  positions: PositionsRepository;
}

/** A position's identity inside its account: the table's key. */
const keyOf = (p: { symbol: string; side: string }) => `${p.symbol}\u0000${p.side}`;

/**
 * Applies a stream's position update to the stored positions, in one transaction, the way a
 * sync's stage 1 replaces them (sync-runner.ts): a position named replaces the stored one with
 * the same symbol and side, a position with zero contracts is closed, and a `complete` update
 * closes every stored position it does not name. Positions are shown beside the futures wallet
 * and not valued again (the wallet's equity already holds their uPnL), so no pricing follows.
 *
 * Like the balance writer, it does not create accounts: an update for an account no sync has
 * listed yet is dropped, and the next sync brings it.
 */
export function createLivePositionWriter(deps: LivePositionWriterDeps) {
  return {
    /** Resolves to true when the stored positions changed. */
    async write(connectionId: string, update: LivePositionUpdate): Promise<boolean> {
      return deps.storage.sqlite.transaction((): boolean => {
        const account = deps.accounts.listByConnection(connectionId).find((a) => a.accountKey === update.accountKey);
        if (account === undefined) return false;
        const before = new Map(deps.positions.listByAccount(account.id).map((row) => [keyOf(row), row]));
        const after = update.complete ? new Map<string, PositionRow>() : new Map(before);
        for (const { accountKey: _accountKey, ...position } of update.positions) {
          if (dec(position.contracts).isZero()) {
            after.delete(keyOf(position));
            continue;
          }
          after.set(keyOf(position), { ...position, accountId: account.id });
        }
        if (!changed(before, after)) return false;
        deps.positions.replaceForAccounts([account.id], [...after.values()]);
        return true;
      })();
    },
  };
}

const FIELDS = [
  'contracts',
  'sizeInBase',
  'entryPrice',
  'markPrice',
  'notional',
  'unrealizedPnl',
  'leverage',
  'liquidationPrice',
  'margin',
] as const satisfies readonly (keyof PositionRow)[];

/** Whether two sets differ in anything but the time stamp (decimals compared as numbers, "1.50" = "1.5"). */
function changed(before: ReadonlyMap<string, PositionRow>, after: ReadonlyMap<string, PositionRow>): boolean {
  if (before.size !== after.size) return true;
  for (const [key, a] of after) {
    const b = before.get(key);
    if (b === undefined || a.marginMode !== b.marginMode || a.settleAsset !== b.settleAsset) return true;
    for (const field of FIELDS) {
      const x = a[field];
      const y = b[field];
      if (x === null || y === null ? x !== y : !dec(x).eq(y)) return true;
    }
  }
  return false;
}

export type LivePositionWriter = ReturnType<typeof createLivePositionWriter>;
