import type { CaptureProvider } from '../capture-provider';

/**
 * Finpension's web app (app.finpension.ch) for 3a and vested benefits. Each portfolio has
 * a Transactions tab with an Export button (the `;`-separated transaction report) and a
 * documents page (https://app.finpension.ch/documents/transactions) with PDF statements.
 */
export const finpensionCapture = {
  id: 'finpension',
  companionProviderId: 'finpension',
  name: 'Finpension',
  hosts: ['app.finpension.ch'],
  documentsDescription: 'transaction reports (CSV export) and PDF statements and tax certificates linked on the page',
  tables: [
    {
      label: 'transactions',
      description: 'the transactions table',
      headerSets: [
        ['date', 'category', 'cash flow'],
        ['datum', 'kategorie', 'cashflow'],
      ],
    },
    {
      label: 'holdings',
      description: 'the portfolio holdings table',
      headerSets: [
        ['isin', 'shares', 'value'],
        ['isin', 'anteile', 'wert'],
      ],
    },
  ],
  exportPaths: [/\/transactions\/export(\?|$)/i, /\/documents\/[^/]+\/download(\?|$)/i],
} as const satisfies CaptureProvider;
