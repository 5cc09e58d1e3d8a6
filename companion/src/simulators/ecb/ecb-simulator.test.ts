import { afterEach, describe, expect, it } from 'vitest';
import { parseEcbReferenceRates } from '../../pricing/providers/ecb/ecb-reference-rates.js';
import { EcbSimulator } from './ecb-simulator.js';

const running: EcbSimulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
});

async function start(at: string) {
  let now = Date.parse(at);
  const sim = new EcbSimulator({ clock: { now: () => now } });
  running.push(sim);
  await sim.start();
  const get = (name: string) => fetch(`${sim.apiUrl}/${name}`);
  return { sim, get, setNow: (iso: string) => (now = Date.parse(iso)) };
}

describe('ECB simulator', () => {
  it("serves the daily document in the ECB's layout, with the real rates of an anchor day", async () => {
    const { get } = await start('2024-06-28T15:30:00Z');
    const res = await get('eurofxref-daily.xml');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/xml');
    const text = await res.text();
    expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01"')).toBe(true);
    expect(text).toContain("\t\t<Cube time='2024-06-28'>\n\t\t\t<Cube currency='USD' rate='1.0705'/>\n");
    const [day] = parseEcbReferenceRates(text);
    expect(day?.day).toBe('2024-06-28');
    expect(day?.rates.get('CHF')).toBe('0.9634');
    expect(day?.rates.has('RUB')).toBe(false);
  });

  it('publishes a day at 16:00 Frankfurt time and nothing on weekends', async () => {
    const { get, setNow } = await start('2026-11-23T14:59:00Z');
    const day = async () => parseEcbReferenceRates(await (await get('eurofxref-daily.xml')).text())[0]?.day;
    expect(await day()).toBe('2026-11-20');
    setNow('2026-11-23T15:00:00Z');
    expect(await day()).toBe('2026-11-23');
  });

  it('lists the last 90 days and the full history newest first, working days only, from 4 January 1999', async () => {
    const { get } = await start('2026-11-23T18:00:00Z');
    const recent = parseEcbReferenceRates(await (await get('eurofxref-hist-90d.xml')).text());
    expect(recent[0]?.day).toBe('2026-11-23');
    expect(recent.at(-1)?.day).toBe('2026-08-25');
    expect(recent.some((d) => d.day === '2026-11-22')).toBe(false);
    const full = parseEcbReferenceRates(await (await get('eurofxref-hist.xml')).text());
    expect(full.at(-1)?.day).toBe('1999-01-04');
    expect(Object.fromEntries(full.at(-1)!.rates)).toEqual({ USD: '1.1789', JPY: '133.73', GBP: '0.71110', CHF: '1.6168' });
    // Between two anchors a rate moves in a straight line, with the later anchor's decimals.
    const midway = full.find((d) => d.day === '2024-03-19');
    expect(midway?.rates.get('USD')).toMatch(/^1\.07\d\d$/);
  });

  it('answers a scripted 503 and a document cut off mid-transfer', async () => {
    const { sim, get } = await start('2026-11-23T18:00:00Z');
    sim.faults.push({ kind: 'status', status: 503 });
    expect((await get('eurofxref-daily.xml')).status).toBe(503);
    sim.truncateNext();
    const cut = await (await get('eurofxref-daily.xml')).text();
    expect(() => parseEcbReferenceRates(cut)).toThrow(/incomplete or not XML/);
    expect(parseEcbReferenceRates(await (await get('eurofxref-daily.xml')).text())[0]?.day).toBe('2026-11-23');
    expect((await get('eurofxref-hist.zip')).status).toBe(404);
    expect(sim.requests.entries.map((r) => r.status)).toEqual([503, 200, 200, 404]);
  });
});
