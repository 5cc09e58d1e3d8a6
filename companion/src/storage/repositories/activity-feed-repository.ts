import type { ActivitiesQuery, ActivityPage, ActivityView } from '@omnifolio/shared/api';
import { toDecimalString } from '@omnifolio/shared/money';
import type { ActivityType } from '@omnifolio/shared/schemas';
import type Database from 'better-sqlite3';
import { activityDeltas } from '../../engine/activity-deltas.js';
import { DISPLAYED_REF_PREFIX } from '../../ingest/displayed-activities.js';

interface Row {
  id: number;
  executedAt: string;
  type: ActivityType;
  connectionId: string;
  connectionLabel: string;
  accountName: string;
  assetId: string;
  symbol: string | null;
  quantity: string;
  quoteAssetId: string | null;
  quoteSymbol: string | null;
  price: string | null;
  fee: string | null;
  feeAssetId: string | null;
  feeSymbol: string | null;
  documentId: string | null;
  providerRef: string;
}

/** `sym:XYZ`, `fiat:CHF`: the part after the kind, for an asset the assets table does not name. */
const symbolOf = (assetId: string, symbol: string | null) => symbol ?? assetId.slice(assetId.indexOf(':') + 1);

/** The signed changes to the asset and the quote, by the engine's own rule (the fee apart). */
function changesOf(row: Row): { change: string | null; quoteChange: string | null } {
  const deltas = activityDeltas({ ...row, accountId: '', fee: null, feeAssetId: null });
  const of = (assetId: string | null) => {
    const delta = assetId === null ? undefined : deltas.find((d) => d.assetId === assetId)?.delta;
    return delta === undefined ? null : toDecimalString(delta);
  };
  const moves = row.type !== 'split' && row.type !== 'merger';
  return { change: moves ? (of(row.assetId) ?? '0') : null, quoteChange: row.quoteAssetId === row.assetId ? null : of(row.quoteAssetId) };
}

/**
 * Every stored activity, newest first, a page at a time, for the dashboard's activity list.
 * Pages are keyed by (executed_at, id) rather than offsets, so an activity a sync stores while
 * the user scrolls neither repeats a row nor hides one, and a deep page costs what the first
 * does (the `activities_executed_at` index walks backwards from the key).
 */
export function createActivityFeedRepository(sqlite: Database.Database) {
  const select = `
    SELECT a.id, a.executed_at AS executedAt, a.type, c.id AS connectionId, c.label AS connectionLabel,
           acc.name AS accountName, a.asset AS assetId, s.symbol, a.quantity,
           a.quote_asset AS quoteAssetId, q.symbol AS quoteSymbol, a.price, a.fee,
           a.fee_asset AS feeAssetId, f.symbol AS feeSymbol, a.document_id AS documentId, a.provider_ref AS providerRef
      FROM activities a
      JOIN accounts acc ON acc.id = a.account_id
      JOIN connections c ON c.id = acc.connection_id
      LEFT JOIN assets s ON s.id = a.asset
      LEFT JOIN assets q ON q.id = a.quote_asset
      LEFT JOIN assets f ON f.id = a.fee_asset`;

  return {
    page(query: ActivitiesQuery): ActivityPage {
      const where: string[] = [];
      const params: Record<string, string | number> = { limit: query.limit + 1 };
      if (query.before !== undefined) {
        const cut = query.before.lastIndexOf('~');
        params.beforeAt = query.before.slice(0, cut);
        params.beforeId = Number(query.before.slice(cut + 1));
        where.push('(a.executed_at < @beforeAt OR (a.executed_at = @beforeAt AND a.id < @beforeId))');
      }
      if (query.connectionId !== undefined) {
        params.connectionId = query.connectionId;
        where.push('c.id = @connectionId');
      }
      if (query.type !== undefined) {
        params.type = query.type;
        where.push('a.type = @type');
      }
      if (query.asset !== undefined) {
        params.asset = query.asset;
        // The symbol as shown, or the asset id's own part for assets the table does not name.
        where.push("(s.symbol = @asset COLLATE NOCASE OR substr(a.asset, instr(a.asset, ':') + 1) = @asset COLLATE NOCASE)");
      }
      const sql = `${select}${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY a.executed_at DESC, a.id DESC LIMIT @limit`;
      const rows = sqlite.prepare(sql).all(params) as Row[];
      const items = rows.slice(0, query.limit).map(
        (row): ActivityView => ({
          id: row.id,
          executedAt: row.executedAt,
          type: row.type,
          connectionId: row.connectionId,
          connectionLabel: row.connectionLabel,
          accountName: row.accountName,
          symbol: symbolOf(row.assetId, row.symbol),
          assetId: row.assetId,
          quantity: row.quantity,
          ...changesOf(row),
          quoteSymbol: row.quoteAssetId === null ? null : symbolOf(row.quoteAssetId, row.quoteSymbol),
          price: row.price,
          fee: row.fee,
          feeSymbol: row.feeAssetId === null ? null : symbolOf(row.feeAssetId, row.feeSymbol),
          documentId: row.documentId,
          provisional: row.providerRef.startsWith(DISPLAYED_REF_PREFIX),
        }),
      );
      const last = items.at(-1);
      return { items, next: rows.length > query.limit && last !== undefined ? `${last.executedAt}~${last.id}` : null };
    },
  };
}

export type ActivityFeedRepository = ReturnType<typeof createActivityFeedRepository>;
