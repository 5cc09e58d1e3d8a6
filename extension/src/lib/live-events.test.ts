import type { LiveEvent } from '@omnifolio/shared/api';
import { describe, expect, it } from 'vitest';
import { followLiveEvents, SseParser } from './live-events';

const changed: LiveEvent = { type: 'overview-changed', connectionId: 'c1', at: '2026-11-23T02:00:00.000Z' };
const status: LiveEvent = { type: 'status', streaming: ['c1'], polling: ['c2'] };
const sse = (event: LiveEvent) => `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;

function streamOf(chunks: string[]): Response {
  const encoder = new TextEncoder();
  return new Response(
    new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
        controller.close();
      },
    }),
  );
}

describe('SseParser', () => {
  it('completes events across chunk boundaries and skips keep-alive comments', () => {
    const parser = new SseParser();
    const text = `: keep-alive\n\n${sse(status)}${sse(changed)}`;
    const cut = text.indexOf('"streaming"');
    expect(parser.push(text.slice(0, cut))).toEqual([]);
    expect(parser.push(text.slice(cut))).toEqual([status, changed]);
  });

  it('reads CRLF line ends and skips data it cannot read', () => {
    const parser = new SseParser();
    expect(parser.push(`data: {not json}\r\n\r\n${sse(changed).replaceAll('\n', '\r\n')}`)).toEqual([changed]);
  });
});

describe('followLiveEvents', () => {
  it('delivers events, reconnects when the stream ends, and stops when aborted', async () => {
    const controller = new AbortController();
    const received: LiveEvent[] = [];
    let opened = 0;
    let lost = 0;
    await followLiveEvents({
      signal: controller.signal,
      open: async () => {
        opened += 1;
        if (opened === 2) throw new TypeError('Failed to fetch');
        return streamOf(opened === 1 ? [sse(status), sse(changed)] : [sse(changed)]);
      },
      onEvent: (event) => {
        received.push(event);
        if (received.length === 3) controller.abort();
      },
      onLost: () => {
        lost += 1;
      },
      wait: async () => undefined,
    });
    expect(received).toEqual([status, changed, changed]);
    expect(opened).toBe(3);
    // Lost after the first stream ended and after the refused attempt; not after the abort.
    expect(lost).toBe(2);
  });
});
