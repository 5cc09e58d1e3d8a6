import { toDecimalString } from '@omnifolio/shared/money';
import type { BalanceRecord } from '@omnifolio/shared/schemas';
import { formatUnits } from 'viem';
import type { OnChainAssetRef } from '../../pricing/asset-resolver.js';
import type { ConnectorContext } from '../types.js';
import { heliusMintNames } from './solana-helius-metadata.js';
import { SOL_DECIMALS, SPL_TOKEN_PROGRAM, STAKE_PROGRAM, STAKE_WITHDRAWER_OFFSET, TOKEN_2022_PROGRAM } from './solana-programs.js';
import { solanaRpc, u64 } from './solana-rpc.js';
import { solanaTokenInfo } from './solana-token-list.js';

// getTokenAccountsByOwner, jsonParsed (Solana RPC docs; test/fixtures/solana):
//   {"context":{"slot":341197933},"value":[{"pubkey":"BGoc…","account":{"data":{"program":"spl-token",
//    "parsed":{"info":{"mint":"2cHr…","owner":"A1TM…","tokenAmount":{"amount":"420000000000000",
//    "decimals":6,…}},"type":"account"},"space":165},"lamports":2039280,"rentEpoch":18446744073709551615,…}}]}
interface TokenAccounts {
  value: {
    pubkey: string;
    account: { data: { parsed?: { info?: { mint?: string; tokenAmount?: { amount?: string; decimals?: number } }; type?: string } } };
  }[];
}

// getProgramAccounts(Stake…, jsonParsed): each stake account's lamports are the SOL it holds,
// delegated or not; `parsed.type` is "delegated", "initialized" or "rewardsPool".
interface StakeAccounts extends Array<{ pubkey: string; account: { lamports: unknown } }> {}

const amount = (raw: bigint, decimals: number) => toDecimalString(formatUnits(raw, decimals));

/**
 * Balances of one Solana address: SOL, every SPL Token and Token-2022 account it owns (summed
 * per mint), and native stake accounts it can withdraw (as locked SOL).
 */
export async function readSolanaBalances(
  url: string,
  owner: string,
  accountKey: string,
  ctx: ConnectorContext,
  asOf: string,
  heliusUrl: string | null = null,
): Promise<BalanceRecord[]> {
  const [balance, tokenAccounts, stakes] = await Promise.all([
    solanaRpc<{ value: unknown }>(url, 'getBalance', [owner, { commitment: 'confirmed' }], ctx),
    readTokenAccounts(url, owner, ctx),
    readStakeAccounts(url, owner, ctx),
  ]);

  const records: BalanceRecord[] = [];
  const lamports = u64(balance.value, 'getBalance.value');
  const staked = stakes.reduce((sum, s) => sum + u64(s.account.lamports, `stake account ${s.pubkey} lamports`), 0n);
  if (lamports > 0n || staked > 0n) {
    records.push({
      accountKey,
      asset: { symbol: 'SOL', kind: 'crypto', name: 'Solana' },
      free: amount(lamports, SOL_DECIMALS),
      locked: amount(staked, SOL_DECIMALS),
      asOf,
    });
  }

  // One owner can hold several accounts of one mint; the balance is their sum.
  const byMint = new Map<string, { raw: bigint; decimals: number }>();
  for (const entry of tokenAccounts) {
    const info = entry.account.data.parsed?.info;
    const mint = info?.mint;
    const tokenAmount = info?.tokenAmount;
    if (!mint || tokenAmount?.amount === undefined || tokenAmount.decimals === undefined) continue;
    const prev = byMint.get(mint);
    byMint.set(mint, { raw: (prev?.raw ?? 0n) + u64(tokenAmount.amount, `token account ${entry.pubkey} amount`), decimals: tokenAmount.decimals });
  }
  // With a Helius key, mints off the shipped list get the names their metadata gives.
  const unlisted = [...byMint].filter(([mint, { raw }]) => raw > 0n && solanaTokenInfo(mint) === undefined).map(([mint]) => mint);
  const named = heliusUrl !== null && unlisted.length > 0 ? await heliusMintNames(heliusUrl, unlisted, (m) => byMint.get(m)?.decimals ?? 0, ctx) : new Map();
  for (const [mint, { raw, decimals }] of byMint) {
    if (raw === 0n) continue;
    const known = solanaTokenInfo(mint) ?? named.get(mint);
    const asset: OnChainAssetRef = {
      // Without a Helius key an unlisted mint keeps its address as its name: we do not read creators' metadata ourselves.
      symbol: known?.symbol ?? `${mint.slice(0, 4)}…${mint.slice(-4)}`,
      kind: 'crypto',
      name: known?.name ?? mint,
      chainAsset: { namespace: 'solana', address: mint },
    };
    records.push({ accountKey, asset, free: amount(raw, decimals), locked: '0', asOf });
  }
  return records;
}

/** Every SPL Token and Token-2022 account the address owns (two calls, side by side). */
export async function readTokenAccounts(url: string, owner: string, ctx: ConnectorContext): Promise<TokenAccounts['value']> {
  const [spl, token2022] = await Promise.all(
    [SPL_TOKEN_PROGRAM, TOKEN_2022_PROGRAM].map((programId) =>
      solanaRpc<TokenAccounts>(url, 'getTokenAccountsByOwner', [owner, { programId }, { encoding: 'jsonParsed', commitment: 'confirmed' }], ctx),
    ),
  );
  return [...(spl?.value ?? []), ...(token2022?.value ?? [])];
}

/** The native stake accounts the address may withdraw from: its stake. */
export function readStakeAccounts(url: string, owner: string, ctx: ConnectorContext): Promise<StakeAccounts> {
  return solanaRpc<StakeAccounts>(
    url,
    'getProgramAccounts',
    [STAKE_PROGRAM, { encoding: 'jsonParsed', commitment: 'confirmed', filters: [{ memcmp: { offset: STAKE_WITHDRAWER_OFFSET, bytes: owner } }] }],
    ctx,
  );
}
