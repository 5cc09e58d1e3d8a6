import { startDemoEnvironment } from '../demo/demo-environment.js';

/**
 * Starts the demo simulators (Binance, CoinGecko, Alchemy with the demo wallet, …) on free
 * loopback ports and prints one JSON line with their URLs, the demo Binance credentials, the demo wallet's address and the OKX simulator's URL and demo credentials
 * (`okx`, `okxCredentials`); `urls` has every simulator's base URL by provider-URL key (the
 * ECB's reference-rate files under `ecb`, IBKR's Flex Web Service under `ibkr-flex`), and
 * `connections` the demo's connections; then it stays up until killed. The
 * end-to-end tests point a companion at them with OMNIFOLIO_PROVIDER_URLS.
 */
const env = await startDemoEnvironment();
const binance = env.connections.find((c) => c.providerId === 'binance');
const wallet = env.connections.find((c) => c.providerId === 'evm');
const okx = env.connections.find((c) => c.providerId === 'okx');
// `urls` and `connections`: every demo connection (provider id, label, credentials) and every
// base URL, so tests can iterate over whatever the demo environment holds.
process.stdout.write(
  `${JSON.stringify({ binance: env.urls.binance, coingecko: env.urls.coingecko, binanceCredentials: binance?.credentials, walletAddress: wallet?.credentials.address, okx: env.urls.okx, okxCredentials: okx?.credentials, urls: env.urls, connections: env.connections })}\n`,
);

const shutdown = async () => {
  await env.stop();
  process.exit(0);
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
