import { AuthError, ValidationError } from '@omnifolio/shared/errors';
import type { BalanceRecord } from '@omnifolio/shared/schemas';
import { parseSolanaAddress } from '../../wallets/solana-address.js';
import type { AccountSpec, ActivityPage, Connector, ConnectorContext, TestResult } from '../types.js';
import { HELIUS_MAINNET_URL, SOLANA_DEFAULT_RPC_URL, SOLANA_RPC_KEY } from './solana-programs.js';

const loadBalances = () => import('./solana-balances.js');

function ownerOf(ctx: ConnectorContext): string {
  try {
    return parseSolanaAddress(ctx.credentials.address ?? '', 'credentials.address');
  } catch (error) {
    // A wallet's "credential" is its address; one that cannot exist is refused like a bad key.
    const reason = error instanceof ValidationError ? (error.issues[0]?.message ?? error.shortMessage) : String(error);
    throw new AuthError(`This is not a usable Solana address: ${reason}`, { hints: ['Copy the address again from your wallet.'], cause: error });
  }
}

function rpcUrlOf(ctx: ConnectorContext): string {
  const own = ctx.credentials.rpcUrl?.trim();
  if (own && !/^https?:\/\/\S+$/.test(own)) {
    throw new ValidationError(
      'credentials.rpcUrl: must start with https:// (or http:// for a node on this computer).',
      [{ path: 'credentials.rpcUrl', message: 'Not an http(s) URL.' }],
      {
        hints: ['Copy the RPC URL from your provider’s dashboard.'],
      },
    );
  }
  if (own) return ctx.baseUrls?.[SOLANA_RPC_KEY] ?? own;
  return heliusUrlOf(ctx) ?? ctx.baseUrls?.[SOLANA_RPC_KEY] ?? SOLANA_DEFAULT_RPC_URL;
}

/** Helius's endpoint for the user's key (or the simulator's, under the `solana` override); null without a key. */
function heliusUrlOf(ctx: ConnectorContext): string | null {
  const key = ctx.credentials.heliusKey?.trim();
  if (!key) return null;
  if (!/^[\w-]{8,128}$/.test(key)) {
    throw new ValidationError(
      'credentials.heliusKey: a Helius API key is letters, digits and - only.',
      [{ path: 'credentials.heliusKey', message: 'Not a Helius API key.' }],
      {
        hints: ['Copy the key (not the whole URL) from the Helius dashboard.'],
      },
    );
  }
  const base = ctx.baseUrls?.[SOLANA_RPC_KEY] ?? HELIUS_MAINNET_URL;
  return `${base.replace(/\/$/, '')}/?api-key=${encodeURIComponent(key)}`;
}

const accountFor = (owner: string): AccountSpec => ({ key: 'solana', type: 'wallet', name: `Solana · ${owner.slice(0, 4)}…${owner.slice(-4)}` });

/**
 * A Solana address, watched: SOL, SPL Token and Token-2022 balances, native stake accounts it
 * can withdraw (reported as locked SOL), and its history transaction by transaction. Token names come from a shipped list
 * (solana-token-list.json); unlisted mints are shown by address. Nothing here signs.
 */
export function createSolanaConnector(options: { clock?: () => Date } = {}) {
  const clock = options.clock ?? (() => new Date());
  return {
    id: 'solana',
    name: 'Solana wallet',
    kind: 'wallet',
    capabilities: { balances: true, positions: false, activities: true },
    credentials: [
      {
        key: 'address',
        label: 'Address',
        secret: false,
        help: 'The public address of the wallet, as shown by Phantom, Solflare, a Ledger or a block explorer. Never enter a private key or recovery phrase: Omnifolio only reads.',
      },
      {
        key: 'heliusKey',
        label: 'Helius API key',
        secret: true,
        optional: true,
        help: 'Optional. With a Helius key, tokens not on the built-in list show their names, and Helius serves the RPC (unless you set an RPC URL). Stored encrypted.',
      },
      {
        key: 'rpcUrl',
        label: 'RPC URL',
        secret: true,
        optional: true,
        help: 'Your own Solana RPC endpoint instead of the public one (Helius, QuickNode, Triton …). Stored encrypted, since such URLs often contain a key.',
      },
    ],
    help: 'Watches a Solana address: SOL, SPL and Token-2022 tokens, stake accounts, and every transaction in and out, read through the public RPC endpoint or one you set.',

    async test(ctx: ConnectorContext): Promise<TestResult> {
      const owner = ownerOf(ctx);
      rpcUrlOf(ctx);
      heliusUrlOf(ctx);
      // No network here: a cold wallet can be added offline; the first sync reports problems.
      return { accounts: [accountFor(owner)], warnings: [] };
    },

    async accounts(ctx: ConnectorContext): Promise<AccountSpec[]> {
      return [accountFor(ownerOf(ctx))];
    },

    async fetchBalances(ctx: ConnectorContext): Promise<BalanceRecord[]> {
      ctx.signal.throwIfAborted();
      const owner = ownerOf(ctx);
      const { readSolanaBalances } = await loadBalances();
      return readSolanaBalances(rpcUrlOf(ctx), owner, 'solana', ctx, clock().toISOString(), heliusUrlOf(ctx));
    },

    /** SOL and token movements, transaction by transaction (solana-history.ts). */
    async *fetchActivities(ctx: ConnectorContext): AsyncIterable<ActivityPage> {
      const owner = ownerOf(ctx);
      const { readSolanaHistory } = await import('./solana-history.js');
      yield* readSolanaHistory(rpcUrlOf(ctx), owner, 'solana', ctx);
    },
  } satisfies Connector;
}

export const solanaConnector = createSolanaConnector();
