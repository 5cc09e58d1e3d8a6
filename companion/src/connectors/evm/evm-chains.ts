/** One EVM chain the connector reads. */
export interface EvmChain {
  /** EIP-155 chain id. */
  id: number;
  /** Stable account key and settings key: `ethereum`, `arbitrum`, … */
  key: string;
  name: string;
  /** The native coin's symbol as the asset resolver knows it (ETH → cg:ethereum); 18 decimals on all seven. */
  nativeSymbol: string;
  nativeName: string;
  /** CoinGecko's asset platform id, for `/simple/token_price/{platform}`. */
  coingeckoPlatform: string;
  /**
   * A public RPC endpoint that needs no key. Fine for a few balance reads an hour; set your own
   * (or an Alchemy key) for heavier use.
   */
  defaultRpcUrl: string;
  /** Alchemy's network name in its URLs: `https://<network>.g.alchemy.com/v2/<key>`. */
  alchemyNetwork: string;
  /**
   * Whether Alchemy's Transfers API reports `internal` transfers (native coin moved by a
   * contract) on this chain: Ethereum and Polygon only, per its Transfers API overview.
   */
  alchemyInternalTransfers: boolean;
}

/**
 * The chains Omnifolio reads. Multicall3 is deployed at its canonical address on all seven.
 * No viem import here: the connector registry loads this at start-up, viem only when a
 * wallet syncs. Public RPC URLs are the chains' own (or their foundations')
 * published endpoints; CoinGecko platform ids are from its `/asset_platforms` list.
 */
export const EVM_CHAINS: readonly EvmChain[] = [
  {
    id: 1,
    key: 'ethereum',
    name: 'Ethereum',
    nativeSymbol: 'ETH',
    nativeName: 'Ether',
    coingeckoPlatform: 'ethereum',
    defaultRpcUrl: 'https://ethereum-rpc.publicnode.com',
    alchemyNetwork: 'eth-mainnet',
    alchemyInternalTransfers: true,
  },
  {
    id: 42161,
    key: 'arbitrum',
    name: 'Arbitrum One',
    nativeSymbol: 'ETH',
    nativeName: 'Ether',
    coingeckoPlatform: 'arbitrum-one',
    defaultRpcUrl: 'https://arb1.arbitrum.io/rpc',
    alchemyNetwork: 'arb-mainnet',
    alchemyInternalTransfers: false,
  },
  {
    id: 10,
    key: 'optimism',
    name: 'OP Mainnet',
    nativeSymbol: 'ETH',
    nativeName: 'Ether',
    coingeckoPlatform: 'optimistic-ethereum',
    defaultRpcUrl: 'https://mainnet.optimism.io',
    alchemyNetwork: 'opt-mainnet',
    alchemyInternalTransfers: false,
  },
  {
    id: 8453,
    key: 'base',
    name: 'Base',
    nativeSymbol: 'ETH',
    nativeName: 'Ether',
    coingeckoPlatform: 'base',
    defaultRpcUrl: 'https://mainnet.base.org',
    alchemyNetwork: 'base-mainnet',
    alchemyInternalTransfers: false,
  },
  {
    id: 137,
    key: 'polygon',
    name: 'Polygon PoS',
    nativeSymbol: 'POL',
    nativeName: 'POL',
    coingeckoPlatform: 'polygon-pos',
    defaultRpcUrl: 'https://polygon-rpc.com',
    alchemyNetwork: 'polygon-mainnet',
    alchemyInternalTransfers: true,
  },
  {
    id: 56,
    key: 'bnb',
    name: 'BNB Smart Chain',
    nativeSymbol: 'BNB',
    nativeName: 'BNB',
    coingeckoPlatform: 'binance-smart-chain',
    defaultRpcUrl: 'https://bsc-dataseed.bnbchain.org',
    alchemyNetwork: 'bnb-mainnet',
    alchemyInternalTransfers: false,
  },
  {
    id: 43114,
    key: 'avalanche',
    name: 'Avalanche C-Chain',
    nativeSymbol: 'AVAX',
    nativeName: 'Avalanche',
    coingeckoPlatform: 'avalanche',
    defaultRpcUrl: 'https://api.avax.network/ext/bc/C/rpc',
    alchemyNetwork: 'avax-mainnet',
    alchemyInternalTransfers: false,
  },
];

export const NATIVE_DECIMALS = 18;

export const MULTICALL3_ADDRESS = '0xcA11bde05977b3631167028862bE2a173976CA11' as const;

const byId = new Map(EVM_CHAINS.map((c) => [c.id, c]));
const byKey = new Map(EVM_CHAINS.map((c) => [c.key, c]));

export function evmChainById(id: number): EvmChain | undefined {
  return byId.get(id);
}

export function evmChainByKey(key: string): EvmChain | undefined {
  return byKey.get(key);
}

/**
 * The key under which a base URL override replaces Alchemy's origin for every chain (a
 * simulator serving `/<network>/v2/<key>` paths): `alchemy`.
 */
export const ALCHEMY_URL_KEY = 'alchemy';

/** The key under which a base URL override names a chain's RPC: `evm:1`, `evm:42161`. */
export const rpcUrlKey = (chainId: number) => `evm:${chainId}`;
