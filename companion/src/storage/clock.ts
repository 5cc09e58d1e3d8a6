/** Time as the storage layer writes it: ISO-8601 UTC with milliseconds. Injectable for tests. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();
export const isoNow = (clock: Clock = systemClock): string => clock().toISOString();
