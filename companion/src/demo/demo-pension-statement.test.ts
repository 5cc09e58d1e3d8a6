import { dec } from '@omnifolio/shared/money';
import { describe, expect, it } from 'vitest';
import { finpensionParser } from '../ingest/parsers/finpension/finpension-parser.js';
import { createStatementInput } from '../ingest/parsers/statement-input.js';
import { demoPensionStatement } from './demo-pension-statement.js';

const ETF = 'CH0237935652';

describe('the demo’s Finpension 3a report', () => {
  // A Sunday afternoon: the last trading day is Friday 20 November 2026.
  const now = Date.UTC(2026, 10, 22, 15, 0, 0);
  const statement = demoPensionStatement(now);
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(statement.bytes);
  const parse = () =>
    finpensionParser.parse(createStatementInput({ filename: statement.filename, mediaType: statement.mediaType, bytes: statement.bytes }, 'csv'));

  it('is read by the Finpension parser without a warning: every running balance follows', async () => {
    expect(await finpensionParser.detect(createStatementInput(statement, 'csv'))).toBe(true);
    const parsed = await parse();
    expect(parsed.warnings).toEqual([]);
    expect(parsed.accounts).toEqual([{ key: 'pillar-3a', type: 'pension_3a', name: 'Finpension 3a', baseCurrency: 'CHF' }]);
    expect(parsed.statementDate).toBe('2026-11-09');
    expect(parsed.holdings.map((h) => h.asset.symbol).sort()).toEqual(['CH0189956813', 'CH0237935652', 'CH0429081620', 'CHF']);
  });

  it('pays in CHF 588 every month for four years, from November 2022', async () => {
    const deposits = (await parse()).activities.filter((a) => a.type === 'deposit');
    expect(deposits).toHaveLength(49);
    expect(deposits.every((d) => d.quantity === '588')).toBe(true);
    expect(deposits[0]?.executedAt).toBe('2022-11-07T00:00:00.000Z');
    expect(deposits.at(-1)?.executedAt).toBe('2026-11-05T00:00:00.000Z');
  });

  it('buys the listed ETF at Yahoo’s close of the day, and ends at today’s close', async () => {
    const closes = new Map(statement.listings.get('CHSPI.SW')!.closes.map((c) => [c.day, c.price]));
    const buys = (await parse()).activities.filter((a) => a.type === 'buy' && a.asset === ETF);
    expect(buys.length).toBeGreaterThan(40);
    for (const buy of buys) expect(dec(closes.get(buy.executedAt.slice(0, 10))!).eq(buy.price!), buy.executedAt).toBe(true);
    expect(statement.listings.get('CHSPI.SW')?.closes.at(-1)).toEqual({ day: '2026-11-20', price: '171.86' });
    expect(statement.listings.get('CHSPI.SW')).toMatchObject({ currency: 'CHF', instrumentType: 'ETF', timezone: 'Europe/Zurich' });
  });

  it('maps only the ETF in OpenFIGI, on SIX first; the pension funds are listed nowhere', () => {
    expect([...statement.figi.keys()]).toEqual([ETF]);
    expect(statement.figi.get(ETF)?.map((l) => `${l.ticker} ${l.exchCode}`)).toEqual(['CHSPI SW', 'CHSPI SE', 'CHSPI GY']);
    expect([...statement.listings.keys()]).toEqual(['CHSPI.SW']);
  });

  it('is laid out as Finpension exports: BOM, the header, newest row first', () => {
    expect(
      text.startsWith('\uFEFFDate;Category;"Asset Name";ISIN;"Number of Shares";"Asset Currency";"Currency Rate";"Asset Price in CHF";"Cash Flow";Balance\n'),
    ).toBe(true);
    const days = text
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.slice(0, 10));
    expect(days).toEqual([...days].sort().reverse());
    expect(text).toContain(';"Flat-rate administrative fee";;;;CHF;1.000000;;-');
  });

  it('gives the same bytes all day, so a restarted demo stores it once', () => {
    expect(demoPensionStatement(now + 3_600_000).bytes).toEqual(statement.bytes);
  });
});
