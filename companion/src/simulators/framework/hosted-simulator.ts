import type { Fault } from './fault-queue.js';
import type { RequestLog } from './request-log.js';
import type { SimulatorServer } from './simulator-server.js';

/**
 * What every provider simulator offers its tests, delegated to its SimulatorServer: start
 * and stop on loopback, the base URL, scripted faults, the request log and the provider's
 * clock. A simulator extends this and adds only its provider's endpoints and state.
 */
export abstract class HostedSimulator {
  protected abstract readonly server: SimulatorServer;

  /** Starts the HTTP server on 127.0.0.1; resolves to its base URL. */
  start(): Promise<string> {
    return this.server.start();
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  get baseUrl(): string {
    return this.server.baseUrl;
  }

  get faults(): { push(fault: Fault): void; readonly pending: number; clear(): void } {
    return this.server.faults;
  }

  get requests(): RequestLog {
    return this.server.requests;
  }

  /** The provider's clock: the simulator clock plus the scripted offset. */
  now(): number {
    return this.server.now();
  }

  /** Makes the provider's clock run ahead (positive) or behind (negative) ours from now on. */
  setClockOffset(ms: number): void {
    this.server.clockOffsetMs = ms;
  }
}
