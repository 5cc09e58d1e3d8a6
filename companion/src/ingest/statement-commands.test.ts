import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { buildStatementPdf } from './parsers/pdf/statement-pdf.js';
import { FIXTURES_DIR, fixtureBytes } from './parsers/test-fixtures.js';

const run = promisify(execFile);
const companionDir = join(import.meta.dirname, '../..');
const cli = (...args: string[]) =>
  run(join(companionDir, 'node_modules/.bin/tsx'), [join(companionDir, 'src/cli/main.ts'), ...args], {
    cwd: companionDir,
    env: { ...process.env, OMNIFOLIO_LOG_LEVEL: 'silent' },
  });

describe('omnifolio parse / upload / reprocess', () => {
  const dir = mkdtempSync(join(tmpdir(), 'omnifolio-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('parse prints the same records for a PDF statement and for its extracted text, storing nothing', async () => {
    const pdfPath = join(dir, 'Kauf05.pdf');
    const lines = new TextDecoder().decode(fixtureBytes('frankly-zkb', 'Kauf05.txt')).split(/\r?\n/).slice(3);
    writeFileSync(pdfPath, await buildStatementPdf([lines]));
    const fromPdf = JSON.parse((await cli('--json', '--data-dir', join(dir, 'data'), 'parse', '--provider', 'frankly-zkb', pdfPath)).stdout);
    const fromText = JSON.parse((await cli('--json', 'parse', '--provider', 'frankly-zkb', join(FIXTURES_DIR, 'frankly-zkb/Kauf05.txt'))).stdout);
    expect(fromPdf).toEqual(fromText);
    expect(fromPdf).toMatchObject({
      parser: 'frankly-zkb',
      statementDate: '2023-12-28',
      activities: [{ type: 'buy', quantity: '0.645', providerRef: expect.stringMatching(/^fp:[0-9a-f]{32}$/) }],
    });
  }, 60_000);

  it('parse --provider frankly-zkb finds the portfolio statement parser for a Vermögensausweis .txt', async () => {
    const statement = JSON.parse(
      (await cli('--json', 'parse', '--provider', 'frankly-zkb', join(FIXTURES_DIR, 'frankly-zkb-modelled/Vermoegensausweis01.txt'))).stdout,
    );
    expect(statement).toMatchObject({
      parser: 'frankly-zkb-statement',
      statementDate: '2023-12-31',
      holdings: [
        { quantity: '12.645', asset: { isin: 'CH0512157782' } },
        { quantity: '0.04', asset: { symbol: 'CHF' } },
      ],
    });
  }, 60_000);

  it('upload stores and parses; reprocess replaces; a missing file is named', async () => {
    const data = join(dir, 'store');
    const file = join(FIXTURES_DIR, 'swissborg/chernals_example_account_statement.xlsx');
    const uploaded = JSON.parse((await cli('--json', '--data-dir', data, 'upload', file)).stdout);
    expect(uploaded).toMatchObject({ status: 'parsed', parserId: 'swissborg', summary: { activities: 4 } });
    const again = JSON.parse((await cli('--json', '--data-dir', data, 'reprocess')).stdout);
    expect(again).toMatchObject([{ id: uploaded.id, status: 'parsed', summary: { activities: 4 } }]);
    const missing = await cli('--data-dir', data, 'upload', join(dir, 'nope.csv')).catch((e: { stderr: string; code: number }) => e);
    expect(missing).toMatchObject({ code: 1, stderr: expect.stringContaining('There is no file') });
  }, 60_000);
});
