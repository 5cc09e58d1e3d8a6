import { dec, toDecimalString } from '@omnifolio/shared/money';
import type { ActivityRecord } from '@omnifolio/shared/schemas';
import { StatementError } from '../statement-error.js';
import { emptyStatement, type ParsedStatement, type StatementAsset, type StatementParser } from '../types.js';
import { isZkbDocument, parseZkbDocument, type ZkbDocument } from './zkb-document.js';

/**
 * Frankly (the Zürcher Kantonalbank's 3a app) and ZKB securities-account advices, from the
 * PDF (through pdfjs-dist) or from a `.txt` of its extracted text. See zkb-document.ts for
 * the layout. frankly advices go to a pension_3a account, ZKB ones to a brokerage account.
 */
export const franklyZkbParser = {
  id: 'frankly-zkb',
  name: 'Frankly / Zürcher Kantonalbank advices',
  version: '1',
  formats: ['pdf', 'text'],
  async detect(input) {
    return isZkbDocument(await input.lines());
  },
  async parse(input): Promise<ParsedStatement> {
    const lines = await input.lines();
    if (!isZkbDocument(lines)) {
      throw new StatementError(`${input.filename} is not a Zürcher Kantonalbank or frankly advice this parser reads (purchase, sale or income).`, {
        code: 'not_supported',
        location: 'document title',
      });
    }
    return toStatement(parseZkbDocument(lines));
  },
} satisfies StatementParser;

export function toStatement(doc: ZkbDocument): ParsedStatement {
  const out = emptyStatement();
  const account = doc.frankly
    ? { key: 'frankly-3a', type: 'pension_3a' as const, name: 'frankly 3a (Zürcher Kantonalbank)', baseCurrency: 'CHF' }
    : { key: 'zkb-depot', type: 'brokerage' as const, name: 'ZKB securities account', baseCurrency: doc.amount.currency };
  out.accounts.push(account);
  const fund = doc.frankly || /\b(Fund|Fonds|ETF|Units|Anteile)\b/i.test(doc.security.name);
  const asset: StatementAsset = {
    symbol: doc.security.isin,
    kind: fund ? 'fund' : 'equity',
    isin: doc.security.isin,
    valor: doc.security.valor,
    name: doc.security.name,
  };
  out.assets.push(asset);
  const executedAt = `${doc.date}T00:00:00.000Z`;
  const charges = dec(doc.fees.value).plus(doc.taxes.value);
  const base = { accountKey: account.key, providerRef: '', executedAt, raw: doc };
  let activity: ActivityRecord;
  if (doc.kind === 'dividend') {
    activity = {
      ...base,
      type: 'dividend',
      asset: doc.amount.currency,
      quantity: doc.amount.value,
      quoteAsset: null,
      price: null,
      fee: charges.isZero() ? null : toDecimalString(charges),
      feeAsset: charges.isZero() ? null : doc.amount.currency,
    };
  } else {
    activity = {
      ...base,
      type: doc.kind === 'purchase' ? 'buy' : 'sell',
      asset: doc.security.isin,
      quantity: doc.shares,
      quoteAsset: doc.security.currency,
      price: doc.price,
      fee: charges.isZero() ? null : toDecimalString(charges),
      feeAsset: charges.isZero() ? null : doc.amount.currency,
    };
  }
  out.activities.push(activity);
  // A fund's NAV is the valuation price; a share's trade price is the best the advice states.
  const price = doc.nav ?? doc.price;
  if (price) out.prices.push({ asset, price, currency: doc.security.currency, at: executedAt });
  out.statementDate = doc.date;
  return out;
}
