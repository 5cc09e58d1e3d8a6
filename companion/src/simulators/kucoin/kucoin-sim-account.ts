/**
 * The scripted state of one KuCoin account in the simulator, in KuCoin's wire format: spot-side
 * amounts are strings, futures-side amounts are JSON numbers (KuCoin's futures API sends
 * `"currentQty": 2`, `"markPrice": 4183.38`).
 */

/** `GET /api/v1/accounts` row. `type` main = Funding account, trade = Trading account, margin = cross margin. */
export interface KucoinWireAccount {
  id: string;
  currency: string;
  type: 'main' | 'trade' | 'trade_hf' | 'margin';
  balance: string;
  available: string;
  holds: string;
}

/** `GET /api/v3/margin/accounts` `data.accounts[]` row: `liability` is what is owed (principal + interest). */
export interface KucoinWireMarginAsset {
  currency: string;
  total: string;
  available: string;
  hold: string;
  liability: string;
  maxBorrowSize: string;
  borrowEnabled: boolean;
  transferInEnabled: boolean;
}

/**
 * `GET /api/v3/margin/interest` `data.items[]` row (https://www.kucoin.com/docs/rest/margin-trading/margin-trading-v3-/get-cross-isolated-margin-interest-records;
 * ccxt kucoin.js `fetchBorrowRateHistories`): `{ "createdAt": 1697783812257, "currency": "XMR",
 * "interestAmount": "0.1", "dayRatio": "0.001" }`, one per currency each time interest is charged, and
 * added to the loan's `liability`.
 */
export interface KucoinWireInterest {
  createdAt: number;
  currency: string;
  interestAmount: string;
  dayRatio: string;
}

/** An interest row with the margin account it was charged in (not sent: KuCoin answers per account asked for). */
export interface KucoinSimInterest extends KucoinWireInterest {
  /** The isolated pair, or absent for cross margin. */
  symbol?: string;
}

/** `GET /api/v3/isolated/accounts` `data.assets[]` row: one isolated pair, its two sides as cross margin rows. */
export interface KucoinWireIsolatedPair {
  symbol: string;
  status: 'EFFECTIVE' | 'BANKRUPTCY' | 'LIQUIDATION' | 'REPAY' | 'BORROW';
  debtRatio: string;
  baseAsset: KucoinWireMarginAsset;
  quoteAsset: KucoinWireMarginAsset;
}

/** `GET /api/v1/account-overview?currency=…` (futures host). */
export interface KucoinWireFuturesOverview {
  accountEquity: number;
  unrealisedPNL: number;
  marginBalance: number;
  positionMargin: number;
  orderMargin: number;
  frozenFunds: number;
  availableBalance: number;
  currency: string;
}

/** `GET /api/v1/positions` row (futures host); the fields a reader needs, plus what KuCoin always sends. */
export type KucoinWirePosition = Record<string, unknown> & {
  id: string;
  symbol: string;
  currentQty: number;
  avgEntryPrice: number;
  markPrice: number;
  unrealisedPnl: number;
  liquidationPrice: number;
  posMargin: number;
  settleCurrency: string;
  isInverse: boolean;
  marginMode: 'CROSS' | 'ISOLATED';
  crossMode: boolean;
  leverage?: number;
  realLeverage: number;
};

/** `GET /api/v1/contracts/active` row (futures host, public). `multiplier` is negative for inverse contracts (USD per contract). */
export interface KucoinWireContract {
  symbol: string;
  rootSymbol: string;
  baseCurrency: string;
  quoteCurrency: string;
  settleCurrency: string;
  multiplier: number;
  isInverse: boolean;
  type: 'FFWCSX' | 'FFICSX';
  status: 'Open';
}

/** `GET /api/v2/symbols` row (public). */
export interface KucoinWireSymbol {
  symbol: string;
  name: string;
  baseCurrency: string;
  quoteCurrency: string;
  market: string;
  enableTrading: boolean;
}

/** `GET /api/v1/hf/fills?symbol=…` `data.items[]` row: a fill's fields plus a numeric `id` that pages. */
export type KucoinWireHfFill = Omit<KucoinWireFill, 'tradeType'> & { id: number; tradeType: 'TRADE' };

/** `GET /api/v1/fills` item. */
export interface KucoinWireFill {
  symbol: string;
  tradeId: string;
  orderId: string;
  counterOrderId: string;
  side: 'buy' | 'sell';
  liquidity: 'taker' | 'maker';
  forceTaker: boolean;
  price: string;
  size: string;
  funds: string;
  fee: string;
  feeRate: string;
  feeCurrency: string;
  stop: string;
  type: 'limit' | 'market';
  tradeType: 'TRADE' | 'MARGIN_TRADE' | 'MARGIN_ISOLATED_TRADE';
  createdAt: number;
}

/**
 * `GET /api/v1/accounts/ledgers` item, and the high-frequency ledgers' rows (`TRADE_HF`; `MARGIN_V2`
 * and `ISOLATED_V2` in `GET /api/v3/hf/margin/account/ledgers`). `amount` includes `fee`; `direction` in or out.
 */
export interface KucoinWireLedgerEntry {
  id: string;
  currency: string;
  amount: string;
  fee: string;
  balance: string;
  accountType: 'MAIN' | 'TRADE' | 'MARGIN' | 'CONTRACT' | 'TRADE_HF' | 'MARGIN_V2' | 'ISOLATED_V2';
  bizType: string;
  direction: 'in' | 'out';
  createdAt: number;
  context: string;
}

/** `GET /api/v1/deposits` item; KuCoin gives deposits no id of their own. */
export interface KucoinWireDeposit {
  currency: string;
  chain: string;
  status: 'PROCESSING' | 'SUCCESS' | 'FAILURE';
  address: string;
  memo: string;
  isInner: boolean;
  amount: string;
  fee: string;
  walletTxId: string;
  createdAt: number;
  updatedAt: number;
  remark: string;
  arrears: boolean;
}

/** `GET /api/v1/withdrawals` item. */
export interface KucoinWireWithdrawal {
  id: string;
  currency: string;
  chain: string;
  status: 'PROCESSING' | 'WALLET_PROCESSING' | 'SUCCESS' | 'FAILURE';
  address: string;
  memo: string;
  isInner: boolean;
  amount: string;
  fee: string;
  walletTxId: string;
  createdAt: number;
  updatedAt: number;
  remark: string;
}

/**
 * `GET /api/v1/earn/hold-assets` item: `productType` DEMAND is flexible (redeemable at once),
 * TIME is locked until `lockEndTime`; `redeemingAmount` has been asked back and is on its way.
 */
export interface KucoinWireEarnHolding {
  orderId: string;
  productId: string;
  productCategory: 'DEMAND' | 'STAKING' | 'KCS_STAKING' | 'ETH2' | 'ACTIVITY';
  productType: 'DEMAND' | 'TIME';
  currency: string;
  incomeCurrency: string;
  returnRate: string;
  holdAmount: string;
  redeemedAmount: string;
  redeemingAmount: string;
  lockStartTime: number | null;
  lockEndTime: number | null;
  purchaseTime: number;
  redeemPeriod: number;
  status: 'LOCKED' | 'REDEEMING';
  earlyRedeemSupported: 0 | 1;
}

/**
 * `GET /api/v1/transaction-history` item (futures host), JSON numbers: `RealisedPNL` (realized PnL,
 * funding included), `TransferIn`/`TransferOut` (with the user's other accounts), `Deposit`, `Withdrawal`.
 */
export interface KucoinWireFuturesLedgerEntry {
  time: number;
  type: 'RealisedPNL' | 'TransferIn' | 'TransferOut' | 'Deposit' | 'Withdrawal';
  amount: number;
  fee: number;
  accountEquity: number;
  status: 'Completed' | 'Pending';
  remark: string;
  offset: number;
  currency: string;
}

/** `GET /api/ua/v1/unified/account/balance` `data.accounts[0].currencies[]` row (Unified Trading Account). */
export interface KucoinWireUnifiedCurrency {
  currency: string;
  equity: string;
  hold: string;
  balance: string;
  available: string;
  liability: string;
}

export interface KucoinSimAccount {
  apiKey: string;
  secret: string;
  passphrase: string;
  /** `permission` of `GET /api/v1/user/api-key`: "General", "General,Spot,Futures", "General,Withdrawal". */
  permission: string;
  /** IP addresses the key is bound to, comma-separated; '' for none. A request from elsewhere gets 400006. */
  ipWhitelist: string;
  accounts: KucoinWireAccount[];
  margin: KucoinWireMarginAsset[];
  isolated: KucoinWireIsolatedPair[];
  futures: KucoinWireFuturesOverview[];
  positions: KucoinWirePosition[];
  earn: KucoinWireEarnHolding[];
  futuresLedger: KucoinWireFuturesLedgerEntry[];
  fills: KucoinWireFill[];
  ledger: KucoinWireLedgerEntry[];
  /** `GET /api/v1/hf/accounts/ledgers` rows: the high-frequency trading account's ledger (`accountType` TRADE_HF). */
  hfLedger: KucoinWireLedgerEntry[];
  /**
   * `GET /api/v3/hf/margin/account/ledgers` rows: the high-frequency cross (`MARGIN_V2`) and isolated
   * (`ISOLATED_V2`, `context` naming the pair) margin accounts' ledger; absent: empty.
   */
  marginHfLedger?: KucoinWireLedgerEntry[];
  /** `GET /api/v3/margin/interest` rows: interest charged on margin loans, cross and isolated; absent: none. */
  marginInterest?: KucoinSimInterest[];
  /** `GET /api/ua/v1/account/mode` `selfAccountMode`; absent: CLASSIC. */
  accountMode?: 'CLASSIC' | 'UNIFIED';
  /** The Unified Trading Account's currencies, served while `accountMode` is UNIFIED. */
  unified?: KucoinWireUnifiedCurrency[];
  /** The high-frequency trading account's fills (`GET /api/v1/hf/fills`). */
  hfFills: KucoinWireHfFill[];
  deposits: KucoinWireDeposit[];
  withdrawals: KucoinWireWithdrawal[];
}
