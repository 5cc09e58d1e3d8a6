import { NotFoundError } from '@omnifolio/shared/errors';
import { asc, eq } from 'drizzle-orm';
import { type Clock, isoNow } from '../../../storage/clock.js';
import type { Db } from '../../../storage/database.js';
import { newId } from '../../../storage/repositories/ids.js';
import { csvTemplates } from '../../../storage/schema/index.js';
import type { StatementParser } from '../types.js';
import { type CreateCsvTemplateRequest, type CsvTemplateView, csvMapping } from './csv-mapping.js';
import { CSV_TEMPLATE_PREFIX, createGenericCsvParser } from './generic-csv-parser.js';

type TemplateRow = typeof csvTemplates.$inferSelect;

const toView = (row: TemplateRow): CsvTemplateView => ({
  id: row.id,
  name: row.name,
  providerId: `${CSV_TEMPLATE_PREFIX}${row.id}`,
  mapping: csvMapping.parse(row.mapping),
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

/** Saved column mappings for the generic CSV parser, and the parsers they make. */
export function createCsvTemplateService(db: Db, clock?: Clock) {
  const list = () => db.select().from(csvTemplates).orderBy(asc(csvTemplates.createdAt)).all().map(toView);
  return {
    list,
    create(input: CreateCsvTemplateRequest): CsvTemplateView {
      const at = isoNow(clock);
      const row: TemplateRow = { id: newId(), name: input.name, mapping: input.mapping, createdAt: at, updatedAt: at };
      db.insert(csvTemplates).values(row).run();
      return toView(row);
    },
    remove(id: string): void {
      const { changes } = db.delete(csvTemplates).where(eq(csvTemplates.id, id)).run();
      if (changes === 0) throw new NotFoundError(`There is no CSV template with id ${id}.`, { hints: ['List templates with GET /api/csv-templates.'] });
    },
    /** One parser per template, tried after the providers' own parsers. */
    parsers(): StatementParser[] {
      return list().map((t) => createGenericCsvParser(t));
    },
  };
}

export type CsvTemplateService = ReturnType<typeof createCsvTemplateService>;
