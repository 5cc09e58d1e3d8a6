/**
 * Schwab Trader API answers, as documented at developer.schwab.com (Trader API – Individual,
 * "Accounts and Trading Production") and as schwab-py's tests record them. Only the fields
 * Omnifolio reads. Schwab sends amounts as JSON numbers; the client parses them with
 * lossless-json, so every number arrives here as its exact digits in a string.
 */

/** `POST /v1/oauth/token`: `{"expires_in":1800,"token_type":"Bearer","scope":"api","refresh_token":"…","access_token":"…","id_token":"…"}` */
export interface SchwabTokenAnswer {
  expires_in: string;
  token_type: string;
  scope: string;
  refresh_token: string;
  access_token: string;
  id_token?: string;
}

/** An OAuth error: `{"error":"invalid_grant","error_description":"…"}`. */
export interface SchwabOAuthError {
  error: string;
  error_description?: string;
}

/** `GET /trader/v1/accounts/accountNumbers`: `[{"accountNumber":"12345678","hashValue":"E3B0…"}]` */
export interface SchwabAccountNumber {
  accountNumber: string;
  hashValue: string;
}

export interface SchwabInstrument {
  /** EQUITY, ETF (reported as COLLECTIVE_INVESTMENT by newer answers), MUTUAL_FUND, OPTION, FIXED_INCOME, CASH_EQUIVALENT, CURRENCY, … */
  assetType: string;
  symbol: string;
  cusip?: string;
  description?: string;
  /** Options: `CALL` or `PUT`. */
  putCall?: string;
  underlyingSymbol?: string;
  /** Options in transactions: shares per contract. */
  optionPremiumMultiplier?: string;
  /** ETFs and funds: `EXCHANGE_TRADED_FUND`, … */
  type?: string;
}

/** One holding of `GET /trader/v1/accounts?fields=positions`. */
export interface SchwabPosition {
  shortQuantity: string;
  longQuantity: string;
  averagePrice: string;
  marketValue: string;
  longOpenProfitLoss?: string;
  shortOpenProfitLoss?: string;
  instrument: SchwabInstrument;
}

export interface SchwabBalances {
  cashBalance?: string;
  liquidationValue?: string;
  moneyMarketFund?: string;
  /** Cash accounts report this instead of cashBalance in some answers. */
  totalCash?: string;
}

export interface SchwabSecuritiesAccount {
  /** `CASH` or `MARGIN`. */
  type: string;
  accountNumber: string;
  positions?: SchwabPosition[];
  currentBalances: SchwabBalances;
}

export interface SchwabAccount {
  securitiesAccount: SchwabSecuritiesAccount;
}

export interface SchwabTransferItem {
  instrument: SchwabInstrument;
  amount: string;
  cost: string;
  price?: string;
  /** Fee lines: COMMISSION, SEC_FEE, TAF_FEE, OPT_REG_FEE, … */
  feeType?: string;
  positionEffect?: string;
}

/** One entry of `GET /trader/v1/accounts/{hash}/transactions`. */
export interface SchwabTransaction {
  activityId: string;
  /** `2024-03-27T13:30:02+0000`: an offset without a colon. */
  time: string;
  description?: string;
  accountNumber: string;
  type: string;
  /** VALID, INVALID, PENDING, UNKNOWN. */
  status: string;
  tradeDate?: string;
  netAmount: string;
  transferItems: SchwabTransferItem[];
}

/** A Trader API error: `{"message":"…","errors":["…"]}`. */
export interface SchwabServiceError {
  message?: string;
  errors?: unknown[];
}
