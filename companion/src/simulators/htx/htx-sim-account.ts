/**
 * The scripted state of one HTX user in the simulator, in HTX's wire format: the spot gateway's
 * `{ status: "ok", data }` rows with lower-case currencies and string amounts, numeric ids and
 * millisecond times, and the USDT-M (v5) rows.
 */

/** `GET /v1/account/accounts` row. `margin` accounts are isolated, one per symbol (`subtype`); `super-margin` is cross margin. */
export interface HtxWireAccount {
  id: number;
  type: 'spot' | 'margin' | 'super-margin' | 'otc' | 'point' | 'investment';
  subtype: string;
  state: 'working' | 'lock';
}

/**
 * `GET /v1/account/accounts/{account-id}/balance` `data.list[]` row: one row per currency and
 * kind: `trade` (free), `frozen` (in orders), `loan` and `interest` (owed in margin accounts,
 * negative), `lock`, `bank`.
 */
export interface HtxWireBalanceRow {
  currency: string;
  type: 'trade' | 'frozen' | 'loan' | 'interest' | 'lock' | 'bank';
  balance: string;
  'seq-num': string;
}

/** `GET /v1/order/matchresults` row. `id` is the record id (paging); `trade-id` is per symbol. */
export interface HtxWireTrade {
  id: number;
  symbol: string;
  'order-id': number;
  'match-id': number;
  'trade-id': number;
  type: string;
  source: string;
  price: string;
  'filled-amount': string;
  'filled-fees': string;
  'fee-currency': string;
  'filled-points': string;
  'fee-deduct-currency': string;
  'fee-deduct-state': string;
  role: 'maker' | 'taker';
  'created-at': number;
}

/** `GET /v1/query/deposit-withdraw` row; deposits and withdrawals share one id sequence. */
export interface HtxWireTransfer {
  id: number;
  type: 'deposit' | 'withdraw';
  currency: string;
  chain: string;
  'tx-hash': string;
  amount: string;
  fee: string;
  address: string;
  'address-tag': string;
  state: string;
  'created-at': number;
  'updated-at': number;
}

/** `GET /v1/common/symbols` row (what the connector reads of it). */
export interface HtxWireSymbol {
  symbol: string;
  'base-currency': string;
  'quote-currency': string;
  state: 'online' | 'offline';
}

/** `GET /linear-swap-api/v1/swap_contract_info` row; `contract_size` is a JSON number, as HTX sends it. */
export interface HtxWireContract {
  symbol: string;
  contract_code: string;
  contract_size: number;
  price_tick: number;
  contract_status: number;
  support_margin_mode: 'cross' | 'isolated' | 'all';
  business_type: 'swap';
}

/**
 * Coin-margined (inverse) swaps, `POST /swap-api/v1/swap_account_info` and `/swap_position_info`.
 * HTX's v1 contract API writes these amounts as bare JSON numbers with up to 18 decimals; the
 * simulator keeps them as strings here and sends them as numbers, digit for digit.
 */
export interface HtxSimInverseSwaps {
  accounts: Record<string, string | null>[];
  positions: Record<string, string>[];
  /** Mark price per contract, the last close of `GET /index/market/history/swap_mark_price_kline`. */
  markPrices: Record<string, string>;
  /** The account's financial records (`/swap-api/v3/swap_financial_record`, `/api/v3/contract_financial_record`). */
  records?: HtxWireFinancialRecord[];
}

/**
 * A coin-margined financial record; sent with every number bare (`"amount": -0.000045454545454545`),
 * as HTX does. `query_id` orders and pages the records; `id` names one.
 */
export interface HtxWireFinancialRecord {
  query_id: string;
  id: string;
  ts: string;
  symbol: string;
  contract_code: string;
  type: string;
  amount: string;
}

/**
 * A margin loan order, `GET /v1/cross-margin/loan-orders` (cross, no `symbol`) and
 * `GET /v1/margin/loan-orders` (isolated, with `symbol`). `interest-amount` is what the loan has
 * accrued so far, the `-balance` fields what is still owed.
 */
export interface HtxWireLoanOrder {
  id: number;
  'user-id': number;
  'account-id': number;
  symbol?: string;
  currency: string;
  'loan-amount': string;
  'loan-balance': string;
  'interest-rate'?: string;
  'interest-amount': string;
  'interest-balance': string;
  'created-at': number;
  'accrued-at': number;
  state: 'created' | 'accrual' | 'cleared' | 'invalid';
}

/** `GET /swap-api/v1/swap_contract_info` row: `contract_size` is in USD for coin-margined swaps. */
export interface HtxWireInverseContract {
  symbol: string;
  contract_code: string;
  contract_size: number;
  price_tick: number;
  contract_status: number;
}

export interface HtxSimAccount {
  apiKey: string;
  secret: string;
  uid: number;
  /** `permission` of `GET /v2/user/api-key`: "readOnly", "readOnly,trade", "readOnly,trade,withdraw". */
  permission: string;
  /** When set, requests must come from this address (the simulator sees 127.0.0.1). */
  ipAddresses?: string;
  accounts: (HtxWireAccount & { list: HtxWireBalanceRow[] })[];
  /** `GET /v5/account/balance` `data` (USDT-M swaps and futures, v5 API). */
  linearBalance: Record<string, unknown> & { details: Record<string, unknown>[] };
  /** `GET /v5/trade/position/opens` rows. */
  linearPositions: Record<string, unknown>[];
  /** Coin-margined swaps; without them HTX answers 1010 "Account doesnt exist." */
  inverseSwaps?: HtxSimInverseSwaps;
  /** Coin-margined delivery futures (`/api/v1/contract_*`), same shapes; without them HTX answers 1010. */
  deliveryFutures?: HtxSimInverseSwaps;
  trades: HtxWireTrade[];
  transfers: HtxWireTransfer[];
  /** `GET /v5/account/bills` rows of the USDT-M account; absent: none. */
  linearBills?: HtxWireLinearBill[];
  /** Margin loan orders: cross margin, and isolated (one `symbol` per isolated account). */
  loanOrders?: { cross: HtxWireLoanOrder[]; isolated: HtxWireLoanOrder[] };
  /** The spot account's ledger, `GET /v2/account/ledger`; `recordId` is HTX's internal position (`nextId`), not sent in the row. */
  spotLedger?: (HtxWireLedgerRow & { recordId: number })[];
}

/** `GET /v2/account/ledger` row: `transactAmt` is the spot account's signed change. */
export interface HtxWireLedgerRow {
  accountId: number;
  currency: string;
  transactAmt: string;
  transactType: 'transfer' | 'trade' | 'deposit' | 'withdraw' | 'fee-deduction' | 'other-types';
  transferType: string;
  transactId: number;
  transactTime: number;
  transferer: number;
  transferee: number;
}

/**
 * `GET /v5/account/bills` row, strings as HTX sends them. `type`: 3/4 close long/short, 5–8
 * trading fees, 14 in from spot, 15 out to spot, 30 funding received, 31 funding paid (and more).
 */
export interface HtxWireLinearBill {
  id: string;
  type: string;
  currency: string;
  amount: string;
  contract_code: string;
  margin_mode: 'cross' | 'isolated';
  created_time: string;
}
