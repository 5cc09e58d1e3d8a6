import type { LiveEvent } from '@omnifolio/shared/api';

/**
 * Splits a server-sent event stream into events. Only what the companion sends is handled:
 * `event:` and `data:` lines, blank-line separated, `:` comments (keep-alives) skipped.
 */
export class SseParser {
  #buffer = '';

  /** Feeds decoded text; returns the events it completed. */
  push(text: string): LiveEvent[] {
    this.#buffer += text.replaceAll('\r\n', '\n');
    const events: LiveEvent[] = [];
    let end = this.#buffer.indexOf('\n\n');
    while (end >= 0) {
      const block = this.#buffer.slice(0, end);
      this.#buffer = this.#buffer.slice(end + 2);
      const data = block
        .split('\n')
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice('data:'.length).replace(/^ /, ''))
        .join('\n');
      if (data !== '') {
        try {
          events.push(JSON.parse(data) as LiveEvent);
        } catch {
          // A newer companion may send events this extension does not know; skip them.
        }
      }
      end = this.#buffer.indexOf('\n\n');
    }
    return events;
  }
}

export interface FollowLiveEventsOptions {
  /** Opens the stream (CompanionClient.liveEvents). */
  open(signal: AbortSignal): Promise<Response>;
  onEvent(event: LiveEvent): void;
  /** Called each time the stream is lost (or cannot be opened): the page polls meanwhile. */
  onLost?(): void;
  signal: AbortSignal;
  /** Waits between attempts; tests pass one that resolves at once. */
  wait?(ms: number, signal: AbortSignal): Promise<void>;
}

const FIRST_RETRY_MS = 2_000;
const LAST_RETRY_MS = 60_000;

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });

/**
 * Follows the companion's live events until `signal` aborts, reconnecting with a growing pause
 * when the companion restarts or the stream drops. Resolves when aborted; never rejects.
 */
export async function followLiveEvents(options: FollowLiveEventsOptions): Promise<void> {
  const wait = options.wait ?? sleep;
  let pause = FIRST_RETRY_MS;
  while (!options.signal.aborted) {
    try {
      const response = await options.open(options.signal);
      if (response.body === null) throw new Error('The companion sent no event stream.');
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      const parser = new SseParser();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        for (const event of parser.push(decoder.decode(value, { stream: true }))) {
          // A stream that delivers is healthy again.
          pause = FIRST_RETRY_MS;
          options.onEvent(event);
        }
      }
    } catch {
      // Aborted, unreachable, or refused: the same answer, try again later (or stop if aborted).
    }
    if (options.signal.aborted) return;
    options.onLost?.();
    await wait(pause, options.signal);
    pause = Math.min(pause * 2, LAST_RETRY_MS);
  }
}
