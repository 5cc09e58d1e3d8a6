import type { CaptureProvider } from '../capture-provider';

/**
 * frankly, Zürcher Kantonalbank's 3a app, in its web version. Documents (purchase and
 * sale confirmations, distributions, the portfolio statement) arrive as PDFs in the
 * «Briefkasten» (mailbox); the overview shows the fund holdings.
 */
export const franklyCapture = {
  id: 'frankly',
  // The companion parses frankly's documents with its Zürcher Kantonalbank parser.
  companionProviderId: 'frankly-zkb',
  name: 'frankly (Zürcher Kantonalbank)',
  hosts: ['app.frankly.ch'],
  documentsDescription: 'PDF documents in your frankly mailbox (Briefkasten): confirmations, distributions and portfolio statements',
  tables: [
    {
      label: 'holdings',
      description: 'the fund holdings table',
      headerSets: [
        ['fonds', 'anteile', 'wert'],
        ['fonds', 'parts', 'valeur'],
        ['fund', 'units', 'value'],
      ],
    },
    {
      label: 'transactions',
      description: 'the transactions table',
      headerSets: [
        ['datum', 'transaktion', 'betrag'],
        ['date', 'transaction', 'montant'],
        ['date', 'transaction', 'amount'],
      ],
    },
  ],
  exportPaths: [/\/documents?\/[^/]+\/(content|download|pdf)(\?|$)/i, /\/briefkasten\/.*download/i],
} as const satisfies CaptureProvider;
