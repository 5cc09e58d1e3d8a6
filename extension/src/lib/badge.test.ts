import { describe, expect, it } from 'vitest';
import { BADGE_COLORS, badgeState } from './badge';
import { downProblem } from './probe';
import { connectionSummary, overviewOf } from './test-fixtures';

const health = { ok: true, name: 'omnifolio-companion', version: '0.1.0', paired: true } as const;

describe('badgeState', () => {
  it('companion down: "off", grey, and how to start it', () => {
    const badge = badgeState({ state: 'down', baseUrl: 'http://127.0.0.1:47821', problem: downProblem('http://127.0.0.1:47821') });
    expect(badge.text).toBe('off');
    expect(badge.color).toBe(BADGE_COLORS.idle);
    expect(badge.title).toBe('Omnifolio: The Omnifolio companion is not running. Start it with `npm start` in the Omnifolio folder.');
  });

  it('not paired: "?", grey, pointing at the options page', () => {
    const badge = badgeState({ state: 'not-paired', reason: 'no-token', problem: { code: 'not_paired', message: '', hints: [] } });
    expect(badge).toEqual({
      text: '?',
      color: BADGE_COLORS.idle,
      title: 'Omnifolio: not paired with the companion yet. Open the options page to pair.',
    });
    const rejected = badgeState({ state: 'not-paired', reason: 'rejected', problem: { code: 'token_rejected', message: '', hints: [] } });
    expect(rejected.text).toBe('?');
    expect(rejected.title).toMatch(/no longer accepts/);
  });

  it('a failing connection: "!", red, naming it and the reason', () => {
    const overview = overviewOf({
      connections: [
        connectionSummary({ id: 'a', label: 'Kraken', status: 'ok' }),
        connectionSummary({
          id: 'b',
          label: 'Binance main',
          status: 'error',
          lastError: { code: 'auth_failed', message: 'Binance rejected the API key.', hints: [] },
        }),
      ],
    });
    const badge = badgeState({ state: 'ready', health, overview });
    expect(badge.text).toBe('!');
    expect(badge.color).toBe(BADGE_COLORS.error);
    expect(badge.title).toBe('Omnifolio: a connection is failing.\nBinance main: Binance rejected the API key.');
  });

  it('counts several failing connections', () => {
    const overview = overviewOf({
      connections: [
        connectionSummary({ id: 'a', label: 'A', status: 'error', lastError: null }),
        connectionSummary({ id: 'b', label: 'B', status: 'error', lastError: { code: 'unavailable', message: 'B is down.', hints: [] } }),
      ],
    });
    expect(badgeState({ state: 'ready', health, overview }).title).toBe('Omnifolio: 2 connections are failing.\nA: the last sync failed.\nB: B is down.');
  });

  it('all fine: no text, green, with the exact total in the tooltip', () => {
    const overview = overviewOf({
      total: { usd: '1234567.895', chf: '1' },
      connections: [connectionSummary({ id: 'a' }), connectionSummary({ id: 'b', status: 'syncing' })],
    });
    expect(badgeState({ state: 'ready', health, overview })).toEqual({
      text: '',
      color: BADGE_COLORS.ok,
      title: 'Omnifolio: $1,234,567.90 across 2 connections, all syncing fine.',
    });
  });

  it('gives the total in the base currency the user chose', () => {
    const inChf = overviewOf({ total: { usd: '1000', chf: '905.5' }, base: { currency: 'CHF', perUsd: null, fx: null } });
    expect(badgeState({ state: 'ready', health, overview: inChf }).title).toBe('Omnifolio: CHF\u00a0905.50 across 1 connection, all syncing fine.');
    const inEur = overviewOf({ total: { usd: '1000', chf: '905.5', base: '934.14' }, base: { currency: 'EUR', perUsd: '0.93414', fx: null } });
    expect(badgeState({ state: 'ready', health, overview: inEur }).title).toBe('Omnifolio: €934.14 across 1 connection, all syncing fine.');
    // EUR chosen but its rates not stored yet: the total stays in dollars.
    const noRate = overviewOf({ total: { usd: '1000', chf: '905.5' }, base: { currency: 'EUR', perUsd: null, fx: null } });
    expect(badgeState({ state: 'ready', health, overview: noRate }).title).toBe('Omnifolio: $1,000.00 across 1 connection, all syncing fine.');
  });

  it('says when prices are stale, and when there is nothing yet', () => {
    const stale = overviewOf({ pricing: { source: 'coingecko', asOf: null, stale: true } });
    expect(badgeState({ state: 'ready', health, overview: stale }).title).toMatch(/Prices are out of date\.$/);
    const empty = overviewOf({ connections: [] });
    expect(badgeState({ state: 'ready', health, overview: empty }).title).toBe('Omnifolio: paired. No connections yet; add one on the options page.');
  });

  it('the overview failed: "!", red, with the companion’s words', () => {
    const badge = badgeState({
      state: 'failed',
      health: null,
      problem: { code: 'internal', message: 'Something went wrong inside the companion.', hints: [] },
    });
    expect(badge).toEqual({ text: '!', color: BADGE_COLORS.error, title: 'Omnifolio: Something went wrong inside the companion.' });
  });
});
