import { AuthError, BaseError } from '@omnifolio/shared/errors';
import { dec } from '@omnifolio/shared/money';
import {
  type ActivityRecord,
  accountTypes,
  activityRecord,
  activityTypes,
  balanceRecord,
  type PositionRecord,
  positionRecord,
} from '@omnifolio/shared/schemas';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../logging/logger.js';
import type { Fault } from '../simulators/framework/fault-queue.js';
import type { ActivityPage, Connector, ConnectorContext } from './types.js';

/**
 * The one contract every connector passes (exchanges, wallets, brokers; today Binance,
 * tomorrow OKX, EVM, IBKR), in the manner of Hono's shared router tests: a connector's test
 * file supplies a case (the connector and a fixture backed by its simulator) and calls
 * `describeConnectorContract(case)`.
 *
 * The contract: `test()` accepts working credentials and lists accounts; balances are
 * canonical decimal strings on known accounts and equal the provider's, digit for digit;
 * activities are valid records with unique provider references; a second pass from the
 * cursors of the first yields nothing; new activity at the provider shows up exactly once in
 * the next pass; a pass interrupted after any page resumes without gaps; an aborted signal
 * stops a call. Where the connector reads positions, they equal the provider's field for
 * field. Where the fixture exposes its simulator's faults, a provider outage in the middle of a
 * history pass surfaces as one of our error kinds, and the cursors stored before it resume the
 * pass with nothing lost and nothing repeated (the runner commits each page with its cursors,
 * so this is what "the database advances completely or stays as it was" needs from a connector).
 *
 * A connector that cannot meet a clause declares it under `gaps` with the reason, and the
 * suite checks the weaker form instead.
 */

export interface ExpectedBalance {
  accountKey: string;
  /** The provider's asset code. */
  asset: string;
  /** Canonical decimal strings ("0.5", not "0.50000000"). */
  free: string;
  locked: string;
}

/** A position as the provider holds it; every PositionRecord field but `asOf`. */
export type ExpectedPosition = Omit<PositionRecord, 'asOf'>;

export interface ConnectorContractFixture {
  /** A context with working credentials, reading the given cursors. */
  context(cursors: ReadonlyMap<string, string>, signal?: AbortSignal): ConnectorContext;
  /** A context with credentials the provider refuses; required when the connector has required credentials. */
  contextWithBadCredentials?(): ConnectorContext;
  /** What the backing simulator holds, as the connector must report it. */
  expectedBalances: readonly ExpectedBalance[];
  /** The open positions, required when the connector reads positions. */
  expectedPositions?: readonly ExpectedPosition[];
  /** The backing simulator's scripted faults; enables the mid-pass outage clause. */
  faults?: { push(fault: Fault): void; clear(): void };
  /** Adds activity at the provider; returns the provider references it must appear under. */
  addActivity(): Promise<string[]>;
  close(): Promise<void>;
}

export interface ConnectorContractCase {
  name: string;
  connector: Connector;
  /** A fresh fixture per test. */
  setup(): Promise<ConnectorContractFixture>;
  gaps?: {
    /** Set, with the reason, when a pass may repeat activity already reported (same references). */
    repeatsReportedActivity?: string;
    /** Set, with the reason, when the backing provider cannot script faults (a real node, say). */
    noFaultScripting?: string;
  };
}

export interface PassResult {
  activities: ActivityRecord[];
  pages: number;
}

/**
 * Runs `fetchActivities` the way the sync runner does: each page's cursors are stored as the
 * page is consumed (in the runner, in the same transaction as its activities). The connector
 * sees the cursors as they were when the pass began. `stopAfterPages` simulates a crash.
 */
export async function runActivityPass(
  connector: Connector,
  context: (cursors: ReadonlyMap<string, string>) => ConnectorContext,
  cursors: Map<string, string>,
  stopAfterPages?: number,
  afterPage?: (pages: number, page: ActivityPage) => void,
): Promise<PassResult> {
  if (connector.fetchActivities === undefined) return { activities: [], pages: 0 };
  const ctx = context(new Map(cursors));
  const activities: ActivityRecord[] = [];
  let pages = 0;
  for await (const page of connector.fetchActivities(ctx)) {
    activities.push(...page.activities);
    for (const [key, value] of Object.entries(page.cursors)) {
      expect(typeof value, `cursor ${key}`).toBe('string');
      cursors.set(key, value);
    }
    pages += 1;
    afterPage?.(pages, page);
    if (stopAfterPages !== undefined && pages >= stopAfterPages) break;
  }
  return { activities, pages };
}

/** A ConnectorContext for tests: silent log, fresh meter, cursors from a map. */
export function createTestContext(options: {
  credentials: Record<string, string>;
  baseUrls?: Record<string, string>;
  cursors?: ReadonlyMap<string, string>;
  signal?: AbortSignal;
  settings?: Record<string, unknown>;
}): ConnectorContext {
  const cursors = options.cursors ?? new Map<string, string>();
  return {
    credentials: options.credentials,
    settings: options.settings ?? {},
    baseUrls: options.baseUrls,
    cursors: { get: (key) => cursors.get(key) },
    signal: options.signal ?? new AbortController().signal,
    log: createLogger({ level: 'silent' }),
    meter: { requests: 0, lastWeight: null },
  };
}

export function describeConnectorContract(contract: ConnectorContractCase): void {
  const { connector } = contract;
  const repeats = contract.gaps?.repeatsReportedActivity !== undefined;

  describe(`connector contract: ${contract.name}`, () => {
    let fixture: ConnectorContractFixture;

    beforeEach(async () => {
      fixture = await contract.setup();
    });

    afterEach(async () => {
      await fixture.close();
    });

    it('test() accepts working credentials and lists the accounts', async () => {
      const ctx = fixture.context(new Map());
      const result = await connector.test(ctx);
      expect(result.accounts.length).toBeGreaterThan(0);
      for (const account of result.accounts) {
        expect(account.key).not.toBe('');
        expect(account.name).not.toBe('');
        expect(accountTypes).toContain(account.type);
      }
      expect(new Set(result.accounts.map((a) => a.key)).size).toBe(result.accounts.length);
      expect(result.warnings.every((w) => typeof w === 'string' && w.length > 0)).toBe(true);
      expect(await connector.accounts(ctx)).toEqual(result.accounts);
    });

    if (connector.credentials.some((c) => !c.optional)) {
      it('refuses credentials the provider rejects with AuthError', async () => {
        expect(fixture.contextWithBadCredentials, 'a connector with credentials must show it rejects bad ones').toBeDefined();
        const ctx = (fixture.contextWithBadCredentials as () => ConnectorContext)();
        await expect(connector.test(ctx)).rejects.toBeInstanceOf(AuthError);
      });
    }

    it('balances are canonical decimal strings on known accounts, equal to the provider’s digit for digit', async () => {
      const ctx = fixture.context(new Map());
      const accountKeys = new Set((await connector.accounts(ctx)).map((a) => a.key));
      const balances = await connector.fetchBalances(ctx);
      for (const balance of balances) {
        expect(() => balanceRecord.parse(balance), JSON.stringify(balance)).not.toThrow();
        expect(accountKeys.has(balance.accountKey), `unknown account ${balance.accountKey}`).toBe(true);
        expect(dec(balance.free).plus(balance.locked).isZero(), `zero balance ${balance.asset.symbol}`).toBe(false);
      }
      const keyOf = (b: { accountKey: string; asset: string }) => `${b.accountKey}/${b.asset}`;
      const actual = balances.map((b) => ({ accountKey: b.accountKey, asset: b.asset.symbol, free: b.free, locked: b.locked }));
      expect(new Set(actual.map(keyOf)).size, 'one balance per account and asset').toBe(actual.length);
      const sort = (list: readonly ExpectedBalance[]) => [...list].sort((a, b) => keyOf(a).localeCompare(keyOf(b)));
      expect(sort(actual)).toEqual(sort(fixture.expectedBalances));
    });

    if (connector.capabilities.positions) {
      it('positions equal the provider’s, field for field, as canonical decimal strings', async () => {
        expect(fixture.expectedPositions, 'a connector that reads positions must show them against its simulator').toBeDefined();
        const positions = (await connector.fetchPositions?.(fixture.context(new Map()))) ?? [];
        for (const position of positions) expect(() => positionRecord.parse(position), JSON.stringify(position)).not.toThrow();
        const keyOf = (p: ExpectedPosition) => `${p.accountKey}/${p.symbol}/${p.side}/${p.marginMode}`;
        const sort = (list: readonly ExpectedPosition[]) => [...list].sort((a, b) => keyOf(a).localeCompare(keyOf(b)));
        expect(sort(positions.map(({ asOf: _asOf, ...rest }) => rest))).toEqual(sort(fixture.expectedPositions ?? []));
      });
    }

    if (connector.capabilities.activities) {
      if (contract.gaps?.noFaultScripting === undefined) {
        it('a provider outage mid-pass raises our error kind; the stored cursors resume without loss or repeats', async () => {
          const faults = fixture.faults;
          expect(faults, 'the fixture must expose its simulator’s faults, or the case must declare gaps.noFaultScripting').toBeDefined();
          const complete = await runActivityPass(connector, (c) => fixture.context(c), new Map());
          const all = new Set(complete.activities.map((a) => a.providerRef));
          // A one-page history (a Flex statement) can only fail before its page; longer ones fail after the first.
          const failAfter = complete.pages >= 2 ? 1 : 0;
          if (failAfter === 0) faults?.push({ kind: 'status', status: 503, count: 1_000 });
          const cursors = new Map<string, string>();
          const delivered: ActivityRecord[] = [];
          const error = await runActivityPass(
            connector,
            (c) => fixture.context(c),
            cursors,
            undefined,
            (pages, page) => {
              delivered.push(...page.activities);
              // Every request after this page fails, as when the exchange goes down mid-sync.
              if (pages === failAfter) faults?.push({ kind: 'status', status: 503, count: 1_000 });
            },
          ).then(
            () => undefined,
            (e: unknown) => e,
          );
          faults?.clear();
          expect(error, 'the outage must surface, not end the pass quietly').toBeInstanceOf(BaseError);
          const resumed = await runActivityPass(connector, (c) => fixture.context(c), cursors);
          const union = [...delivered, ...resumed.activities].map((a) => a.providerRef);
          expect(new Set(union)).toEqual(all);
          if (!repeats) expect(union.length).toBe(all.size);
        });
      }

      it('activities are valid records with unique provider references', async () => {
        const accountKeys = new Set((await connector.accounts(fixture.context(new Map()))).map((a) => a.key));
        const { activities } = await runActivityPass(connector, (c) => fixture.context(c), new Map());
        expect(activities.length, 'the fixture must have history').toBeGreaterThan(0);
        const refs = new Set<string>();
        for (const activity of activities) {
          const label = `${activity.providerRef}`;
          expect(() => activityRecord.parse(activity), label).not.toThrow();
          expect(activityTypes, label).toContain(activity.type);
          expect(accountKeys.has(activity.accountKey), label).toBe(true);
          expect(refs.has(activity.providerRef), `duplicate ${label}`).toBe(false);
          refs.add(activity.providerRef);
          // transfer, funding and realized_pnl are signed (negative = left the account, engine/activity-deltas.ts); every other type is positive.
          const signed = activity.type === 'transfer' || activity.type === 'funding' || activity.type === 'realized_pnl';
          expect(!dec(activity.quantity).isZero() && (signed || dec(activity.quantity).isPositive()), `${label} quantity`).toBe(true);
          if (activity.type === 'buy' || activity.type === 'sell') {
            expect(activity.quoteAsset, `${label} quoteAsset`).not.toBeNull();
            expect(activity.price, `${label} price`).not.toBeNull();
          }
          if (activity.fee !== null) {
            expect(dec(activity.fee).isNegative(), `${label} fee`).toBe(false);
            expect(activity.feeAsset, `${label} feeAsset`).not.toBeNull();
          }
        }
      });

      it('a second pass from the stored cursors yields nothing new', async () => {
        const cursors = new Map<string, string>();
        const first = await runActivityPass(connector, (c) => fixture.context(c), cursors);
        const known = new Set(first.activities.map((a) => a.providerRef));
        const second = await runActivityPass(connector, (c) => fixture.context(c), cursors);
        expect(second.activities.filter((a) => !known.has(a.providerRef)).map((a) => a.providerRef)).toEqual([]);
        if (!repeats) expect(second.activities.map((a) => a.providerRef)).toEqual([]);
      });

      it('new activity at the provider appears exactly once in the next pass', async () => {
        const cursors = new Map<string, string>();
        const first = await runActivityPass(connector, (c) => fixture.context(c), cursors);
        const known = new Set(first.activities.map((a) => a.providerRef));
        const added = await fixture.addActivity();
        expect(added.length).toBeGreaterThan(0);
        const next = await runActivityPass(connector, (c) => fixture.context(c), cursors);
        const refs = next.activities.map((a) => a.providerRef);
        expect(new Set(refs.filter((r) => !known.has(r)))).toEqual(new Set(added));
        if (!repeats) expect([...refs].sort()).toEqual([...added].sort());
      });

      it('a pass interrupted after any page resumes without gaps', async () => {
        const complete = await runActivityPass(connector, (c) => fixture.context(c), new Map());
        const all = new Set(complete.activities.map((a) => a.providerRef));
        for (const stopAfter of new Set([1, Math.ceil(complete.pages / 2), complete.pages - 1].filter((n) => n >= 1))) {
          const cursors = new Map<string, string>();
          const interrupted = await runActivityPass(connector, (c) => fixture.context(c), cursors, stopAfter);
          const resumed = await runActivityPass(connector, (c) => fixture.context(c), cursors);
          const union = new Set([...interrupted.activities, ...resumed.activities].map((a) => a.providerRef));
          expect(union, `stopped after ${stopAfter} of ${complete.pages} pages`).toEqual(all);
          if (!repeats) expect(interrupted.activities.length + resumed.activities.length).toBe(all.size);
        }
      });
    }

    it('stops when the signal is aborted', async () => {
      const controller = new AbortController();
      controller.abort();
      await expect(connector.fetchBalances(fixture.context(new Map(), controller.signal))).rejects.toMatchObject({ name: 'AbortError' });
    });
  });
}
