import { type Address, getAddress, type PublicClient } from 'viem';
import type { ConnectorContext, TokenMetadata } from '../types.js';
import type { EvmRawBalances } from './evm-balances.js';
import type { EvmChain } from './evm-chains.js';
import { curatedEvmTokensOn, type EvmToken } from './evm-token-list.js';

/** `alchemy_getTokenBalances`' answer (Token API). `tokenBalance` is a 32-byte hex quantity. */
interface AlchemyTokenBalances {
  address: string;
  tokenBalances: { contractAddress: string; tokenBalance: string | null; error: unknown }[];
  pageKey?: string;
}

/** `alchemy_getTokenMetadata`' answer; `decimals` is null for contracts that do not say. */
interface AlchemyTokenMetadata {
  name: string | null;
  symbol: string | null;
  decimals: number | null;
  logo: string | null;
}

/** Alchemy pages `alchemy_getTokenBalances` at 100 tokens when asked for every ERC-20. */
const PAGE_SIZE = 100;

type AlchemyClient = Pick<PublicClient, 'getBalance' | 'request'>;

/** CAIP-2 chain id, the token metadata cache's key. */
export const caip2 = (chain: EvmChain) => `eip155:${chain.id}`;

/**
 * Every ERC-20 an address holds on one chain, through Alchemy's Token API: the native balance
 * (`eth_getBalance`), every token with a balance (`alchemy_getTokenBalances` with `erc20`, paged
 * by `pageKey`), and the symbol, name and decimals of each token not in the curated list
 * (`alchemy_getTokenMetadata`, asked once per contract ever: the answer is kept in the
 * companion's token metadata cache). A token whose decimals Alchemy does not know is left out
 * with a log line: without decimals its amount cannot be read exactly.
 *
 * Unlisted tokens are read like any other; the dashboard hides the unpriced ones (airdropped
 * spam, dust) unless the user asks to see them.
 */
export async function readAlchemyRawBalances(client: AlchemyClient, chain: EvmChain, owner: Address, ctx: ConnectorContext): Promise<EvmRawBalances> {
  const native = await client.getBalance({ address: owner });

  const held = new Map<string, bigint>();
  let pageKey: string | undefined;
  do {
    ctx.signal.throwIfAborted();
    const params = pageKey === undefined ? [owner, 'erc20'] : [owner, 'erc20', { pageKey, maxCount: PAGE_SIZE }];
    const page = (await client.request({ method: 'alchemy_getTokenBalances', params } as never)) as AlchemyTokenBalances;
    for (const entry of page.tokenBalances) {
      if (entry.error !== null && entry.error !== undefined) continue;
      const raw = entry.tokenBalance === null || entry.tokenBalance === '0x' ? 0n : BigInt(entry.tokenBalance);
      if (raw > 0n) held.set(entry.contractAddress.toLowerCase(), raw);
    }
    pageKey = page.pageKey ?? undefined;
  } while (pageKey !== undefined && pageKey !== '');

  const tokens = await tokensFor(client, chain, [...held.keys()], ctx);
  const result: EvmRawBalances = { native, tokens: new Map(), failed: [] };
  for (const [contract, raw] of held) {
    const token = tokens.get(contract);
    if (token !== undefined) result.tokens.set(token, raw);
  }
  return result;
}

/**
 * The token for each contract: from the curated list, else the metadata cache, else Alchemy
 * (all unknown contracts asked side by side: one JSON-RPC batch). What Alchemy says is cached.
 */
export async function tokensFor(client: AlchemyClient, chain: EvmChain, contracts: readonly string[], ctx: ConnectorContext): Promise<Map<string, EvmToken>> {
  const out = new Map<string, EvmToken>();
  const curated = new Map(curatedEvmTokensOn(chain.id).map((t) => [t.address.toLowerCase(), t]));
  const unknown: string[] = [];
  for (const contract of contracts) {
    const listed = curated.get(contract);
    const cached = listed === undefined ? ctx.tokenMetadata?.get(caip2(chain), contract) : undefined;
    if (listed !== undefined) out.set(contract, listed);
    else if (cached !== undefined) out.set(contract, tokenOf(chain, contract, cached));
    else unknown.push(contract);
  }
  const answers = await Promise.all(
    unknown.map(async (contract) => ({
      contract,
      meta: (await client.request({ method: 'alchemy_getTokenMetadata', params: [contract] } as never)) as AlchemyTokenMetadata,
    })),
  );
  const fetchedAt = new Date().toISOString();
  const learned: TokenMetadata[] = [];
  const undecided: string[] = [];
  for (const { contract, meta } of answers) {
    if (meta.decimals === null || !Number.isInteger(meta.decimals) || meta.decimals < 0 || meta.decimals > 77) {
      undecided.push(contract);
      continue;
    }
    const row: TokenMetadata = {
      chain: caip2(chain),
      address: contract,
      symbol: meta.symbol,
      name: meta.name,
      decimals: meta.decimals,
      logo: meta.logo,
      source: 'alchemy',
      fetchedAt,
    };
    learned.push(row);
    out.set(contract, tokenOf(chain, contract, row));
  }
  if (learned.length > 0) ctx.tokenMetadata?.put(learned);
  if (undecided.length > 0)
    ctx.log.warn({ chain: chain.key, contracts: undecided }, 'tokens without known decimals are not read: their amounts cannot be exact');
  return out;
}

function tokenOf(chain: EvmChain, contract: string, meta: Pick<TokenMetadata, 'symbol' | 'name' | 'decimals'>): EvmToken {
  const address = getAddress(contract);
  // Symbols of unlisted tokens are whatever their deployer wrote (spam uses URLs); keep them short.
  const symbol = (meta.symbol ?? '').trim().slice(0, 32) || address.slice(0, 8);
  return { chainId: chain.id, address, symbol, name: (meta.name ?? '').trim().slice(0, 100) || symbol, decimals: meta.decimals };
}
