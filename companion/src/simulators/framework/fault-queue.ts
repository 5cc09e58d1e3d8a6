/**
 * Scripted faults for a simulated provider. A test queues what should go wrong next
 * ("the next two requests to /api/v3/account answer 429"), the server takes the first
 * matching fault for each request and counts it down.
 */

/** Which requests a fault applies to. Without `path`, every request matches. */
export interface FaultMatch {
  /** Exact pathname (`/api/v3/account`) or a pattern tested against it. */
  path?: string | RegExp;
  method?: string;
  /** How many matching requests the fault applies to; default 1. */
  count?: number;
}

/** Answer with an HTTP error status, optionally with `Retry-After` and a body. */
export interface StatusFault extends FaultMatch {
  kind: 'status';
  status: 418 | 429 | 500 | 502 | 503 | 504;
  retryAfterSeconds?: number;
  /** JSON body; without one, the simulator's default body for that status is sent. */
  body?: unknown;
}

/** Accept the request and never answer, until the client gives up or the server stops. */
export interface TimeoutFault extends FaultMatch {
  kind: 'timeout';
}

/** Answer 200 with `Content-Type: application/json` and a body cut off mid-way. */
export interface MalformedJsonFault extends FaultMatch {
  kind: 'malformedJson';
}

/** Handle the request normally, but with the provider's clock shifted by `skewMs`. */
export interface ClockSkewFault extends FaultMatch {
  kind: 'clockSkew';
  skewMs: number;
}

export type Fault = StatusFault | TimeoutFault | MalformedJsonFault | ClockSkewFault;

/** Queued faults are bounded: a test that queues thousands has a bug. */
const MAX_QUEUED_FAULTS = 1_000;

interface QueuedFault {
  fault: Fault;
  remaining: number;
}

export class FaultQueue {
  readonly #queue: QueuedFault[] = [];

  /** Queues a fault; faults are matched in the order they were queued. */
  push(fault: Fault): void {
    if (this.#queue.length >= MAX_QUEUED_FAULTS) {
      throw new RangeError(`At most ${MAX_QUEUED_FAULTS} faults can be queued.`);
    }
    const count = fault.count ?? 1;
    if (!Number.isInteger(count) || count < 1) throw new RangeError(`Fault count must be a positive integer, got ${count}.`);
    this.#queue.push({ fault, remaining: count });
  }

  /** Takes the first fault that matches, counting it down; undefined when none does. */
  take(method: string, path: string): Fault | undefined {
    const index = this.#queue.findIndex(({ fault }) => matches(fault, method, path));
    if (index === -1) return undefined;
    const entry = this.#queue[index] as QueuedFault;
    entry.remaining -= 1;
    if (entry.remaining === 0) this.#queue.splice(index, 1);
    return entry.fault;
  }

  /** Faults not yet used up; a test can assert that everything it scripted happened. */
  get pending(): number {
    return this.#queue.reduce((total, entry) => total + entry.remaining, 0);
  }

  clear(): void {
    this.#queue.length = 0;
  }
}

function matches(fault: Fault, method: string, path: string): boolean {
  if (fault.method !== undefined && fault.method.toUpperCase() !== method.toUpperCase()) return false;
  if (fault.path === undefined) return true;
  return typeof fault.path === 'string' ? fault.path === path : fault.path.test(path);
}
