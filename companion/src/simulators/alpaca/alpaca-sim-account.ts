/**
 * A simulated Alpaca brokerage account, with the fields of Alpaca's Trading API v2 as it
 * sends them (decimal strings throughout). Times are ISO strings.
 */

export interface AlpacaSimPosition {
  symbol: string;
  asset_class: 'us_equity' | 'crypto';
  qty: string;
  avg_entry_price: string;
  current_price: string;
}

/** `GET /v2/account/activities` entries: a fill (trade activity) or a non-trade activity. */
export type AlpacaSimActivity =
  | {
      id: string;
      activity_type: 'FILL';
      transaction_time: string;
      type: 'fill' | 'partial_fill';
      price: string;
      qty: string;
      side: 'buy' | 'sell' | 'sell_short';
      symbol: string;
      leaves_qty: string;
      order_id: string;
      cum_qty: string;
      order_status: string;
    }
  | {
      id: string;
      /** DIV, DIVNRA (withholding), FEE, INT, CSD (deposit), CSW (withdrawal), TRANS, JNLC, … */
      activity_type: string;
      date: string;
      net_amount: string;
      description: string;
      status: 'executed' | 'correct' | 'canceled';
      symbol?: string;
      qty?: string;
      per_share_amount?: string;
    };

export interface AlpacaSimAccount {
  keyId: string;
  secretKey: string;
  accountNumber: string;
  cash: string;
  positions: AlpacaSimPosition[];
  activities: AlpacaSimActivity[];
}

let sequence = 0;

/** Alpaca activity ids: the time to the millisecond, `::`, a UUID; they sort by time. */
export function alpacaActivityId(at: number): string {
  sequence += 1;
  const stamp = new Date(at)
    .toISOString()
    .replace(/[-:T.Z]/g, '')
    .slice(0, 17);
  const uuid = `00000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`;
  return `${stamp}::${uuid}`;
}

export function loadAlpacaDemoAccount(now = Date.now()): AlpacaSimAccount {
  const day = 86_400_000;
  const at = (daysAgo: number) => now - daysAgo * day;
  const date = (daysAgo: number) => new Date(at(daysAgo)).toISOString().slice(0, 10);
  const fill = (daysAgo: number, symbol: string, side: 'buy' | 'sell', qty: string, price: string): AlpacaSimActivity => ({
    id: alpacaActivityId(at(daysAgo)),
    activity_type: 'FILL',
    transaction_time: new Date(at(daysAgo)).toISOString(),
    type: 'fill',
    price,
    qty,
    side,
    symbol,
    leaves_qty: '0',
    order_id: `904837e3-3b76-47ec-b432-046db621${String(daysAgo).padStart(4, '0')}`,
    cum_qty: qty,
    order_status: 'filled',
  });
  const nta = (daysAgo: number, activity_type: string, net_amount: string, description: string, extra: Record<string, string> = {}): AlpacaSimActivity => ({
    id: alpacaActivityId(at(daysAgo)),
    activity_type,
    date: date(daysAgo),
    net_amount,
    description,
    status: 'executed',
    ...extra,
  });
  return {
    keyId: 'PKDEMO0ALPACA0KEY000',
    secretKey: 'demo0alpaca0secret0key0000000000000000000',
    accountNumber: 'PA3DEMO00001',
    // Deposits, fills, dividends, fees and interest below add up to this.
    cash: '1074.24',
    positions: [
      { symbol: 'MSFT', asset_class: 'us_equity', qty: '4', avg_entry_price: '402.15', current_price: '431.2' },
      { symbol: 'SPY', asset_class: 'us_equity', qty: '2.5', avg_entry_price: '541.3', current_price: '588.12' },
    ],
    activities: [
      nta(200, 'CSD', '5000', 'ACH deposit'),
      fill(190, 'MSFT', 'buy', '4', '402.15'),
      fill(150, 'SPY', 'buy', '3.5', '541.3'),
      fill(40, 'SPY', 'sell', '1', '575.1'),
      nta(30, 'DIV', '3.6', 'Cash DIV @ 0.83', { symbol: 'MSFT', qty: '4', per_share_amount: '0.9' }),
      nta(30, 'DIVNRA', '-0.54', 'DIV NRA Withheld', { symbol: 'MSFT', qty: '4', per_share_amount: '0.9' }),
      nta(20, 'FEE', '-1', 'ADR Fee'),
      nta(10, 'CSW', '-1000', 'ACH withdrawal'),
      nta(5, 'INT', '0.23', 'Interest on cash'),
    ],
  };
}
