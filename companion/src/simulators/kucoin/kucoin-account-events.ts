import { randomBytes } from 'node:crypto';
import { dec } from '@omnifolio/shared/money';
import type { KucoinWireAccount, KucoinWireFuturesOverview, KucoinWirePosition } from './kucoin-sim-account.js';

/**
 * The event KuCoin pushes for each change the simulator makes to an account, in KuCoin's
 * documented shapes, built from the same rows the REST endpoints serve so that a stream and a
 * sync read the same numbers.
 */

export interface KucoinPushedEvent {
  topic: string;
  subject: string;
  data: Record<string, unknown>;
}

/**
 * `/account/balance`, subject `account.balance`, after a Funding (`main`) or Trading (`trade`)
 * balance changed: absolute `total`, `available`, `hold` and the changes, all strings;
 * `relationEvent` names the account type first (`main.transfer`, `trade.hold`), which is how a
 * client tells the accounts apart.
 */
export function kucoinAccountBalanceEvent(before: KucoinWireAccount | undefined, after: KucoinWireAccount, relation: string, at: number): KucoinPushedEvent {
  const change = (field: 'available' | 'holds') =>
    dec(after[field])
      .minus(before?.[field] ?? '0')
      .toFixed();
  return {
    topic: '/account/balance',
    subject: 'account.balance',
    data: {
      accountId: after.id,
      currency: after.currency,
      total: after.balance,
      available: after.available,
      availableChange: change('available'),
      hold: after.holds,
      holdChange: change('holds'),
      relationContext: {},
      relationEvent: `${after.type}.${relation}`,
      relationEventId: randomBytes(12).toString('hex'),
      time: String(at),
    },
  };
}

/**
 * `/contractAccount/wallet`, subject `walletBalance.change`: the futures wallet of one margin
 * currency, strings. `equity` is the overview's `accountEquity`; the margins split the overview's
 * `positionMargin` and `orderMargin` (this account trades cross), `holdBalance` is `frozenFunds`.
 */
export function kucoinWalletEvent(overview: KucoinWireFuturesOverview, version: number, at: number): KucoinPushedEvent {
  const s = (n: number) => String(n);
  return {
    topic: '/contractAccount/wallet',
    subject: 'walletBalance.change',
    data: {
      currency: overview.currency,
      equity: s(overview.accountEquity),
      walletBalance: dec(s(overview.accountEquity)).minus(s(overview.unrealisedPNL)).toFixed(),
      availableBalance: s(overview.availableBalance),
      maxWithdrawAmount: s(overview.availableBalance),
      availableMargin: s(overview.availableBalance),
      holdBalance: s(overview.frozenFunds),
      crossPosMargin: s(overview.positionMargin),
      isolatedPosMargin: '0',
      crossOrderMargin: s(overview.orderMargin),
      isolatedOrderMargin: '0',
      isolatedFundingFeeMargin: '0',
      crossUnPnl: s(overview.unrealisedPNL),
      isolatedUnPnl: '0',
      totalCrossMargin: s(overview.availableBalance),
      version: s(version),
      timestamp: s(at),
    },
  };
}

/**
 * `/contract/positionAll` (and `/contract/position:<symbol>`), subject `position.change`: the whole
 * position as `GET /api/v1/positions` serves it, JSON numbers, with `changeReason`; a closed
 * position has `currentQty` 0 and `isOpen` false.
 */
export function kucoinPositionEvent(position: KucoinWirePosition, reason: string, at: number): KucoinPushedEvent {
  return {
    topic: '/contract/positionAll',
    subject: 'position.change',
    data: { ...position, changeReason: reason, currentTimestamp: at },
  };
}
