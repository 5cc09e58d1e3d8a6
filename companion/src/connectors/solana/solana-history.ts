import { toDecimalString } from '@omnifolio/shared/money';
import type { ActivityRecord } from '@omnifolio/shared/schemas';
import { formatUnits } from 'viem';
import { solanaAssetId } from '../../pricing/asset-resolver.js';
import type { ActivityPage, ConnectorContext } from '../types.js';
import { readStakeAccounts, readTokenAccounts } from './solana-balances.js';
import { SOL_DECIMALS } from './solana-programs.js';
import { solanaRpc, u64 } from './solana-rpc.js';

/** getSignaturesForAddress: newest first, at most 1000 per call, `before`/`until` exclusive. */
interface SignatureInfo {
  signature: string;
  err: unknown;
  blockTime: unknown;
}

interface TokenBalance {
  accountIndex: number;
  mint: string;
  owner?: string;
  uiTokenAmount: { amount: string; decimals: number };
}

/** getTransaction with `encoding: jsonParsed`: account keys are objects, balances u64 per key. */
export interface ParsedTransaction {
  blockTime: unknown;
  meta: {
    err: unknown;
    fee: unknown;
    preBalances: unknown[];
    postBalances: unknown[];
    preTokenBalances?: TokenBalance[];
    postTokenBalances?: TokenBalance[];
  } | null;
  transaction: { message: { accountKeys: ({ pubkey: string } | string)[] }; signatures: string[] };
}

export const SIGNATURES_PAGE = 1000;
/** Transactions fetched side by side: public nodes allow a few requests at once. */
const TRANSACTION_CONCURRENCY = 4;

/**
 * A Solana address's history: the signatures of every transaction that touched it
 * (`getSignaturesForAddress`, newest first, 1000 a page), and for each, the parsed transaction
 * (`getTransaction`, `jsonParsed`, v0 included), whose pre and post balances say what moved:
 *
 * - SOL: the change of the address's lamports (and of its stake accounts', which the balances
 *   count as its locked SOL, so staking is no withdrawal); the fee, when the address paid it,
 *   is its own `fee` activity, the rest a deposit or withdrawal;
 * - tokens: the change of every token account the address owns, per mint
 *   (`preTokenBalances`/`postTokenBalances` with `owner`), as deposits and withdrawals of
 *   `solana:<mint>`, from the raw `amount` strings.
 *
 * A token arriving at one of the address's token accounts does not always name the address
 * itself, so each token account's signatures are walked too, for the transactions that do not
 * name the address (the others are the address's own walk's); each is fetched once per pass.
 *
 * Incremental by signature, per walked address: `<address>:newest` is the newest signature
 * stored (the next walk's `until`); while a walk runs, `<address>:walk` holds the newest
 * signature it met and the oldest it finished (`before`), so a crash resumes where it stopped.
 * Staking rewards accrue to stake accounts without a transaction and are not in this history.
 */
export async function* readSolanaHistory(
  url: string,
  owner: string,
  accountKey: string,
  ctx: ConnectorContext,
  pageSize = SIGNATURES_PAGE,
): AsyncIterable<ActivityPage> {
  const [tokenAccounts, stakes] = await Promise.all([readTokenAccounts(url, owner, ctx), readStakeAccounts(url, owner, ctx)]);
  const own = new Set([owner, ...stakes.map((s) => s.pubkey)]);
  const read = new Set<string>();
  for (const address of [owner, ...tokenAccounts.map((a) => a.pubkey)]) {
    const newestKey = `sigs:${address}:newest`;
    const walkKey = `sigs:${address}:walk`;
    const until = ctx.cursors.get(newestKey);
    const walk = ctx.cursors.get(walkKey);
    let { top, before } = walk ? (JSON.parse(walk) as { top?: string; before?: string }) : { top: undefined, before: undefined };
    for (;;) {
      ctx.signal.throwIfAborted();
      const page = await solanaRpc<SignatureInfo[]>(
        url,
        'getSignaturesForAddress',
        [address, { limit: pageSize, commitment: 'finalized', ...(before !== undefined ? { before } : {}), ...(until !== undefined ? { until } : {}) }],
        ctx,
      );
      top ??= page[0]?.signature;
      const fresh = page.filter((s) => !read.has(s.signature));
      for (const s of fresh) read.add(s.signature);
      const transactions = await mapLimited(fresh, TRANSACTION_CONCURRENCY, (s) =>
        solanaRpc<ParsedTransaction | null>(
          url,
          'getTransaction',
          [s.signature, { encoding: 'jsonParsed', maxSupportedTransactionVersion: 0, commitment: 'finalized' }],
          ctx,
        ),
      );
      const activities: ActivityRecord[] = [];
      transactions.forEach((tx, i) => {
        const signature = fresh[i]?.signature as string;
        if (tx === null) ctx.log.warn({ signature }, 'the node no longer has this transaction; it is not in the history');
        // A transaction that names the address belongs to the address's own walk, which reads
        // its token balances too: a token account's walk reports only what that walk alone finds.
        else if (address === owner || !namesAccount(tx, owner)) activities.push(...transactionActivities(tx, signature, owner, own, accountKey));
      });
      if (page.length < pageSize) {
        yield { activities, cursors: { ...(top !== undefined ? { [newestKey]: top } : {}), [walkKey]: '' } };
        break;
      }
      before = page.at(-1)?.signature;
      yield { activities, cursors: { [walkKey]: JSON.stringify({ top, before }) } };
    }
  }
}

const keysOf = (tx: ParsedTransaction) => tx.transaction.message.accountKeys.map((k) => (typeof k === 'string' ? k : k.pubkey));
const namesAccount = (tx: ParsedTransaction, account: string) => keysOf(tx).includes(account);

/** What one transaction moved in and out of the address (see readSolanaHistory). */
export function transactionActivities(tx: ParsedTransaction, signature: string, owner: string, own: ReadonlySet<string>, accountKey: string): ActivityRecord[] {
  const meta = tx.meta;
  if (meta === null || typeof tx.blockTime !== 'number') return [];
  const executedAt = new Date(tx.blockTime * 1000).toISOString();
  const keys = keysOf(tx);
  let lamports = 0n;
  keys.forEach((key, i) => {
    if (own.has(key)) lamports += u64(meta.postBalances[i], `postBalances[${i}]`) - u64(meta.preBalances[i], `preBalances[${i}]`);
  });
  const fee = keys[0] === owner ? u64(meta.fee, 'fee') : 0n;
  const base = { accountKey, executedAt, quoteAsset: null, price: null, fee: null, feeAsset: null, raw: { signature, err: meta.err ?? null } };
  const out: ActivityRecord[] = [];
  if (fee > 0n) out.push({ ...base, providerRef: `${signature}:fee`, type: 'fee', asset: 'SOL', quantity: toDecimalString(formatUnits(fee, SOL_DECIMALS)) });
  const moved = lamports + fee;
  if (moved !== 0n) out.push(movement(base, `${signature}:SOL`, 'SOL', moved, SOL_DECIMALS));

  const byMint = new Map<string, { delta: bigint; decimals: number }>();
  const add = (balances: TokenBalance[] | undefined, sign: 1n | -1n) => {
    for (const b of balances ?? []) {
      if (b.owner !== owner) continue;
      const entry = byMint.get(b.mint) ?? { delta: 0n, decimals: b.uiTokenAmount.decimals };
      entry.delta += sign * u64(b.uiTokenAmount.amount, `token balance of ${b.mint}`);
      byMint.set(b.mint, entry);
    }
  };
  add(meta.preTokenBalances, -1n);
  add(meta.postTokenBalances, 1n);
  for (const [mint, { delta, decimals }] of byMint) {
    if (delta !== 0n) out.push(movement(base, `${signature}:${mint}`, solanaAssetId(mint), delta, decimals));
  }
  return out;
}

function movement(
  base: Omit<ActivityRecord, 'providerRef' | 'type' | 'asset' | 'quantity'>,
  providerRef: string,
  asset: string,
  delta: bigint,
  decimals: number,
): ActivityRecord {
  const abs = delta < 0n ? -delta : delta;
  return { ...base, providerRef, type: delta > 0n ? 'deposit' : 'withdrawal', asset, quantity: toDecimalString(formatUnits(abs, decimals)) };
}

/** Maps with at most `limit` calls in flight, keeping the order. */
async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next;
      next += 1;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
