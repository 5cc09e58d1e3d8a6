import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { renderFlexStatement } from '../../../simulators/ibkr-flex/flex-statement-xml.js';
import { loadIbkrDemoAccount } from '../../../simulators/ibkr-flex/ibkr-demo-account.js';

/**
 * `pnpm omnifolio parse --provider ibkr-flex <file> --json` and `omnifolio upload <file>`, as a
 * person runs them: the real command line in a child process on real Flex files.
 */
const run = promisify(execFile);
const companionDir = join(import.meta.dirname, '../../../..');
const cli = async (...args: string[]) =>
  (
    await run(join(companionDir, 'node_modules/.bin/tsx'), [join(companionDir, 'src/cli/main.ts'), ...args], {
      cwd: companionDir,
      env: { ...process.env, OMNIFOLIO_LOG_LEVEL: 'silent' },
    })
  ).stdout;
const ppStatement = join(companionDir, 'test/fixtures/ibkr-flex/portfolio-performance/testIBFlexStatementFile01.xml');

interface Parsed {
  parser: string;
  accounts: { key: string; baseCurrency: string }[];
  activities: { type: string }[];
  holdings: { accountKey: string; asset: { symbol: string }; quantity: string }[];
}

describe('omnifolio parse / upload with an IBKR Flex statement', () => {
  const dir = mkdtempSync(join(tmpdir(), 'omnifolio-flex-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('parse --provider ibkr-flex --json prints what Portfolio Performance finds in its statement 01, and the format is recognised without --provider', async () => {
    const named = JSON.parse(await cli('--json', 'parse', '--provider', 'ibkr-flex', ppStatement)) as Parsed;
    // PP's IBFlexStatementExtractorTest: 15 buy/sell transactions and 11 account transactions.
    const trades = named.activities.filter((a) => a.type === 'buy' || a.type === 'sell').length;
    expect([named.parser, trades, named.activities.length - trades]).toEqual(['ibkr-flex', 15, 11]);
    expect(JSON.parse(await cli('--json', 'parse', ppStatement))).toEqual(named);
  }, 120_000);

  it('reads a CHF-base account’s cash per currency and its written option, sized by the multiplier', async () => {
    const file = join(dir, 'demo-flex.xml');
    writeFileSync(file, renderFlexStatement([loadIbkrDemoAccount({ now: Date.UTC(2026, 10, 20) })], Date.UTC(2026, 10, 20)));
    const parsed = JSON.parse(await cli('--json', 'parse', '--provider', 'ibkr-flex', file)) as Parsed;
    expect(parsed.accounts.map((a) => [a.key, a.baseCurrency])).toEqual([['U7654321', 'CHF']]);
    expect(parsed.holdings.map((h) => [h.asset.symbol, h.quantity]).sort()).toEqual(
      [
        ['AAPL', '20'],
        ['AAPL 261218C00300000', '-100'],
        ['CHF', '4566.7'],
        ['NESN', '15'],
        ['USD', '1968.1'],
        ['VT', '35'],
      ].sort(),
    );
  }, 120_000);

  it('upload stores the statement once and parses it', async () => {
    const data = join(dir, 'store');
    const first = JSON.parse(await cli('--json', '--data-dir', data, 'upload', ppStatement));
    expect(first).toMatchObject({ status: 'parsed', parserId: 'ibkr-flex', summary: { activities: 26 } });
    const again = JSON.parse(await cli('--json', '--data-dir', data, 'upload', ppStatement));
    expect(again).toMatchObject({ id: first.id, duplicate: true });
  }, 120_000);
});
