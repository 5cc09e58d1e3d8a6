import type { CaptureProvider } from '../capture-provider';

/**
 * SwissBorg's web app (app.swissborg.com). The account statement is generated on request
 * under Profile → Account statement as CSV, XLSX or PDF; its download buttons call the
 * app's report endpoint. The transaction history is a list on the same page.
 */
export const swissborgCapture = {
  id: 'swissborg',
  companionProviderId: 'swissborg',
  name: 'SwissBorg',
  hosts: ['app.swissborg.com'],
  documentsDescription: 'account statements linked on the page (CSV, XLSX or PDF) and the account-statement export',
  tables: [
    {
      label: 'transactions',
      description: 'the transaction history table',
      headerSets: [['time', 'type', 'currency', 'amount']],
    },
    {
      label: 'holdings',
      description: 'the portfolio (holdings) table',
      headerSets: [['asset', 'balance', 'value']],
    },
  ],
  // The report endpoint only: the page itself is /profile/account-statement.
  exportPaths: [/^\/api\/v\d+\/reports\/account-statement(\?|$)/i],
} as const satisfies CaptureProvider;
