import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { createTestContext } from '../companion/src/connectors/contract-suite.js';
import { type EvmBalanceStrategy, readEvmRawBalances } from '../companion/src/connectors/evm/evm-balances.js';
import { EVM_CHAINS } from '../companion/src/connectors/evm/evm-chains.js';
import { createEvmClient } from '../companion/src/connectors/evm/evm-client.js';
import type { EvmToken } from '../companion/src/connectors/evm/evm-token-list.js';
import { EvmRpcSimulator } from '../companion/src/simulators/evm-rpc/evm-rpc-simulator.js';
import type { BenchResult } from './report.js';

const TOKENS = 200;
/** Per answer: a stand-in for the round trip to a public RPC endpoint (real ones: 30-150 ms). */
const LATENCY_MS = 20;

/** A made-up, all-lowercase (checksum-free, hence valid) address. */
const addressOf = (seed: string): `0x${string}` => `0x${createHash('sha256').update(seed).digest('hex').slice(0, 40)}`;

/**
 * A wallet holding 200 ERC-20 tokens spread over the seven EVM chains, read once with
 * Multicall3 batching (the connector's default) and once with one `eth_call` per token, in
 * the same run against the same simulated nodes. Both reads must agree to the last unit. The
 * ratio is per-token wall time ÷ Multicall wall time.
 */
export async function benchWalletBalances(): Promise<BenchResult> {
  const sim = new EvmRpcSimulator({ latencyMs: LATENCY_MS });
  const owner = addressOf('bench wallet');
  const tokensByChain = new Map<number, EvmToken[]>();
  for (let i = 0; i < TOKENS; i++) {
    const chain = EVM_CHAINS[i % EVM_CHAINS.length]!;
    const token: EvmToken = { chainId: chain.id, address: addressOf(`bench token ${i}`), symbol: `TK${i}`, name: `Token ${i}`, decimals: i % 3 === 0 ? 6 : 18 };
    sim.addToken(chain.id, token);
    sim.setTokenBalance(chain.id, token.address, owner, BigInt(i + 1) * 10n ** BigInt(token.decimals) + 123n);
    tokensByChain.set(chain.id, [...(tokensByChain.get(chain.id) ?? []), token]);
  }
  for (const chain of EVM_CHAINS) sim.setNativeBalance(chain.id, owner, 10n ** 18n);
  await sim.start();
  try {
    const baseUrls = Object.fromEntries(EVM_CHAINS.map((c) => [`evm:${c.id}`, sim.urlOf(c.id)]));
    const read = async (strategy: EvmBalanceStrategy) => {
      const ctx = createTestContext({ credentials: {}, baseUrls });
      const started = performance.now();
      const perChain = await Promise.all(
        EVM_CHAINS.map((chain) => readEvmRawBalances(createEvmClient(chain, ctx, new Map()), owner, tokensByChain.get(chain.id) ?? [], strategy)),
      );
      const ms = performance.now() - started;
      const total = perChain.reduce((sum, r) => sum + r.native + [...r.tokens.values()].reduce((a, b) => a + b, 0n), 0n);
      const failed = perChain.reduce((n, r) => n + r.failed.length, 0);
      return { ms, requests: ctx.meter.requests, total, failed };
    };
    // Warm up viem and the sockets once, so neither side pays the first-call cost.
    await read('multicall');
    const multicall = await read('multicall');
    const perToken = await read('per-token');
    if (multicall.total !== perToken.total || multicall.failed + perToken.failed > 0) {
      throw new Error(`the two reads disagree: ${multicall.total} vs ${perToken.total} (failed ${multicall.failed}/${perToken.failed})`);
    }
    return {
      name: 'wallet-balances',
      description: `${TOKENS} tokens over ${EVM_CHAINS.length} EVM chains, ${LATENCY_MS} ms per RPC answer: Multicall3 vs one call per token`,
      figures: [
        { label: 'Multicall3: RPC requests', value: String(multicall.requests) },
        { label: 'Multicall3: wall time', value: `${multicall.ms.toFixed(0)} ms` },
        { label: 'one call per token: RPC requests', value: String(perToken.requests) },
        { label: 'one call per token: wall time', value: `${perToken.ms.toFixed(0)} ms` },
        { label: 'sum of raw balances (both)', value: String(multicall.total) },
      ],
      ratio: perToken.ms / multicall.ms,
      // Requests fall 30-fold; wall time depends on the machine's load, so the bar is set well below it.
      target: { ratioAtLeast: 3 },
    };
  } finally {
    await sim.stop();
  }
}
