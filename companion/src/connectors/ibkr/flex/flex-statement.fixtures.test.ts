import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dec } from '@omnifolio/shared/money';
import { type ActivityRecord, activityRecord } from '@omnifolio/shared/schemas';
import { describe, expect, it } from 'vitest';
import { flexActivities } from './flex-activities.js';
import { parseFlexStatement } from './flex-statement.js';

/**
 * Every Portfolio Performance statement reaches the counts and amounts of its
 * `.expected.json` (transcribed from PP's IBFlexStatementExtractorTest). PP books a trade as
 * one "buy/sell" item and a cash transaction or a share delivery (split, tender) as one
 * "account transaction"; PP's monetary amount is what left or reached the cash account
 * (net cash for trades, the amount for cash rows, proceeds for a cash merger, zero for a
 * delivery), rounded to cents.
 */
const dir = join(import.meta.dirname, '../../../../test/fixtures/ibkr-flex/portfolio-performance');

interface PpTest {
  testMethod: string;
  counts: Record<string, number>;
  oldStyleParsed: { dates?: string[]; amount?: { currency: string; value: number }[]; fees?: { currency: string; value: number }[]; shares?: number[] };
  expectedItems?: {
    kind: string;
    date: string;
    security: { ticker: string };
    amount: { currency: string; value: number };
    forexGrossValue?: { currency: string; value: number };
  }[];
}

const raw = (a: ActivityRecord) => a.raw as Record<string, string | undefined>;
const isTrade = (a: ActivityRecord) => a.type === 'buy' || a.type === 'sell';
/**
 * PP rounds half cents inconsistently (its tests expect 350.175 → 350.17 and 0.175 → 0.17
 * but 4807.435 → 4807.44), so amounts are compared at the exact decimals IBKR wrote, within
 * half a cent of PP's expected value, after pairing them in sorted order.
 */
const exact = (value: string | number) => dec(String(value)).abs();
function expectWithinHalfCent(ours: string[], theirs: string[]) {
  expect(ours).toHaveLength(theirs.length);
  const split = (s: string) => [s.slice(0, s.indexOf(' ')), exact(s.slice(s.indexOf(' ') + 1))] as const;
  const order = (list: string[]) => list.map(split).sort((a, b) => a[0].localeCompare(b[0]) || a[1].comparedTo(b[1]));
  const a = order(ours);
  const b = order(theirs);
  a.forEach(([currency, value], i) => {
    expect(currency, `${currency} ${value}`).toBe(b[i]![0]);
    expect(value.minus(b[i]![1]).abs().lte('0.005'), `${currency} ${value} vs ${b[i]![1]}`).toBe(true);
  });
}
const cents = (value: string | number) => exact(value).toFixed();

/** What PP calls the transaction's monetary amount, as "CCY 12.345". */
function ppAmount(a: ActivityRecord): string {
  const r = raw(a);
  if (r.section === 'Trades') return `${a.quoteAsset} ${cents(r.netCash as string)}`;
  if (r.section === 'CorporateActions') return `${r.currency} ${a.type === 'sell' ? cents(r.proceeds as string) : '0'}`;
  return `${a.asset} ${cents(a.quantity)}`;
}

const sorted = (values: string[]) => [...values].sort();

function load(name: string) {
  const expected = JSON.parse(readFileSync(join(dir, name.replace('.xml', '.expected.json')), 'utf8')) as { tests: PpTest[] };
  const statement = parseFlexStatement(readFileSync(join(dir, name), 'utf8'));
  const activities = statement.statements.flatMap((s) => flexActivities(s));
  return { expected: expected.tests[0], activities };
}

const files = readdirSync(dir)
  .filter((f) => f.endsWith('.xml'))
  .sort();

describe('Flex statements from Portfolio Performance', () => {
  it('has the 14 statements', () => {
    expect(files).toHaveLength(14);
  });

  for (const file of files) {
    const { expected, activities } = load(file);
    if (expected === undefined) {
      // File 13's PP test only checks that nothing fails.
      it(`${file}: parses into valid activities`, () => {
        for (const a of activities) expect(() => activityRecord.parse(a)).not.toThrow();
      });
      continue;
    }

    it(`${file}: same number of trades and account transactions as PP`, () => {
      const trades = activities.filter(isTrade).length;
      const others = activities.length - trades;
      expect(trades).toBe(expected.counts['buySellTransactions.size'] ?? expected.counts.countBuySell);
      expect(others).toBe(expected.counts['accountTransactions.size'] ?? expected.counts.countAccountTransactions);
      for (const a of activities) expect(() => activityRecord.parse(a), a.providerRef).not.toThrow();
    });

    const parsed = expected.oldStyleParsed;
    if (parsed.amount !== undefined && parsed.amount.length === activities.length) {
      it(`${file}: same amounts as PP, to the cent`, () => {
        expectWithinHalfCent(
          activities.map(ppAmount),
          parsed.amount!.map((m) => `${m.currency} ${m.value}`),
        );
      });
    }
    if (parsed.dates !== undefined && parsed.dates.length === activities.length) {
      it(`${file}: same booking days as PP`, () => {
        expect(sorted(activities.map((a) => raw(a).bookedOn as string))).toEqual(sorted(parsed.dates!.map((d) => d.slice(0, 10))));
      });
    }
    if (parsed.fees !== undefined) {
      it(`${file}: same commissions as PP`, () => {
        const ours = activities.filter((a) => a.fee !== null).map((a) => `${a.feeAsset} ${a.fee}`);
        const theirs = parsed.fees!.filter((f) => f.value !== 0).map((f) => `${f.currency} ${f.value}`);
        expectWithinHalfCent(ours, theirs);
      });
    }
    if (parsed.shares !== undefined && activities.some(isTrade)) {
      it(`${file}: every traded quantity is one PP reports`, () => {
        const theirs = parsed.shares!.map((s) => dec(String(s)).toFixed());
        // PP counts option trades in units of the underlying (contracts × multiplier), and so
        // does Omnifolio. (None of these statements trades futures, which are no buys or sells
        // here: their cash is settled daily, flex-activities.futures.test.ts.)
        for (const a of activities.filter(isTrade)) expect(theirs, a.providerRef).toContain(dec(a.quantity).toFixed());
      });
    }
  }

  it('file 09: a TradeCancel is booked as the opposite trade of the one it cancels', () => {
    const { activities } = load('testIBFlexStatementFile09.xml');
    const [buy, cancel] = activities;
    expect(buy).toMatchObject({ type: 'buy', quantity: '450', price: '5.432', fee: '2.4444', feeAsset: 'EUR' });
    expect(cancel).toMatchObject({ type: 'sell', quantity: '450', price: '5.432', fee: null });
    expect(raw(cancel!).origTradeId).toBe('464740365');
  });

  it('file 25: dividends in the currency IBKR booked them, matching PP’s amount', () => {
    const { expected, activities } = load('testIBFlexStatementFile25.xml');
    const items = expected!.expectedItems!;
    expect(activities).toHaveLength(items.length);
    for (const item of items) {
      const match = activities.find((a) => raw(a).security === item.security.ticker);
      expect(match, item.security.ticker).toBeDefined();
      expect(match!.type).toBe('dividend');
      expect(raw(match!).bookedOn).toBe(item.date);
      expectWithinHalfCent([`${match!.asset} ${match!.quantity}`], [`${item.amount.currency} ${item.amount.value}`]);
    }
  });

  it('file 29: dividends across three statements, amounts transcribed from PP’s assertions', () => {
    const { activities } = load('testIBFlexStatementFile29.xml');
    // hidr 18.15 USD, eqqq 1.36 USD, eqqqGbpBase 1.27 USD, gbdv 138.00 GBX, krdiv 3100 KRW
    expect(sorted(activities.map((a) => `${a.asset} ${cents(a.quantity)}`))).toEqual(sorted(['USD 18.15', 'USD 1.36', 'USD 1.27', 'GBX 138', 'KRW 3100']));
    expect(activities.every((a) => a.type === 'dividend')).toBe(true);
  });

  it('file 01: a cash tender is a sale at the offer price; the split is two deliveries', () => {
    const { activities } = load('testIBFlexStatementFile01.xml');
    const tender = activities.find((a) => a.type === 'sell');
    expect(tender).toMatchObject({ asset: 'UUU.TEN2', quantity: '12000', quoteAsset: 'CAD', price: '2.86' });
    const deliveries = activities.filter((a) => a.type === 'merger' || a.type === 'split');
    expect(sorted(deliveries.map((a) => `${raw(a).direction} ${a.asset} ${a.quantity}`))).toEqual(
      sorted(['out UUU 12000', 'in UUU.TEN2 12000', 'in GCM 480', 'out GCM.OLD 12000']),
    );
  });
});
