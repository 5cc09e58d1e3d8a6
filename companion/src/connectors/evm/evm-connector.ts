import { AuthError, ValidationError } from '@omnifolio/shared/errors';
import type { BalanceRecord } from '@omnifolio/shared/schemas';
import type { Address } from 'viem';
import type { AccountSpec, ActivityPage, Connector, ConnectorContext, TestResult } from '../types.js';
import { DEFAULT_ALCHEMY_CUPS } from './alchemy-throughput.js';
import type { EvmBalanceStrategy } from './evm-balances.js';
import type { EvmChain } from './evm-chains.js';

// viem costs ~0.5-1 s to import; the registry must stay cheap, so it loads on first use.
const loadEvmAddress = () => import('../../wallets/evm-address.js');
const loadReader = () => import('./evm-reader.js');
const loadOptions = () => import('./evm-wallet-options.js');

export interface EvmConnectorOptions {
  strategy?: EvmBalanceStrategy;
  clock?: () => Date;
  /**
   * False for a connector that reads balances only: the plain-node contract case (a Hardhat
   * node has no transfers API), whose history clauses the Alchemy case covers instead.
   */
  history?: boolean;
  /** The Alchemy app's compute units per second the connector paces itself to (tests raise it). */
  alchemyComputeUnitsPerSecond?: number;
}

const shortAddress = (address: string) => `${address.slice(0, 6)}…${address.slice(-4)}`;

async function ownerOf(ctx: ConnectorContext): Promise<Address> {
  const { parseEvmAddress } = await loadEvmAddress();
  try {
    return parseEvmAddress(ctx.credentials.address ?? '', 'credentials.address');
  } catch (error) {
    // A wallet's "credential" is its address; one that cannot exist is refused like a bad key.
    const reason = error instanceof ValidationError ? (error.issues[0]?.message ?? error.shortMessage) : String(error);
    throw new AuthError(`This is not a usable EVM address: ${reason}`, { hints: ['Copy the address again from your wallet.'], cause: error });
  }
}

const accountFor = (chain: EvmChain, owner: Address): AccountSpec => ({ key: chain.key, type: 'wallet', name: `${chain.name} · ${shortAddress(owner)}` });

/**
 * An EVM address, watched on Ethereum, Arbitrum, Optimism, Base, Polygon, BNB Chain and
 * Avalanche: the native coin and ERC-20 balances read through Multicall3 over a curated token
 * list (evm-token-list.json) plus contracts the user adds. One account per chain. Nothing
 * here signs or can move funds: the only input is a public address.
 */
export function createEvmConnector(options: EvmConnectorOptions = {}) {
  const strategy = options.strategy ?? 'multicall';
  const clock = options.clock ?? (() => new Date());
  const cups = options.alchemyComputeUnitsPerSecond ?? DEFAULT_ALCHEMY_CUPS;

  return {
    id: 'evm',
    name: 'EVM wallet',
    kind: 'wallet',
    // History needs an Alchemy key (there is no "transfers of an address" call in plain JSON-RPC).
    capabilities: { balances: true, positions: false, activities: options.history ?? true },
    credentials: [
      {
        key: 'address',
        label: 'Address',
        secret: false,
        help: 'The public address (0x…) of the wallet, as shown by MetaMask, Rabby, a Ledger or a block explorer. Never enter a private key or recovery phrase: Omnifolio only reads.',
      },
      {
        key: 'chains',
        label: 'Chains',
        secret: false,
        optional: true,
        help: 'Which chains to read, comma separated: ethereum, arbitrum, optimism, base, polygon, bnb, avalanche. Empty reads all seven.',
      },
      {
        key: 'rpcUrls',
        label: 'RPC URLs',
        secret: true,
        optional: true,
        help: 'Your own RPC endpoints instead of the public ones, one chain=URL per line (ethereum=https://eth-mainnet.g.alchemy.com/v2/…). Stored encrypted, since such URLs often contain a key.',
      },
      {
        key: 'alchemyKey',
        label: 'Alchemy API key',
        secret: true,
        optional: true,
        help: 'Optional. With a free Alchemy key every token the address holds is found (not only the built-in list) and its transfer history is read on all seven chains. Create an app at dashboard.alchemy.com with these networks enabled and paste its API key. Stored encrypted.',
      },
      {
        key: 'tokens',
        label: 'Extra tokens',
        secret: false,
        optional: true,
        help: 'Tokens to read besides the built-in list, as chain:contract pairs (ethereum:0x6B17…1d0F).',
      },
    ],
    help: 'Watches an EVM address on Ethereum, Arbitrum, Optimism, Base, Polygon, BNB Chain and Avalanche: native coins and ERC-20 tokens, read through public RPC endpoints or ones you set; with an Alchemy key, every token held and the transfer history.',

    async test(ctx: ConnectorContext): Promise<TestResult> {
      const owner = await ownerOf(ctx);
      const wallet = (await loadOptions()).readEvmWalletOptions(ctx.credentials);
      // Without an Alchemy key there is nothing to check: a cold wallet can be added offline,
      // and the first sync reports any endpoint that does not answer. A key is tried once.
      if (wallet.alchemyKey !== null && wallet.chains[0] !== undefined) {
        await (await loadReader()).checkAlchemyKey(wallet.chains[0], owner, wallet.alchemyKey, ctx, cups);
      }
      return { accounts: wallet.chains.map((c) => accountFor(c, owner)), warnings: [] };
    },

    async accounts(ctx: ConnectorContext): Promise<AccountSpec[]> {
      const owner = await ownerOf(ctx);
      return (await loadOptions()).readEvmWalletOptions(ctx.credentials).chains.map((c) => accountFor(c, owner));
    },

    async fetchBalances(ctx: ConnectorContext): Promise<BalanceRecord[]> {
      ctx.signal.throwIfAborted();
      const owner = await ownerOf(ctx);
      const wallet = (await loadOptions()).readEvmWalletOptions(ctx.credentials);
      const { readEvmChainBalances } = await loadReader();
      const asOf = clock().toISOString();
      // Chains are independent endpoints: read them side by side.
      const perChain = await Promise.all(wallet.chains.map((chain) => readEvmChainBalances(chain, owner, wallet, ctx, strategy, asOf, cups)));
      return perChain.flat();
    },

    /**
     * Transfers in and out on every chain, with an Alchemy key (evm-alchemy-transfers.ts).
     * Without one there is no history to read; the chain's Transfer logs are scanned for tokens
     * sent to the address instead (evm-transfer-logs.ts), which the next balance read includes.
     */
    async *fetchActivities(ctx: ConnectorContext): AsyncIterable<ActivityPage> {
      const owner = await ownerOf(ctx);
      const wallet = (await loadOptions()).readEvmWalletOptions(ctx.credentials);
      const { readEvmChainTransfers, scanEvmChainTransfers } = await loadReader();
      if (wallet.alchemyKey === null) {
        // No history without Alchemy, but the chain's Transfer logs name tokens the address receives.
        for (const chain of wallet.chains) {
          const page = await scanEvmChainTransfers(chain, owner, wallet, ctx);
          if (page !== undefined) yield page;
        }
        return;
      }
      for (const chain of wallet.chains) yield* readEvmChainTransfers(chain, owner, wallet.alchemyKey, ctx, cups);
    },
  } satisfies Connector;
}

export const evmConnector = createEvmConnector();
