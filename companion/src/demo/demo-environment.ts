import { BinanceSimulator } from '../simulators/binance/binance-simulator.js';
import { loadDemoAccount } from '../simulators/binance/demo-account.js';
import { createCoinGeckoSimulator } from '../simulators/coingecko/coingecko-simulator.js';

/** A connection the demo portfolio adds, as a user would through the options page. */
export interface DemoConnectionSpec {
  providerId: string;
  label: string;
  credentials: Record<string, string>;
}

export interface DemoEnvironment {
  /** Base URL per provider id, as connectors and the pricing client take them. */
  urls: Record<string, string>;
  connections: DemoConnectionSpec[];
  stop(): Promise<void>;
}

/**
 * Starts the simulators behind the demo portfolio on free loopback ports: Binance with the
 * demo account (demo-account.json) and CoinGecko with the demo prices (demo-prices.json).
 * Also used by `simulators/cli.ts` for the end-to-end tests, so the demo and the tests see
 * the same data.
 */
export async function startDemoEnvironment(): Promise<DemoEnvironment> {
  const account = loadDemoAccount();
  const binance = new BinanceSimulator();
  binance.addAccount(account);
  // The dashboard of a demo should never be slowed by a simulated plan limit.
  const coingecko = createCoinGeckoSimulator({ rateLimitPerMinute: Number.POSITIVE_INFINITY });
  const [binanceUrl, coingeckoUrl] = await Promise.all([binance.start(), coingecko.start()]);
  return {
    urls: { binance: binanceUrl, coingecko: coingeckoUrl },
    connections: [{ providerId: 'binance', label: 'Demo · Binance', credentials: { apiKey: account.apiKey, secret: account.secret } }],
    async stop() {
      await Promise.all([binance.stop(), coingecko.stop()]);
    },
  };
}
