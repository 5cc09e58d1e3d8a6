import { describe, expect, it } from 'vitest';
import { cashFlowPass, cashFlows } from './cash-flows.js';
import { movement } from './movement.test-support.js';

const m = movement;

/*
 * Cash flows in two passes, split at an instant (the ledger's checkpoint, ledger-build.ts),
 * must give what one pass gives. The window is 72 hours.
 *   Before 05-10 00:00: deposit 5,000 USD (05-01); 0.5 BTC leaves Binance 05-09 22:00 (30,000)
 *   and arrives in the Ledger wallet 05-10 01:00, after the split: one transfer, no flow.
 *   1 ETH leaves 05-02 (2,000) for someone else: more than 72 h before the split, so the first
 *   pass already settles it as a flow. An unpriced token arrives 05-03.
 *   After: 100 USD leaves 05-11 (a flow); another unpriced token leaves 05-12.
 */
describe('cash flows in passes', () => {
  const split = '2026-05-10T00:00:00.000Z';
  const before = [
    m('dep', 'binance', 'in', '5000', '2026-05-01T09:00:00.000Z', '5000', 'fiat:USD'),
    m('eth-out', 'binance', 'out', '1', '2026-05-02T10:00:00.000Z', '2000', 'cg:ethereum'),
    m('airdrop', 'wallet', 'in', '10', '2026-05-03T10:00:00.000Z', null, 'evm:1:0xabc'),
    m('btc-out', 'binance', 'out', '0.5', '2026-05-09T22:00:00.000Z', '30000'),
  ];
  const after = [
    m('btc-in', 'ledger', 'in', '0.5', '2026-05-10T01:00:00.000Z', '30100'),
    m('usd-out', 'binance', 'out', '100', '2026-05-11T12:00:00.000Z', '100', 'fiat:USD'),
    m('token-out', 'wallet', 'out', '4', '2026-05-12T08:00:00.000Z', null, 'evm:1:0xabc'),
  ];

  it('keeps open only the withdrawals an arrival after the split could still pair', () => {
    const first = cashFlowPass(before, { timeZone: 'UTC' }, undefined, split);
    expect(first.openOuts.map((o) => o.id)).toEqual(['btc-out']);
    expect([...first.byDay]).toEqual([
      ['2026-05-01', '5000'],
      ['2026-05-02', '-2000'],
    ]);
    expect(first.unvalued.map((u) => u.id)).toEqual(['airdrop']);
  });

  it('pairs across the split and gives the flows of one pass', () => {
    const first = cashFlowPass(before, { timeZone: 'UTC' }, undefined, split);
    const { openOuts, ...flows } = cashFlowPass(after, { timeZone: 'UTC' }, first);
    expect(openOuts).toEqual([]);
    expect(flows).toEqual(cashFlows([...before, ...after], { timeZone: 'UTC' }));
    expect(flows.internalTransfers).toEqual([{ outId: 'btc-out', inId: 'btc-in' }]);
    expect([...flows.byDay]).toEqual([
      ['2026-05-01', '5000'],
      ['2026-05-02', '-2000'],
      ['2026-05-11', '-100'],
    ]);
    expect(flows.unvalued.map((u) => u.id)).toEqual(['airdrop', 'token-out']);
  });

  it('settles a withdrawal that finds no arrival after the split as a flow', () => {
    const first = cashFlowPass(before, { timeZone: 'UTC' }, undefined, split);
    const flows = cashFlowPass(after.slice(1), { timeZone: 'UTC' }, first);
    expect(flows.internalTransfers).toEqual([]);
    expect(flows.byDay.get('2026-05-09')).toBe('-30000');
    expect(flows).toEqual({ ...cashFlows([...before, ...after.slice(1)], { timeZone: 'UTC' }), openOuts: [] });
  });
});
