import { BinanceSimulator } from '../simulators/binance/binance-simulator.js';
import { loadDemoAccount } from '../simulators/binance/demo-account.js';
import { createCoinGeckoSimulator } from '../simulators/coingecko/coingecko-simulator.js';
import { loadDemoPrices } from '../simulators/coingecko/demo-prices.js';
import { IbkrCpapiSimulator } from '../simulators/ibkr-cpapi/ibkr-cpapi-simulator.js';
import { loadIbkrDemoAccount } from '../simulators/ibkr-flex/ibkr-demo-account.js';
import { okxDemoAccount } from '../simulators/okx/demo-account.js';
import { OkxSimulator } from '../simulators/okx/okx-simulator.js';
import { demoPriceHistory } from './demo-price-history.js';

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
 * demo account (demo-account.json), CoinGecko with the demo prices (demo-prices.json), and
 * an EVM JSON-RPC simulator holding the demo wallet (simulators/evm-rpc/demo-wallet.ts),
 * and an IBKR Client Portal Gateway holding the demo IBKR account (ibkr-demo-account.ts).
 * Also used by `simulators/cli.ts` for the end-to-end tests, so the demo and the tests see
 * the same data.
 */
export async function startDemoEnvironment(): Promise<DemoEnvironment> {
  const account = loadDemoAccount();
  const binance = new BinanceSimulator();
  binance.addAccount(account);
  // The dashboard of a demo should never be slowed by a simulated plan limit.
  // Daily history through the account's own trade prices, so the demo's equity curve starts at its first trade.
  const coingecko = createCoinGeckoSimulator({
    rateLimitPerMinute: Number.POSITIVE_INFINITY,
    history: demoPriceHistory(account, loadDemoPrices(), Date.now()),
  });
  // A self-custody wallet on the seven EVM chains, read through Multicall3 like a real one.
  // Imported here, not at the top: it loads viem (~0.5 s), which companion start-up skips.
  const { createDemoWalletSimulator, DEMO_WALLET_ADDRESS, DEMO_WALLET_NATIVE } = await import('../simulators/evm-rpc/demo-wallet.js');
  const wallet = createDemoWalletSimulator();
  // IBKR through a simulated Client Portal Gateway: a CHF-base account with US and Swiss
  // shares, an option and cash in CHF and USD, valued at IBKR's own marks.
  const ibkr = new IbkrCpapiSimulator();
  ibkr.addAccount(loadIbkrDemoAccount());
  // OKX with signed requests re-derived by the simulator: trading and funding accounts, two swaps, spot fills.
  const okx = new OkxSimulator();
  const okxAccount = okx.addAccount(okxDemoAccount(Date.now()));
  const [binanceUrl, coingeckoUrl, , , okxUrl] = await Promise.all([binance.start(), coingecko.start(), wallet.start(), ibkr.start(), okx.start()]);
  const walletUrls = Object.fromEntries(Object.keys(DEMO_WALLET_NATIVE).map((chainId) => [`evm:${chainId}`, wallet.urlOf(Number(chainId))]));
  return {
    urls: { binance: binanceUrl, coingecko: coingeckoUrl, ...walletUrls, 'ibkr-cpapi': ibkr.apiUrl, okx: okxUrl },
    connections: [
      { providerId: 'binance', label: 'Demo · Binance', credentials: { apiKey: account.apiKey, secret: account.secret } },
      { providerId: 'evm', label: 'Demo · Wallet', credentials: { address: DEMO_WALLET_ADDRESS } },
      { providerId: 'ibkr-cpapi', label: 'Demo · IBKR', credentials: {} },
      { providerId: 'okx', label: 'Demo · OKX', credentials: { apiKey: okxAccount.apiKey, secret: okxAccount.secret, passphrase: okxAccount.passphrase } },
    ],
    async stop() {
      await Promise.all([binance.stop(), coingecko.stop(), wallet.stop(), ibkr.stop(), okx.stop()]);
    },
  };
}
