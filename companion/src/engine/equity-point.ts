import type { LocalDay } from './local-day.js';

/**
 * The portfolio's value at the end of one day, in the base currency, with the money that
 * came in (positive) or went out (negative) during that day. Flows are the user's own
 * deposits and withdrawals from outside; transfers between the user's accounts are not
 * flows (see cash-flows.ts). The series every return metric works on is one point per day,
 * in order.
 */
export interface EquityPoint {
  day: LocalDay;
  value: string;
  netFlow: string;
}
