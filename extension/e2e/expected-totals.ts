import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import DecimalJs from 'decimal.js';
import { REPO_ROOT } from './paths';

/**
 * The portfolio total computed here, independently of the companion, from the same data
 * the simulators serve: Binance balances (spot free + locked, and each isolated margin side's
 * free + locked − borrowed − interest) times CoinGecko prices, per asset. Exact:
 * decimal.js with far more precision than the inputs need.
 */
const Decimal = DecimalJs.clone({ precision: 200, rounding: DecimalJs.ROUND_HALF_EVEN, toExpNeg: -200, toExpPos: 200 });

/** Binance symbol → CoinGecko id, written out so the test does not borrow the companion's mapping. */
export const COINGECKO_IDS: Record<string, string> = {
  BTC: 'bitcoin',
  ETH: 'ethereum',
  BNB: 'binancecoin',
  SOL: 'solana',
  USDT: 'tether',
  USDC: 'usd-coin',
  ADA: 'cardano',
  XRP: 'ripple',
  DOGE: 'dogecoin',
  DOT: 'polkadot',
  LINK: 'chainlink',
  AVAX: 'avalanche-2',
  MATIC: 'matic-network',
  POL: 'polygon-ecosystem-token',
  SHIB: 'shiba-inu',
};

const ACCOUNT_FILE = join(REPO_ROOT, 'companion', 'src', 'simulators', 'binance', 'demo-account.json');
const PRICES_FILE = join(REPO_ROOT, 'companion', 'src', 'simulators', 'coingecko', 'demo-prices.json');

function decimalString(value: unknown, where: string): string {
  // The files hold decimal strings; a JSON number would already have lost digits to a float.
  if (typeof value !== 'string' || !/^-?\d+(\.\d+)?$/.test(value)) {
    throw new Error(`${where} should be a decimal string, found ${JSON.stringify(value)}.`);
  }
  return value;
}

export interface ExpectedTotals {
  usd: string;
  chf: string;
  /** Assets held but not in the price file: shown as unpriced and not counted. */
  unpriced: string[];
  priced: string[];
}

export function expectedTotals(): ExpectedTotals {
  type IsolatedSide = { asset: string; free: unknown; locked: unknown; borrowed: unknown; interest: unknown };
  const account = JSON.parse(readFileSync(ACCOUNT_FILE, 'utf8')) as {
    balances: { asset: string; free: unknown; locked: unknown }[];
    isolatedMargin: { assets: { symbol: string; baseAsset: IsolatedSide; quoteAsset: IsolatedSide }[] };
  };
  const prices = (JSON.parse(readFileSync(PRICES_FILE, 'utf8')) as { prices: Record<string, { usd: unknown; chf: unknown }> }).prices;
  const quantities = new Map<string, DecimalJs>();
  const add = (asset: string, amount: DecimalJs) => quantities.set(asset, (quantities.get(asset) ?? new Decimal(0)).plus(amount));
  for (const { asset, free, locked } of account.balances) {
    add(asset, new Decimal(decimalString(free, `${asset}.free`)).plus(decimalString(locked, `${asset}.locked`)));
  }
  // An isolated pair's loan and interest are owed: they count against what the pair holds.
  for (const { symbol, baseAsset, quoteAsset } of account.isolatedMargin.assets) {
    for (const { asset, free, locked, borrowed, interest } of [baseAsset, quoteAsset]) {
      const where = `isolatedMargin.${symbol}.${asset}`;
      add(
        asset,
        new Decimal(decimalString(free, `${where}.free`))
          .plus(decimalString(locked, `${where}.locked`))
          .minus(decimalString(borrowed, `${where}.borrowed`))
          .minus(decimalString(interest, `${where}.interest`)),
      );
    }
  }
  let usd = new Decimal(0);
  let chf = new Decimal(0);
  const unpriced: string[] = [];
  const priced: string[] = [];
  for (const [asset, quantity] of quantities) {
    if (quantity.isZero()) continue;
    const id = COINGECKO_IDS[asset];
    const price = id === undefined ? undefined : prices[id];
    if (price === undefined) {
      unpriced.push(asset);
      continue;
    }
    priced.push(asset);
    usd = usd.plus(quantity.times(decimalString(price.usd, `${id}.usd`)));
    chf = chf.plus(quantity.times(decimalString(price.chf, `${id}.chf`)));
  }
  return { usd: usd.toFixed(), chf: chf.toFixed(), unpriced, priced };
}

/** "$12,345.68" / "CHF 12,345.68": rounded half-even to cents, grouped by thousands. */
export function displayed(value: string, currency: 'USD' | 'CHF'): string {
  const [whole = '0', cents = '00'] = new Decimal(value).toFixed(2).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return currency === 'USD' ? `$${grouped}.${cents}` : `CHF ${grouped}.${cents}`;
}
