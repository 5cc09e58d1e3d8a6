/**
 * Alchemy meters each app in compute units (CU) per second; a request over the budget gets
 * HTTP 429. Its published costs for the calls this connector makes:
 */
const COMPUTE_UNITS: Record<string, number> = {
  eth_getBalance: 20,
  alchemy_getTokenBalances: 20,
  alchemy_getTokenMetadata: 10,
  alchemy_getAssetTransfers: 120,
};
const UNKNOWN_METHOD_UNITS = 26;

/** The free tier's throughput, the budget unless the connection says otherwise. */
export const DEFAULT_ALCHEMY_CUPS = 330;
/** Requests are paced to 90% of the budget: Alchemy counts on arrival, we on sending. */
const HEADROOM = 0.9;

/** Compute units of one JSON-RPC request body (a batch costs the sum of its calls). */
export function computeUnitsOf(body: unknown): number {
  let parsed: unknown;
  try {
    parsed = typeof body === 'string' ? JSON.parse(body) : undefined;
  } catch {
    return UNKNOWN_METHOD_UNITS;
  }
  const calls = (Array.isArray(parsed) ? parsed : [parsed]) as { method?: unknown }[];
  return calls.reduce((sum, call) => sum + (COMPUTE_UNITS[String(call?.method)] ?? UNKNOWN_METHOD_UNITS), 0);
}

export interface PacerClock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

const systemClock: PacerClock = {
  now: () => Date.now(),
  // The abort listener goes when the wait ends: a sync waits many times on one signal, and
  // listeners left behind would pile up on it for the sync's whole life.
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

/**
 * Waits until a request of `units` CU fits in the budget, then books it; call the returned
 * function when its answer is in. One pacer per API key, shared by every chain and every sync in
 * the process, so seven chains read side by side stay inside one app's limit together.
 *
 * Why completion time: Alchemy counts a request when it arrives, which is after we send it and
 * before its answer comes back. A request counts against the budget from the moment it is sent
 * until one second after its answer: then no two requests that do not fit together can arrive
 * within one second of each other, however long the network or a busy machine holds them.
 */
export function createComputeUnitPacer(computeUnitsPerSecond: number, clock: PacerClock = systemClock) {
  const budget = computeUnitsPerSecond * HEADROOM;
  const booked = new Set<{ units: number; doneAt: number }>();
  const POLL_MS = 25;
  return async (units: number, signal?: AbortSignal): Promise<() => void> => {
    for (;;) {
      const now = clock.now();
      for (const entry of booked) if (now - entry.doneAt >= 1_000) booked.delete(entry);
      const used = [...booked].reduce((sum, entry) => sum + entry.units, 0);
      // A single request larger than the budget still goes, alone.
      if (used + units <= budget || booked.size === 0) {
        const entry = { units, doneAt: Number.POSITIVE_INFINITY };
        booked.add(entry);
        return () => {
          entry.doneAt = clock.now();
        };
      }
      const expiries = [...booked].map((entry) => entry.doneAt + 1_000 - now).filter((ms) => Number.isFinite(ms));
      await clock.sleep(Math.max(1, Math.min(POLL_MS, ...expiries)), signal);
    }
  };
}

const pacers = new Map<string, ReturnType<typeof createComputeUnitPacer>>();

/** The process-wide pacer of one Alchemy key at one budget. */
export function alchemyPacerFor(apiKey: string, computeUnitsPerSecond: number): ReturnType<typeof createComputeUnitPacer> {
  const id = `${computeUnitsPerSecond}:${apiKey}`;
  let pacer = pacers.get(id);
  if (pacer === undefined) {
    pacer = createComputeUnitPacer(computeUnitsPerSecond);
    pacers.set(id, pacer);
  }
  return pacer;
}
