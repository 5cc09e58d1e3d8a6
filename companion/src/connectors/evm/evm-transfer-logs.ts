import { type Address, getAddress, numberToHex, type PublicClient, pad } from 'viem';
import type { ActivityPage, ConnectorContext } from '../types.js';
import type { EvmChain } from './evm-chains.js';

/** keccak256("Transfer(address,address,uint256)"): ERC-20's (and ERC-721's) Transfer event. */
const TRANSFER_TOPIC = '0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef';
/** Blocks per eth_getLogs: inside what public endpoints accept (most allow 2,000 or more). */
export const LOG_CHUNK_BLOCKS = 2_000n;
/** At most this many eth_getLogs per chain and sync. */
const MAX_CHUNKS_PER_SYNC = 10n;
/** How far back the first scan looks. */
const FIRST_LOOKBACK_BLOCKS = LOG_CHUNK_BLOCKS * MAX_CHUNKS_PER_SYNC;

export const logScanKey = (chain: EvmChain) => `logs:${chain.key}:next`;
export const tokensSeenKey = (chain: EvmChain) => `tokens-seen:${chain.key}`;

/** The ERC-20 contracts earlier scans saw send tokens to the address on this chain. */
export function tokensSeen(chain: EvmChain, ctx: Pick<ConnectorContext, 'cursors'>): Address[] {
  const stored = ctx.cursors.get(tokensSeenKey(chain));
  return stored ? (stored.split(',').filter((a) => /^0x[0-9a-fA-F]{40}$/.test(a)) as Address[]) : [];
}

interface RawLog {
  address: string;
  topics: string[];
}

/**
 * Without an Alchemy key there is no "tokens of an address" call, so the connector watches the
 * chain for ERC-20 `Transfer` events to the address (`eth_getLogs` with the owner as the indexed
 * recipient, ERC-721's four-topic events left out) and reads the contracts it sees from then on,
 * beside the curated list. The scan moves forward from the previous sync (`logs:<chain>:next`);
 * the first looks back 20,000 blocks. A sync scans at most 20,000 blocks per chain (ten calls):
 * when more passed since (a fast chain synced rarely), the oldest are skipped and the log says
 * so. The contracts found are kept in `tokens-seen:<chain>` and read by the next balance read.
 */
export async function scanTokenTransfers(
  client: Pick<PublicClient, 'getBlockNumber' | 'request'>,
  chain: EvmChain,
  owner: Address,
  ctx: ConnectorContext,
): Promise<ActivityPage> {
  const latest = await client.getBlockNumber();
  const stored = ctx.cursors.get(logScanKey(chain));
  let from = stored !== undefined ? BigInt(stored) : latest >= FIRST_LOOKBACK_BLOCKS ? latest - FIRST_LOOKBACK_BLOCKS + 1n : 0n;
  const cap = LOG_CHUNK_BLOCKS * MAX_CHUNKS_PER_SYNC;
  if (latest + 1n - from > cap) {
    ctx.log.warn(
      { chain: chain.key, skippedFrom: from.toString(), skippedTo: (latest - cap).toString() },
      'too many blocks since the last scan; tokens received in the oldest are not looked for',
    );
    from = latest - cap + 1n;
  }
  const seen = new Set(tokensSeen(chain, ctx));
  const recipient = pad(owner.toLowerCase() as Address);
  for (let start = from; start <= latest; start += LOG_CHUNK_BLOCKS) {
    ctx.signal.throwIfAborted();
    const end = start + LOG_CHUNK_BLOCKS - 1n < latest ? start + LOG_CHUNK_BLOCKS - 1n : latest;
    const logs = (await client.request({
      method: 'eth_getLogs',
      params: [{ fromBlock: numberToHex(start), toBlock: numberToHex(end), topics: [TRANSFER_TOPIC, null, recipient] }],
    } as never)) as RawLog[];
    for (const log of logs) if (log.topics.length === 3) seen.add(getAddress(log.address));
  }
  return { activities: [], cursors: { [logScanKey(chain)]: (latest + 1n).toString(), [tokensSeenKey(chain)]: [...seen].join(',') } };
}
