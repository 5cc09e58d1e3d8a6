import { describe, expect, it } from 'vitest';
import { createLogger } from '../../logging/logger.js';
import { createTestClock } from '../../simulators/framework/test-clock.js';
import { createTransportState } from '../ccxt/metered-fetch.js';
import { API_WEIGHT, waitForWeight } from './binance-weight-budget.js';

const log = createLogger({ level: 'silent' });
const signal = new AbortController().signal;

/** 10 s into a minute, and pinned there: the expected waits are exact to the millisecond. */
function atMinuteStart() {
  return createTestClock({ pinnedAt: Date.UTC(2026, 10, 24, 12, 0, 10) });
}

describe('waitForWeight', () => {
  it('does not wait while the request fits in 80 % of the limit', async () => {
    const clock = atMinuteStart();
    const transport = createTransportState();
    transport.weights.set(API_WEIGHT.header, { value: 4_780, at: clock.now() });
    await waitForWeight({ budget: API_WEIGHT, cost: 20, transport, clock, signal, log });
    expect(clock.sleeps).toEqual([]);
  });

  it('waits for the next minute (plus a second) when it would not', async () => {
    const clock = atMinuteStart();
    const transport = createTransportState();
    transport.weights.set(API_WEIGHT.header, { value: 4_781, at: clock.now() });
    await waitForWeight({ budget: API_WEIGHT, cost: 20, transport, clock, signal, log });
    expect(clock.sleeps).toEqual([51_000]);
  });

  it('ignores a report from an earlier minute: the counter has reset since', async () => {
    const clock = atMinuteStart();
    const transport = createTransportState();
    transport.weights.set(API_WEIGHT.header, { value: 5_999, at: clock.now() - 20_000 });
    await waitForWeight({ budget: API_WEIGHT, cost: 20, transport, clock, signal, log });
    expect(clock.sleeps).toEqual([]);
  });

  it('stops waiting when the sync is cancelled', async () => {
    const clock = atMinuteStart();
    const transport = createTransportState();
    transport.weights.set(API_WEIGHT.header, { value: 5_999, at: clock.now() });
    const controller = new AbortController();
    controller.abort();
    await expect(waitForWeight({ budget: API_WEIGHT, cost: 20, transport, clock, signal: controller.signal, log })).rejects.toMatchObject({
      name: 'AbortError',
    });
  });
});
