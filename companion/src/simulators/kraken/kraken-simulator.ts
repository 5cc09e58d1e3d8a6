import { dec } from '@omnifolio/shared/money';
import { HostedSimulator } from '../framework/hosted-simulator.js';
import { type SimulatorClock, type SimulatorRequest, type SimulatorResponse, SimulatorServer } from '../framework/simulator-server.js';
import { upgradeTo } from '../framework/websocket-endpoint.js';
import { KrakenCallCounter, krakenCallCost } from './kraken-call-counter.js';
import { KrakenPrivateStream } from './kraken-private-stream.js';
import { isValidKrakenSignature } from './kraken-signature.js';
import type { KrakenSimAccount, KrakenWireAssetPair } from './kraken-sim-account.js';

/**
 * A local Kraken spot REST API for tests and the demo. It answers what the Kraken connector
 * calls and behaves like Kraken where a client can get it wrong:
 *
 * - private calls are `POST /0/private/<Method>` with a url-encoded body holding `nonce`, and the
 *   headers `API-Key` and `API-Sign`; the signature is re-derived (kraken-signature.ts);
 * - each key's nonce must increase from call to call (`EAPI:Invalid nonce`);
 * - the per-key call counter with the tier's maximum and decay (kraken-call-counter.ts):
 *   `EAPI:Rate limit exceeded`;
 * - every permission is checked per method (`EGeneral:Permission denied`);
 * - errors come as Kraken sends them, HTTP 200 with `{ "error": ["EAPI:Invalid key"] }`;
 *   `maintenance` answers `EService:Unavailable`, `busy` `EService:Busy`;
 * - Ledgers and TradesHistory page newest first, 50 per call, with `ofs` and exclusive
 *   `start`/`end` times in seconds.
 */

export interface KrakenSimulatorOptions {
  clock?: SimulatorClock;
  pairs?: Record<string, KrakenWireAssetPair>;
}

interface PrivateMethod {
  /** Any of these permissions allows the call. */
  permissions: readonly string[];
  handle: (params: URLSearchParams, account: KrakenSimAccount) => SimulatorResponse;
}

const PAGE = 50;

const krakenError = (...error: string[]): SimulatorResponse => ({ status: 200, json: { error } });
const ok = (result: unknown): SimulatorResponse => ({ status: 200, json: { error: [], result } });

export class KrakenSimulator extends HostedSimulator {
  protected readonly server: SimulatorServer;
  readonly #accounts = new Map<string, { account: KrakenSimAccount; counter: KrakenCallCounter; lastNonce: bigint }>();
  readonly #pairs: Record<string, KrakenWireAssetPair>;
  readonly #methods: Record<string, PrivateMethod>;
  /** Kraken answers `EService:Unavailable` while this is set (maintenance). */
  maintenance = false;
  /** Kraken answers `EService:Busy` while this is set (overload). */
  busy = false;
  readonly #stream: KrakenPrivateStream;

  constructor(options: KrakenSimulatorOptions = {}) {
    super();
    this.#pairs = options.pairs ?? DEFAULT_KRAKEN_PAIRS;
    this.server = new SimulatorServer({
      clock: options.clock,
      handler: (request) => this.#handle(request),
      statusBody: (fault) => ({ error: [fault.status === 429 ? 'EAPI:Rate limit exceeded' : 'EService:Unavailable'] }),
      upgrade: (req, socket, head) => upgradeTo(this.server.requests, () => this.now(), this.#stream.endpoint)(req, socket, head),
    });
    this.#stream = new KrakenPrivateStream({ account: (apiKey) => this.#accounts.get(apiKey)?.account, now: () => this.now(), requests: this.server.requests });
    this.#methods = {
      GetApiKeyInfo: { permissions: [], handle: (_p, a) => ok(keyInfo(a)) },
      GetWebSocketsToken: { permissions: [], handle: (_p, a) => ok(this.#stream.issueToken(a.apiKey)) },
      BalanceEx: { permissions: ['query-funds'], handle: (_p, a) => ok(a.balances) },
      Balance: { permissions: ['query-funds'], handle: (_p, a) => ok(Object.fromEntries(Object.entries(a.balances).map(([k, v]) => [k, v.balance]))) },
      'Earn/Allocations': {
        permissions: ['query-funds'],
        handle: (p, a) => {
          const hide = p.get('hide_zero_allocations') === 'true';
          const items = a.allocations.filter((item) => !hide || Number((item.amount_allocated as { total: { native: string } }).total.native) !== 0);
          return ok({ converted_asset: p.get('converted_asset') ?? 'USD', total_allocated: '0', total_rewarded: '0', items });
        },
      },
      OpenPositions: { permissions: ['query-open-trades'], handle: (p, a) => ok(this.#positions(p, a)) },
      TradesHistory: { permissions: ['query-closed-trades', 'query-open-trades'], handle: (p, a) => page(p, a.trades, 'trades') },
      Ledgers: { permissions: ['query-ledger'], handle: (p, a) => page(p, a.ledger, 'ledger') },
    };
  }

  addAccount(account: KrakenSimAccount): KrakenSimAccount {
    this.#accounts.set(account.apiKey, { account, counter: new KrakenCallCounter(account.tier), lastNonce: 0n });
    return account;
  }

  /** The authenticated WebSocket v2 (`/v2`): tokens, subscriptions, pushes. */
  get privateStream(): KrakenPrivateStream {
    return this.#stream;
  }

  /**
   * A ledger transaction in the spot wallet (a deposit, say): the balance BalanceEx serves moves by
   * `amount` − `fee`, the entry joins the ledger Ledgers serves, and the stream's subscribers get the
   * `balances` update for it, so a sync afterwards reads what the stream said.
   */
  postSpotTransaction(
    apiKey: string,
    tx: { ledgerId: string; refid: string; type: string; asset: string; amount: string; fee?: string; subtype?: string },
  ): void {
    const entry = this.#accounts.get(apiKey);
    if (entry === undefined) throw new Error(`no Kraken account for ${apiKey}`);
    const before = entry.account.balances[tx.asset] ?? { balance: '0', hold_trade: '0' };
    const fee = tx.fee ?? '0';
    // Kraken writes every balance of an asset with the asset's own number of decimals.
    const balance = dec(before.balance)
      .plus(tx.amount)
      .minus(fee)
      .toFixed((before.balance.split('.')[1] ?? '').length);
    entry.account.balances[tx.asset] = { ...before, balance };
    const ledgerEntry = {
      refid: tx.refid,
      time: Math.round(this.now() * 10) / 10_000,
      type: tx.type,
      subtype: tx.subtype ?? '',
      aclass: 'currency',
      asset: tx.asset,
      amount: tx.amount,
      fee,
      balance,
    };
    entry.account.ledger[tx.ledgerId] = ledgerEntry;
    this.#stream.publish(apiKey, tx.ledgerId, ledgerEntry, { type: 'spot', id: 'main' });
  }

  /**
   * A ledger transaction in an Earn allocation (a reward, say): the allocation's total that
   * Earn/Allocations serves moves by `amount`, as does the suffixed code BalanceEx lists for it
   * (`ETH.F`), the entry joins the ledger, and subscribers get the `balances` update (wallet `earn`).
   */
  postEarnTransaction(
    apiKey: string,
    tx: { ledgerId: string; refid: string; type: string; subtype?: string; code: string; amount: string; walletId: string },
  ): void {
    const entry = this.#accounts.get(apiKey);
    if (entry === undefined) throw new Error(`no Kraken account for ${apiKey}`);
    const native = tx.code.replace(/\.[A-Z]$/, '');
    const item = entry.account.allocations.find((a) => a.native_asset === native);
    const amounts = item?.amount_allocated as { total: { native: string } } | undefined;
    if (amounts === undefined) throw new Error(`no ${native} allocation`);
    const scaled = (before: string) =>
      dec(before)
        .plus(tx.amount)
        .toFixed((before.split('.')[1] ?? '').length);
    amounts.total.native = scaled(amounts.total.native);
    const listed = entry.account.balances[tx.code];
    const balance = listed === undefined ? amounts.total.native : scaled(listed.balance);
    if (listed !== undefined) entry.account.balances[tx.code] = { ...listed, balance };
    const ledgerEntry = {
      refid: tx.refid,
      time: Math.round(this.now() * 10) / 10_000,
      type: tx.type,
      subtype: tx.subtype ?? '',
      aclass: 'currency',
      asset: tx.code,
      amount: tx.amount,
      fee: '0',
      balance,
    };
    entry.account.ledger[tx.ledgerId] = ledgerEntry;
    this.#stream.publish(apiKey, tx.ledgerId, ledgerEntry, { type: 'earn', id: tx.walletId });
  }

  override async stop(): Promise<void> {
    this.#stream.close();
    await super.stop();
  }

  /** The key's call counter now, for tests. */
  counterOf(apiKey: string): number {
    return this.#accounts.get(apiKey)?.counter.valueAt(this.now()) ?? 0;
  }

  #handle(request: SimulatorRequest): SimulatorResponse {
    if (request.method === 'GET' && request.path === '/0/public/AssetPairs') return this.#assetPairs(request);
    const method = request.path.startsWith('/0/private/') ? request.path.slice('/0/private/'.length) : undefined;
    const handler = method === undefined ? undefined : this.#methods[method];
    if (request.method !== 'POST' || method === undefined || handler === undefined) return { status: 404, json: { error: ['EGeneral:Unknown method'] } };
    if (this.maintenance) return krakenError('EService:Unavailable');
    if (this.busy) return krakenError('EService:Busy');

    // Kraken's order: key, signature, nonce, rate limit, permission.
    const entry = this.#accounts.get(request.headers['api-key'] ?? '');
    if (entry === undefined) return krakenError('EAPI:Invalid key');
    const params = new URLSearchParams(request.body);
    const nonce = params.get('nonce') ?? '';
    if (!/^\d{1,20}$/.test(nonce)) return krakenError('EAPI:Invalid nonce');
    if (!isValidKrakenSignature(entry.account.secret, request.headers['api-sign'] ?? '', request.path, nonce, request.body)) {
      return krakenError('EAPI:Invalid signature');
    }
    if (BigInt(nonce) <= entry.lastNonce) return krakenError('EAPI:Invalid nonce');
    entry.lastNonce = BigInt(nonce);
    if (!entry.counter.charge(krakenCallCost(method), request.now)) return krakenError('EAPI:Rate limit exceeded');
    if (handler.permissions.length > 0 && !handler.permissions.some((p) => entry.account.permissions.includes(p))) {
      return krakenError('EGeneral:Permission denied');
    }
    return handler.handle(params, entry.account);
  }

  #assetPairs(request: SimulatorRequest): SimulatorResponse {
    const wanted = request.query.get('pair')?.split(',');
    if (wanted === undefined) return ok(this.#pairs);
    const result: Record<string, KrakenWireAssetPair> = {};
    for (const name of wanted) {
      const found = Object.entries(this.#pairs).find(([key, pair]) => key === name || pair.altname === name);
      if (found === undefined) return krakenError('EQuery:Unknown asset pair');
      result[found[0]] = found[1];
    }
    return ok(result);
  }

  #positions(params: URLSearchParams, account: KrakenSimAccount): Record<string, unknown> {
    const calcs = params.get('docalcs') === 'true';
    return Object.fromEntries(
      Object.entries(account.positions).map(([id, position]) => {
        if (calcs) return [id, position];
        const { value: _value, net: _net, ...rest } = position;
        return [id, rest];
      }),
    );
  }
}

/** Newest first, `start` < time < `end` (seconds, exclusive), 50 from `ofs`, with the full `count` unless `without_count`. */
function page<T extends { time: number }>(params: URLSearchParams, all: Record<string, T>, key: 'trades' | 'ledger'): SimulatorResponse {
  const bound = (name: string): number | undefined | null => {
    const raw = params.get(name);
    if (raw === null || raw === '') return undefined;
    return /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : null;
  };
  const [start, end] = [bound('start'), bound('end')];
  const ofs = params.has('ofs') ? Number(params.get('ofs')) : 0;
  if (start === null || end === null || !Number.isInteger(ofs) || ofs < 0) return krakenError('EGeneral:Invalid arguments');
  const rows = Object.entries(all)
    .filter(([, row]) => (start === undefined || row.time > start) && (end === undefined || row.time < end))
    .sort(([a, x], [b, y]) => (y.time === x.time ? b.localeCompare(a) : y.time - x.time));
  const result = Object.fromEntries(rows.slice(ofs, ofs + PAGE));
  return ok(params.get('without_count') === 'true' ? { [key]: result } : { [key]: result, count: rows.length });
}

function keyInfo(account: KrakenSimAccount): Record<string, unknown> {
  return {
    apiKeyName: 'omnifolio',
    apiKey: account.apiKey,
    nonce: '0',
    nonceWindow: 0,
    permissions: account.permissions,
    iban: 'AA88 N84G WOAK NMOI',
    validUntil: '0',
    queryFrom: '0',
    queryTo: '0',
    createdTime: '1772542900',
    modifiedTime: '1772543095',
    ipAllowlist: [],
    lastUsed: '0',
  };
}

/** Kraken's names for the pairs the demo trades (`AssetPairs`, abridged to what a reader needs). */
export const DEFAULT_KRAKEN_PAIRS: Record<string, KrakenWireAssetPair> = {
  XXBTZUSD: { altname: 'XBTUSD', wsname: 'XBT/USD', base: 'XXBT', quote: 'ZUSD' },
  XXBTZEUR: { altname: 'XBTEUR', wsname: 'XBT/EUR', base: 'XXBT', quote: 'ZEUR' },
  XETHZUSD: { altname: 'ETHUSD', wsname: 'ETH/USD', base: 'XETH', quote: 'ZUSD' },
  XETHXXBT: { altname: 'ETHXBT', wsname: 'ETH/XBT', base: 'XETH', quote: 'XXBT' },
  SOLUSD: { altname: 'SOLUSD', wsname: 'SOL/USD', base: 'SOL', quote: 'ZUSD' },
  DOTUSD: { altname: 'DOTUSD', wsname: 'DOT/USD', base: 'DOT', quote: 'ZUSD' },
};
