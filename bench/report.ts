export interface BenchResult {
  name: string;
  description: string;
  figures: { label: string; value: string }[];
  /** Measured against a floor from the same run; higher is better. */
  ratio: number;
  target: { ratioAtLeast: number };
}

export function printResult(r: BenchResult): void {
  const ok = r.ratio >= r.target.ratioAtLeast;
  process.stdout.write(`\n${r.name}: ${r.description}\n`);
  for (const f of r.figures) process.stdout.write(`  ${f.label.padEnd(32)} ${f.value}\n`);
  process.stdout.write(`  ratio ${r.ratio.toFixed(3)} (target ≥ ${r.target.ratioAtLeast}) ${ok ? 'OK' : 'BELOW TARGET'}\n`);
}
