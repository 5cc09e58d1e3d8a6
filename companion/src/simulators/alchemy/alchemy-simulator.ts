import { createHash } from 'node:crypto';
import { type Address, numberToHex, pad } from 'viem';
import type { AlchemyTransfer } from '../../connectors/evm/evm-alchemy-transfers.js';
import { HostedSimulator } from '../framework/hosted-simulator.js';
import { type SimulatorRequest, type SimulatorResponse, SimulatorServer } from '../framework/simulator-server.js';

/**
 * Alchemy's JSON-RPC endpoints as the EVM connector reaches them with a key, every network on
 * one port by path: `POST /<network>/v2/<key>` (`/eth-mainnet/v2/abc…`). Answers:
 *
 * - `eth_getBalance` (hex wei);
 * - `alchemy_getTokenBalances` with `"erc20"` (every token the address has held, paged at 100 by
 *   `pageKey`) or a list of contracts, balances as 32-byte hex (`tokenBalance`), as in
 *   test/fixtures/alchemy;
 * - `alchemy_getTokenMetadata` (`decimals` null for a contract that is no ERC-20);
 * - `alchemy_getAssetTransfers`: `fromBlock`/`toBlock`, `fromAddress`/`toAddress`, `category`
 *   (refusing `internal` where Alchemy does not report it: only eth-mainnet and
 *   polygon-mainnet), `order`, `excludeZeroValue`, `withMetadata`, `maxCount` (hex, at most
 *   0x3e8) and an opaque `pageKey` bound to its query.
 *
 * Like Alchemy: an unknown key gets HTTP 401 "Must be authenticated!", each key has a compute
 * unit budget per second (Alchemy's published CU costs; 429 with its message when exceeded),
 * JSON-RPC batches are answered in order, and the framework's scripted faults apply.
 */

/** Compute units per method, from Alchemy's compute unit costs table. */
const COMPUTE_UNITS: Record<string, number> = {
  eth_getBalance: 20,
  alchemy_getTokenBalances: 20,
  alchemy_getTokenMetadata: 10,
  alchemy_getAssetTransfers: 120,
};
/** The free tier's throughput. */
export const FREE_TIER_CUPS = 330;
const INTERNAL_TRANSFER_NETWORKS = new Set(['eth-mainnet', 'polygon-mainnet']);
const TOKEN_PAGE = 100;
/** The native coin's symbol Alchemy writes in `asset`, where it is not ETH. */
const NATIVE_ASSET: Record<string, string> = { 'polygon-mainnet': 'POL', 'bnb-mainnet': 'BNB', 'avax-mainnet': 'AVAX' };
const MAX_TRANSFERS = 1000;

export interface SimAlchemyToken {
  address: Address;
  name: string | null;
  symbol: string | null;
  /** null: the contract does not say (Alchemy then reports null too). */
  decimals: number | null;
  logo?: string | null;
}

/** A transfer the simulated chain holds; the simulator fills `uniqueId`, `rawContract.decimal`, `asset`. */
export interface SimTransfer {
  block: number;
  /** ISO time of the block. */
  at: string;
  hash: string;
  /** Log index for tokens, 0 for the native coin: part of `uniqueId`. */
  logIndex?: number;
  from: Address;
  to: Address;
  category: 'external' | 'internal' | 'erc20';
  /** ERC-20 only. */
  contract?: Address;
  raw: bigint;
}

interface NetworkState {
  native: Map<string, bigint>;
  tokens: Map<string, SimAlchemyToken & { balances: Map<string, bigint> }>;
  transfers: SimTransfer[];
}

class RpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

interface RpcRequest {
  id?: unknown;
  method?: unknown;
  params?: unknown;
}

export class AlchemySimulator extends HostedSimulator {
  protected readonly server: SimulatorServer;
  readonly #networks = new Map<string, NetworkState>();
  readonly #keys = new Set<string>();
  readonly #spent = new Map<string, { at: number; units: number }[]>();
  readonly #calls = new Map<string, number>();
  #cups: number;

  constructor(options: { computeUnitsPerSecond?: number } = {}) {
    super();
    this.#cups = options.computeUnitsPerSecond ?? FREE_TIER_CUPS;
    this.server = new SimulatorServer({
      handler: (request) => this.#handle(request),
      statusBody: (fault) => ({ jsonrpc: '2.0', id: null, error: { code: fault.status, message: `HTTP ${fault.status}` } }),
    });
  }

  /** How many times a JSON-RPC method was called (batched calls count one each). */
  calls(method: string): number {
    return this.#calls.get(method) ?? 0;
  }

  addKey(key: string): void {
    this.#keys.add(key);
  }

  #network(network: string): NetworkState {
    let state = this.#networks.get(network);
    if (state === undefined) {
      state = { native: new Map(), tokens: new Map(), transfers: [] };
      this.#networks.set(network, state);
    }
    return state;
  }

  setNativeBalance(network: string, owner: Address, wei: bigint): void {
    this.#network(network).native.set(owner.toLowerCase(), wei);
  }

  addToken(network: string, token: SimAlchemyToken): void {
    const tokens = this.#network(network).tokens;
    if (!tokens.has(token.address.toLowerCase())) tokens.set(token.address.toLowerCase(), { ...token, balances: new Map() });
  }

  setTokenBalance(network: string, contract: Address, owner: Address, raw: bigint): void {
    const token = this.#network(network).tokens.get(contract.toLowerCase());
    if (token === undefined) throw new Error(`add token ${contract} on ${network} first`);
    token.balances.set(owner.toLowerCase(), raw);
  }

  addTransfer(network: string, transfer: SimTransfer): void {
    const transfers = this.#network(network).transfers;
    transfers.push(transfer);
    transfers.sort((a, b) => a.block - b.block || (a.logIndex ?? 0) - (b.logIndex ?? 0));
  }

  #handle(request: SimulatorRequest): SimulatorResponse {
    const match = /^\/([a-z0-9-]+)\/v2\/([^/]+)$/.exec(request.path);
    if (request.method !== 'POST' || match === null) return { status: 404, json: { error: 'POST to /<network>/v2/<api key>.' } };
    const [, network = '', key = ''] = match;
    if (!this.#keys.has(decodeURIComponent(key)))
      return { status: 401, json: { jsonrpc: '2.0', id: null, error: { code: -32600, message: 'Must be authenticated!' } } };
    let body: unknown;
    try {
      body = JSON.parse(request.body);
    } catch {
      return { status: 400, json: { jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error' } } };
    }
    const calls = (Array.isArray(body) ? body : [body]) as RpcRequest[];
    const units = calls.reduce((sum, c) => sum + (COMPUTE_UNITS[String(c.method)] ?? 10), 0);
    if (!this.#spend(key, units, request.now)) {
      return {
        status: 429,
        json: {
          jsonrpc: '2.0',
          id: null,
          error: {
            code: 429,
            message:
              'Your app has exceeded its compute units per second capacity. If you have retries enabled, you can safely ignore this message. If not, check out https://docs.alchemy.com/reference/throughput',
          },
        },
      };
    }
    const state = this.#network(network);
    for (const c of calls) this.#calls.set(String(c.method), (this.#calls.get(String(c.method)) ?? 0) + 1);
    const answers = calls.map((c) => this.#answer(network, state, c));
    return { status: 200, json: Array.isArray(body) ? answers : answers[0] };
  }

  /** A sliding one-second window of compute units per key. */
  #spend(key: string, units: number, now: number): boolean {
    const window = (this.#spent.get(key) ?? []).filter((s) => now - s.at < 1_000);
    const used = window.reduce((sum, s) => sum + s.units, 0);
    if (used + units > this.#cups) {
      this.#spent.set(key, window);
      return false;
    }
    window.push({ at: now, units });
    this.#spent.set(key, window);
    return true;
  }

  #answer(network: string, state: NetworkState, call: RpcRequest) {
    const id = call.id ?? null;
    try {
      return { jsonrpc: '2.0', id, result: this.#dispatch(network, state, String(call.method), Array.isArray(call.params) ? call.params : []) };
    } catch (error) {
      if (!(error instanceof RpcError)) throw error;
      return { jsonrpc: '2.0', id, error: { code: error.code, message: error.message } };
    }
  }

  #dispatch(network: string, state: NetworkState, method: string, params: unknown[]): unknown {
    switch (method) {
      case 'eth_getBalance':
        return numberToHex(state.native.get(address(params[0])) ?? 0n);
      case 'alchemy_getTokenBalances':
        return this.#tokenBalances(state, params);
      case 'alchemy_getTokenMetadata': {
        const token = state.tokens.get(address(params[0]));
        return { name: token?.name ?? null, symbol: token?.symbol ?? null, decimals: token?.decimals ?? null, logo: token?.logo ?? null };
      }
      case 'alchemy_getAssetTransfers':
        return this.#transfers(network, state, params[0]);
      default:
        throw new RpcError(-32601, `Unsupported method: ${method}. See available methods at https://docs.alchemy.com/alchemy/documentation/apis`);
    }
  }

  #tokenBalances(state: NetworkState, params: unknown[]) {
    const owner = address(params[0]);
    const spec = params[1] ?? 'erc20';
    const options = (params[2] ?? {}) as { pageKey?: string; maxCount?: number };
    let contracts: string[];
    if (Array.isArray(spec)) contracts = spec.map((c) => address(c));
    else if (spec === 'erc20' || spec === 'DEFAULT_TOKENS')
      contracts = [...state.tokens.values()].filter((t) => t.balances.has(owner)).map((t) => t.address.toLowerCase());
    else throw new RpcError(-32602, 'tokenSpec must be "erc20", "DEFAULT_TOKENS" or a list of contract addresses');
    const maxCount = Math.min(options.maxCount ?? TOKEN_PAGE, TOKEN_PAGE);
    const start = options.pageKey === undefined ? 0 : Number.parseInt(Buffer.from(options.pageKey, 'base64url').toString(), 10);
    const page = Array.isArray(spec) ? contracts : contracts.slice(start, start + maxCount);
    const more = !Array.isArray(spec) && start + maxCount < contracts.length;
    return {
      address: owner,
      tokenBalances: page.map((contract) => ({
        contractAddress: contract,
        tokenBalance: pad(numberToHex(state.tokens.get(contract)?.balances.get(owner) ?? 0n), { size: 32 }),
        error: null,
      })),
      ...(more ? { pageKey: Buffer.from(String(start + maxCount)).toString('base64url') } : {}),
    };
  }

  #transfers(network: string, state: NetworkState, raw: unknown) {
    const q = (raw ?? {}) as Record<string, unknown>;
    const categories = q.category;
    if (!Array.isArray(categories) || categories.length === 0) throw new RpcError(-32602, 'category is required');
    if (categories.includes('internal') && !INTERNAL_TRANSFER_NETWORKS.has(network))
      throw new RpcError(-32602, 'internal category is only supported for ETH and MATIC mainnet');
    const maxCount = q.maxCount === undefined ? MAX_TRANSFERS : Number(BigInt(String(q.maxCount)));
    if (!Number.isInteger(maxCount) || maxCount < 1 || maxCount > MAX_TRANSFERS) throw new RpcError(-32602, 'maxCount must be a hex string no more than 0x3e8');
    const from = block(q.fromBlock, 0);
    const to = q.toBlock === undefined || q.toBlock === 'latest' ? Number.POSITIVE_INFINITY : block(q.toBlock, 0);
    const fromAddress = q.fromAddress === undefined ? undefined : address(q.fromAddress);
    const toAddress = q.toAddress === undefined ? undefined : address(q.toAddress);
    const matching = state.transfers.filter(
      (t) =>
        t.block >= from &&
        t.block <= to &&
        categories.includes(t.category) &&
        (fromAddress === undefined || t.from.toLowerCase() === fromAddress) &&
        (toAddress === undefined || t.to.toLowerCase() === toAddress) &&
        (q.excludeZeroValue === false || t.raw > 0n),
    );
    const ordered = q.order === 'desc' ? [...matching].reverse() : matching;
    // The page key is bound to its query, as Alchemy's are: another query cannot reuse it.
    const fingerprint = createHash('sha256')
      .update(JSON.stringify({ ...q, pageKey: undefined }))
      .digest('hex')
      .slice(0, 16);
    let start = 0;
    if (typeof q.pageKey === 'string') {
      const [print, offset] = Buffer.from(q.pageKey, 'base64url').toString().split(':');
      if (print !== fingerprint) throw new RpcError(-32602, 'invalid pageKey');
      start = Number(offset);
    }
    const page = ordered.slice(start, start + maxCount);
    const next = start + maxCount < ordered.length ? Buffer.from(`${fingerprint}:${start + maxCount}`).toString('base64url') : undefined;
    return { transfers: page.map((t) => this.#transfer(network, state, t, q.withMetadata === true)), ...(next !== undefined ? { pageKey: next } : {}) };
  }

  #transfer(network: string, state: NetworkState, t: SimTransfer, withMetadata: boolean): AlchemyTransfer & Record<string, unknown> {
    const token = t.contract === undefined ? undefined : state.tokens.get(t.contract.toLowerCase());
    const decimals = t.category === 'erc20' ? (token?.decimals ?? null) : 18;
    const kind = t.category === 'erc20' ? `log:${t.logIndex ?? 0}` : t.category;
    return {
      blockNum: numberToHex(t.block),
      uniqueId: `${t.hash}:${kind}`,
      hash: t.hash,
      from: t.from.toLowerCase(),
      to: t.to.toLowerCase(),
      // Alchemy's float, deliberately lossy: the connector must read rawContract.value.
      value: decimals === null ? null : Number(t.raw) / 10 ** decimals,
      erc721TokenId: null,
      erc1155Metadata: null,
      tokenId: null,
      asset: t.category === 'erc20' ? (token?.symbol ?? null) : (NATIVE_ASSET[network] ?? 'ETH'),
      category: t.category,
      rawContract: {
        value: numberToHex(t.raw),
        address: t.category === 'erc20' ? (t.contract?.toLowerCase() ?? null) : null,
        decimal: decimals === null ? null : numberToHex(decimals),
      },
      ...(withMetadata ? { metadata: { blockTimestamp: t.at } } : {}),
    };
  }
}

function address(value: unknown): string {
  if (typeof value !== 'string' || !/^0x[0-9a-fA-F]{40}$/.test(value)) throw new RpcError(-32602, `invalid address: ${String(value)}`);
  return value.toLowerCase();
}

function block(value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !/^0x[0-9a-fA-F]+$/.test(value)) throw new RpcError(-32602, 'fromBlock and toBlock must be hex block numbers or "latest"');
  return Number.parseInt(value.slice(2), 16);
}
