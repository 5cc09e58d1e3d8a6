import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import DecimalJs from 'decimal.js';
import { COINGECKO_IDS } from '../expected-totals';
import { REPO_ROOT } from '../paths';
import type { DemoHoldings } from './demo-holdings';

/**
 * The total of the demo exchange accounts, computed here with decimal.js from what each
 * simulator holds and the CoinGecko simulator's demo prices, sharing nothing with the
 * companion's valuation. Exact: far more precision than the inputs need.
 */
const Decimal = DecimalJs.clone({ precision: 200, rounding: DecimalJs.ROUND_HALF_EVEN, toExpNeg: -200, toExpPos: 200 });

/** Exchange asset codes → CoinGecko ids beyond the Binance ones, written out for the test. */
const MORE_COINGECKO_IDS: Record<string, string> = {
  GT: 'gatechain-token',
  LTC: 'litecoin',
  TUSD: 'true-usd',
  OKB: 'okb',
  KCS: 'kucoin-shares',
  HT: 'huobi-token',
  MNT: 'mantle',
  MX: 'mx-token',
  CET: 'coinex-token',
  BGB: 'bitget-token',
  TRX: 'tron',
  TON: 'the-open-network',
  DAI: 'dai',
  FDUSD: 'first-digital-usd',
  ARB: 'arbitrum',
  OP: 'optimism',
  ATOM: 'cosmos',
  NEAR: 'near',
  UNI: 'uniswap',
  PEPE: 'pepe',
  SUI: 'sui',
  APT: 'aptos',
};

const PRICES_FILE = join(REPO_ROOT, 'companion', 'src', 'simulators', 'coingecko', 'demo-prices.json');

export interface ExchangeTotals {
  /** In USD, exact. */
  totalUsd: string;
  /** Asset codes held (non-zero) with no demo price: shown unpriced, counted nowhere. */
  unpriced: string[];
  /** A position's uPnL in USD, or null when its settle asset has no demo price. */
  positionPnlUsd(position: DemoHoldings['positions'][number]): string | null;
}

/**
 * USD only: a US dollar is worth one, exactly. (The CHF figure of a dollar is a quotient of
 * CoinGecko's rates that the companion rounds, so a CHF total is exact only to that rounding.)
 */
export function expectedExchangeTotals(accounts: readonly DemoHoldings[]): ExchangeTotals {
  const prices = (JSON.parse(readFileSync(PRICES_FILE, 'utf8')) as { prices: Record<string, { usd: string }> }).prices;
  const usdPriceOf = (asset: string): string | undefined => {
    if (asset === 'USD') return '1';
    const id = COINGECKO_IDS[asset] ?? MORE_COINGECKO_IDS[asset];
    return id === undefined ? undefined : prices[id]?.usd;
  };
  // Sum each asset over every wallet of every exchange first: a loan on one wallet nets
  // against holdings elsewhere, as it does in the person's wealth.
  const quantities = new Map<string, InstanceType<typeof Decimal>>();
  for (const account of accounts) {
    for (const { asset, quantity } of account.balances) quantities.set(asset, (quantities.get(asset) ?? new Decimal(0)).plus(quantity));
  }
  let total = new Decimal(0);
  const unpriced: string[] = [];
  for (const [asset, quantity] of quantities) {
    if (quantity.isZero()) continue;
    const price = usdPriceOf(asset);
    if (price === undefined) {
      unpriced.push(asset);
      continue;
    }
    total = total.plus(quantity.times(price));
  }
  return {
    totalUsd: total.toFixed(),
    unpriced: unpriced.sort(),
    positionPnlUsd(position) {
      const price = usdPriceOf(position.settleAsset);
      return price === undefined ? null : new Decimal(position.unrealizedPnl).times(price).toFixed();
    },
  };
}

/** How SignedMoney shows a gain or loss in USD: "+$37.32", "−$1.05", "$0.00"; half-even to cents. */
export function displayedSignedUsd(value: string): string {
  const cents = new Decimal(value).toFixed(2);
  const negative = cents.startsWith('-');
  const magnitude = negative ? cents.slice(1) : cents;
  const [whole = '0', fraction = '00'] = magnitude.split('.');
  const grouped = `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${fraction}`;
  const sign = new Decimal(value).isZero() ? '' : negative ? '−' : '+';
  return `${sign}$${grouped}`;
}
