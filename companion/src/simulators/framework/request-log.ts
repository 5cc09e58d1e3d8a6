/** What a simulator saw and answered, for assertions such as "no endpoint answered 404". */
export interface RequestLogEntry {
  method: string;
  path: string;
  /** The query string exactly as received, without the leading `?`. */
  rawQuery: string;
  headers: Record<string, string>;
  status: number;
  /** The scripted fault that shaped the answer, if any. */
  fault?: string;
  /** The simulator's clock when the request arrived. */
  at: number;
}

/** Keeps the most recent entries only, so a long benchmark cannot grow it without bound. */
export class RequestLog {
  readonly #entries: RequestLogEntry[] = [];
  readonly #limit: number;

  constructor(limit = 5_000) {
    this.#limit = limit;
  }

  add(entry: RequestLogEntry): void {
    this.#entries.push(entry);
    if (this.#entries.length > this.#limit) this.#entries.splice(0, this.#entries.length - this.#limit);
  }

  get entries(): readonly RequestLogEntry[] {
    return this.#entries;
  }

  /** Entries whose path equals `path` (or matches it, for a RegExp). */
  to(path: string | RegExp): RequestLogEntry[] {
    return this.#entries.filter((e) => (typeof path === 'string' ? e.path === path : path.test(e.path)));
  }

  /** Paths nobody serves: how a simulator learns which endpoints a client calls. */
  notFound(): string[] {
    return [...new Set(this.#entries.filter((e) => e.status === 404).map((e) => `${e.method} ${e.path}`))];
  }

  clear(): void {
    this.#entries.length = 0;
  }
}
