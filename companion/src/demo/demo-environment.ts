import { loadAlpacaDemoAccount } from '../simulators/alpaca/alpaca-sim-account.js';
import { AlpacaSimulator } from '../simulators/alpaca/alpaca-simulator.js';
import { BinanceSimulator } from '../simulators/binance/binance-simulator.js';
import { loadDemoAccount } from '../simulators/binance/demo-account.js';
import { BitgetSimulator } from '../simulators/bitget/bitget-simulator.js';
import { bitgetDemoAccount } from '../simulators/bitget/demo-account.js';
import { BlofinSimulator } from '../simulators/blofin/blofin-simulator.js';
import { blofinDemoAccount } from '../simulators/blofin/demo-account.js';
import { BybitSimulator } from '../simulators/bybit/bybit-simulator.js';
import { bybitDemoAccount } from '../simulators/bybit/demo-account.js';
import { CoinbaseSimulator } from '../simulators/coinbase/coinbase-simulator.js';
import { coinbaseDemoAccount } from '../simulators/coinbase/demo-account.js';
import { CoinexSimulator } from '../simulators/coinex/coinex-simulator.js';
import { coinexDemoAccount } from '../simulators/coinex/demo-account.js';
import { createCoinGeckoSimulator } from '../simulators/coingecko/coingecko-simulator.js';
import { loadDemoPrices } from '../simulators/coingecko/demo-prices.js';
import { EcbSimulator } from '../simulators/ecb/ecb-simulator.js';
import { OpendSimulator, opendDemoAccount } from '../simulators/futu-opend/opend-simulator.js';
import { gateDemoAccount } from '../simulators/gate/demo-account.js';
import { GateSimulator } from '../simulators/gate/gate-simulator.js';
import { htxDemoAccount } from '../simulators/htx/demo-account.js';
import { HtxSimulator } from '../simulators/htx/htx-simulator.js';
import { loadIbkrDemoAccount } from '../simulators/ibkr-flex/ibkr-demo-account.js';
import { IbkrFlexSimulator } from '../simulators/ibkr-flex/ibkr-flex-simulator.js';
import { krakenDemoAccount } from '../simulators/kraken/demo-account.js';
import { KrakenSimulator } from '../simulators/kraken/kraken-simulator.js';
import { krakenFuturesDemoAccount } from '../simulators/krakenfutures/demo-account.js';
import { KrakenFuturesSimulator } from '../simulators/krakenfutures/krakenfutures-simulator.js';
import { kucoinDemoAccount } from '../simulators/kucoin/demo-account.js';
import { KucoinSimulator } from '../simulators/kucoin/kucoin-simulator.js';
import { mexcDemoAccount } from '../simulators/mexc/demo-account.js';
import { MexcSimulator } from '../simulators/mexc/mexc-simulator.js';
import { okxDemoAccount } from '../simulators/okx/demo-account.js';
import { OkxSimulator } from '../simulators/okx/okx-simulator.js';
import { OpenFigiSimulator } from '../simulators/openfigi/openfigi-simulator.js';
import { schwabDemoCustomer } from '../simulators/schwab/schwab-sim-account.js';
import { SchwabSimulator } from '../simulators/schwab/schwab-simulator.js';
import { YahooSimulator } from '../simulators/yahoo/yahoo-simulator.js';
import { demoMarketListings } from './demo-market-listings.js';
import { demoPensionStatement } from './demo-pension-statement.js';
import { demoContractCoins, demoPriceHistory } from './demo-price-history.js';

/** A connection the demo portfolio adds, as a user would through the options page. */
export interface DemoConnectionSpec {
  providerId: string;
  label: string;
  credentials: Record<string, string>;
}

/** A statement the demo portfolio uploads, as a user would through the options page. */
export interface DemoDocumentSpec {
  filename: string;
  mediaType: string;
  bytes: Uint8Array;
  providerId: string;
}

export interface DemoEnvironment {
  /** Base URL per provider id, as connectors and the pricing client take them. */
  urls: Record<string, string>;
  connections: DemoConnectionSpec[];
  /** Statements of providers without an API, read by their parsers into demo statement accounts. */
  documents: DemoDocumentSpec[];
  stop(): Promise<void>;
}

/**
 * Starts the simulators behind the demo portfolio on free loopback ports: Binance with the
 * demo account (demo-account.json), CoinGecko with the demo prices (demo-prices.json), and
 * Alchemy holding the demo wallet and its transfers (simulators/evm-rpc/demo-wallet.ts),
 * and IBKR's Flex Web Service with a query over the demo IBKR account (ibkr-demo-account.ts), Alpaca
 * with its demo paper account (alpaca-sim-account.ts) and Futu OpenD with a universal HK and US
 * account (opend-simulator.ts), the ECB's reference rates, Yahoo Finance with the
 * brokers' shares and funds (demo-market-listings.ts) and the pension account's ETF, and
 * OpenFIGI mapping that ETF's ISIN to its listing. The pension account itself is a Finpension
 * transaction report (demo-pension-statement.ts), uploaded into the documents pipeline.
 * Also used by `simulators/cli.ts` for the end-to-end tests, so the demo and the tests see
 * the same data.
 */
export async function startDemoEnvironment(): Promise<DemoEnvironment> {
  const account = loadDemoAccount();
  const binance = new BinanceSimulator();
  binance.addAccount(account);
  // The dashboard of a demo should never be slowed by a simulated plan limit.
  // Daily history through the account's own trade prices, so the demo's equity curve starts at its first trade.
  const demoPrices = loadDemoPrices();
  const coingecko = createCoinGeckoSimulator({
    rateLimitPerMinute: Number.POSITIVE_INFINITY,
    history: demoPriceHistory(account, demoPrices, Date.now()),
    contractCoins: demoContractCoins(demoPrices),
  });
  // A self-custody wallet on the seven EVM chains, read through Alchemy with a key as a user
  // with one reads theirs: balances, and the transfers that brought them, so the wallet is on
  // the curve from its first receipt. Imported here, not at the top: it loads viem (~0.5 s),
  // which companion start-up skips.
  const { createDemoWalletAlchemy, DEMO_WALLET_ADDRESS, DEMO_WALLET_ALCHEMY_KEY } = await import('../simulators/evm-rpc/demo-wallet.js');
  const wallet = createDemoWalletAlchemy(Date.now());
  // IBKR through its Flex Web Service: a CHF-base account with US and Swiss shares, an option
  // and cash in CHF and USD, valued at IBKR's own marks, and its history since the first
  // deposit (trades, dividend, fees, interest), so its curve starts there and not on the day
  // of the demo. The statement is ready at the first poll: a demo does not wait for IBKR.
  // Token and query id are fixed (a Flex token's 24 digits, a query's 6): the connection keeps
  // them across restarts of the companion, which start the simulators afresh.
  const ibkr = new IbkrFlexSimulator();
  const ibkrQuery = ibkr.addQuery({ token: '702415986330174528091637', queryId: '864201', accounts: [loadIbkrDemoAccount()], notReadyPolls: 0 });
  // OKX with signed requests re-derived by the simulator: trading and funding accounts, two swaps, spot fills.
  const okx = new OkxSimulator();
  const okxAccount = okx.addAccount(okxDemoAccount(Date.now()));
  const [binanceUrl, coingeckoUrl, , , okxUrl] = await Promise.all([binance.start(), coingecko.start(), wallet.start(), ibkr.start(), okx.start()]);
  // Gate with signed requests re-derived by the simulator: spot, isolated and cross margin, USDT and BTC perpetuals, delivery, options, Earn.
  const gate = new GateSimulator();
  const gateAccount = gate.addAccount(gateDemoAccount(Date.now()));
  const gateUrl = await gate.start();
  // MEXC with both of its signing schemes re-derived: spot with an open order, USDT-M futures with two positions.
  const mexc = new MexcSimulator();
  const mexcAccount = mexc.addAccount(mexcDemoAccount(Date.now()));
  const mexcUrl = await mexc.start();
  // Coinbase with each request's ES256 JWT verified by the simulator: wallets, a vault, perpetuals, fills, sends.
  const coinbase = new CoinbaseSimulator();
  const coinbaseAccount = coinbase.addAccount(coinbaseDemoAccount(Date.now()));
  const coinbaseUrl = await coinbase.start();
  // Kraken with each API-Sign re-derived, nonces and the call counter enforced: spot, staking and Earn, two margin positions.
  const kraken = new KrakenSimulator();
  const krakenAccount = kraken.addAccount(krakenDemoAccount(Date.now()));
  const krakenUrl = await kraken.start();
  // Kraken Futures (its own API and keys) with each Authent re-derived and both cost budgets enforced: cash, multi-collateral and inverse accounts, three positions, the account log.
  const krakenFutures = new KrakenFuturesSimulator();
  const krakenFuturesAccount = krakenFutures.addAccount(krakenFuturesDemoAccount(Date.now()));
  const krakenFuturesUrl = await krakenFutures.start();
  // HTX with signature v2 re-derived by the simulator: spot, cross and isolated margin with loans, OTC, USDT-M positions, trades.
  const htx = new HtxSimulator();
  const htxAccount = htx.addAccount(htxDemoAccount(Date.now()));
  const htxUrl = await htx.start();
  // KuCoin with KC-API signatures re-derived by the simulator: funding, trading, cross and isolated margin with loans, futures, Earn, three positions.
  const kucoin = new KucoinSimulator();
  const kucoinAccount = kucoin.addAccount(kucoinDemoAccount(Date.now()));
  const kucoinUrl = await kucoin.start();
  // Bybit with X-BAPI signatures re-derived by the simulator: unified account with a loan, funding, Earn, three perpetuals, windowed history.
  const bybit = new BybitSimulator();
  const bybitAccount = bybit.addAccount(bybitDemoAccount(Date.now()));
  const bybitUrl = await bybit.start();
  // BloFin with ACCESS signatures (Base64 of the hex HMAC) and nonces checked by the simulator: five wallets, a cross and an isolated swap.
  const blofin = new BlofinSimulator();
  const blofinAccount = blofin.addAccount(blofinDemoAccount(Date.now()));
  const blofinUrl = await blofin.start();
  // CoinEx with each v2 signature re-derived by the simulator: spot, margin loans, futures positions, Financial, trades.
  const coinex = new CoinexSimulator();
  const coinexAccount = coinex.addAccount(coinexDemoAccount(Date.now()));
  const coinexUrl = await coinex.start();
  // Bitget with ACCESS-SIGN re-derived by the simulator: spot, funding, cross and isolated margin with loans, Savings, USDT-M and COIN-M futures.
  const bitget = new BitgetSimulator();
  const bitgetAccount = bitget.addAccount(bitgetDemoAccount(Date.now()));
  const bitgetUrl = await bitget.start();
  // Alpaca's Trading API with the demo paper account: cash, two US equities, fills, dividends and transfers.
  const alpaca = new AlpacaSimulator();
  const alpacaAccount = alpaca.addAccount(loadAlpacaDemoAccount(Date.now()));
  const alpacaUrl = await alpaca.start();
  // Futu OpenD over its TCP protocol: a universal account with Tencent in Hong Kong, Apple in the US, HKD and USD cash, fills and fees.
  const opend = new OpendSimulator();
  opend.addAccount(opendDemoAccount(Date.now()));
  const opendUrl = await opend.start();
  // Schwab's OAuth service and Trader API: a margin and a cash account, signed in ahead (a refresh token issued at start).
  const schwab = new SchwabSimulator();
  const schwabCustomer = schwab.addCustomer(schwabDemoCustomer(Date.now()));
  const schwabUrl = await schwab.start();
  // The ECB's reference-rate files (daily, 90 days, since 1999) from real published rates: fiat is valued at them.
  const ecb = new EcbSimulator();
  await ecb.start();
  // Yahoo Finance's chart endpoint with every share and fund the demo brokers hold: closes from
  // a month before their first trade, through each trade's price, ending at the broker's mark.
  const yahoo = new YahooSimulator({ perMinute: Number.POSITIVE_INFINITY });
  for (const [symbol, listing] of demoMarketListings(Date.now())) yahoo.setListing(symbol, listing);
  // The pension account's Finpension report; its listed ETF is found by ISIN through OpenFIGI, then on Yahoo.
  const pension = demoPensionStatement(Date.now());
  for (const [symbol, listing] of pension.listings) yahoo.setListing(symbol, listing);
  const yahooUrl = await yahoo.start();
  const openFigi = new OpenFigiSimulator();
  for (const [isin, listings] of pension.figi) openFigi.setListings(isin, listings);
  const openFigiUrl = await openFigi.start();
  return {
    urls: {
      binance: binanceUrl,
      coingecko: coingeckoUrl,
      alchemy: wallet.baseUrl,
      'ibkr-flex': ibkr.flexUrl,
      okx: okxUrl,
      bybit: bybitUrl,
      blofin: blofinUrl,
      gate: gateUrl,
      mexc: mexcUrl,
      coinbase: coinbaseUrl,
      kraken: krakenUrl,
      krakenfutures: krakenFuturesUrl,
      htx: htxUrl,
      coinex: coinexUrl,
      kucoin: kucoinUrl,
      bitget: bitgetUrl,
      alpaca: alpacaUrl,
      futu: opendUrl,
      schwab: schwabUrl,
      ecb: ecb.apiUrl,
      yahoo: yahooUrl,
      openfigi: openFigiUrl,
    },
    connections: [
      { providerId: 'binance', label: 'Demo · Binance', credentials: { apiKey: account.apiKey, secret: account.secret } },
      { providerId: 'evm', label: 'Demo · Wallet', credentials: { address: DEMO_WALLET_ADDRESS, alchemyKey: DEMO_WALLET_ALCHEMY_KEY } },
      { providerId: 'ibkr-flex', label: 'Demo · IBKR', credentials: { token: ibkrQuery.token, queryId: ibkrQuery.queryId } },
      { providerId: 'okx', label: 'Demo · OKX', credentials: { apiKey: okxAccount.apiKey, secret: okxAccount.secret, passphrase: okxAccount.passphrase } },
      { providerId: 'bybit', label: 'Demo · Bybit', credentials: { apiKey: bybitAccount.apiKey, secret: bybitAccount.secret } },
      {
        providerId: 'blofin',
        label: 'Demo · BloFin',
        credentials: { apiKey: blofinAccount.apiKey, secret: blofinAccount.secret, passphrase: blofinAccount.passphrase },
      },
      { providerId: 'gate', label: 'Demo · Gate', credentials: { apiKey: gateAccount.apiKey, secret: gateAccount.secret } },
      { providerId: 'mexc', label: 'Demo · MEXC', credentials: { apiKey: mexcAccount.apiKey, secret: mexcAccount.secret } },
      { providerId: 'coinbase', label: 'Demo · Coinbase', credentials: { apiKey: coinbaseAccount.keyName, secret: coinbaseAccount.privateKeyPem } },
      { providerId: 'kraken', label: 'Demo · Kraken', credentials: { apiKey: krakenAccount.apiKey, secret: krakenAccount.secret } },
      {
        providerId: 'krakenfutures',
        label: 'Demo · Kraken Futures',
        credentials: { apiKey: krakenFuturesAccount.apiKey, secret: krakenFuturesAccount.secret },
      },
      { providerId: 'htx', label: 'Demo · HTX', credentials: { apiKey: htxAccount.apiKey, secret: htxAccount.secret } },
      { providerId: 'coinex', label: 'Demo · CoinEx', credentials: { apiKey: coinexAccount.apiKey, secret: coinexAccount.secret } },
      {
        providerId: 'kucoin',
        label: 'Demo · KuCoin',
        credentials: { apiKey: kucoinAccount.apiKey, secret: kucoinAccount.secret, passphrase: kucoinAccount.passphrase },
      },
      {
        providerId: 'bitget',
        label: 'Demo · Bitget',
        credentials: { apiKey: bitgetAccount.apiKey, secret: bitgetAccount.secret, passphrase: bitgetAccount.passphrase },
      },
      { providerId: 'alpaca', label: 'Demo · Alpaca', credentials: { keyId: alpacaAccount.keyId, secretKey: alpacaAccount.secretKey } },
      // OpenD's address comes from the demo's base URLs; host and port may stay empty, as for OpenD on its default port.
      { providerId: 'futu', label: 'Demo · Futu', credentials: {} },
      {
        providerId: 'schwab',
        label: 'Demo · Schwab',
        credentials: {
          appKey: schwabCustomer.app.appKey,
          appSecret: schwabCustomer.app.appSecret,
          refreshToken: schwabCustomer.preauthorizedRefreshToken ?? '',
        },
      },
    ],
    documents: [{ filename: pension.filename, mediaType: pension.mediaType, bytes: pension.bytes, providerId: pension.providerId }],
    async stop() {
      await Promise.all([
        binance.stop(),
        coingecko.stop(),
        wallet.stop(),
        ibkr.stop(),
        okx.stop(),
        bybit.stop(),
        blofin.stop(),
        gate.stop(),
        mexc.stop(),
        coinbase.stop(),
        kraken.stop(),
        krakenFutures.stop(),
        htx.stop(),
        coinex.stop(),
        kucoin.stop(),
        bitget.stop(),
        alpaca.stop(),
        opend.stop(),
        schwab.stop(),
        ecb.stop(),
        yahoo.stop(),
        openFigi.stop(),
      ]);
    },
  };
}
