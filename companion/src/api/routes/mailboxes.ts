import { Hono } from 'hono';
import { createMailboxRequest } from '../../ingest/imap/mailbox-settings.js';
import type { AppDeps } from '../deps.js';
import { validate } from '../validate.js';

/** Mailboxes that deliver statements by mail (IMAP), and polling them now. */
export const mailboxRoutes = (deps: AppDeps) =>
  new Hono()
    .get('/', (c) => c.json(deps.mailboxes.list()))
    .post('/', validate('json', createMailboxRequest), async (c) => c.json(await deps.mailboxes.create(c.req.valid('json')), 201))
    .post('/:id/poll', async (c) => c.json(await deps.mailboxes.poll(c.req.param('id'))))
    .delete('/:id', async (c) => {
      await deps.mailboxes.remove(c.req.param('id'));
      return c.body(null, 204);
    });
