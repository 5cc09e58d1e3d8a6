// `npm test`: every suite — unit, storage, route and simulator tests (vitest, all
// packages), then the end-to-end tests in real Chromium with the built extension
// (Playwright). Ends with one line `N passed, N failed` summing all suites.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { checkNode, ensureExtensionBuild, ensureInstall, ROOT } from './ensure-install.mjs';

checkNode();
ensureInstall();

const results = join(ROOT, 'test-results');
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });
const totals = { passed: 0, failed: 0, skipped: 0 };
const only = process.argv.slice(2);
const wants = (suite) => only.length === 0 || only.includes(suite);

function run(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: process.env.CI ? '0' : '1' } });
  return r.status ?? 1;
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

// 1. vitest, all projects in one run.
if (wants('unit')) {
  const out = join(results, 'vitest.json');
  const status = run(join(ROOT, 'node_modules', '.bin', 'vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`], ROOT);
  const report = readJson(out);
  if (report) {
    totals.passed += report.numPassedTests;
    totals.failed += report.numFailedTests + (report.numFailedTestSuites > 0 && report.numFailedTests === 0 ? report.numFailedTestSuites : 0);
    totals.skipped += report.numPendingTests + report.numTodoTests;
  } else if (status !== 0) totals.failed += 1;
}

// 2. End to end in Debian's Chromium with the built extension.
if (wants('e2e')) {
  const chromium = process.env.OMNIFOLIO_CHROMIUM ?? '/usr/bin/chromium';
  if (!existsSync(chromium)) {
    console.error(
      `Chromium is not installed at ${chromium}. On Debian or Ubuntu: sudo apt-get install -y chromium (CI's .ci/run does this). Set OMNIFOLIO_CHROMIUM to use another binary.`,
    );
    totals.failed += 1;
  } else {
    ensureExtensionBuild();
    const out = join(ROOT, 'extension', 'test-results', 'e2e.json');
    rmSync(out, { force: true });
    const status = run(join(ROOT, 'extension', 'node_modules', '.bin', 'playwright'), ['test'], join(ROOT, 'extension'));
    const report = readJson(out);
    if (report?.stats) {
      totals.passed += report.stats.expected + report.stats.flaky;
      totals.failed += report.stats.unexpected;
      totals.skipped += report.stats.skipped;
      if (report.errors?.length && report.stats.unexpected === 0) totals.failed += report.errors.length;
    } else if (status !== 0) totals.failed += 1;
  }
}

console.log('');
console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(totals.failed > 0 ? 1 : 0);
