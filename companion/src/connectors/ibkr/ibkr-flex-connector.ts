import { createHash } from 'node:crypto';
import { ValidationError } from '@omnifolio/shared/errors';
import type { ActivityRecord } from '@omnifolio/shared/schemas';
import type { AccountSpec, ActivityPage, Connector, ConnectorContext, TestResult } from '../types.js';
import { flexActivities } from './flex/flex-activities.js';
import { flexHoldings } from './flex/flex-holdings.js';
import { type FlexQueryResponse, flexAccountIds, parseFlexStatement } from './flex/flex-statement.js';
import { abortableSleep, DEFAULT_POLL_DELAYS_MS, downloadFlexStatement } from './flex/flex-web-service.js';

export interface IbkrFlexConnectorOptions {
  pollDelaysMs?: readonly number[];
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /**
   * How long a downloaded statement serves later calls of the same sync (accounts, balances,
   * activities) before it is fetched again. IBKR allows ten requests per minute per token
   * and each download costs at least two.
   */
  cacheMs?: number;
  now?: () => number;
}

/** Activities per page: each page is one transaction in the sync runner. */
const PAGE_SIZE = 200;

const SECTION_HINTS: Record<string, string> = {
  OpenPositions: 'The Flex query has no Open Positions section, so holdings cannot be shown. Edit the query and tick Open Positions.',
  CashReport: 'The Flex query has no Cash Report section, so cash balances cannot be shown. Edit the query and tick Cash Report.',
  Trades: 'The Flex query has no Trades section, so trades are not imported. Edit the query and tick Trades (Executions).',
  CashTransactions: 'The Flex query has no Cash Transactions section, so dividends, interest, fees and deposits are not imported.',
};

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export function createIbkrFlexConnector(options: IbkrFlexConnectorOptions = {}): Connector {
  const cacheMs = options.cacheMs ?? 60_000;
  const now = options.now ?? (() => Date.now());
  const cache = new Map<string, { at: number; response: FlexQueryResponse }>();

  async function statement(ctx: ConnectorContext): Promise<FlexQueryResponse> {
    ctx.signal.throwIfAborted();
    const zone = timeZone(ctx);
    if (!isTimeZone(zone)) {
      throw new ValidationError(`"${zone}" is not a time zone name.`, [{ path: 'credentials.timeZone', message: 'Unknown time zone' }], {
        hints: ['Use an IANA name such as Europe/Zurich or America/New_York, or leave the field empty.'],
      });
    }
    const token = ctx.credentials.token?.trim() ?? '';
    const queryId = ctx.credentials.queryId?.trim() ?? '';
    const baseUrl = ctx.baseUrls?.['ibkr-flex'];
    const key = createHash('sha256')
      .update(`${baseUrl ?? ''}|${token}|${queryId}`)
      .digest('hex');
    const cached = cache.get(key);
    if (cached !== undefined && now() - cached.at < cacheMs) return cached.response;
    const xml = await downloadFlexStatement({
      baseUrl,
      token,
      queryId,
      signal: ctx.signal,
      meter: ctx.meter,
      pollDelaysMs: options.pollDelaysMs ?? DEFAULT_POLL_DELAYS_MS,
      sleep: options.sleep ?? abortableSleep,
    });
    const response = parseFlexStatement(xml);
    // Statements can be megabytes: keep only the ones a running sync may still ask for.
    for (const [k, entry] of cache) if (now() - entry.at >= cacheMs) cache.delete(k);
    cache.set(key, { at: now(), response });
    return response;
  }

  /** The Flex query's reporting zone: the connection's field, else IBKR's default, US Eastern. */
  const timeZone = (ctx: ConnectorContext) => {
    const chosen = ctx.credentials.timeZone?.trim() || (typeof ctx.settings.timeZone === 'string' ? ctx.settings.timeZone.trim() : '');
    return chosen !== '' ? chosen : 'America/New_York';
  };

  function accountsOf(response: FlexQueryResponse): AccountSpec[] {
    const seen = new Map<string, AccountSpec>();
    for (const s of response.statements) {
      for (const id of flexAccountIds(s)) {
        const alias = id === s.accountId ? s.accountInformation?.acctAlias.replace(s.accountId, '').trim() : '';
        if (!seen.has(id)) seen.set(id, { key: id, type: 'brokerage', name: alias ? `IBKR ${id} (${alias})` : `IBKR ${id}` });
      }
    }
    return [...seen.values()];
  }

  return {
    id: 'ibkr-flex',
    name: 'Interactive Brokers (Flex Web Service)',
    kind: 'broker',
    capabilities: { balances: true, positions: true, activities: true },
    credentials: [
      {
        key: 'token',
        label: 'Flex Web Service token',
        secret: true,
        help: 'Client Portal → Performance & Reports → Flex Queries → Flex Web Service Configuration: activate the service and generate a token. The token can only read reports; it cannot trade or move money.',
      },
      {
        key: 'queryId',
        label: 'Activity Flex Query ID',
        secret: false,
        help: 'Create an Activity Flex Query (XML) with Account Information, Cash Report, Open Positions, Trades (Executions), Cash Transactions, Corporate Actions and Conversion Rates; the number next to its name is the Query ID.',
      },
      {
        key: 'timeZone',
        label: 'Statement time zone',
        secret: false,
        optional: true,
        help: 'Only if you changed the reporting time zone of your IBKR account: its IANA name, e.g. Europe/Zurich. Empty means US Eastern, IBKR’s default.',
      },
    ],
    help: 'Reads your IBKR statements through the Flex Web Service: cash, holdings with IBKR’s prices, and the full history of trades, dividends, taxes, interest, fees and transfers. IBKR produces the statement on request, which can take a minute; it updates once a day after the close.',

    async test(ctx): Promise<TestResult> {
      const response = await statement(ctx);
      const warnings: string[] = [];
      if (response.statements.length === 0) warnings.push('The Flex query returned no statement; check the accounts selected in the query.');
      const present = new Set(response.statements.flatMap((s) => s.sections));
      for (const [section, hint] of Object.entries(SECTION_HINTS)) if (response.statements.length > 0 && !present.has(section as never)) warnings.push(hint);
      return { accounts: accountsOf(response), warnings };
    },

    async accounts(ctx) {
      return accountsOf(await statement(ctx));
    },

    async fetchBalances(ctx) {
      const response = await statement(ctx);
      return response.statements.flatMap((s) => flexHoldings(s, timeZone(ctx)).balances);
    },

    async fetchPositions(ctx) {
      const response = await statement(ctx);
      return response.statements.flatMap((s) => flexHoldings(s, timeZone(ctx)).positions);
    },

    /**
     * A Flex statement covers the query's whole period every time, so each pass reports the
     * period again; the runner keeps one copy per provider reference (IBKR's transaction id).
     */
    async *fetchActivities(ctx): AsyncIterable<ActivityPage> {
      const response = await statement(ctx);
      const all: ActivityRecord[] = response.statements
        .flatMap((s) => flexActivities(s, { timeZone: timeZone(ctx) }))
        .sort((a, b) => a.executedAt.localeCompare(b.executedAt) || a.providerRef.localeCompare(b.providerRef));
      for (let i = 0; i < all.length; i += PAGE_SIZE) {
        ctx.signal.throwIfAborted();
        yield { activities: all.slice(i, i + PAGE_SIZE), cursors: {} };
      }
    },
  };
}

export const ibkrFlexConnector = createIbkrFlexConnector();
