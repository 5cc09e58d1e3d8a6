import { StatementError } from '../statement-error.js';
import { emptyStatement, type ParsedStatement, type StatementAsset, type StatementParser } from '../types.js';
import { franklyZkbParser } from './frankly-zkb-parser.js';
import { isZkbPortfolioStatement, parseZkbPortfolioStatement } from './zkb-portfolio-statement.js';

/**
 * The periodic portfolio statement (Vermögensausweis) of frankly 3a and ZKB securities
 * accounts, from the PDF or a `.txt` of its text: the holdings on the statement's date, each
 * fund priced at the NAV it states (used where no market price exists). The layout is
 * modelled (zkb-portfolio-statement.ts); its records go to the same accounts as the advices.
 */
export const franklyZkbStatementParser = {
  id: 'frankly-zkb-statement',
  name: 'Frankly / Zürcher Kantonalbank portfolio statements',
  version: '1',
  formats: ['pdf', 'text'],
  provider: { id: franklyZkbParser.id, name: franklyZkbParser.name },
  async detect(input) {
    return isZkbPortfolioStatement(await input.lines());
  },
  async parse(input): Promise<ParsedStatement> {
    const lines = await input.lines();
    if (!isZkbPortfolioStatement(lines)) {
      throw new StatementError(`${input.filename} is not a Zürcher Kantonalbank or frankly portfolio statement (Vermögensausweis).`, {
        code: 'not_supported',
        location: 'page 1',
      });
    }
    const doc = parseZkbPortfolioStatement(lines);
    const out = emptyStatement();
    const account = doc.frankly
      ? { key: 'frankly-3a', type: 'pension_3a' as const, name: 'frankly 3a (Zürcher Kantonalbank)', baseCurrency: 'CHF' }
      : { key: 'zkb-depot', type: 'brokerage' as const, name: 'ZKB securities account', baseCurrency: doc.valuationCurrency };
    out.accounts.push(account);
    const asOf = `${doc.date}T00:00:00.000Z`;
    for (const p of doc.positions) {
      const asset: StatementAsset = {
        symbol: p.isin,
        kind: doc.frankly || /fonds|fund|etf/i.test(p.name) ? 'fund' : 'equity',
        isin: p.isin,
        valor: p.valor,
        name: p.name,
      };
      out.assets.push(asset);
      out.holdings.push({ accountKey: account.key, asset, quantity: p.units, asOf });
      out.prices.push({ asset, price: p.price, currency: p.currency, at: `${p.priceDate}T00:00:00.000Z` });
    }
    for (const a of doc.accounts) out.holdings.push({ accountKey: account.key, asset: { symbol: a.currency, kind: 'fiat' }, quantity: a.balance, asOf });
    out.statementDate = doc.date;
    return out;
  },
} satisfies StatementParser;
