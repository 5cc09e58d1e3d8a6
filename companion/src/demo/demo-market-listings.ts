import { type Decimal, dec, toDecimalString } from '@omnifolio/shared/money';
import { loadAlpacaDemoAccount } from '../simulators/alpaca/alpaca-sim-account.js';
import { opendDemoAccount } from '../simulators/futu-opend/opend-simulator.js';
import { loadIbkrDemoAccount } from '../simulators/ibkr-flex/ibkr-demo-account.js';
import { schwabDemoCustomer } from '../simulators/schwab/schwab-sim-account.js';
import type { YahooSimListing } from '../simulators/yahoo/yahoo-simulator.js';
import { HKEX_EQUITY, NASDAQ_EQUITY, NYSE_ARCA_ETF, SIX_EQUITY, US_MUTUAL_FUND, type YahooVenue } from '../simulators/yahoo/yahoo-venues.js';
import { demoPricePath, type PriceAnchor, utcDayOf } from './demo-price-path.js';

const DAY_MS = 86_400_000;

type ListingShape = YahooVenue & { yahooSymbol: string; amplitude: number };

/**
 * Every share, ETF and fund the demo brokers hold, keyed by the symbol the broker reports,
 * with the Yahoo Finance symbol and listing it has in reality. The Yahoo symbols are
 * written out here rather than derived with the product's own mapping
 * (pricing/providers/openfigi/yahoo-listing.ts), so a mapping mistake shows up as a
 * missing price in the demo instead of being mirrored by it. Options are not listings.
 */
const DEMO_LISTINGS: Readonly<Record<string, ListingShape>> = {
  AAPL: { yahooSymbol: 'AAPL', ...NASDAQ_EQUITY, amplitude: 0.05 },
  MSFT: { yahooSymbol: 'MSFT', ...NASDAQ_EQUITY, amplitude: 0.05 },
  NVDA: { yahooSymbol: 'NVDA', ...NASDAQ_EQUITY, amplitude: 0.09 },
  VT: { yahooSymbol: 'VT', ...NYSE_ARCA_ETF, amplitude: 0.03 },
  VTI: { yahooSymbol: 'VTI', ...NYSE_ARCA_ETF, amplitude: 0.03 },
  SPY: { yahooSymbol: 'SPY', ...NYSE_ARCA_ETF, amplitude: 0.03 },
  SWPPX: { yahooSymbol: 'SWPPX', ...US_MUTUAL_FUND, amplitude: 0.03 },
  // A money-market fund holds its dollar.
  SWVXX: { yahooSymbol: 'SWVXX', ...US_MUTUAL_FUND, amplitude: 0 },
  NESN: { yahooSymbol: 'NESN.SW', ...SIX_EQUITY, amplitude: 0.04 },
  '00700.HK': { yahooSymbol: '0700.HK', ...HKEX_EQUITY, amplitude: 0.07 },
};

interface BrokerPrices {
  /** What each holding was bought or sold at, on its day. */
  trades: { symbol: string; atMs: number; price: Decimal }[];
  /** Today's mark per symbol; a holding without trades also gives its average cost. */
  marks: { symbol: string; price: Decimal; cost: Decimal }[];
}

/** Trades and marks of the four demo broker accounts, read from the same data their simulators serve. */
function demoBrokerPrices(nowMs: number): BrokerPrices {
  const trades: BrokerPrices['trades'] = [];
  const marks: BrokerPrices['marks'] = [];
  const ibkr = loadIbkrDemoAccount({ now: nowMs });
  for (const t of ibkr.trades)
    if (t.instrument.assetCategory === 'STK') trades.push({ symbol: t.instrument.symbol, atMs: t.executedAt, price: dec(t.tradePrice) });
  for (const p of ibkr.positions) if (p.assetCategory === 'STK') marks.push({ symbol: p.symbol, price: dec(p.markPrice), cost: dec(p.avgCost) });

  const alpaca = loadAlpacaDemoAccount(nowMs);
  for (const a of alpaca.activities) {
    if ('transaction_time' in a) trades.push({ symbol: a.symbol, atMs: Date.parse(a.transaction_time), price: dec(a.price) });
  }
  for (const p of alpaca.positions) marks.push({ symbol: p.symbol, price: dec(p.current_price), cost: dec(p.avg_entry_price) });

  for (const account of schwabDemoCustomer(nowMs).accounts) {
    for (const t of account.transactions) {
      if (t.type !== 'TRADE' && t.type !== 'MONEY_MARKET') continue;
      for (const item of t.transferItems) {
        if (item.price !== undefined && item.instrument.assetType !== 'OPTION' && item.instrument.assetType !== 'CURRENCY') {
          trades.push({ symbol: item.instrument.symbol, atMs: t.at, price: dec(item.price) });
        }
      }
    }
    for (const p of account.positions) {
      const quantity = dec(p.longQuantity).minus(p.shortQuantity);
      if (p.assetType === 'OPTION' || quantity.isZero()) continue;
      marks.push({ symbol: p.symbol, price: dec(p.marketValue).div(quantity), cost: dec(p.averagePrice) });
    }
  }

  const futu = opendDemoAccount(nowMs);
  // OpenD writes Hong Kong codes bare (`00700`); the Futu connector names them `00700.HK`.
  for (const [market, fills] of Object.entries(futu.fills ?? {})) {
    for (const f of fills) trades.push({ symbol: market === '1' ? `${f.code}.HK` : f.code, atMs: Date.parse(f.at), price: dec(f.price) });
  }
  for (const p of futu.positions[1] ?? []) marks.push({ symbol: `${p.code}.HK`, price: dec(p.price), cost: dec(p.costPrice) });
  for (const p of futu.positions[2] ?? []) marks.push({ symbol: p.code, price: dec(p.price), cost: dec(p.costPrice) });
  return { trades, marks };
}

const isWeekend = (atMs: number) => {
  const weekday = new Date(atMs).getUTCDay();
  return weekday === 0 || weekday === 6;
};

/**
 * Yahoo Finance listings for every share and fund of the demo brokers: daily closes on
 * weekdays from a month before the first trade to today, through each trade's price on its
 * day and ending, on the last weekday, at the broker's mark, so the demo's equity curve
 * values its shares on every past day and today's market price is the broker's own.
 * A holding with no trade in the demo starts at its average cost. Prices have the
 * listing's decimals (`priceHint`). Keyed by Yahoo symbol.
 */
export function demoMarketListings(nowMs: number): Map<string, YahooSimListing> {
  const { trades, marks } = demoBrokerPrices(nowMs);
  const today = utcDayOf(nowMs);
  let lastTradingDay = today;
  while (isWeekend(lastTradingDay)) lastTradingDay -= DAY_MS;
  const earliest = Math.min(today, ...trades.map((t) => utcDayOf(t.atMs)));
  const start = earliest - 30 * DAY_MS;

  const out = new Map<string, YahooSimListing>();
  for (const [brokerSymbol, shape] of Object.entries(DEMO_LISTINGS)) {
    const mark = marks.find((m) => m.symbol === brokerSymbol);
    if (!mark) throw new Error(`The demo listing ${brokerSymbol} is held by no demo broker account; remove it from DEMO_LISTINGS.`);
    const anchors: PriceAnchor[] = trades.filter((t) => t.symbol === brokerSymbol).map((t) => ({ atMs: utcDayOf(t.atMs), price: t.price }));
    if (anchors.length === 0) anchors.push({ atMs: start, price: mark.cost });
    // The newest day first, so the mark wins over a trade on the same day.
    anchors.unshift({ atMs: lastTradingDay, price: mark.price });
    const path = demoPricePath(anchors, { startMs: start, endMs: lastTradingDay, amplitude: shape.amplitude, seed: brokerSymbol, skip: isWeekend });
    const { yahooSymbol, amplitude: _amplitude, ...listing } = shape;
    // Quoted in the listing's own decimals (its priceHint), as Yahoo's closes are.
    const closes = path.map((p) => ({
      day: new Date(p.atMs).toISOString().slice(0, 10),
      price: toDecimalString(dec(p.price).toDecimalPlaces(listing.priceHint)),
    }));
    out.set(yahooSymbol, { ...listing, closes });
  }
  return out;
}
