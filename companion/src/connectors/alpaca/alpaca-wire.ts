/** Alpaca Trading API v2 answers, as documented (decimal strings for money). Only used fields. */

export interface AlpacaAccount {
  id: string;
  account_number: string;
  status: string;
  currency: string;
  cash: string;
  equity: string;
}

export interface AlpacaPosition {
  symbol: string;
  asset_class: 'us_equity' | 'us_option' | 'crypto';
  qty: string;
  side: 'long' | 'short';
  avg_entry_price: string;
  current_price: string | null;
  market_value: string | null;
  unrealized_pl: string | null;
}

/** A fill: `{"id":"20190524113406977::8efc7b9a-…","activity_type":"FILL","transaction_time":…,"side":"buy","qty":"1","price":"1.63",…}` */
export interface AlpacaFill {
  id: string;
  activity_type: 'FILL';
  transaction_time: string;
  type: string;
  side: 'buy' | 'sell' | 'sell_short';
  symbol: string;
  qty: string;
  price: string;
  order_id: string;
}

/** A non-trade activity: `{"id":…,"activity_type":"DIV","date":"2019-08-01","net_amount":"1.02","symbol":"T","status":"executed"}` */
export interface AlpacaNonTradeActivity {
  id: string;
  activity_type: string;
  date: string;
  net_amount: string;
  description?: string;
  symbol?: string;
  qty?: string;
  status?: string;
}

export type AlpacaActivity = AlpacaFill | AlpacaNonTradeActivity;
