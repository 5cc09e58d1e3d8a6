import { schwabDemoCustomer, schwabSimCash, schwabSimTrade } from '../../simulators/schwab/schwab-sim-account.js';
import { SchwabSimulator } from '../../simulators/schwab/schwab-simulator.js';
import { createTestContext, describeConnectorContract, type ExpectedPosition } from '../contract-suite.js';
import { SchwabAccessTokens } from './schwab-access-tokens.js';
import { createSchwabConnector } from './schwab-connector.js';
import { SchwabRequestPacer } from './schwab-request-pacer.js';
import { SCHWAB_AUTHORIZED_AT_SETTING } from './schwab-sign-in.js';

// The suite runs many passes in a minute with one app key: the pacer's 120/min would make it wait.
const connector = createSchwabConnector({ tokens: new SchwabAccessTokens(), pacer: new SchwabRequestPacer({ perMinute: 100_000 }) });

const MARGIN = 'A1F3C0B7E25D49D8A3C64E0F9B81D2C47E6A5B39F0D8C2E1A7B6C5D4E3F2A190';
const CASH = '5D0E8A2B7C91F4E63B0A8D7C6E5F4A3B2C1D0E9F8A7B6C5D4E3F2A1B0C9D8E7F';

const position = (accountKey: string, p: Partial<ExpectedPosition> & Pick<ExpectedPosition, 'symbol'>): ExpectedPosition => ({
  accountKey,
  side: 'long',
  contracts: '0',
  sizeInBase: '0',
  entryPrice: null,
  markPrice: null,
  notional: null,
  unrealizedPnl: null,
  leverage: null,
  liquidationPrice: null,
  marginMode: null,
  margin: null,
  settleAsset: 'USD',
  ...p,
});

describeConnectorContract({
  name: 'Charles Schwab (Trader API simulator, demo customer)',
  connector,
  async setup() {
    const sim = new SchwabSimulator({ perMinute: 100_000 });
    const baseUrl = await sim.start();
    const customer = sim.addCustomer(schwabDemoCustomer());
    const refreshToken = sim.issueRefreshToken(customer.app.appKey);
    const settings = { [SCHWAB_AUTHORIZED_AT_SETTING]: new Date().toISOString() };
    const credentials = { appKey: customer.app.appKey, appSecret: customer.app.appSecret, refreshToken };
    return {
      context: (cursors, signal) => createTestContext({ credentials, settings, baseUrls: { schwab: baseUrl }, cursors, signal }),
      contextWithBadCredentials: () =>
        createTestContext({ credentials: { ...credentials, refreshToken: 'not-a-token@' }, settings, baseUrls: { schwab: baseUrl } }),
      // Transcribed from the demo customer (schwab-sim-account.ts): cash balances and long − short
      // quantities; the written call is −1 contract × 100 shares.
      expectedBalances: [
        { accountKey: MARGIN, asset: 'USD', free: '15673.05', locked: '0' },
        { accountKey: MARGIN, asset: 'NVDA', free: '10', locked: '0' },
        { accountKey: MARGIN, asset: 'VTI', free: '20', locked: '0' },
        { accountKey: MARGIN, asset: 'NVDA 271217C00150000', free: '-100', locked: '0' },
        { accountKey: MARGIN, asset: 'SWVXX', free: '2000', locked: '0' },
        { accountKey: CASH, asset: 'USD', free: '411.13', locked: '0' },
        { accountKey: CASH, asset: 'SWPPX', free: '120.5', locked: '0' },
      ],
      // By hand: mark = market value ÷ shares (1384.6 ÷ 10, 5903.8 ÷ 20, 185 ÷ 100, 10440.12 ÷ 120.5);
      // open P/L = market value − quantity × average price (1384.6 − 1201, 5903.8 − 5481, −185 + 312, 10440.12 − 7499.92).
      expectedPositions: [
        position(MARGIN, {
          symbol: 'NVDA',
          contracts: '10',
          sizeInBase: '10',
          entryPrice: '120.1',
          markPrice: '138.46',
          notional: '1384.6',
          unrealizedPnl: '183.6',
        }),
        position(MARGIN, {
          symbol: 'VTI',
          contracts: '20',
          sizeInBase: '20',
          entryPrice: '274.05',
          markPrice: '295.19',
          notional: '5903.8',
          unrealizedPnl: '422.8',
        }),
        position(MARGIN, {
          symbol: 'NVDA 271217C00150000',
          side: 'short',
          contracts: '1',
          sizeInBase: '100',
          entryPrice: '3.12',
          markPrice: '1.85',
          notional: '185',
          unrealizedPnl: '127',
        }),
        position(MARGIN, { symbol: 'SWVXX', contracts: '2000', sizeInBase: '2000', entryPrice: '1', markPrice: '1', notional: '2000', unrealizedPnl: '0' }),
        position(CASH, {
          symbol: 'SWPPX',
          contracts: '120.5',
          sizeInBase: '120.5',
          entryPrice: '62.24',
          markPrice: '86.64',
          notional: '10440.12',
          unrealizedPnl: '2940.2',
        }),
      ],
      faults: sim.faults,
      async addActivity() {
        const margin = customer.accounts[0]!;
        const trade = schwabSimTrade(
          Date.now(),
          { assetType: 'EQUITY', symbol: 'NVDA', cusip: '67066G104', description: 'NVIDIA CORP' },
          '2',
          '140.5',
          '-281',
          [{ feeType: 'TAF_FEE', cost: '-0.01' }],
          '-281.01',
        );
        const dividend = schwabSimCash(Date.now(), 'DIVIDEND_OR_INTEREST', 'QUALIFIED DIVIDEND NVDA', '2.6');
        margin.transactions.push(trade, dividend);
        return [`schwab:${trade.activityId}`, `schwab:${dividend.activityId}`];
      },
      close: () => sim.stop(),
    };
  },
});
