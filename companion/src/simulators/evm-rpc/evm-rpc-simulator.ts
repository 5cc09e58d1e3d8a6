import { type Address, decodeFunctionData, encodeFunctionResult, erc20Abi, type Hex, multicall3Abi, numberToHex } from 'viem';
import { SimulatorServer } from '../framework/simulator-server.js';

/**
 * A small EVM JSON-RPC node for the demo and the benchmark: one endpoint per chain at
 * `/<chainId>`, answering the calls a balance reader makes (`eth_chainId`, `eth_blockNumber`,
 * `eth_getBalance`, `eth_call`, `eth_getLogs`) with real ABI encoding, including Multicall3 `aggregate3` and
 * `getEthBalance` at its canonical address and ERC-20 `balanceOf`/`decimals`/`symbol`/`name`.
 * JSON-RPC batches, error codes (-32601 unknown method, -32602 bad params, 3 reverted) and
 * scripted HTTP faults (framework) behave as on a real node.
 *
 * What it does not model: transactions, logs (eth_getLogs answers none), gas, blocks beyond a fixed number. Tests that
 * need a real EVM use the Hardhat node (test/support/evm/).
 */

export const SIM_MULTICALL3 = '0xca11bde05977b3631167028862be2a173976ca11';

export interface SimToken {
  address: Address;
  symbol: string;
  name: string;
  decimals: number;
}

interface ChainState {
  native: Map<string, bigint>;
  tokens: Map<string, SimToken & { balances: Map<string, bigint> }>;
}

interface RpcRequest {
  jsonrpc?: string;
  id?: unknown;
  method?: unknown;
  params?: unknown;
}

class RpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly data?: Hex,
  ) {
    super(message);
  }
}

const BLOCK_NUMBER = 21_000_000n;
/** The widest eth_getLogs range answered, like public endpoints' limits. */
const MAX_LOG_RANGE = 10_000n;

export interface EvmRpcSimulatorOptions {
  /** Added to every answer, as a stand-in for the network between a user and a public RPC. */
  latencyMs?: number;
}

export class EvmRpcSimulator {
  readonly server: SimulatorServer;
  readonly #chains = new Map<number, ChainState>();

  constructor(options: EvmRpcSimulatorOptions = {}) {
    const latencyMs = options.latencyMs ?? 0;
    this.server = new SimulatorServer({
      handler: async (request) => {
        if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
        const chainId = Number(request.path.slice(1));
        const chain = this.#chains.get(chainId);
        if (request.method !== 'POST' || !chain) return { status: 404, json: { error: `No chain at ${request.path}; POST to /<chainId>.` } };
        let body: unknown;
        try {
          body = JSON.parse(request.body);
        } catch {
          return { status: 200, json: { jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error' } } };
        }
        const answer = (r: RpcRequest) => this.#answer(chainId, chain, r);
        return { status: 200, json: Array.isArray(body) ? body.map((r) => answer(r as RpcRequest)) : answer(body as RpcRequest) };
      },
    });
  }

  start(): Promise<string> {
    return this.server.start();
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  /** The RPC URL of a chain on a started simulator. */
  urlOf(chainId: number): string {
    return `${this.server.baseUrl}/${chainId}`;
  }

  #chain(chainId: number): ChainState {
    let chain = this.#chains.get(chainId);
    if (!chain) {
      chain = { native: new Map(), tokens: new Map() };
      this.#chains.set(chainId, chain);
    }
    return chain;
  }

  addChain(chainId: number): void {
    this.#chain(chainId);
  }

  setNativeBalance(chainId: number, owner: Address, wei: bigint): void {
    this.#chain(chainId).native.set(owner.toLowerCase(), wei);
  }

  addToken(chainId: number, token: SimToken): void {
    const chain = this.#chain(chainId);
    if (!chain.tokens.has(token.address.toLowerCase())) chain.tokens.set(token.address.toLowerCase(), { ...token, balances: new Map() });
  }

  setTokenBalance(chainId: number, token: Address, owner: Address, raw: bigint): void {
    const entry = this.#chain(chainId).tokens.get(token.toLowerCase());
    if (!entry) throw new Error(`add token ${token} on chain ${chainId} first`);
    entry.balances.set(owner.toLowerCase(), raw);
  }

  #answer(chainId: number, chain: ChainState, request: RpcRequest) {
    const id = request.id ?? null;
    try {
      return { jsonrpc: '2.0', id, result: this.#dispatch(chainId, chain, request) };
    } catch (error) {
      if (error instanceof RpcError)
        return { jsonrpc: '2.0', id, error: { code: error.code, message: error.message, ...(error.data ? { data: error.data } : {}) } };
      return { jsonrpc: '2.0', id, error: { code: -32603, message: 'Internal error' } };
    }
  }

  #dispatch(chainId: number, chain: ChainState, { method, params }: RpcRequest): unknown {
    const args = Array.isArray(params) ? params : [];
    switch (method) {
      case 'eth_chainId':
        return numberToHex(chainId);
      case 'eth_blockNumber':
        return numberToHex(BLOCK_NUMBER);
      case 'eth_getLogs': {
        // No transactions happen here, so there are no logs; the range is checked as public nodes do.
        const filter = (args[0] ?? {}) as { fromBlock?: string; toBlock?: string };
        const from = filter.fromBlock === undefined ? BLOCK_NUMBER : BigInt(filter.fromBlock);
        const to = filter.toBlock === undefined || filter.toBlock === 'latest' ? BLOCK_NUMBER : BigInt(filter.toBlock);
        if (to < from || to - from >= MAX_LOG_RANGE) throw new RpcError(-32602, `block range is too wide (max ${MAX_LOG_RANGE} blocks)`);
        return [];
      }
      case 'eth_getBalance':
        return numberToHex(chain.native.get(addressParam(args[0])) ?? 0n);
      case 'eth_call': {
        const call = args[0] as { to?: unknown; data?: unknown; input?: unknown } | undefined;
        const data = (call?.data ?? call?.input) as Hex | undefined;
        if (!call || typeof call.to !== 'string' || typeof data !== 'string') throw new RpcError(-32602, 'invalid argument 0: missing to or data');
        const result = this.#call(chain, call.to.toLowerCase(), data);
        if (!result.success) throw new RpcError(3, 'execution reverted', result.data);
        return result.data;
      }
      default:
        throw new RpcError(-32601, `the method ${String(method)} does not exist/is not available`);
    }
  }

  #call(chain: ChainState, to: string, data: Hex): { success: boolean; data: Hex } {
    if (to === SIM_MULTICALL3) {
      const decoded = decodeFunctionData({ abi: multicall3Abi, data });
      if (decoded.functionName === 'getEthBalance') {
        const [owner] = decoded.args as readonly [Address];
        return {
          success: true,
          data: encodeFunctionResult({ abi: multicall3Abi, functionName: 'getEthBalance', result: chain.native.get(owner.toLowerCase()) ?? 0n }),
        };
      }
      if (decoded.functionName === 'aggregate3') {
        const [calls] = decoded.args as readonly [readonly { target: Address; allowFailure: boolean; callData: Hex }[]];
        const results = calls.map((c) => {
          const r = this.#call(chain, c.target.toLowerCase(), c.callData);
          if (!r.success && !c.allowFailure) throw new RpcError(3, 'execution reverted: Multicall3: call failed');
          return { success: r.success, returnData: r.data };
        });
        return { success: true, data: encodeFunctionResult({ abi: multicall3Abi, functionName: 'aggregate3', result: results }) };
      }
      return { success: false, data: '0x' };
    }
    const token = chain.tokens.get(to);
    // A call to an address without code succeeds with empty return data, as on a real node.
    if (!token) return { success: true, data: '0x' };
    let decoded: ReturnType<typeof decodeFunctionData<typeof erc20Abi>>;
    try {
      decoded = decodeFunctionData({ abi: erc20Abi, data });
    } catch {
      return { success: false, data: '0x' };
    }
    switch (decoded.functionName) {
      case 'balanceOf': {
        const [owner] = decoded.args as readonly [Address];
        return {
          success: true,
          data: encodeFunctionResult({ abi: erc20Abi, functionName: 'balanceOf', result: token.balances.get(owner.toLowerCase()) ?? 0n }),
        };
      }
      case 'decimals':
        return { success: true, data: encodeFunctionResult({ abi: erc20Abi, functionName: 'decimals', result: token.decimals }) };
      case 'symbol':
        return { success: true, data: encodeFunctionResult({ abi: erc20Abi, functionName: 'symbol', result: token.symbol }) };
      case 'name':
        return { success: true, data: encodeFunctionResult({ abi: erc20Abi, functionName: 'name', result: token.name }) };
      default:
        return { success: false, data: '0x' };
    }
  }
}

function addressParam(value: unknown): string {
  if (typeof value !== 'string' || !/^0x[0-9a-fA-F]{40}$/.test(value)) throw new RpcError(-32602, 'invalid argument 0: hex string has length other than 40');
  return value.toLowerCase();
}
