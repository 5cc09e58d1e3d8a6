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
 * `--quick` runs them at a tenth of the size (a smoke check, not a measurement);
 * `--only a,b` runs the named ones (names below).
 */
const quick = process.argv.includes('--quick');
const all: Record<string, () => BenchResult | Promise<BenchResult>> = {
  'activities-ingest': () => benchActivitiesIngest(quick ? 100_000 : 1_000_000),
  'binance-full-history': benchBinanceFullHistory,
  'okx-incremental': benchOkxIncremental,
  'exchange-incremental': benchExchangeIncremental,
  'companion-memory': benchCompanionMemory,
  'wallet-balances': benchWalletBalances,
  'statement-pdf': () => benchStatementPdf(quick ? 20 : 200),
  'whale-profile': () => benchWhaleProfile(quick ? 40_000 : 400_000),
};
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt === -1 ? Object.keys(all) : (process.argv[onlyAt + 1] ?? '').split(',');
const unknown = only.filter((name) => !(name in all));
if (unknown.length > 0) throw new Error(`No benchmark called ${unknown.join(', ')}. Known: ${Object.keys(all).join(', ')}.`);
const benches = only.map((name) => all[name] as () => BenchResult | Promise<BenchResult>);

let below = 0;
for (const bench of benches) {
  const result = await bench();
  printResult(result);
  if (result.ratio < result.target.ratioAtLeast) below += 1;
}
process.stdout.write(`\n${benches.length - below} of ${benches.length} benchmarks at or above target\n`);
process.exitCode = below > 0 ? 1 : 0;
