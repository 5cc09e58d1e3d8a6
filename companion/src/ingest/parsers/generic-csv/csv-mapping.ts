import { accountTypes, activityTypes } from '@omnifolio/shared/schemas';
import { z } from 'zod';

/**
 * How the generic CSV parser reads one layout: which column holds what, and how dates and
 * numbers are written. Saved per template (csv_templates) so the next file of the same
 * bank or broker needs no mapping.
 */
export const csvMapping = z.object({
  /** Field separator; guessed from the header line when absent. */
  delimiter: z.enum([',', ';', '\t', '|']).optional(),
  /** 1-based row of the column names (files often start with a preamble). */
  headerRow: z.number().int().min(1).max(100).default(1),
  columns: z.object({
    date: z.string().min(1),
    quantity: z.string().min(1),
    /** The instrument or currency column; or a fixed `asset` below. */
    asset: z.string().min(1).optional(),
    type: z.string().min(1).optional(),
    price: z.string().min(1).optional(),
    quoteAsset: z.string().min(1).optional(),
    fee: z.string().min(1).optional(),
    feeAsset: z.string().min(1).optional(),
  }),
  /** Asset for every row when the file has no asset column (a bank account in CHF). */
  asset: z.string().min(1).optional(),
  dateFormat: z.enum(['YYYY-MM-DD', 'DD.MM.YYYY', 'DD/MM/YYYY', 'MM/DD/YYYY', 'ISO']).default('YYYY-MM-DD'),
  /** `,` for `1.234,56`; `.` accepts `1'234.56` and `1,234.56` too. */
  decimalSeparator: z.enum(['.', ',']).default('.'),
  /** Values of the type column → activity types; a signed quantity decides deposit/withdrawal without it. */
  typeMap: z.record(z.string(), z.enum(activityTypes)).default({}),
  accountType: z.enum(accountTypes).default('bank'),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .default('CHF'),
});
export type CsvMapping = z.infer<typeof csvMapping>;

export const createCsvTemplateRequest = z.object({
  name: z.string().trim().min(1).max(80),
  mapping: csvMapping,
});
export type CreateCsvTemplateRequest = z.infer<typeof createCsvTemplateRequest>;

export interface CsvTemplateView {
  id: string;
  name: string;
  /** The provider id to upload files of this layout with: `csv-template:<id>`. */
  providerId: string;
  mapping: CsvMapping;
  createdAt: string;
  updatedAt: string;
}
