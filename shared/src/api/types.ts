import { z } from 'zod';
import type { ActivityType } from '../schemas/activity-types.js';
import { decimalString } from '../schemas/decimal.js';
import { type AccountType, activityType, type ConnectionKind, type ConnectionStatus, type SyncRunStatus } from '../schemas/domain.js';

import type { DisplayCurrency } from './display-currencies.js';

/** A currency the dashboard shows values in (display-currencies.ts). */
export type QuoteCurrency = DisplayCurrency;

/**
 * A money value in USD and CHF, and in the user's base currency (`Overview.base`) when that is
 * another one; `null` where used when the asset has no price.
 */
export interface DualValue {
  usd: string;
  chf: string;
  /** The value in `Overview.base.currency` when it is neither USD nor CHF: the USD value times `Overview.base.perUsd`. */
  base?: string;
}

export interface HoldingView {
  assetId: string;
  symbol: string;
  name: string | null;
  quantity: string;
  priceUsd: string | null;
  value: DualValue | null;
  /** Which connections hold it, with the quantity each holds. */
  sources: { connectionId: string; label: string; quantity: string }[];
  /**
   * An on-chain token on no curated list: anyone can send one to a wallet (airdropped scams,
   * dust). The dashboard hides unlisted tokens without a price until the user asks.
   */
  unlisted: boolean;
  /**
   * Where its price came from and as of when; null when it has none (unpriced). Absent from
   * overviews of companions before it, which the popup may still hold as its last numbers.
   */
  price?: PriceOrigin | null;
}

/**
 * The provenance of a holding's price. A provider that cannot be reached leaves the last
 * known price in place, `stale`, so the dashboard shows its age instead of a zero.
 */
export interface PriceOrigin {
  /**
   * `CoinGecko` (coins and tokens), `ECB` or `CoinGecko` (a fiat balance at that FX rate),
   * `Yahoo Finance` (shares and funds), `statement` (a statement's NAV), `broker` (the
   * broker's mark).
   */
  source: string;
  /** When the price was quoted (a market's last trade, a statement's date) or fetched, ISO. */
  asOf: string;
  /** For a fiat balance at the ECB's rate: the reference day, `YYYY-MM-DD`. */
  referenceDay?: string;
  /** A newer price should exist and could not be fetched: shown with its age. */
  stale: boolean;
}

export interface ConnectionSummary {
  id: string;
  label: string;
  kind: ConnectionKind;
  providerId: string;
  demo: boolean;
  status: ConnectionStatus;
  value: DualValue;
  unpricedCount: number;
  lastSync: SyncRunView | null;
  lastSuccessAt: string | null;
  lastError: { code: string; message: string; hints: string[] } | null;
  warnings: string[];
}

export interface SyncRunView {
  id: string;
  connectionId: string;
  trigger: 'manual' | 'schedule' | 'demo' | 'cli';
  status: SyncRunStatus;
  startedAt: string;
  finishedAt: string | null;
  counts: { balances: number; activities: number; positions: number };
  requests: number;
  error: { code: string; message: string; hints: string[] } | null;
}

/** Which FX rates converted the values shown, and as of when. */
export interface FxAsOf {
  source: 'ECB' | 'CoinGecko';
  asOf: string;
  /** A newer rate should exist and could not be fetched. */
  stale: boolean;
}

export interface Overview {
  asOf: string;
  total: DualValue;
  /**
   * Prices come from this source; `demo` means the simulated CoinGecko of the demo portfolio.
   * `fx`: the FX rate values were converted with (fiat balances, shares and funds quoted in
   * another currency), null when nothing was converted (absent from companions before it). ECB: `asOf` is the reference day
   * (`YYYY-MM-DD`) whose rates were used; CoinGecko (a currency the ECB does not publish, or
   * while the ECB's rates are stale): the instant its intraday rate was fetched.
   */
  pricing: { source: string; asOf: string | null; stale: boolean; fx?: FxAsOf | null };
  /**
   * The user's base currency. When it is neither USD nor CHF, `perUsd` is how many units of it
   * one US dollar buys (null while no rate is known: then no value carries `base`) and `fx`
   * the rate's source and day. Absent from companions before it.
   */
  base?: { currency: QuoteCurrency; perUsd: string | null; fx: FxAsOf | null };
  connections: ConnectionSummary[];
  holdings: HoldingView[];
  unpriced: { assetId: string; symbol: string; quantity: string }[];
}

export interface ConnectionView {
  id: string;
  label: string;
  kind: ConnectionKind;
  providerId: string;
  demo: boolean;
  status: ConnectionStatus;
  syncIntervalMinutes: number;
  consecutiveFailures: number;
  lastSuccessAt: string | null;
  lastError: { code: string; message: string; hints: string[] } | null;
  warnings: string[];
  accounts: { id: string; type: AccountType; name: string }[];
  createdAt: string;
}

export interface ProviderView {
  id: string;
  name: string;
  kind: ConnectionKind;
  tested: boolean;
  /**
   * The companion follows this provider's balances (and positions, where streamed) live while a
   * dashboard is open; otherwise they refresh by scheduled and manual syncs.
   */
  live: boolean;
  /** `optional`: the provider works with the field left empty (a default host, port or URL). */
  credentials: { key: string; label: string; secret: boolean; help: string; optional?: boolean }[];
  help: string;
}

export interface TestConnectionResult {
  ok: boolean;
  /** Things the user should know but that do not block saving (a key that can trade). */
  warnings: string[];
  accounts: number;
}

export interface TokenView {
  id: string;
  label: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface HealthView {
  ok: true;
  name: 'omnifolio-companion';
  version: string;
  paired: boolean;
}

export const pairRequest = z.object({
  code: z.string().trim().min(4, 'Enter the pairing code the companion printed.').max(32),
  label: z.string().trim().min(1).max(80).default('Browser extension'),
});

export const createConnectionRequest = z.object({
  providerId: z.string().min(1),
  label: z.string().trim().min(1, 'Give the connection a name.').max(80),
  credentials: z.record(z.string(), z.string()),
  syncIntervalMinutes: z
    .number()
    .int()
    .min(5)
    .max(7 * 24 * 60)
    .default(60),
});

export const updateConnectionRequest = z.object({
  label: z.string().trim().min(1).max(80).optional(),
  syncIntervalMinutes: z
    .number()
    .int()
    .min(5)
    .max(7 * 24 * 60)
    .optional(),
  paused: z.boolean().optional(),
});

export const priceOverride = z.object({ assetId: z.string(), priceUsd: decimalString });

// ---- Activity: every stored movement, newest first ------------------------------------------

/** One stored activity as the dashboard lists it. Amounts are the provider's decimal strings. */
export interface ActivityView {
  id: number;
  executedAt: string;
  type: ActivityType;
  connectionId: string;
  connectionLabel: string;
  accountName: string;
  /** The asset moved, as shown (`BTC`); `assetId` says how it is known (`cg:bitcoin`). */
  symbol: string;
  assetId: string;
  /** As recorded: signed where the type is (transfer, funding, realized PnL). */
  quantity: string;
  /**
   * What it did to the asset's balance in its account, signed (+0.5 bought, −1.324 fee paid),
   * the same rule the history engine replays; null for splits and mergers.
   */
  change: string | null;
  quoteSymbol: string | null;
  /** What a trade did to the quote asset's balance (−821.80 CHF for a buy), signed. */
  quoteChange: string | null;
  price: string | null;
  fee: string | null;
  feeSymbol: string | null;
  /** From a statement or captured document (its id), not from an API sync. */
  documentId: string | null;
  /** Read from a provider's page (rounded as shown); a statement file's exact record replaces it. */
  provisional: boolean;
}

export interface ActivityPage {
  items: ActivityView[];
  /** Pass as `before` for the next (older) page; null when this page is the last. */
  next: string | null;
}

export const activitiesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** The `next` of the previous page. */
  before: z
    .string()
    .regex(/^[^~]+~\d+$/, 'Pass the `next` value of the previous page.')
    .optional(),
  connectionId: z.string().min(1).optional(),
  type: activityType.optional(),
  /** An asset symbol, matched without regard to case (`btc`). */
  asset: z.string().trim().min(1).max(40).optional(),
});
export type ActivitiesQuery = z.infer<typeof activitiesQuery>;

// ---- Statements (documents captured, mailed or uploaded) --------------------------------

export type DocumentStatus = 'pending' | 'parsed' | 'failed' | 'unrecognized';

export interface DocumentView {
  id: string;
  sha256: string;
  providerId: string | null;
  /** `demo`: a statement of the demo portfolio, removed with it. */
  source: 'extension' | 'imap' | 'upload' | 'cli' | 'demo';
  filename: string;
  mediaType: string;
  sizeBytes: number;
  status: DocumentStatus;
  parserId: string | null;
  /** What went wrong and where (`row 12, column amount`), in words. */
  error: { code: string; message: string; location: string | null; hints: string[] } | null;
  /** What the parser produced. */
  summary: { activities: number; holdings: number; statementDate: string | null; accounts: string[] } | null;
  /** True when the upload was a file already stored (same sha256): nothing new was kept. */
  duplicate: boolean;
  capturedAt: string;
  parsedAt: string | null;
}

/** A document handed over by the extension or an upload form, as base64 in JSON. */
export const uploadDocumentRequest = z.object({
  filename: z.string().trim().min(1).max(255),
  mediaType: z.string().trim().min(1).max(127),
  /** The provider the capture ran for; absent for uploads, where parsers are tried in turn. */
  providerId: z.string().optional(),
  /** The page the document was captured from. */
  origin: z.string().max(2048).optional(),
  source: z.enum(['extension', 'upload']).default('upload'),
  /** The file's bytes, base64. 25 MiB of file at most. */
  contentBase64: z.string().min(1).max(35_000_000),
});

export interface ConsentView {
  id: string;
  providerId: string;
  textSha256: string;
  grantedAt: string;
  revokedAt: string | null;
}

export const consentRequest = z.object({
  providerId: z.string().min(1),
  textSha256: z.string().regex(/^[a-f0-9]{64}$/, 'Expected the SHA-256 of the consent text, in hex.'),
});

/**
 * What `GET /api/live` sends while a dashboard or popup listens (server-sent events: `event:` is
 * the type, `data:` this JSON).
 * - `status`: which connections stream their balances live and which the dashboard must poll;
 *   sent first and whenever it changes.
 * - `overview-changed`: stored balances changed, from a connection's stream (`connectionId`) or
 *   a sync that finished (`null`); fetch the overview again.
 */
export type LiveEvent = { type: 'status'; streaming: string[]; polling: string[] } | { type: 'overview-changed'; connectionId: string | null; at: string };

/**
 * Schwab's OAuth sign-in (`POST /api/schwab/authorizations`): either a new connection (label,
 * App Key, Secret, callback URL) or `connectionId` to re-authorize an existing one with its
 * stored app. The answer's `authorizeUrl` is opened in a tab; the address Schwab redirects to
 * comes back through `POST /api/schwab/authorizations/:state/complete`.
 */
export const startSchwabAuthorizationRequest = z.union([
  z.object({
    connectionId: z.string().min(1),
  }),
  z.object({
    label: z.string().trim().min(1, 'Give the connection a name.').max(80),
    appKey: z.string().trim().min(1, 'App Key is required.').max(200),
    appSecret: z.string().trim().min(1, 'Secret is required.').max(200),
    callbackUrl: z.string().trim().max(300).optional(),
    syncIntervalMinutes: z
      .number()
      .int()
      .min(5)
      .max(7 * 24 * 60)
      .default(60),
  }),
]);

export const completeSchwabAuthorizationRequest = z.object({
  /** The whole address the browser reached after the Schwab login (`https://127.0.0.1:8182/?code=…&session=…&state=…`). */
  redirectedUrl: z.string().trim().min(1, 'Paste the address the browser shows after signing in at Schwab.').max(4000),
});

export interface SchwabAuthorizationView {
  /** Binds the redirect to this sign-in; Schwab sends it back in the callback address. */
  state: string;
  authorizeUrl: string;
  /** The callback URL registered with the app; the extension watches for it. */
  callbackUrl: string;
  /** The sign-in must be completed before this time. */
  expiresAt: string;
}

/** Where a Schwab connection's weekly sign-in stands (`GET /api/schwab/sign-ins`). */
export interface SchwabSignInView {
  connectionId: string;
  label: string;
  state: 'ok' | 'expiring' | 'expired' | 'unknown';
  /** When Schwab ends the sign-in; null when the authorization time is unknown. */
  expiresAt: string | null;
  /** "Schwab sign-in expires in 11 h — Re-authorize."; null while nothing needs doing. */
  message: string | null;
}
