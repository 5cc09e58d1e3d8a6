import { startDemoEnvironment } from '../demo/demo-environment.js';

/**
 * Starts the demo simulators (Binance, CoinGecko) on free loopback ports and prints one JSON
 * line with their URLs and the demo Binance credentials, then stays up until killed. The
 * end-to-end tests point a companion at them with OMNIFOLIO_PROVIDER_URLS.
 */
const env = await startDemoEnvironment();
const binance = env.connections.find((c) => c.providerId === 'binance');
process.stdout.write(`${JSON.stringify({ binance: env.urls.binance, coingecko: env.urls.coingecko, binanceCredentials: binance?.credentials })}\n`);

const shutdown = async () => {
  await env.stop();
  process.exit(0);
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
