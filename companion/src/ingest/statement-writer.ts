import { toDecimalString } from '@omnifolio/shared/money';
import { and, eq, inArray, max } from 'drizzle-orm';
import { type Clock, isoNow } from '../storage/clock.js';
import type { Storage } from '../storage/database.js';
import type { AssetsRepository } from '../storage/repositories/assets-repository.js';
import { newId } from '../storage/repositories/ids.js';
import type { PricesRepository } from '../storage/repositories/prices-repository.js';
import { accounts, balances, connections } from '../storage/schema/index.js';
import { fingerprintActivities } from './activity-fingerprint.js';
import { DISPLAYED_REF_PREFIX, isSameMovement } from './displayed-activities.js';
import type { ParsedStatement } from './parsers/types.js';
import { resolveStatementAsset } from './statement-asset.js';

/** Source name of prices taken from statements (a fund's NAV); market prices win over it. */
export const STATEMENT_PRICE_SOURCE = 'statement';
/**
 * The demo portfolio's statements keep their prices apart, like its other simulated prices:
 * the real pricing never reads them, and removing the demo deletes them.
 */
export const DEMO_STATEMENT_PRICE_SOURCE = 'statement-demo';

export interface WriteStatementOptions {
  /** A document of the demo portfolio: its records go to the demo's own statement connection. */
  demo?: boolean;
}

/**
 * Statement connections are filled by documents, not by a sync: their next run is never
 * due, so the scheduler leaves them alone.
 */
const NEVER = '9999-12-31T00:00:00.000Z';

export interface WriteStatementResult {
  connectionId: string;
  activitiesAdded: number;
  holdings: number;
  accountKeys: string[];
}

export interface StatementWriterDeps {
  storage: Storage;
  assets: AssetsRepository;
  prices: PricesRepository;
  clock?: Clock;
}

/**
 * Stores what a parser produced, in one transaction: the provider's statement connection
 * (created on its first document), its accounts, the instruments, the document's activities
 * (replacing whatever this document produced before, so reprocessing never doubles), the
 * holdings as balances (a statement older than what an account already shows does not roll
 * it back), and the statement's prices.
 */
export function createStatementWriter(deps: StatementWriterDeps) {
  const { db, sqlite } = deps.storage;
  const now = () => isoNow(deps.clock);
  const deleteDocumentActivities = sqlite.prepare('DELETE FROM activities WHERE document_id = ?');
  const insertActivity = sqlite.prepare(
    `INSERT INTO activities (account_id, provider_ref, type, executed_at, asset, quantity, quote_asset, price, fee, fee_asset, raw, document_id)
     VALUES (@accountId, @providerRef, @type, @executedAt, @asset, @quantity, @quoteAsset, @price, @fee, @feeAsset, @raw, @documentId)
     ON CONFLICT (account_id, provider_ref) DO NOTHING`,
  );
  // One day's activities of an asset: a range on executed_at (indexed); every instant of the
  // day sorts between 'YYYY-MM-DD' and 'YYYY-MM-DD~'.
  const sameDay = sqlite.prepare<
    [string, string, string, string],
    { id: number; type: string; executedAt: string; asset: string; quantity: string; providerRef: string }
  >(
    `SELECT id, type, executed_at AS executedAt, asset, quantity, provider_ref AS providerRef FROM activities
     WHERE account_id = ? AND asset = ? AND executed_at >= ? AND executed_at < ?`,
  );
  const hasDisplayed = sqlite.prepare<[string, string, string], { one: number }>(
    'SELECT 1 AS one FROM activities WHERE account_id = ? AND provider_ref >= ? AND provider_ref < ? LIMIT 1',
  );
  const deleteActivity = sqlite.prepare('DELETE FROM activities WHERE id = ?');
  const deleteDemoPrices = sqlite.prepare('DELETE FROM prices WHERE source = ?');

  /** One statement connection per provider, and a separate one for the demo's documents of it. */
  function ensureConnection(providerId: string, name: string, demo: boolean): string {
    const existing = db
      .select({ id: connections.id })
      .from(connections)
      .where(and(eq(connections.kind, 'statement'), eq(connections.providerId, providerId), eq(connections.demo, demo)))
      .get();
    if (existing) return existing.id;
    const id = newId();
    const at = now();
    db.insert(connections)
      .values({
        id,
        kind: 'statement',
        providerId,
        label: demo ? `Demo · ${name}` : name,
        demo,
        settings: {},
        secretId: null,
        status: 'ok',
        lastSuccessAt: at,
        nextRunAt: NEVER,
        createdAt: at,
        updatedAt: at,
      })
      .run();
    return id;
  }

  function ensureAccounts(connectionId: string, statement: ParsedStatement): Map<string, string> {
    const ids = new Map<string, string>();
    for (const spec of statement.accounts) {
      const existing = db
        .select({ id: accounts.id })
        .from(accounts)
        .where(and(eq(accounts.connectionId, connectionId), eq(accounts.accountKey, spec.key)))
        .get();
      const id = existing?.id ?? newId();
      if (!existing) {
        db.insert(accounts)
          .values({ id, connectionId, accountKey: spec.key, type: spec.type, name: spec.name, baseCurrency: spec.baseCurrency, createdAt: now() })
          .run();
      }
      ids.set(spec.key, id);
    }
    return ids;
  }

  return {
    write(documentId: string, provider: { id: string; name: string }, statement: ParsedStatement, options: WriteStatementOptions = {}): WriteStatementResult {
      const demo = options.demo === true;
      return sqlite.transaction((): WriteStatementResult => {
        const connectionId = ensureConnection(provider.id, provider.name, demo);
        const accountIds = ensureAccounts(connectionId, statement);
        const accountId = (key: string) => {
          const id = accountIds.get(key);
          if (!id) throw new Error(`The ${provider.id} parser produced a record for account ${key}, which it did not list.`);
          return id;
        };

        for (const asset of statement.assets) deps.assets.ensure(resolveStatementAsset(asset));

        deleteDocumentActivities.run(documentId);
        let activitiesAdded = 0;
        const displayed = statement.displayed === true;
        // Only accounts holding a page's provisional records need a statement file's rows compared.
        const withDisplayed = new Set(
          statement.accounts.map((acc) => accountId(acc.key)).filter((id) => hasDisplayed.get(id, DISPLAYED_REF_PREFIX, `${DISPLAYED_REF_PREFIX}\uffff`)),
        );
        for (const a of fingerprintActivities(provider.id, statement.activities, displayed ? DISPLAYED_REF_PREFIX : undefined)) {
          const account = accountId(a.accountKey);
          if (displayed || withDisplayed.has(account)) {
            const key = { type: a.type, executedAt: a.executedAt, asset: a.asset, quantity: toDecimalString(a.quantity) };
            const day = a.executedAt.slice(0, 10);
            const neighbours = sameDay.all(account, a.asset, day, `${day}~`);
            if (displayed) {
              // A statement file already has this movement, exactly: the page's copy adds nothing.
              if (neighbours.some((n) => !n.providerRef.startsWith(DISPLAYED_REF_PREFIX) && isSameMovement(n, key))) continue;
            } else {
              // This statement has the exact record of what a page showed rounded: it replaces it.
              const shown = neighbours.find((n) => n.providerRef.startsWith(DISPLAYED_REF_PREFIX) && isSameMovement(key, n));
              if (shown) deleteActivity.run(shown.id);
            }
          }
          activitiesAdded += insertActivity.run({
            accountId: accountId(a.accountKey),
            providerRef: a.providerRef,
            type: a.type,
            executedAt: a.executedAt,
            asset: a.asset,
            quantity: toDecimalString(a.quantity),
            quoteAsset: a.quoteAsset,
            price: a.price === null ? null : toDecimalString(a.price),
            fee: a.fee === null ? null : toDecimalString(a.fee),
            feeAsset: a.feeAsset,
            raw: a.raw === undefined ? null : JSON.stringify(a.raw),
            documentId,
          }).changes;
        }

        // Holdings replace an account's balances only when they are at least as recent.
        const byAccount = new Map<string, ParsedStatement['holdings']>();
        for (const h of statement.holdings) byAccount.set(h.accountKey, [...(byAccount.get(h.accountKey) ?? []), h]);
        let holdings = 0;
        for (const [key, rows] of byAccount) {
          const id = accountId(key);
          const latest = db
            .select({ asOf: max(balances.asOf) })
            .from(balances)
            .where(eq(balances.accountId, id))
            .get()?.asOf;
          const asOf = rows
            .map((r) => r.asOf)
            .sort()
            .at(-1)!;
          if (latest && latest > asOf) continue;
          const merged = new Map<string, typeof balances.$inferInsert>();
          for (const h of rows) {
            const asset = resolveStatementAsset(h.asset);
            deps.assets.ensure(asset);
            merged.set(asset.id, {
              accountId: id,
              assetId: asset.id,
              free: toDecimalString(h.quantity),
              locked: '0',
              total: toDecimalString(h.quantity),
              asOf: h.asOf,
            });
          }
          db.delete(balances)
            .where(inArray(balances.accountId, [id]))
            .run();
          if (merged.size > 0)
            db.insert(balances)
              .values([...merged.values()])
              .run();
          holdings += merged.size;
        }

        const fetchedAt = now();
        deps.prices.upsert(
          statement.prices.map((p) => {
            const asset = resolveStatementAsset(p.asset);
            deps.assets.ensure(asset);
            return {
              assetId: asset.id,
              quote: p.currency.toLowerCase(),
              source: demo ? DEMO_STATEMENT_PRICE_SOURCE : STATEMENT_PRICE_SOURCE,
              at: p.at,
              price: toDecimalString(p.price),
              fetchedAt,
            };
          }),
        );

        return { connectionId, activitiesAdded, holdings, accountKeys: [...accountIds.keys()] };
      })();
    },

    /** Deletes the prices the demo's statements stated (its documents and accounts go with its connections). */
    removeDemoPrices(): number {
      return deleteDemoPrices.run(DEMO_STATEMENT_PRICE_SOURCE).changes;
    },
  };
}

export type StatementWriter = ReturnType<typeof createStatementWriter>;
