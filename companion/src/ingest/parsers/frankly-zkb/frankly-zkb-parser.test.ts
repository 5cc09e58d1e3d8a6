import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dec } from '@omnifolio/shared/money';
import { describe, expect, it } from 'vitest';
import { runParserContractSuite, toInput } from '../contract-suite.js';
import { buildStatementPdf } from '../pdf/statement-pdf.js';
import { StatementError } from '../statement-error.js';
import { FIXTURES_DIR, fixtureBytes, fixtureNames, fixtureSample, foreignSamples } from '../test-fixtures.js';
import { franklyZkbParser } from './frankly-zkb-parser.js';
import { parseZkbDocument } from './zkb-document.js';

const TEXTS = fixtureNames('frankly-zkb', /\.txt$/);
const text = (name: string) => new TextDecoder().decode(fixtureBytes('frankly-zkb', name));
const encode = (s: string) => new TextEncoder().encode(s);

runParserContractSuite(franklyZkbParser, {
  samples: TEXTS.map((n) => fixtureSample('frankly-zkb', n)),
  foreign: foreignSamples('frankly-zkb'),
  malformed: [
    { filename: 'no-total.txt', bytes: encode(text('Kauf03.txt').replace(/^Total zu Ihren Lasten.*$/m, '')) },
    { filename: 'bad-shares.txt', bytes: encode(text('Kauf03.txt').replace("150 zu 48.5822 7'287.33", "15O zu 48.5822 7'287.33")) },
    { filename: 'unknown-charge.txt', bytes: encode(text('Verkauf01.txt').replace('Ausführungsgebühr 1.50', 'Mysteriöser Posten 1.50')) },
  ],
});

interface ExpectedItem {
  kind: string;
  isin?: string;
  wkn?: string;
  name?: string;
  currency?: string;
  date?: string;
  shares?: number;
  note?: string;
  amount?: { currency: string; value: number };
  grossValue?: { currency: string; value: number };
  forexGrossValue?: { currency: string; value: number };
  taxes?: { currency: string; value: number };
  fees?: { currency: string; value: number };
}

/** The expected values of portfolio-performance's ZKB extractor tests, per fixture. */
describe('Frankly / ZKB advices: every fixture parses to its expected values', () => {
  for (const name of TEXTS) {
    const expectedFile = JSON.parse(readFileSync(join(FIXTURES_DIR, 'frankly-zkb', name.replace(/\.txt$/, '.expected.json')), 'utf8')) as {
      tests: { testMethod: string; expectedItems: ExpectedItem[] }[];
    };
    // The first test of each file uses the security in its own currency, as we do.
    const items = expectedFile.tests[0]!.expectedItems;
    it(`${name} (${expectedFile.tests[0]!.testMethod})`, () => {
      const doc = parseZkbDocument(text(name).split(/\r?\n/));
      const security = items.find((i) => i.kind === 'security')!;
      expect(doc.security).toEqual({ isin: security.isin, valor: security.wkn, name: security.name, currency: security.currency });
      const tx = items.find((i) => i.kind !== 'security')!;
      expect(doc.kind).toBe(tx.kind);
      expect(`${doc.date}T00:00`).toBe(tx.date);
      expect(doc.note).toBe(tx.note);
      expect(dec(doc.shares).eq(String(tx.shares))).toBe(true);
      for (const key of ['amount', 'grossValue', 'taxes', 'fees'] as const) {
        expect({ key, currency: doc[key].currency, value: dec(doc[key].value).toFixed(2) }).toEqual({
          key,
          currency: tx[key]!.currency,
          value: dec(String(tx[key]!.value)).toFixed(2),
        });
      }
      if (tx.forexGrossValue)
        expect(doc.forexGrossValue && { ...doc.forexGrossValue, value: dec(doc.forexGrossValue.value).toFixed(2) }).toEqual({
          currency: tx.forexGrossValue.currency,
          value: dec(String(tx.forexGrossValue.value)).toFixed(2),
        });
      else expect(doc.forexGrossValue).toBeNull();
    });
  }
});

describe('Frankly / ZKB advices as records', () => {
  it('files a frankly fund issue in the 3a account at its NAV', async () => {
    const out = await franklyZkbParser.parse(toInput(fixtureSample('frankly-zkb', 'Kauf05.txt')));
    expect(out.accounts).toEqual([{ key: 'frankly-3a', type: 'pension_3a', name: 'frankly 3a (Zürcher Kantonalbank)', baseCurrency: 'CHF' }]);
    expect(out.activities[0]).toMatchObject({
      type: 'buy',
      asset: 'CH0512157782',
      quantity: '0.645',
      quoteAsset: 'CHF',
      price: '154.9731',
      fee: null,
      executedAt: '2023-12-28T00:00:00.000Z',
    });
    expect(out.prices).toEqual([
      {
        asset: expect.objectContaining({ isin: 'CH0512157782', valor: '51215778', kind: 'fund' }),
        price: '154.8362',
        currency: 'CHF',
        at: '2023-12-28T00:00:00.000Z',
      },
    ]);
  });

  it('books a foreign purchase with fees and taxes converted into the account currency', async () => {
    const out = await franklyZkbParser.parse(toInput(fixtureSample('frankly-zkb', 'Kauf01.txt')));
    expect(out.accounts[0]).toMatchObject({ key: 'zkb-depot', type: 'brokerage', baseCurrency: 'CHF' });
    // 0.89 commission + 6.68 stamp duty, both CHF (expected.json).
    expect(out.activities[0]).toMatchObject({
      type: 'buy',
      asset: 'JE00B4T3BW64',
      quantity: '1000',
      quoteAsset: 'GBP',
      price: '3.545',
      fee: '7.57',
      feeAsset: 'CHF',
    });
  });

  it('books income as a dividend in the account currency, net of withholding tax', async () => {
    const out = await franklyZkbParser.parse(toInput(fixtureSample('frankly-zkb', 'Dividende02.txt')));
    expect(out.activities[0]).toMatchObject({
      type: 'dividend',
      asset: 'CHF',
      quantity: '74.01',
      fee: '31.72',
      feeAsset: 'CHF',
      executedAt: '2023-01-04T00:00:00.000Z',
    });
  });
});

/** PDFs laid out like the originals, read back through pdfjs-dist: the same records as the text. */
describe('Frankly / ZKB advices from PDF', () => {
  for (const name of TEXTS) {
    it(`${name.replace('.txt', '.pdf')} gives the same records as the extracted text`, async () => {
      const lines = text(name).split(/\r?\n/).slice(3);
      const pdf = await buildStatementPdf([lines.slice(0, 60), lines.slice(60)].filter((p) => p.length > 0));
      const fromPdf = await franklyZkbParser.parse(toInput({ filename: name.replace('.txt', '.pdf'), bytes: pdf, mediaType: 'application/pdf' }));
      const fromText = await franklyZkbParser.parse(toInput(fixtureSample('frankly-zkb', name)));
      expect(fromPdf).toEqual(fromText);
    });
  }

  it('reports a truncated PDF as a StatementError instead of crashing', async () => {
    const pdf = await buildStatementPdf([text('Kauf05.txt').split(/\r?\n/).slice(3)]);
    const cut = pdf.slice(0, Math.floor(pdf.length / 3));
    const error = await Promise.resolve(franklyZkbParser.parse(toInput({ filename: 'cut.pdf', bytes: cut }))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StatementError);
    expect((error as StatementError).location).toBeTruthy();
  });
});
