import { LosslessNumber, stringify } from 'lossless-json';
import { SimulatorServer } from '../framework/simulator-server.js';

/**
 * A Solana JSON-RPC node for tests and the demo, answering what a balance reader asks:
 * `getBalance`, `getTokenAccountsByOwner` (SPL Token and Token-2022, `jsonParsed`) and
 * `getProgramAccounts` of the Stake program with `memcmp` filters on the staker (offset 12)
 * or withdrawer (offset 44). Shapes follow Solana's RPC documentation
 * (test/fixtures/solana): u64 fields are written as exact JSON number literals, so
 * `rentEpoch` is 18446744073709551615 as on mainnet and a reader using plain JSON.parse
 * would round it. JSON-RPC errors use the node's codes (-32601, -32602).
 *
 * What it does not model: transactions, signatures, commitment levels (all reads are
 * "confirmed" at one slot), base64 encodings.
 */

export const SIM_SPL_TOKEN = 'TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA';
export const SIM_TOKEN_2022 = 'TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb';
export const SIM_STAKE = 'Stake11111111111111111111111111111111111111';
const U64_MAX = '18446744073709551615';
const SLOT = 341_197_933;

export interface SimTokenAccount {
  pubkey: string;
  owner: string;
  mint: string;
  program: 'spl-token' | 'spl-token-2022';
  amount: bigint;
  decimals: number;
}

/** A token balance in a transaction's meta, as Solana reports it (`preTokenBalances`/`postTokenBalances`). */
export interface SimTokenBalance {
  accountIndex: number;
  mint: string;
  owner: string;
  programId: string;
  amount: bigint;
  decimals: number;
}

/** A confirmed transaction: what getSignaturesForAddress lists and getTransaction returns. */
export interface SimTransaction {
  signature: string;
  slot: number;
  /** Unix seconds. */
  blockTime: number;
  /** Legacy or v0 (v0 needs `maxSupportedTransactionVersion: 0` from the client, as on a real node). */
  version: 'legacy' | 0;
  /** null when it succeeded; a failed transaction still charges its fee. */
  err: unknown;
  fee: bigint;
  /** Account keys in order; the first is the fee payer and signer. */
  accountKeys: string[];
  preBalances: bigint[];
  postBalances: bigint[];
  preTokenBalances: SimTokenBalance[];
  postTokenBalances: SimTokenBalance[];
}

export interface SimStakeAccount {
  pubkey: string;
  staker: string;
  withdrawer: string;
  lamports: bigint;
  voter: string;
  delegatedLamports: bigint;
}

class RpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

const n = (value: bigint | number) => new LosslessNumber(String(value));

/** uiAmount as Solana computes it: a float, lossy by design (the reader must use `amount`). */
const uiAmountString = (amount: bigint, decimals: number) => {
  const s = amount.toString().padStart(decimals + 1, '0');
  const whole = s.slice(0, s.length - decimals);
  const frac = s.slice(s.length - decimals).replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : whole;
};

export class SolanaRpcSimulator {
  readonly server: SimulatorServer;
  readonly lamports = new Map<string, bigint>();
  readonly tokenAccounts: SimTokenAccount[] = [];
  readonly stakeAccounts: SimStakeAccount[] = [];
  /** Helius API keys this simulator accepts for DAS (`getAssetBatch`). */
  readonly heliusKeys = new Set<string>();
  /** What Helius's DAS index says about a mint (Metaplex or Token-2022 metadata). */
  readonly assetMetadata = new Map<string, { name: string; symbol: string }>();
  /** Oldest first; getSignaturesForAddress answers newest first. */
  readonly transactions: SimTransaction[] = [];

  constructor() {
    this.server = new SimulatorServer({
      handler: (request) => {
        if (request.method !== 'POST') return { status: 405, json: { error: 'POST JSON-RPC requests.' } };
        let body: { id?: unknown; method?: unknown; params?: unknown };
        try {
          body = JSON.parse(request.body) as typeof body;
        } catch {
          return this.#send({ jsonrpc: '2.0', error: { code: -32700, message: 'Parse error' }, id: null });
        }
        try {
          if (body.method === 'getAssetBatch') {
            // Helius's DAS method, on a Helius URL only: `?api-key=` must name a known key.
            const key = request.query.get('api-key');
            if (key === null || !this.heliusKeys.has(key)) {
              return {
                status: 401,
                headers: { 'content-type': 'application/json' },
                text: JSON.stringify({ jsonrpc: '2.0', error: { code: -32401, message: 'invalid api key provided' }, id: body.id ?? null }),
              };
            }
            return this.#send({ jsonrpc: '2.0', result: this.#assetBatch(body.params), id: body.id ?? null });
          }
          return this.#send({ jsonrpc: '2.0', result: this.#dispatch(body.method, Array.isArray(body.params) ? body.params : []), id: body.id ?? null });
        } catch (error) {
          if (!(error instanceof RpcError)) throw error;
          return this.#send({ jsonrpc: '2.0', error: { code: error.code, message: error.message }, id: body.id ?? null });
        }
      },
    });
  }

  start(): Promise<string> {
    return this.server.start();
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  #send(body: unknown) {
    return { status: 200, headers: { 'content-type': 'application/json' }, text: stringify(body) ?? 'null' };
  }

  /** `getAssetBatch` as Helius answers for fungible tokens: one entry per id, null for an unknown one. */
  #assetBatch(params: unknown): unknown[] {
    const ids = (params as { ids?: unknown } | null)?.ids;
    if (!Array.isArray(ids) || ids.length === 0 || ids.length > 1000) throw new RpcError(-32602, 'ids: expected between 1 and 1000 asset ids');
    return ids.map((id) => {
      const mint = String(id);
      const meta = this.assetMetadata.get(mint);
      const account = this.tokenAccounts.find((a) => a.mint === mint);
      if (meta === undefined || account === undefined) return null;
      return {
        interface: 'FungibleToken',
        id: mint,
        content: { $schema: 'https://schema.metaplex.com/nft1.0.json', json_uri: '', files: [], metadata: { name: meta.name, symbol: meta.symbol }, links: {} },
        authorities: [],
        compression: { eligible: false, compressed: false },
        ownership: { frozen: false, delegated: false, ownership_model: 'token', owner: '' },
        mutable: true,
        burnt: false,
        token_info: {
          symbol: meta.symbol,
          supply: new LosslessNumber('1000000000000'),
          decimals: account.decimals,
          token_program: account.program === 'spl-token' ? SIM_SPL_TOKEN : SIM_TOKEN_2022,
        },
      };
    });
  }

  #dispatch(method: unknown, params: unknown[]): unknown {
    const context = { apiVersion: '2.0.15', slot: SLOT };
    switch (method) {
      case 'getBalance':
        return { context, value: n(this.lamports.get(pubkeyParam(params[0])) ?? 0n) };
      case 'getTokenAccountsByOwner': {
        const owner = pubkeyParam(params[0]);
        const filter = params[1] as { programId?: string; mint?: string } | undefined;
        const config = params[2] as { encoding?: string } | undefined;
        if (!filter || (filter.programId === undefined && filter.mint === undefined))
          throw new RpcError(-32602, 'Invalid params: missing programId or mint filter');
        if (config?.encoding !== 'jsonParsed') throw new RpcError(-32602, 'Invalid params: this simulator serves encoding jsonParsed only');
        const program = filter.programId === SIM_SPL_TOKEN ? 'spl-token' : filter.programId === SIM_TOKEN_2022 ? 'spl-token-2022' : undefined;
        if (filter.programId !== undefined && program === undefined) throw new RpcError(-32602, 'Invalid params: unrecognized Token program id');
        const value = this.tokenAccounts
          .filter((a) => a.owner === owner && (program === undefined || a.program === program) && (filter.mint === undefined || a.mint === filter.mint))
          .map((a) => ({
            pubkey: a.pubkey,
            account: {
              data: {
                program: a.program,
                parsed: {
                  info: {
                    isNative: false,
                    mint: a.mint,
                    owner: a.owner,
                    state: 'initialized',
                    tokenAmount: {
                      amount: a.amount.toString(),
                      decimals: a.decimals,
                      uiAmount: new LosslessNumber(uiAmountString(a.amount, a.decimals)),
                      uiAmountString: uiAmountString(a.amount, a.decimals),
                    },
                  },
                  type: 'account',
                },
                space: a.program === 'spl-token' ? 165 : 170,
              },
              executable: false,
              lamports: 2039280,
              owner: a.program === 'spl-token' ? SIM_SPL_TOKEN : SIM_TOKEN_2022,
              rentEpoch: new LosslessNumber(U64_MAX),
              space: a.program === 'spl-token' ? 165 : 170,
            },
          }));
        return { context, value };
      }
      case 'getProgramAccounts': {
        if (params[0] !== SIM_STAKE) throw new RpcError(-32602, 'Invalid params: this simulator serves the Stake program only');
        const config = params[1] as { encoding?: string; filters?: { memcmp?: { offset?: number; bytes?: string } }[] } | undefined;
        if (config?.encoding !== 'jsonParsed') throw new RpcError(-32602, 'Invalid params: this simulator serves encoding jsonParsed only');
        let list = this.stakeAccounts;
        for (const filter of config.filters ?? []) {
          const { offset, bytes } = filter.memcmp ?? {};
          if (offset === 12) list = list.filter((s) => s.staker === bytes);
          else if (offset === 44) list = list.filter((s) => s.withdrawer === bytes);
          else throw new RpcError(-32602, `Invalid params: this simulator filters stake accounts at offset 12 or 44, not ${String(offset)}`);
        }
        return list.map((s) => ({
          pubkey: s.pubkey,
          account: {
            data: {
              program: 'stake',
              parsed: {
                type: 'delegated',
                info: {
                  meta: {
                    authorized: { staker: s.staker, withdrawer: s.withdrawer },
                    lockup: { custodian: '11111111111111111111111111111111', epoch: 0, unixTimestamp: 0 },
                    rentExemptReserve: '2282880',
                  },
                  stake: {
                    creditsObserved: 0,
                    delegation: {
                      activationEpoch: '700',
                      deactivationEpoch: U64_MAX,
                      stake: s.delegatedLamports.toString(),
                      voter: s.voter,
                      warmupCooldownRate: 0.25,
                    },
                  },
                },
              },
              space: 200,
            },
            executable: false,
            lamports: n(s.lamports),
            owner: SIM_STAKE,
            rentEpoch: new LosslessNumber(U64_MAX),
            space: 200,
          },
        }));
      }
      case 'getSignaturesForAddress': {
        const address = pubkeyParam(params[0]);
        const config = (params[1] ?? {}) as { limit?: number; before?: string; until?: string };
        const limit = config.limit ?? 1000;
        if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new RpcError(-32602, 'Invalid limit; max 1000');
        let list = this.transactions.filter((t) => t.accountKeys.includes(address)).reverse();
        if (config.before !== undefined) {
          const at = list.findIndex((t) => t.signature === config.before);
          list = at === -1 ? [] : list.slice(at + 1);
        }
        if (config.until !== undefined) {
          const at = list.findIndex((t) => t.signature === config.until);
          if (at !== -1) list = list.slice(0, at);
        }
        return list.slice(0, limit).map((t) => ({
          signature: t.signature,
          slot: t.slot,
          err: t.err,
          memo: null,
          blockTime: t.blockTime,
          confirmationStatus: 'finalized',
        }));
      }
      case 'getTransaction': {
        const signature = String(params[0]);
        const config = (params[1] ?? {}) as { encoding?: string; maxSupportedTransactionVersion?: number };
        const t = this.transactions.find((x) => x.signature === signature);
        if (t === undefined) return null;
        if (config.encoding !== 'jsonParsed') throw new RpcError(-32602, 'Invalid params: this simulator serves encoding jsonParsed only');
        if (t.version === 0 && config.maxSupportedTransactionVersion === undefined)
          throw new RpcError(
            -32015,
            'Transaction version (0) is not supported by the requesting client. Please try the request again with the following configuration parameter: "maxSupportedTransactionVersion": 0',
          );
        const tokenBalance = (b: SimTokenBalance) => ({
          accountIndex: b.accountIndex,
          mint: b.mint,
          owner: b.owner,
          programId: b.programId,
          uiTokenAmount: {
            amount: b.amount.toString(),
            decimals: b.decimals,
            uiAmount: new LosslessNumber(uiAmountString(b.amount, b.decimals)),
            uiAmountString: uiAmountString(b.amount, b.decimals),
          },
        });
        return {
          blockTime: t.blockTime,
          slot: t.slot,
          version: t.version,
          meta: {
            err: t.err,
            fee: n(t.fee),
            preBalances: t.preBalances.map(n),
            postBalances: t.postBalances.map(n),
            preTokenBalances: t.preTokenBalances.map(tokenBalance),
            postTokenBalances: t.postTokenBalances.map(tokenBalance),
            innerInstructions: [],
            logMessages: [],
            status: t.err === null ? { Ok: null } : { Err: t.err },
            computeUnitsConsumed: 150,
          },
          transaction: {
            message: {
              accountKeys: t.accountKeys.map((pubkey, i) => ({ pubkey, signer: i === 0, writable: true, source: 'transaction' })),
              instructions: [],
              recentBlockhash: 'EkSnNWid2cvwEVnVx9aBqawnmiCNiDgp3gUdkDPTKN1N',
            },
            signatures: [t.signature],
          },
        };
      }
      default:
        throw new RpcError(-32601, 'Method not found');
    }
  }
}

function pubkeyParam(value: unknown): string {
  if (typeof value !== 'string' || !/^[1-9A-HJ-NP-Za-km-z]{32,44}$/.test(value)) throw new RpcError(-32602, 'Invalid param: Invalid');
  return value;
}
