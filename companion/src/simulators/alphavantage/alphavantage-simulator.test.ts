import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ALPHAVANTAGE_MESSAGES, ALPHAVANTAGE_SIMULATOR_KEY, AlphaVantageSimulator } from './alphavantage-simulator.js';

describe('Alpha Vantage simulator', () => {
  // Monday 3 June 2024, 17:00 in New York.
  const t = Date.parse('2024-06-03T21:00:00Z');
  let sim: AlphaVantageSimulator;
  type Body = Record<string, Record<string, Record<string, string>>>;
  const get = async (query: string): Promise<Body> => {
    const response = await fetch(`${sim.baseUrl}/query?${query}`);
    expect(response.status).toBe(200);
    return (await response.json()) as Body;
  };
  beforeEach(async () => {
    sim = new AlphaVantageSimulator({ clock: { now: () => t }, perDay: 3 });
    sim.setListing('IBM', {
      timezone: 'America/New_York',
      opensAt: '09:30',
      closes: [
        { day: '2024-05-31', price: '168.53' },
        { day: '2024-06-03', price: '169.38' },
        { day: '2024-06-04', price: '170' },
      ],
    });
    await sim.start();
  });
  afterEach(() => sim.stop());

  it("answers Alpha Vantage's quote and daily series with four-decimal strings, newest day first", async () => {
    expect(await get(`function=GLOBAL_QUOTE&symbol=IBM&apikey=${ALPHAVANTAGE_SIMULATOR_KEY}`)).toEqual({
      'Global Quote': {
        '01. symbol': 'IBM',
        '02. open': '169.3800',
        '03. high': '169.3800',
        '04. low': '169.3800',
        '05. price': '169.3800',
        '06. volume': '0',
        '07. latest trading day': '2024-06-03',
        '08. previous close': '168.5300',
        '09. change': '0.8500',
        '10. change percent': '0.5044%',
      },
    });
    const series = await get(`function=TIME_SERIES_DAILY&symbol=IBM&outputsize=compact&apikey=${ALPHAVANTAGE_SIMULATOR_KEY}`);
    expect(series['Meta Data']?.['3. Last Refreshed']).toBe('2024-06-03');
    expect(Object.keys(series['Time Series (Daily)'] ?? {})).toEqual(['2024-06-03', '2024-05-31']);
    expect(series['Time Series (Daily)']?.['2024-05-31']?.['4. close']).toBe('168.5300');
  });

  it('answers problems with HTTP 200 and a message: bad key, unknown symbol, premium output size, spent day', async () => {
    expect(await get('function=GLOBAL_QUOTE&symbol=IBM&apikey=nope')).toEqual({ 'Error Message': ALPHAVANTAGE_MESSAGES.badKey });
    expect(await get('function=GLOBAL_QUOTE&symbol=IBM')).toEqual({ 'Error Message': ALPHAVANTAGE_MESSAGES.badKey });
    expect(await get(`function=GLOBAL_QUOTE&symbol=NOPE&apikey=${ALPHAVANTAGE_SIMULATOR_KEY}`)).toEqual({ 'Global Quote': {} });
    expect(await get(`function=TIME_SERIES_DAILY&symbol=NOPE&apikey=${ALPHAVANTAGE_SIMULATOR_KEY}`)).toEqual({
      'Error Message': ALPHAVANTAGE_MESSAGES.invalidCall('TIME_SERIES_DAILY'),
    });
    expect(await get(`function=TIME_SERIES_DAILY&symbol=IBM&outputsize=full&apikey=${ALPHAVANTAGE_SIMULATOR_KEY}`)).toEqual({
      Information: ALPHAVANTAGE_MESSAGES.fullIsPremium,
    });
    // Three keyed requests so far (the bad keys are not counted): the day's allowance is spent.
    expect(await get(`function=GLOBAL_QUOTE&symbol=IBM&apikey=${ALPHAVANTAGE_SIMULATOR_KEY}`)).toEqual({ Information: ALPHAVANTAGE_MESSAGES.perDay });
  });
});
