import { benchActivitiesIngest } from './activities-ingest.js';
import { benchCompanionMemory } from './companion-memory.js';
import { benchExchangeIncremental } from './exchange-incremental.js';
import { benchBinanceFullHistory, benchOkxIncremental } from './exchange-sync.js';
import { type BenchResult, printResult } from './report.js';
import { benchStatementPdf } from './statement-pdf.js';
import { benchWalletBalances } from './wallet-balances.js';
import { benchWhaleProfile } from './whale-profile.js';

/**
 * Runs every benchmark: `pnpm bench` from the repository root. Each prints its figures and
 * a ratio against a floor measured in the same run, so results compare across machines.
 * `--quick` runs them at a tenth of the size (a smoke check, not a measurement).
 */
const quick = process.argv.includes('--quick');
const benches: (() => BenchResult | Promise<BenchResult>)[] = [
  () => benchActivitiesIngest(quick ? 100_000 : 1_000_000),
  benchBinanceFullHistory,
  benchOkxIncremental,
  benchExchangeIncremental,
  benchCompanionMemory,
  benchWalletBalances,
  () => benchStatementPdf(quick ? 20 : 200),
  () => benchWhaleProfile(quick ? 40_000 : 400_000),
];

let below = 0;
for (const bench of benches) {
  const result = await bench();
  printResult(result);
  if (result.ratio < result.target.ratioAtLeast) below += 1;
}
process.stdout.write(`\n${benches.length - below} of ${benches.length} benchmarks at or above target\n`);
process.exitCode = below > 0 ? 1 : 0;
