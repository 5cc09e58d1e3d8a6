import type { LiveEvent } from '@omnifolio/shared/api';

/**
 * Reads the server-sent events of an `/api/live` response; `next(type, matches)` waits for the
 * next event of that type (skipping others), with no timers.
 */
export function sseReader(response: Response) {
  if (response.body === null) throw new Error('The live route sent no body.');
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const events: LiveEvent[] = [];
  async function next(type: LiveEvent['type'], matches: (event: LiveEvent) => boolean = () => true): Promise<LiveEvent> {
    for (;;) {
      const index = events.findIndex((e) => e.type === type && matches(e));
      if (index >= 0) return events.splice(0, index + 1).at(-1) as LiveEvent;
      const { done, value } = await reader.read();
      if (done) throw new Error(`The event stream ended before a ${type} event.`);
      buffer += decoder.decode(value, { stream: true });
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const data = buffer
          .slice(0, end)
          .split('\n')
          .filter((line) => line.startsWith('data:'))
          .map((line) => line.slice(5).trimStart())
          .join('\n');
        buffer = buffer.slice(end + 2);
        if (data !== '') events.push(JSON.parse(data) as LiveEvent);
        end = buffer.indexOf('\n\n');
      }
    }
  }
  return { next, cancel: () => reader.cancel() };
}
