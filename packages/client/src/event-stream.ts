import type { Client, Operation } from './client.ts';
import { ApiError } from './errors.ts';

export interface StreamMessage {
  /** The event's id, to resume after; null for events that are not kept (typing). */
  id: string | null;
  type: string;
  data: unknown;
}

export type StreamState = 'connecting' | 'open' | 'retrying' | 'closed';

export interface EventStreamOptions {
  /** Resume after this event id (from a list's `eventCursor`, or the last one seen). */
  lastEventId?: string | null;
  onEvent(message: StreamMessage): void;
  onState?(state: StreamState): void;
  /** Waits between reconnections: it doubles from `minRetryMs` up to `maxRetryMs`. */
  minRetryMs?: number;
  maxRetryMs?: number;
}

export interface EventStream {
  /** The id of the last event received: where the stream resumes. */
  readonly lastEventId: string | null;
  close(): void;
}

/** Splits a text/event-stream into messages; ids carry over as the spec says. */
async function* parse(body: ReadableStream<Uint8Array>): AsyncGenerator<{ id: string | undefined; type: string; data: string }> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let id: string | undefined;
  let type = 'message';
  let data: string[] = [];
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let newline: number;
    while ((newline = buffer.search(/\r\n|\r|\n/)) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + (buffer.startsWith('\r\n', newline) ? 2 : 1));
      if (line === '') {
        if (data.length > 0) yield { id, type, data: data.join('\n') };
        id = undefined;
        type = 'message';
        data = [];
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'id') id = text;
      else if (field === 'event') type = text;
      else if (field === 'data') data.push(text);
    }
  }
}

/**
 * Reads a server-sent event stream of the API with fetch (so the token
 * travels in a header, not the URL), and keeps it going: after a drop it
 * reconnects with the last event id it saw, so every kept event arrives
 * once and in order. Stops on close, or when the API refuses the stream
 * (an expired session that could not be renewed, a conversation not found).
 */
export function openEventStream(
  client: Client,
  endpoint: Operation & { produces?: 'text/event-stream' },
  request: { params?: Record<string, string> },
  options: EventStreamOptions,
): EventStream {
  const controller = new AbortController();
  let lastEventId = options.lastEventId ?? null;
  const minRetry = options.minRetryMs ?? 500;
  const maxRetry = options.maxRetryMs ?? 10_000;
  const state = (value: StreamState) => options.onState?.(value);

  void (async () => {
    let wait = minRetry;
    while (!controller.signal.aborted) {
      state('connecting');
      try {
        const response = await client.open(endpoint, request, { lastEventId, signal: controller.signal });
        if (!response.body) throw new Error('The stream has no body');
        state('open');
        wait = minRetry;
        for await (const message of parse(response.body)) {
          if (message.id !== undefined) lastEventId = message.id;
          let data: unknown;
          try {
            data = JSON.parse(message.data);
          } catch {
            continue;
          }
          options.onEvent({ id: message.id ?? null, type: message.type, data });
        }
      } catch (error) {
        if (controller.signal.aborted) break;
        if (error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 429) {
          state('closed');
          return;
        }
      }
      if (controller.signal.aborted) break;
      state('retrying');
      await new Promise((resolve) => setTimeout(resolve, wait + Math.random() * wait * 0.25));
      wait = Math.min(wait * 2, maxRetry);
    }
    state('closed');
  })();

  return {
    get lastEventId() {
      return lastEventId;
    },
    close: () => controller.abort(),
  };
}
