import { describe, expect, it } from 'vitest';
import { runParserContractSuite, toInput } from '../contract-suite.js';
import { StatementError } from '../statement-error.js';
import { fixtureBytes, fixtureSample, foreignSamples } from '../test-fixtures.js';
import { franklyZkbParser } from './frankly-zkb-parser.js';
import { franklyZkbStatementParser } from './frankly-zkb-statement-parser.js';

const DIR = 'frankly-zkb-modelled';
const text = () => new TextDecoder().decode(fixtureBytes(DIR, 'Vermoegensausweis01.txt'));
const encode = (s: string) => new TextEncoder().encode(s);
const sample = (filename: string, content: string) => ({ filename, bytes: encode(content) });

runParserContractSuite(franklyZkbStatementParser, {
  samples: [
    fixtureSample(DIR, 'Vermoegensausweis01.txt'),
    { ...fixtureSample(DIR, 'Vermoegensausweis01.pdf'), mediaType: 'application/pdf' },
    // The French statement's words for the same document.
    sample(
      'releve-de-fortune.txt',
      text()
        .replaceAll('Vermögensausweis per', 'Relevé de fortune au')
        .replace('Bewertung in CHF', 'Évaluation en CHF')
        .replace('Konten', 'Comptes')
        .replace(' Anteile ', ' parts ')
        .replace('Total Vermögen', 'Total de la fortune'),
    ),
  ],
  foreign: [...foreignSamples('frankly-zkb'), fixtureSample('frankly-zkb', 'Kauf05.txt')],
  malformed: [
    sample('no-total.txt', text().replace(/^Total Vermögen.*$/m, '')),
    sample('value-not-units-times-price.txt', text().replace("154.8362 29.12.2023 1'957.90", "154.8362 29.12.2023 1'967.90")),
    sample('total-not-the-sum.txt', text().replace("Total Vermögen 1'957.94", "Total Vermögen 1'958.94")),
    sample('no-ids.txt', text().replace('Valor 51215778 / ISIN CH0512157782', 'Valor 51215778')),
  ],
});

/** The values written into the modelled statement (Vermoegensausweis01.txt; see PROVENANCE.md). */
describe('frankly portfolio statement (Vermögensausweis, modelled)', () => {
  it('gives the holdings on the statement date and the fund’s NAV as its price', async () => {
    const out = await franklyZkbStatementParser.parse(toInput(fixtureSample(DIR, 'Vermoegensausweis01.txt')));
    const asset = {
      symbol: 'CH0512157782',
      kind: 'fund',
      isin: 'CH0512157782',
      valor: '51215778',
      name: 'Swisscanto (CH) IPF III Vorsorge Fonds 95 Passiv NT',
    };
    expect(out.accounts).toEqual([{ key: 'frankly-3a', type: 'pension_3a', name: 'frankly 3a (Zürcher Kantonalbank)', baseCurrency: 'CHF' }]);
    expect(out.statementDate).toBe('2023-12-31');
    expect(out.activities).toEqual([]);
    expect(out.holdings).toEqual([
      { accountKey: 'frankly-3a', asset, quantity: '12.645', asOf: '2023-12-31T00:00:00.000Z' },
      { accountKey: 'frankly-3a', asset: { symbol: 'CHF', kind: 'fiat' }, quantity: '0.04', asOf: '2023-12-31T00:00:00.000Z' },
    ]);
    expect(out.prices).toEqual([{ asset, price: '154.8362', currency: 'CHF', at: '2023-12-29T00:00:00.000Z' }]);
  });

  it('reads the PDF (through pdfjs-dist) to the same records as its text', async () => {
    const fromPdf = await franklyZkbStatementParser.parse(toInput({ ...fixtureSample(DIR, 'Vermoegensausweis01.pdf'), mediaType: 'application/pdf' }));
    const fromText = await franklyZkbStatementParser.parse(toInput(fixtureSample(DIR, 'Vermoegensausweis01.txt')));
    expect(fromPdf).toEqual(fromText);
  });

  it('is not taken for an advice, and an advice is not taken for it', async () => {
    expect(await franklyZkbParser.detect(toInput(fixtureSample(DIR, 'Vermoegensausweis01.txt')))).toBe(false);
    expect(await franklyZkbStatementParser.detect(toInput(fixtureSample('frankly-zkb', 'Kauf05.txt')))).toBe(false);
  });

  const failure = async (name: string, content: string) =>
    Promise.resolve(franklyZkbStatementParser.parse(toInput(sample(name, content)))).then(
      () => null,
      (e: unknown) => e as StatementError,
    );

  it('without its total: names the last page', async () => {
    const error = await failure('no-total.txt', text().replace(/^Total Vermögen.*$/m, ''));
    expect(error).toBeInstanceOf(StatementError);
    expect(error?.message).toBe('page 2: no "Total Vermögen" line: the statement\'s total is missing, so it cannot be checked.');
  });

  it('a position whose value is not units × price: names the fund and its line', async () => {
    const error = await failure('bad-value.txt', text().replace("154.8362 29.12.2023 1'957.90", "154.8362 29.12.2023 1'967.90"));
    expect(error?.location).toBe('page 1, line 15');
    expect(error?.shortMessage).toContain(
      'the value of Swisscanto (CH) IPF III Vorsorge Fonds 95 Passiv NT (1967.9) is not its 12.645 units × 154.8362 = 1957.9',
    );
  });

  it('a total that is not the sum: names the total line', async () => {
    const error = await failure('bad-total.txt', text().replace("Total Vermögen 1'957.94", "Total Vermögen 1'958.94"));
    expect(error?.location).toBe('page 2, line 5');
    expect(error?.shortMessage).toContain('the total 1958.94 is not the sum of the positions and accounts listed (1957.94)');
  });
});
