import { toDecimalString } from '@omnifolio/shared/money';
import type { ActivityRecord } from '@omnifolio/shared/schemas';
import { type Address, formatUnits, type PublicClient } from 'viem';
import { evmAssetId } from '../../pricing/asset-resolver.js';
import type { ActivityPage, ConnectorContext } from '../types.js';
import { tokensFor } from './evm-alchemy-balances.js';
import { type EvmChain, NATIVE_DECIMALS } from './evm-chains.js';

/** One transfer as `alchemy_getAssetTransfers` reports it (Transfers API). */
export interface AlchemyTransfer {
  blockNum: string;
  uniqueId: string;
  hash: string;
  from: string;
  to: string | null;
  /** A float: never read for amounts (rawContract.value is exact). */
  value: number | null;
  asset: string | null;
  category: 'external' | 'internal' | 'erc20' | 'erc721' | 'erc1155' | 'specialnft';
  rawContract: { value: string | null; address: string | null; decimal: string | null };
  metadata?: { blockTimestamp: string };
}

interface AlchemyTransfersPage {
  transfers: AlchemyTransfer[];
  pageKey?: string;
}

/** The most `alchemy_getAssetTransfers` returns per page. */
export const ALCHEMY_TRANSFERS_PAGE = 1000;

export const transfersCursorKey = (chain: EvmChain, direction: 'in' | 'out') => `alchemy:${chain.key}:${direction}:fromBlock`;

/**
 * A wallet's history on one chain through Alchemy's Transfers API: transfers into the address
 * (`toAddress`) become deposits, transfers out of it (`fromAddress`) withdrawals, native coin
 * (`external`, and `internal` where Alchemy reports it) and ERC-20 alike, oldest first
 * (`order: asc`), 1000 per page (`pageKey`). NFTs are not read: they have no fungible amount.
 *
 * Amounts come from `rawContract.value` (hex) and the token's decimals, never from the float
 * `value`. Incremental by block, see TransfersCursor. Gas paid is not a transfer and is not in
 * this history; the balances read from the chain include it.
 */
export async function* readAlchemyTransfers(
  client: Pick<PublicClient, 'request' | 'getBalance'>,
  chain: EvmChain,
  owner: Address,
  ctx: ConnectorContext,
): AsyncIterable<ActivityPage> {
  const me = owner.toLowerCase();
  for (const direction of ['in', 'out'] as const) {
    const cursorKey = transfersCursorKey(chain, direction);
    const cursor = readCursor(ctx.cursors.get(cursorKey));
    // The newest block read so far and the transfers of it already delivered.
    let newest: TransfersCursor = { block: cursor.block, seen: new Set(cursor.seen) };
    let pageKey: string | undefined;
    do {
      ctx.signal.throwIfAborted();
      const query = {
        fromBlock: cursor.block,
        toBlock: 'latest',
        ...(direction === 'in' ? { toAddress: owner } : { fromAddress: owner }),
        category: chain.alchemyInternalTransfers ? ['external', 'internal', 'erc20'] : ['external', 'erc20'],
        order: 'asc',
        withMetadata: true,
        excludeZeroValue: true,
        maxCount: `0x${ALCHEMY_TRANSFERS_PAGE.toString(16)}`,
        ...(pageKey !== undefined ? { pageKey } : {}),
      };
      const page = (await client.request({ method: 'alchemy_getAssetTransfers', params: [query] } as never)) as AlchemyTransfersPage;
      const fresh: AlchemyTransfer[] = [];
      for (const transfer of page.transfers) {
        if (transfer.blockNum === cursor.block && cursor.seen.has(transfer.uniqueId)) continue;
        if (transfer.blockNum !== newest.block) newest = { block: transfer.blockNum, seen: new Set() };
        newest.seen.add(transfer.uniqueId);
        // A self-transfer moves nothing; it appears in both walks, so it is skipped in both.
        if (!(transfer.from.toLowerCase() === me && transfer.to?.toLowerCase() === me)) fresh.push(transfer);
      }
      const contracts = [
        ...new Set(
          fresh
            .filter((t) => t.category === 'erc20' && t.rawContract.decimal === null && t.rawContract.address)
            .map((t) => t.rawContract.address!.toLowerCase()),
        ),
      ];
      const tokens = await tokensFor(client, chain, contracts, ctx);
      const activities: ActivityRecord[] = [];
      for (const transfer of fresh) {
        const activity = toActivity(transfer, chain, direction, (contract) => tokens.get(contract)?.decimals);
        if (activity !== undefined) activities.push(activity);
        else ctx.log.warn({ chain: chain.key, uniqueId: transfer.uniqueId }, 'a transfer without a readable amount was skipped');
      }
      yield { activities, cursors: { [cursorKey]: writeCursor(newest) } };
      pageKey = page.pageKey !== undefined && page.pageKey !== '' ? page.pageKey : undefined;
    } while (pageKey !== undefined);
  }
}

/**
 * The walk's cursor: the newest block read and the `uniqueId`s of its transfers already
 * delivered. The next walk asks from that block again (a block can hold transfers a page did
 * not reach) and skips exactly those, so nothing is repeated and nothing is missed.
 */
interface TransfersCursor {
  block: string;
  seen: Set<string>;
}

function readCursor(value: string | undefined): TransfersCursor {
  if (value === undefined) return { block: '0x0', seen: new Set() };
  const parsed = JSON.parse(value) as { block: string; seen: string[] };
  return { block: parsed.block, seen: new Set(parsed.seen) };
}

const writeCursor = (cursor: TransfersCursor) => JSON.stringify({ block: cursor.block, seen: [...cursor.seen] });

/** One transfer as a deposit or withdrawal of the chain's account, or undefined when its amount cannot be known. */
export function toActivity(
  transfer: AlchemyTransfer,
  chain: EvmChain,
  direction: 'in' | 'out',
  decimalsOf: (contract: string) => number | undefined,
): ActivityRecord | undefined {
  const { rawContract } = transfer;
  if (rawContract.value === null || transfer.metadata?.blockTimestamp === undefined) return undefined;
  const native = transfer.category === 'external' || transfer.category === 'internal';
  const contract = rawContract.address?.toLowerCase();
  if (!native && (transfer.category !== 'erc20' || contract === undefined)) return undefined;
  const decimals = native ? NATIVE_DECIMALS : rawContract.decimal !== null ? Number(BigInt(rawContract.decimal)) : decimalsOf(contract as string);
  if (decimals === undefined) return undefined;
  return {
    accountKey: chain.key,
    providerRef: transfer.uniqueId,
    type: direction === 'in' ? 'deposit' : 'withdrawal',
    executedAt: new Date(transfer.metadata.blockTimestamp).toISOString(),
    asset: native ? chain.nativeSymbol : evmAssetId(chain.id, contract as string),
    quantity: toDecimalString(formatUnits(BigInt(rawContract.value), decimals)),
    quoteAsset: null,
    price: null,
    fee: null,
    feeAsset: null,
    raw: transfer,
  };
}
