import { ValidationError } from '@omnifolio/shared/errors';
import { z } from 'zod';
import { defaultDataDir } from './paths.js';

/** The companion's fixed default port; the extension assumes it unless told otherwise. */
export const DEFAULT_PORT = 47821;

export const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]', '::1'] as const;

export interface CompanionConfig {
  host: string;
  port: number;
  dataDir: string;
  /** Base URL overrides per provider id (simulators, testnets). Never persisted. */
  providerUrls: Record<string, string>;
  /** Directory of the built extension, whose dashboard page the companion serves. */
  dashboardDir: string | null;
  passphrase: string | undefined;
  /** Keep the master key in the OS keyring when one is available (env OMNIFOLIO_KEYRING=off disables). */
  preferKeyring: boolean;
  /**
   * Optional market-data keys, read from the environment only: never stored, logged or
   * returned by the API. Without them every provider is used at its keyless tier.
   */
  marketDataKeys: MarketDataKeys;
}

export interface MarketDataKeys {
  /** `OMNIFOLIO_COINGECKO_API_KEY`, with `OMNIFOLIO_COINGECKO_PLAN` `demo` (default) or `pro`. */
  coinGecko?: { plan: 'demo' | 'pro'; apiKey: string };
  /** `OMNIFOLIO_OPENFIGI_API_KEY`: tenfold OpenFIGI limits. */
  openFigi?: string;
  /** `OMNIFOLIO_TIINGO_API_KEY`: Tiingo as the first fallback for share and fund prices. */
  tiingo?: string;
  /** `OMNIFOLIO_ALPHAVANTAGE_API_KEY`: Alpha Vantage as the next fallback. */
  alphaVantage?: string;
}

/** Reads the optional market-data keys; a plan other than `demo` or `pro` is refused with what to write instead. */
export function parseMarketDataKeys(env: NodeJS.ProcessEnv): MarketDataKeys {
  const value = (name: string) => env[name]?.trim() || undefined;
  const keys: MarketDataKeys = {};
  const coinGeckoKey = value('OMNIFOLIO_COINGECKO_API_KEY');
  if (coinGeckoKey) {
    const plan = (value('OMNIFOLIO_COINGECKO_PLAN') ?? 'demo').toLowerCase();
    if (plan !== 'demo' && plan !== 'pro') {
      throw new ValidationError(`OMNIFOLIO_COINGECKO_PLAN is "${plan}", which is not a CoinGecko plan.`, [], {
        hints: ['Write demo for a free Demo API key (api.coingecko.com) or pro for a paid one (pro-api.coingecko.com).'],
      });
    }
    keys.coinGecko = { plan, apiKey: coinGeckoKey };
  }
  const openFigi = value('OMNIFOLIO_OPENFIGI_API_KEY');
  if (openFigi) keys.openFigi = openFigi;
  const tiingo = value('OMNIFOLIO_TIINGO_API_KEY');
  if (tiingo) keys.tiingo = tiingo;
  const alphaVantage = value('OMNIFOLIO_ALPHAVANTAGE_API_KEY');
  if (alphaVantage) keys.alphaVantage = alphaVantage;
  return keys;
}

const providerUrlsSchema = z.record(z.string(), z.string().url());

/** Parses `OMNIFOLIO_PROVIDER_URLS` (JSON object provider id → base URL). */
export function parseProviderUrls(value: string | undefined): Record<string, string> {
  if (!value) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new ValidationError('OMNIFOLIO_PROVIDER_URLS is not valid JSON.', [], {
      hints: ['Write it as a JSON object, for example {"binance":"http://127.0.0.1:9001"}.'],
    });
  }
  const result = providerUrlsSchema.safeParse(parsed);
  if (!result.success) {
    throw new ValidationError('OMNIFOLIO_PROVIDER_URLS must map provider ids to URLs.', [], {
      hints: ['For example {"binance":"http://127.0.0.1:9001","coingecko":"http://127.0.0.1:9002"}.'],
    });
  }
  return result.data;
}

export function parsePort(value: string | number | undefined, fallback = DEFAULT_PORT): number {
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ValidationError(`"${value}" is not a port number.`, [], { hints: ['Use a whole number from 1024 to 65535, or 0 for any free port.'] });
  }
  return port;
}

export function isLoopbackHost(host: string): boolean {
  return (LOOPBACK_HOSTS as readonly string[]).includes(host) || /^127(\.\d{1,3}){3}$/.test(host);
}

export function resolveConfig(input: Partial<CompanionConfig> = {}, env: NodeJS.ProcessEnv = process.env): CompanionConfig {
  return {
    host: input.host ?? '127.0.0.1',
    port: input.port ?? parsePort(env.OMNIFOLIO_PORT),
    dataDir: input.dataDir ?? defaultDataDir(env),
    providerUrls: input.providerUrls ?? parseProviderUrls(env.OMNIFOLIO_PROVIDER_URLS),
    dashboardDir: input.dashboardDir ?? null,
    passphrase: input.passphrase ?? env.OMNIFOLIO_PASSPHRASE,
    preferKeyring: input.preferKeyring ?? !['0', 'off', 'false', 'no'].includes((env.OMNIFOLIO_KEYRING ?? '').toLowerCase()),
    marketDataKeys: input.marketDataKeys ?? parseMarketDataKeys(env),
  };
}
