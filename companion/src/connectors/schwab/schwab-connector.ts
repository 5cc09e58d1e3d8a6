import { dec, toDecimalString } from '@omnifolio/shared/money';
import type { BalanceRecord, PositionRecord } from '@omnifolio/shared/schemas';
import type { AccountSpec, ActivityPage, Connector, ConnectorContext } from '../types.js';
import { type SchwabAccessTokens, schwabAccessTokens } from './schwab-access-tokens.js';
import { schwabActivities, schwabMultiplier, schwabSymbol, schwabTime } from './schwab-activity.js';
import { createSchwabClient, isSchwabBadRequest, type SchwabClient } from './schwab-client.js';
import { SCHWAB_DEFAULT_CALLBACK_URL } from './schwab-oauth.js';
import { SchwabRequestPacer } from './schwab-request-pacer.js';
import type { SchwabAccount, SchwabAccountNumber, SchwabPosition, SchwabTransaction } from './schwab-wire.js';

/** Every transaction type the Trader API knows; `types` is required and takes a list. */
export const SCHWAB_TRANSACTION_TYPES = [
  'TRADE',
  'RECEIVE_AND_DELIVER',
  'DIVIDEND_OR_INTEREST',
  'ACH_RECEIPT',
  'ACH_DISBURSEMENT',
  'CASH_RECEIPT',
  'CASH_DISBURSEMENT',
  'ELECTRONIC_FUND',
  'WIRE_OUT',
  'WIRE_IN',
  'JOURNAL',
  'MEMORANDUM',
  'MARGIN_CALL',
  'MONEY_MARKET',
  'SMA_ADJUSTMENT',
] as const;

const DAY_MS = 86_400_000;
const YEAR_MS = 365 * DAY_MS;
/** How far back the first sync asks; windows Schwab no longer serves are skipped. */
export const SCHWAB_HISTORY_DEPTH_MS = 10 * YEAR_MS;
/** Schwab allows one year per transactions request. */
const WINDOW_MS = YEAR_MS;
/**
 * Schwab books some entries with an earlier time than when they appear (settlements,
 * corrections), so each sync re-reads the last three days and skips the ids it already saw.
 */
const OVERLAP_MS = 3 * 86_400_000;

interface TransactionCursor {
  /** End of the last window read (ISO). */
  until: string;
  /** [id, time] of entries already reported whose time lies in the overlap before `until`. */
  recent: [string, string][];
  /**
   * The time of the oldest entry still PENDING (an ACH deposit clearing, say): not imported
   * yet, so the next sync reads from there again and takes it once it is VALID.
   */
  pendingFrom?: string;
}

const FUND_TYPES = new Set(['ETF', 'COLLECTIVE_INVESTMENT', 'MUTUAL_FUND', 'CASH_EQUIVALENT']);

/** `CASH` → “Schwab cash account …567”: the number is never shown in full. */
function accountName(type: string, accountNumber: string): string {
  const kind = type === 'MARGIN' ? 'margin' : type === 'CASH' ? 'cash' : type.toLowerCase();
  return `Schwab ${kind} account …${accountNumber.slice(-3)}`;
}

export interface SchwabConnectorOptions {
  tokens?: SchwabAccessTokens;
  pacer?: SchwabRequestPacer;
  now?: () => number;
}

/**
 * Charles Schwab through the Trader API with the user's own registered app. Accounts are
 * addressed by Schwab's hash of the account number (`accountNumbers`), which is also the
 * account key here, so the full number is never stored; names show its last three digits.
 */
export function createSchwabConnector(options: SchwabConnectorOptions = {}) {
  const now = options.now ?? Date.now;
  const client: SchwabClient = createSchwabClient({
    tokens: options.tokens ?? schwabAccessTokens,
    pacer: options.pacer ?? new SchwabRequestPacer({ now }),
    now,
  });

  async function accountsWithHashes(ctx: ConnectorContext): Promise<{ account: SchwabAccount; hash: string }[]> {
    const numbers = await client.get<SchwabAccountNumber[]>(ctx, '/trader/v1/accounts/accountNumbers');
    const hashOf = new Map(numbers.map((n) => [n.accountNumber, n.hashValue]));
    const accounts = await client.get<SchwabAccount[]>(ctx, '/trader/v1/accounts', { fields: 'positions' });
    return accounts.flatMap((account) => {
      const hash = hashOf.get(account.securitiesAccount.accountNumber);
      return hash === undefined ? [] : [{ account, hash }];
    });
  }

  const specOf = ({ account, hash }: { account: SchwabAccount; hash: string }): AccountSpec => ({
    key: hash,
    type: 'brokerage',
    name: accountName(account.securitiesAccount.type, account.securitiesAccount.accountNumber),
  });

  /** Signed shares (options: contracts × multiplier); shorts and written options are negative. */
  const quantityOf = (p: SchwabPosition) => dec(p.longQuantity ?? '0').minus(p.shortQuantity ?? '0');

  async function holdings(ctx: ConnectorContext): Promise<{ balances: BalanceRecord[]; positions: PositionRecord[] }> {
    const asOf = new Date(now()).toISOString();
    const balances: BalanceRecord[] = [];
    const positions: PositionRecord[] = [];
    for (const { account, hash } of await accountsWithHashes(ctx)) {
      const sa = account.securitiesAccount;
      // A margin account's cash is negative while it borrows.
      const cash = sa.currentBalances.cashBalance ?? sa.currentBalances.totalCash ?? '0';
      if (!dec(cash).isZero()) balances.push({ accountKey: hash, asset: { symbol: 'USD', kind: 'fiat' }, free: toDecimalString(cash), locked: '0', asOf });
      for (const p of sa.positions ?? []) {
        const contracts = quantityOf(p);
        if (contracts.isZero()) continue;
        const multiplier = schwabMultiplier(p.instrument);
        const units = contracts.times(multiplier);
        const symbol = schwabSymbol(p.instrument);
        const kind = FUND_TYPES.has(p.instrument.assetType) ? 'fund' : 'equity';
        balances.push({ accountKey: hash, asset: { symbol, kind, name: p.instrument.description }, free: toDecimalString(units), locked: '0', asOf });
        const value = dec(p.marketValue).abs();
        const pnl = contracts.isNegative() ? p.shortOpenProfitLoss : p.longOpenProfitLoss;
        positions.push({
          accountKey: hash,
          symbol,
          side: contracts.isNegative() ? 'short' : 'long',
          contracts: toDecimalString(contracts.abs()),
          sizeInBase: toDecimalString(units.abs()),
          // Bonds are quoted in percent of face value; every price here is per unit held.
          entryPrice: toDecimalString(p.instrument.assetType === 'FIXED_INCOME' ? dec(p.averagePrice).div(100) : p.averagePrice),
          // Schwab sends no mark; its market value over the units held is one.
          markPrice: toDecimalString(value.div(units.abs())),
          notional: toDecimalString(value),
          unrealizedPnl: pnl === undefined ? null : toDecimalString(pnl),
          leverage: null,
          liquidationPrice: null,
          marginMode: null,
          margin: null,
          settleAsset: 'USD',
          asOf,
        });
      }
    }
    return { balances, positions };
  }

  function readCursor(value: string | undefined): TransactionCursor | null {
    if (value === undefined) return null;
    try {
      const parsed = JSON.parse(value) as TransactionCursor;
      return typeof parsed.until === 'string' && Array.isArray(parsed.recent) ? parsed : null;
    } catch {
      return null;
    }
  }

  /**
   * Transactions of [from, until]. Schwab refuses (400) a range that starts before the history
   * it keeps; for a window other than the newest, the part it still serves is found to the
   * day: first the window's last day (refused too: the whole window is too old), then by
   * halving. The newest window must be served; a 400 there stops the pass.
   */
  async function servedTransactions(ctx: ConnectorContext, hash: string, from: number, until: number, mayBeTooOld: boolean): Promise<SchwabTransaction[]> {
    const ask = (start: number) =>
      client.get<SchwabTransaction[]>(ctx, `/trader/v1/accounts/${encodeURIComponent(hash)}/transactions`, {
        startDate: new Date(start).toISOString(),
        endDate: new Date(until).toISOString(),
        types: SCHWAB_TRANSACTION_TYPES.join(','),
      });
    const refused = async (start: number): Promise<SchwabTransaction[] | null> => {
      try {
        return await ask(start);
      } catch (error) {
        if (mayBeTooOld && isSchwabBadRequest(error)) return null;
        throw error;
      }
    };
    const whole = await refused(from);
    if (whole !== null) return whole;
    let found = await refused(until - DAY_MS);
    if (found === null) return [];
    let lo = from;
    let hi = until - DAY_MS;
    while (hi - lo > DAY_MS) {
      const mid = lo + Math.floor((hi - lo) / 2);
      const served = await refused(mid);
      if (served === null) lo = mid;
      else {
        found = served;
        hi = mid;
      }
    }
    return found;
  }

  return {
    id: 'schwab',
    name: 'Charles Schwab',
    kind: 'broker',
    capabilities: { balances: true, positions: true, activities: true },
    credentials: [
      {
        key: 'appKey',
        label: 'App Key',
        secret: false,
        help: 'developer.schwab.com → Dashboard → your app (product “Accounts and Trading Production”, status “Ready For Use”) → App Key.',
      },
      { key: 'appSecret', label: 'Secret', secret: true, help: 'Shown next to the App Key on the same page. Encrypted on this computer, never shown again.' },
      {
        key: 'callbackUrl',
        label: 'Callback URL',
        secret: false,
        optional: true,
        help: `Exactly as registered for the app. Leave empty for ${SCHWAB_DEFAULT_CALLBACK_URL}.`,
      },
      {
        key: 'refreshToken',
        label: 'Refresh token',
        secret: true,
        optional: true,
        help: 'Filled in when you click “Authorize with Schwab”; leave empty. A token obtained elsewhere for the same app (a schwab-py token file) works too, until 7 days after that sign-in.',
      },
    ],
    help: 'Reads every Schwab account you approve: cash, positions with Schwab’s market values, and the transaction history (trades with fees, dividends, interest, deposits and withdrawals). You register your own app at developer.schwab.com once, then sign in at Schwab; Schwab asks you to sign in again every 7 days.',

    async test(ctx) {
      const found = await accountsWithHashes(ctx);
      // The weekly sign-in is said in the help text and warned about a day before it ends
      // (schwab-sign-in.ts), not as a lasting warning on the connection.
      const warnings: string[] = [];
      if (found.length === 0) warnings.push('Schwab lists no account for this sign-in: approve at least one account on Schwab’s consent page.');
      return { accounts: found.map(specOf), warnings };
    },

    async accounts(ctx) {
      return (await accountsWithHashes(ctx)).map(specOf);
    },

    async fetchBalances(ctx) {
      return (await holdings(ctx)).balances;
    },

    /** Every holding with its value, which prices shares and options (portfolio/broker-marks.ts). */
    async fetchPositions(ctx) {
      return (await holdings(ctx)).positions;
    },

    /**
     * Per account, one page per one-year window from the cursor (or ten years back) to now.
     * Windows older than the history Schwab keeps give what Schwab still serves of them
     * (servedTransactions); any other error stops the pass with the cursor at the last stored window.
     */
    async *fetchActivities(ctx): AsyncIterable<ActivityPage> {
      const numbers = await client.get<SchwabAccountNumber[]>(ctx, '/trader/v1/accounts/accountNumbers');
      for (const { hashValue: hash } of numbers) {
        const key = `transactions:${hash}`;
        const cursor = readCursor(ctx.cursors.get(key));
        const end = now();
        let from =
          cursor === null ? end - SCHWAB_HISTORY_DEPTH_MS : Math.min(Date.parse(cursor.until) - OVERLAP_MS, Date.parse(cursor.pendingFrom ?? cursor.until));
        const known = new Map<string, number>((cursor?.recent ?? []).map(([id, at]) => [id, Date.parse(at)]));
        let pendingFrom = Number.POSITIVE_INFINITY;
        while (from < end) {
          const until = Math.min(from + WINDOW_MS, end);
          const list = await servedTransactions(ctx, hash, from, until, until < end);
          const fresh = list.filter((t) => !known.has(String(t.activityId)));
          // Schwab lists newest first; stored oldest first reads better in the raw log.
          const activities = fresh
            .map((t) => ({ t, at: Date.parse(schwabTime(t.time)) }))
            .sort((a, b) => a.at - b.at)
            .flatMap(({ t }) => schwabActivities(hash, t));
          for (const t of list) {
            const at = Date.parse(schwabTime(t.time));
            // A pending entry is neither imported nor remembered: it is read again until it settles.
            if (t.status === 'PENDING') pendingFrom = Math.min(pendingFrom, at);
            else known.set(String(t.activityId), at);
          }
          const nextStart = Math.min(until - OVERLAP_MS, pendingFrom);
          for (const [id, at] of known) if (at < nextStart) known.delete(id);
          const next: TransactionCursor = {
            until: new Date(until).toISOString(),
            recent: [...known].map(([id, at]) => [id, new Date(at).toISOString()]),
            ...(Number.isFinite(pendingFrom) ? { pendingFrom: new Date(pendingFrom).toISOString() } : {}),
          };
          yield { activities, cursors: { [key]: JSON.stringify(next) } };
          from = until;
        }
      }
    },
  } satisfies Connector;
}

/** The companion's Schwab connector, sharing the access tokens the authorization routes obtain. */
export const schwabConnector = createSchwabConnector();
