import { randomUUID } from 'node:crypto';

/** Row ids: random UUIDs, so ids leak nothing about counts or order. */
export const newId = (): string => randomUUID();
