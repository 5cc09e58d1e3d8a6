import { LayoutChangedError } from '@omnifolio/shared/errors';
import { isDecimalString } from '@omnifolio/shared/money';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * The ECB's euro foreign exchange reference rates, as its three XML documents publish them
 * (eurofxref-daily.xml: the latest day; eurofxref-hist-90d.xml: the last 90 days;
 * eurofxref-hist.xml: every day since 4 January 1999), trimmed:
 *
 *   <gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01" xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref">
 *     <gesmes:subject>Reference rates</gesmes:subject>
 *     <gesmes:Sender><gesmes:name>European Central Bank</gesmes:name></gesmes:Sender>
 *     <Cube>
 *       <Cube time='2024-06-28'>
 *         <Cube currency='USD' rate='1.0705'/>
 *         <Cube currency='CHF' rate='0.9634'/> …
 *
 * Every rate says how many units of the currency one euro buys. History documents list the
 * days newest first; a day the ECB did not publish (weekends, TARGET holidays) is absent.
 */

/** One publication: the reference day and currency → units per euro, as the decimal strings published. */
export interface EcbRateDay {
  /** `YYYY-MM-DD`, the day the rates were set (published about 16:00 CET that day). */
  day: string;
  rates: Map<string, string>;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  // Keep every value a string: a rate must never pass through a float.
  parseAttributeValue: false,
  parseTagValue: false,
  removeNSPrefix: true,
  isArray: (name) => name === 'Cube',
});

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const CURRENCY = /^[A-Z]{3}$/;

/**
 * Reads one of the ECB's reference-rate documents into days, newest first. A document cut off
 * in transfer or laid out differently is refused with LayoutChangedError naming where, never
 * read in part: a missing day must be fetched again, not taken as "no rate".
 */
export function parseEcbReferenceRates(xml: string): EcbRateDay[] {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new LayoutChangedError('The ECB reference rates could not be read: the document is incomplete or not XML.', {
      details: `line ${valid.err.line}, column ${valid.err.col}: ${valid.err.msg}`,
      hints: ['This is usually a transfer cut short; the rates are fetched again at the next refresh.'],
    });
  }
  const doc = parser.parse(xml) as { Envelope?: { Cube?: { Cube?: unknown[] }[] } };
  const outer = doc.Envelope?.Cube?.[0];
  if (doc.Envelope === undefined || outer === undefined) throw layout('no <gesmes:Envelope> with a <Cube> inside');
  const days: EcbRateDay[] = [];
  for (const [index, node] of (outer.Cube ?? []).entries()) {
    const entry = node as { time?: unknown; Cube?: { currency?: unknown; rate?: unknown }[] };
    const day = entry.time;
    if (typeof day !== 'string' || !DAY.test(day)) throw layout(`day ${index + 1} has no time='YYYY-MM-DD' (found ${JSON.stringify(day)})`);
    const rates = new Map<string, string>();
    for (const rate of entry.Cube ?? []) {
      const { currency, rate: value } = rate;
      if (typeof currency !== 'string' || !CURRENCY.test(currency))
        throw layout(`${day}: a rate has no three-letter currency (found ${JSON.stringify(currency)})`);
      if (typeof value !== 'string' || !isDecimalString(value.trim()) || value.trim().startsWith('-'))
        throw layout(`${day}, currency ${currency}: rate ${JSON.stringify(value)} is not a positive decimal`);
      rates.set(currency, value.trim());
    }
    days.push({ day, rates });
  }
  return days.sort((a, b) => (a.day < b.day ? 1 : a.day > b.day ? -1 : 0));
}

function layout(where: string): LayoutChangedError {
  return new LayoutChangedError(`The ECB reference rates are not laid out as expected: ${where}.`, {
    hints: ['The ECB may have changed its document format; FX falls back to the last stored rates until Omnifolio is updated.'],
  });
}
