/** Program ids the Solana connector reads accounts of. */
export const SPL_TOKEN_PROGRAM = 'TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA';
export const TOKEN_2022_PROGRAM = 'TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb';
export const STAKE_PROGRAM = 'Stake11111111111111111111111111111111111111';

/** SOL has 9 decimals: 1 SOL = 1,000,000,000 lamports. */
export const SOL_DECIMALS = 9;

/**
 * Byte offset of the withdraw authority in a stake account: 4 (state enum) + 8 (rent-exempt
 * reserve) + 32 (staker). The withdrawer owns the stake, so "stake accounts of an address" are
 * those whose withdrawer it is.
 */
export const STAKE_WITHDRAWER_OFFSET = 44;

/** The RPC base URL key for overrides (`OMNIFOLIO_PROVIDER_URLS`, simulators, tests). */
export const SOLANA_RPC_KEY = 'solana';
export const SOLANA_DEFAULT_RPC_URL = 'https://api.mainnet-beta.solana.com';

/** Helius's mainnet endpoint: standard Solana RPC and the DAS methods, keyed by `?api-key=`. */
export const HELIUS_MAINNET_URL = 'https://mainnet.helius-rpc.com/';
