import { SolanaRpcSimulator } from '../../simulators/solana-rpc/solana-rpc-simulator.js';

/** Addresses for the Solana tests: valid base58 of 32 bytes (owner from Solana's RPC docs). */
export const TEST_OWNER = 'A1TMhSGzQxMr1TboBKtgixKz1sS6REASMxPo1qsyTSJd';
const SOMEONE_ELSE = '4Qkev8aNZcqFNSRhQzwyLMFSsi94jHqE8WNVTJzTP99F';
const VOTER = 'CertusDeBmqN8ZawdkxK5kFGMwBXdudvWHYwtNgNhvLu';
export const UNLISTED_MINT = '2cHr7QS3xfuSV8wdxo3ztuF4xbiarF6Nrgx3qpx3HzXR';

/**
 * A simulator holding, for TEST_OWNER: SOL, two stake accounts it withdraws from, two USDC
 * accounts (SPL Token), PYUSD at u64 max raw (Token-2022), an unlisted mint, and accounts of
 * someone else that must not be counted.
 */
export function createTestSolanaWallet(): SolanaRpcSimulator {
  const sim = new SolanaRpcSimulator();
  sim.lamports.set(TEST_OWNER, 12_345_678_901n);
  sim.lamports.set(SOMEONE_ELSE, 999_000_000_000n);
  sim.stakeAccounts.push(
    {
      pubkey: 'Stake1aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
      staker: TEST_OWNER,
      withdrawer: TEST_OWNER,
      lamports: 5_000_000_000n,
      voter: VOTER,
      delegatedLamports: 4_997_717_120n,
    },
    {
      pubkey: 'Stake1bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb',
      staker: SOMEONE_ELSE,
      withdrawer: TEST_OWNER,
      lamports: 1_234_567_890n,
      voter: VOTER,
      delegatedLamports: 1_232_285_010n,
    },
    {
      pubkey: 'Stake1ccccccccccccccccccccccccccccccccccccc',
      staker: TEST_OWNER,
      withdrawer: SOMEONE_ELSE,
      lamports: 7_000_000_000n,
      voter: VOTER,
      delegatedLamports: 6_997_717_120n,
    },
  );
  const usdc = 'EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v';
  sim.tokenAccounts.push(
    { pubkey: 'BGocb4GEpbTFm8UFV2VsDSaBXHELPfAXrvd4vtt8QWrA', owner: TEST_OWNER, mint: usdc, program: 'spl-token', amount: 1_234_567n, decimals: 6 },
    { pubkey: 'C1ocb4GEpbTFm8UFV2VsDSaBXHELPfAXrvd4vtt8QWrA', owner: TEST_OWNER, mint: usdc, program: 'spl-token', amount: 98_765_432_100n, decimals: 6 },
    {
      pubkey: 'D1ocb4GEpbTFm8UFV2VsDSaBXHELPfAXrvd4vtt8QWrA',
      owner: TEST_OWNER,
      mint: '2b1kV6DkPAnxd5ixfnxCpjxmKwqjjaYmCZfHsFu24GXo',
      program: 'spl-token-2022',
      amount: 18_446_744_073_709_551_615n,
      decimals: 6,
    },
    { pubkey: 'E1ocb4GEpbTFm8UFV2VsDSaBXHELPfAXrvd4vtt8QWrA', owner: TEST_OWNER, mint: UNLISTED_MINT, program: 'spl-token', amount: 42n, decimals: 5 },
    {
      pubkey: 'F1ocb4GEpbTFm8UFV2VsDSaBXHELPfAXrvd4vtt8QWrA',
      owner: TEST_OWNER,
      mint: 'JUPyiwrYJFskUPiHa7hkeR8VUtAeFoSYbKedZNsDvCN',
      program: 'spl-token',
      amount: 0n,
      decimals: 6,
    },
    { pubkey: 'G1ocb4GEpbTFm8UFV2VsDSaBXHELPfAXrvd4vtt8QWrA', owner: SOMEONE_ELSE, mint: usdc, program: 'spl-token', amount: 5_000_000n, decimals: 6 },
  );
  return sim;
}
