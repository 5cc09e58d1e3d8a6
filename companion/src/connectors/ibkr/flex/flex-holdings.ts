/**
 * What an IBKR account holds at the end of a Flex statement: cash per currency from the
 * Cash Report, securities from Open Positions. Stocks, ETFs, funds and bonds are balances
 * (quantities the portfolio values); options, futures and futures options are positions
 * with their contract multiplier (`sizeInBase` = contracts × multiplier), because their
 * value is a mark-to-market claim, not a quantity of an asset.
 *
 * What it does not do: convert currencies (the valuation does that) or value positions.
 */
import { dec, toDecimalString } from '@omnifolio/shared/money';
import type { BalanceRecord, PositionRecord } from '@omnifolio/shared/schemas';
import { flexAssetSymbol } from './flex-activities.js';
import { flexLocalToInstant } from './flex-date.js';
import type { FlexOpenPosition, FlexStatement } from './flex-statement.js';

/** Asset categories held as quantities of an asset; the others are derivative positions. */
const HELD_AS_BALANCE: Record<string, 'equity' | 'fund'> = {
  STK: 'equity',
  BOND: 'equity',
  BILL: 'equity',
  WAR: 'equity',
  FUND: 'fund',
  OPT: 'equity',
  FOP: 'equity',
};
/** Options are held in units of their underlying: contracts × multiplier. */
const OPTION_CLASSES = new Set(['OPT', 'FOP']);

export interface FlexHoldings {
  balances: BalanceRecord[];
  positions: PositionRecord[];
  /** The broker's own mark per balance asset, in the instrument's currency. */
  marks: { accountKey: string; symbol: string; currency: string; price: string }[];
}

function statementInstant(statement: FlexStatement, timeZone: string): string {
  const at = statement.whenGenerated ?? statement.toDate;
  return at ? flexLocalToInstant(at, timeZone) : new Date(0).toISOString();
}

/**
 * Open positions come as one SUMMARY row per instrument or as LOT rows (one per tax lot),
 * depending on the query; lots are added up so each instrument is counted once.
 */
function summarize(rows: FlexOpenPosition[]): FlexOpenPosition[] {
  const summaries = rows.filter((r) => r.levelOfDetail !== 'LOT');
  const lots = rows.filter((r) => r.levelOfDetail === 'LOT');
  const key = (r: FlexOpenPosition) => `${r.accountId}|${r.instrument.conid || r.instrument.symbol}`;
  const summarized = new Set(summaries.map(key));
  const merged = new Map<string, FlexOpenPosition>();
  for (const lot of lots) {
    if (summarized.has(key(lot))) continue;
    const seen = merged.get(key(lot));
    if (seen === undefined) {
      merged.set(key(lot), { ...lot, levelOfDetail: 'SUMMARY' });
      continue;
    }
    const add = (a: string | null, b: string | null) => (a === null || b === null ? null : toDecimalString(dec(a).plus(b)));
    merged.set(key(lot), {
      ...seen,
      position: toDecimalString(dec(seen.position).plus(lot.position)),
      positionValue: add(seen.positionValue, lot.positionValue),
      costBasisMoney: add(seen.costBasisMoney, lot.costBasisMoney),
      fifoPnlUnrealized: add(seen.fifoPnlUnrealized, lot.fifoPnlUnrealized),
    });
  }
  return [...summaries, ...merged.values()];
}

export function flexHoldings(statement: FlexStatement, timeZone = 'America/New_York'): FlexHoldings {
  const asOf = statementInstant(statement, timeZone);
  const accountOf = (id: string) => (id === '' || id === '-' ? statement.accountId : id);
  const balances: BalanceRecord[] = [];
  const positions: PositionRecord[] = [];
  const marks: FlexHoldings['marks'] = [];

  for (const cash of statement.cashBalances) {
    // BASE_SUMMARY repeats all currencies converted into the base currency.
    if (cash.currency === 'BASE_SUMMARY' || cash.currency === '' || dec(cash.endingCash).isZero()) continue;
    balances.push({ accountKey: accountOf(cash.accountId), asset: { symbol: cash.currency, kind: 'fiat' }, free: cash.endingCash, locked: '0', asOf });
  }

  for (const row of summarize(statement.openPositions)) {
    const quantity = dec(row.position);
    if (quantity.isZero()) continue;
    const accountKey = accountOf(row.accountId);
    const symbol = flexAssetSymbol(row.instrument);
    const kind = HELD_AS_BALANCE[row.instrument.assetCategory];
    if (kind !== undefined) {
      // Options count in units of the underlying (contracts × multiplier), so IBKR's
      // per-unit mark values them, and a short option is a negative holding: a liability.
      const units = OPTION_CLASSES.has(row.instrument.assetCategory) ? quantity.times(row.instrument.multiplier) : quantity;
      balances.push({ accountKey, asset: { symbol, kind, name: row.instrument.description || undefined }, free: toDecimalString(units), locked: '0', asOf });
      if (row.markPrice !== null) marks.push({ accountKey, symbol, currency: row.instrument.currency, price: row.markPrice });
    }
    // Every holding is also a position: it carries IBKR's mark, which prices a security that
    // has no market price source (portfolio/broker-marks.ts).
    positions.push({
      accountKey,
      symbol,
      side: quantity.isNegative() ? 'short' : 'long',
      contracts: toDecimalString(quantity.abs()),
      sizeInBase: toDecimalString(quantity.abs().times(row.instrument.multiplier)),
      entryPrice: row.costBasisMoney === null ? null : toDecimalString(dec(row.costBasisMoney).abs().div(quantity.abs().times(row.instrument.multiplier))),
      markPrice: row.markPrice,
      notional: row.positionValue === null ? null : toDecimalString(dec(row.positionValue).abs()),
      unrealizedPnl: row.fifoPnlUnrealized,
      leverage: null,
      liquidationPrice: null,
      marginMode: null,
      margin: null,
      settleAsset: row.instrument.currency || null,
      asOf,
    });
  }
  return { balances, positions, marks };
}
