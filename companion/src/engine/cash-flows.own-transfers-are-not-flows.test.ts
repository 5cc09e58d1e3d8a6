import { describe, expect, it } from 'vitest';
import { cashFlows } from './cash-flows.js';
import { movement } from './movement.test-support.js';

const m = movement;

describe('cashFlows', () => {
  it('pairs an exchange withdrawal with the deposit in the cold wallet: no flow, no loss', () => {
    const flows = cashFlows(
      [
        m('dep-usd', 'binance', 'in', '5000', '2024-03-01T09:00:00Z', '5000', 'fiat:USD'),
        m('w1', 'binance', 'out', '0.5', '2024-03-02T10:00:00Z', '30000'),
        m('d1', 'ledger', 'in', '0.5', '2024-03-02T10:40:00Z', '30010'),
        // Leaves for someone else: a real withdrawal of 1000.
        m('w2', 'binance', 'out', '1000', '2024-03-03T12:00:00Z', '1000', 'fiat:USD'),
      ],
      { timeZone: 'UTC' },
    );
    expect(flows.internalTransfers).toEqual([{ outId: 'w1', inId: 'd1' }]);
    expect([...flows.byDay]).toEqual([
      ['2024-03-01', '5000'],
      ['2024-03-03', '-1000'],
    ]);
  });

  it('books a flow on the day of the user’s zone, and does not pair within the same account or too late', () => {
    const flows = cashFlows(
      [
        // 23:30 UTC on 31 Dec is 00:30 on 1 Jan in Zurich.
        m('d0', 'bank', 'in', '100', '2023-12-31T23:30:00Z', '100', 'fiat:CHF'),
        m('w1', 'binance', 'out', '1', '2024-01-05T00:00:00Z', '60000'),
        m('d1', 'binance', 'in', '1', '2024-01-05T01:00:00Z', '60000'),
        m('d2', 'ledger', 'in', '1', '2024-01-09T00:00:00Z', '61000'),
      ],
      { timeZone: 'Europe/Zurich' },
    );
    expect(flows.internalTransfers).toEqual([]);
    // 01-05: −60000 + 60000 = 0 (same account: a withdrawal and a deposit, both external)
    expect([...flows.byDay]).toEqual([
      ['2024-01-01', '100'],
      ['2024-01-05', '0'],
      ['2024-01-09', '61000'],
    ]);
  });

  it('allows a network to deduct up to the tolerance, and lists unpriced movements apart', () => {
    const flows = cashFlows(
      [
        m('w', 'a', 'out', '100', '2024-01-01T00:00:00Z', '100', 'cg:tether'),
        m('d', 'b', 'in', '99.5', '2024-01-01T00:05:00Z', '99.5', 'cg:tether'),
        m('x', 'b', 'in', '7', '2024-01-02T00:00:00Z', null, 'sym:XYZ'),
      ],
      { timeZone: 'UTC' },
    );
    expect(flows.internalTransfers).toEqual([{ outId: 'w', inId: 'd' }]);
    expect(flows.byDay.size).toBe(0);
    expect(flows.unvalued.map((u) => u.id)).toEqual(['x']);
  });
});
