import { readFileSync } from 'node:fs';
import { LayoutChangedError } from '@omnifolio/shared/errors';
import { describe, expect, it } from 'vitest';
import { parseEcbReferenceRates } from './ecb-reference-rates.js';

const fixture = (name: string) => readFileSync(new URL(`../../../../test/fixtures/ecb/${name}`, import.meta.url), 'utf8');

describe('parseEcbReferenceRates', () => {
  it('reads a real daily document with every rate as the published decimal string', () => {
    const [day, ...rest] = parseEcbReferenceRates(fixture('eurofxref-daily-2024-06-28.xml'));
    expect(rest).toEqual([]);
    expect(day?.day).toBe('2024-06-28');
    expect(day?.rates.size).toBe(30);
    // Transcribed from the document: trailing zeros are kept, nothing went through a float.
    expect(day?.rates.get('USD')).toBe('1.0705');
    expect(day?.rates.get('CHF')).toBe('0.9634');
    expect(day?.rates.get('GBP')).toBe('0.84638');
    expect(day?.rates.get('HUF')).toBe('395.10');
    expect(day?.rates.get('IDR')).toBe('17487.21');
    expect(day?.rates.get('PHP')).toBe('62.560');
  });

  it('reads an older document with currencies the ECB has since stopped, and a trailing comment', () => {
    const [day] = parseEcbReferenceRates(fixture('eurofxref-daily-2015-02-12.xml'));
    expect(day?.day).toBe('2015-02-12');
    expect(day?.rates.size).toBe(31);
    expect(day?.rates.get('RUB')).toBe('75.2935');
    expect(day?.rates.get('HRK')).toBe('7.7230');
    expect(day?.rates.get('JPY')).toBe('135.72');
  });

  it('lists the days of a history document newest first, whatever the quoting', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01" xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref">
<gesmes:subject>Reference rates</gesmes:subject><gesmes:Sender><gesmes:name>European Central Bank</gesmes:name></gesmes:Sender>
<Cube><Cube time="2024-06-27"><Cube currency="USD" rate="1.0691"/><Cube currency="CHF" rate="0.9614"/></Cube>
<Cube time='2024-06-28'><Cube currency='USD' rate='1.0705'/><Cube currency='CHF' rate='0.9634'/></Cube></Cube></gesmes:Envelope>`;
    const days = parseEcbReferenceRates(xml);
    expect(days.map((d) => d.day)).toEqual(['2024-06-28', '2024-06-27']);
    expect(Object.fromEntries(days[1]!.rates)).toEqual({ USD: '1.0691', CHF: '0.9614' });
  });

  it('refuses a document cut off in transfer instead of reading part of it', () => {
    const xml = fixture('eurofxref-daily-2024-06-28.xml');
    const cut = xml.slice(0, Math.floor(xml.length / 2));
    expect(() => parseEcbReferenceRates(cut)).toThrow(LayoutChangedError);
    expect(() => parseEcbReferenceRates(cut)).toThrow(/incomplete or not XML/);
  });

  it('names the day and currency of a rate that is not a decimal', () => {
    const xml = fixture('eurofxref-daily-2024-06-28.xml').replace("rate='0.9634'", "rate='n/a'");
    expect(() => parseEcbReferenceRates(xml)).toThrow(/2024-06-28, currency CHF: rate "n\/a" is not a positive decimal/);
  });

  it('refuses an HTML page served in place of the document', () => {
    expect(() => parseEcbReferenceRates('<html><body><h1>503 Service Unavailable</h1></body></html>')).toThrow(LayoutChangedError);
  });
});
