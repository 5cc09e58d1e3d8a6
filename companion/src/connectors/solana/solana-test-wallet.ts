import { createHash } from 'node:crypto';
import { base58 } from '@scure/base';
import { SIM_SPL_TOKEN, SIM_STAKE, type SimTransaction, SolanaRpcSimulator } from '../../simulators/solana-rpc/solana-rpc-simulator.js';

/** Addresses for the Solana tests: valid base58 of 32 bytes (owner from Solana's RPC docs). */
export const TEST_OWNER = 'A1TMhSGzQxMr1TboBKtgixKz1sS6REASMxPo1qsyTSJd';
const SOMEONE_ELSE = '4Qkev8aNZcqFNSRhQzwyLMFSsi94jHqE8WNVTJzTP99F';
const VOTER = 'CertusDeBmqN8ZawdkxK5kFGMwBXdudvWHYwtNgNhvLu';
const USDC = 'EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v';
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
  sim.tokenAccounts.push(
    { pubkey: 'BGocb4GEpbTFm8UFV2VsDSaBXHELPfAXrvd4vtt8QWrA', owner: TEST_OWNER, mint: USDC, program: 'spl-token', amount: 1_234_567n, decimals: 6 },
    { pubkey: 'C1ocb4GEpbTFm8UFV2VsDSaBXHELPfAXrvd4vtt8QWrA', owner: TEST_OWNER, mint: USDC, program: 'spl-token', amount: 98_765_432_100n, decimals: 6 },
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
    { pubkey: 'G1ocb4GEpbTFm8UFV2VsDSaBXHELPfAXrvd4vtt8QWrA', owner: SOMEONE_ELSE, mint: USDC, program: 'spl-token', amount: 5_000_000n, decimals: 6 },
  );
  addTestHistory(sim);
  return sim;
}

const SYSTEM_PROGRAM = '11111111111111111111111111111111';
/** A transaction signature: 64 bytes in base58, as Solana writes them. */
export const testSignature = (n: number) => base58.encode(createHash('sha512').update(`omnifolio test transaction ${n}`).digest());
const blockTime = (n: number) => 1_717_200_000 + n * 400;

/**
 * TEST_OWNER's history, oldest first: 2 SOL received; 100 USDC sent (fee paid by the owner); an
 * unlisted token received at a token account whose transaction never names the owner; a failed
 * transaction that only cost its fee; 5 SOL moved into the owner's own stake account (only the
 * fee leaves). Balances above are not derived from it.
 */
function addTestHistory(sim: SolanaRpcSimulator): void {
  const tx = (n: number, t: Omit<SimTransaction, 'signature' | 'slot' | 'blockTime'>) =>
    sim.transactions.push({ signature: testSignature(n), slot: 300_000_000 + n, blockTime: blockTime(n), ...t });
  tx(1, {
    version: 'legacy',
    err: null,
    fee: 5_000n,
    accountKeys: [SOMEONE_ELSE, TEST_OWNER, SYSTEM_PROGRAM],
    preBalances: [1_001_000_005_000n, 10_345_678_901n, 1n],
    postBalances: [999_000_000_000n, 12_345_678_901n, 1n],
    preTokenBalances: [],
    postTokenBalances: [],
  });
  const usdc = (accountIndex: number, owner: string, amount: bigint) => ({ accountIndex, mint: USDC, owner, programId: SIM_SPL_TOKEN, amount, decimals: 6 });
  tx(2, {
    version: 0,
    err: null,
    fee: 5_000n,
    accountKeys: [TEST_OWNER, 'BGocb4GEpbTFm8UFV2VsDSaBXHELPfAXrvd4vtt8QWrA', 'G1ocb4GEpbTFm8UFV2VsDSaBXHELPfAXrvd4vtt8QWrA', SIM_SPL_TOKEN],
    preBalances: [12_345_683_901n, 2_039_280n, 2_039_280n, 1n],
    postBalances: [12_345_678_901n, 2_039_280n, 2_039_280n, 1n],
    preTokenBalances: [usdc(1, TEST_OWNER, 101_234_567n), usdc(2, SOMEONE_ELSE, 0n)],
    postTokenBalances: [usdc(1, TEST_OWNER, 1_234_567n), usdc(2, SOMEONE_ELSE, 100_000_000n)],
  });
  tx(3, {
    version: 0,
    err: null,
    fee: 5_000n,
    accountKeys: [SOMEONE_ELSE, 'H1ocb4GEpbTFm8UFV2VsDSaBXHELPfAXrvd4vtt8QWrA', 'E1ocb4GEpbTFm8UFV2VsDSaBXHELPfAXrvd4vtt8QWrA', SIM_SPL_TOKEN],
    preBalances: [999_000_000_000n, 2_039_280n, 2_039_280n, 1n],
    postBalances: [998_999_995_000n, 2_039_280n, 2_039_280n, 1n],
    preTokenBalances: [
      { accountIndex: 1, mint: UNLISTED_MINT, owner: SOMEONE_ELSE, programId: SIM_SPL_TOKEN, amount: 1_000n, decimals: 5 },
      { accountIndex: 2, mint: UNLISTED_MINT, owner: TEST_OWNER, programId: SIM_SPL_TOKEN, amount: 0n, decimals: 5 },
    ],
    postTokenBalances: [
      { accountIndex: 1, mint: UNLISTED_MINT, owner: SOMEONE_ELSE, programId: SIM_SPL_TOKEN, amount: 958n, decimals: 5 },
      { accountIndex: 2, mint: UNLISTED_MINT, owner: TEST_OWNER, programId: SIM_SPL_TOKEN, amount: 42n, decimals: 5 },
    ],
  });
  tx(4, {
    version: 'legacy',
    err: { InstructionError: [0, { Custom: 1 }] },
    fee: 5_000n,
    accountKeys: [TEST_OWNER, SOMEONE_ELSE, SYSTEM_PROGRAM],
    preBalances: [12_345_683_901n, 999_000_000_000n, 1n],
    postBalances: [12_345_678_901n, 999_000_000_000n, 1n],
    preTokenBalances: [],
    postTokenBalances: [],
  });
  tx(5, {
    version: 'legacy',
    err: null,
    fee: 5_000n,
    accountKeys: [TEST_OWNER, 'Stake1aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', SIM_STAKE],
    preBalances: [17_345_683_901n, 0n, 1n],
    postBalances: [12_345_678_901n, 5_000_000_000n, 1n],
    preTokenBalances: [],
    postTokenBalances: [],
  });
}

/** Someone sends the owner `lamports`; returns the reference the deposit must appear under. */
export function receiveSol(sim: SolanaRpcSimulator, lamports: bigint): string {
  const n = sim.transactions.length + 1;
  sim.transactions.push({
    signature: testSignature(n),
    slot: 300_000_000 + n,
    blockTime: blockTime(n),
    version: 'legacy',
    err: null,
    fee: 5_000n,
    accountKeys: [SOMEONE_ELSE, TEST_OWNER, SYSTEM_PROGRAM],
    preBalances: [999_000_000_000n, 12_345_678_901n, 1n],
    postBalances: [999_000_000_000n - lamports - 5_000n, 12_345_678_901n + lamports, 1n],
    preTokenBalances: [],
    postTokenBalances: [],
  });
  return `${testSignature(n)}:SOL`;
}
