import { dec } from '@omnifolio/shared/money';
import { describe, expect, it } from 'vitest';
import { loadDemoPrices } from './demo-prices.js';

describe('demo prices', () => {
  const data = loadDemoPrices();

  it('prices every coin of the demo portfolio in USD and CHF', () => {
    const coins = [
      'bitcoin',
      'ethereum',
      'binancecoin',
      'solana',
      'tether',
      'usd-coin',
      'cardano',
      'ripple',
      'dogecoin',
      'polkadot',
      'chainlink',
      'avalanche-2',
      'matic-network',
      'polygon-ecosystem-token',
    ];
    for (const id of coins) {
      expect(Object.keys(data.prices[id] ?? {}).sort(), id).toEqual(['chf', 'usd']);
    }
  });

  it('has exchange rates that agree with the bitcoin prices', () => {
    expect(data.exchangeRates.usd?.value).toBe(data.prices.bitcoin?.usd);
    expect(data.exchangeRates.chf?.value).toBe(data.prices.bitcoin?.chf);
    expect(data.exchangeRates.btc?.value).toBe('1');
    for (const code of ['usd', 'chf', 'eur', 'gbp']) expect(data.exchangeRates[code]?.type, code).toBe('fiat');
  });

  it('has CHF prices that follow the USD prices at one CHF/USD rate', () => {
    const chfPerUsd = dec(data.exchangeRates.chf?.value ?? '0').div(data.exchangeRates.usd?.value ?? '1');
    for (const [id, p] of Object.entries(data.prices)) {
      const implied = dec(p.usd ?? '0').mul(chfPerUsd);
      const relativeError = implied
        .minus(p.chf ?? '0')
        .abs()
        .div(implied);
      expect(relativeError.lessThan('1e-8'), id).toBe(true);
    }
  });
});
