import { Hono } from 'hono';
import { createCsvTemplateRequest } from '../../ingest/parsers/generic-csv/csv-mapping.js';
import type { AppDeps } from '../deps.js';
import { validate } from '../validate.js';

/** Column mappings for CSV files of providers without their own parser. */
export const csvTemplateRoutes = (deps: AppDeps) =>
  new Hono()
    .get('/', (c) => c.json(deps.csvTemplates.list()))
    .post('/', validate('json', createCsvTemplateRequest), (c) => c.json(deps.csvTemplates.create(c.req.valid('json')), 201))
    .delete('/:id', (c) => {
      deps.csvTemplates.remove(c.req.param('id'));
      return c.body(null, 204);
    });
