import { ProblemError } from '../core/problem.ts';
import { apiHeaders } from './problem-response.ts';

const encoder = new TextEncoder();
/** How often an open stream says it is alive: often enough for proxies that close idle connections after half a minute. */
export const defaultHeartbeatMs = 20_000;

/** How many event streams an API instance holds open at once for each holder. */
export interface StreamLimits {
  /** One session: a shopper's or an agent's token. */
  streamsPerSession: number;
  /** One shopper, over all their sessions (tabs, devices). */
  streamsPerCustomer: number;
  /** All of a store's shoppers. */
  shopperStreamsPerMerchant: number;
  /** All of a store's agents. */
  agentStreamsPerMerchant: number;
}

export type StreamLimitName = keyof StreamLimits;

/**
 * A page needs one stream, or a few across tabs: a shopper's chat holds one
 * for all their conversations, an agent's console one. The store-wide caps
 * keep one store from taking a whole instance's memory and sockets.
 */
export const defaultStreamLimits: StreamLimits = {
  streamsPerSession: 5,
  streamsPerCustomer: 10,
  shopperStreamsPerMerchant: 5_000,
  agentStreamsPerMerchant: 1_000,
};

/**
 * The event streams this instance holds open, counted per holder, so that no
 * session, shopper or store holds more than its share. The counts live in
 * this process only: each API instance holds at most the limits, so behind a
 * load balancer a holder may have that many on every instance. A stream gives
 * its slot back when it ends, whichever side ends it.
 */
export class StreamSlots {
  readonly #limits: StreamLimits;
  readonly #open = new Map<string, number>();
  /** How often each stream beats: what a freed slot waits for, and how soon a stream learns its session ended. */
  readonly heartbeatMs: number;

  constructor(limits: Partial<StreamLimits> = {}, heartbeatMs = defaultHeartbeatMs) {
    this.#limits = { ...defaultStreamLimits, ...limits };
    this.heartbeatMs = heartbeatMs;
  }

  /**
   * Takes a slot under each limit named, for one subject each (a session, a
   * customer, `*` for the whole store), or none and a 429 when any is full.
   * Answers the function that gives them back; calling it again does nothing.
   */
  take(merchantId: string, slots: ReadonlyArray<readonly [StreamLimitName, string]>): () => void {
    const keys = slots.map(([limit, subject]) => ({ key: JSON.stringify([merchantId, limit, subject]), limit }));
    const full = keys.find(({ key, limit }) => (this.#open.get(key) ?? 0) >= this.#limits[limit]);
    if (full) {
      // When a slot frees cannot be known: by the next heartbeat a stream whose client left is usually found gone.
      const retryAfter = Math.max(1, Math.ceil(this.heartbeatMs / 1000));
      throw new ProblemError('rate-limited', `Too many open event streams; close one or try again in ${retryAfter} s`, {
        headers: { 'retry-after': String(retryAfter) },
      });
    }
    for (const { key } of keys) this.#open.set(key, (this.#open.get(key) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      for (const { key } of keys) {
        const left = (this.#open.get(key) ?? 1) - 1;
        if (left === 0) this.#open.delete(key);
        else this.#open.set(key, left);
      }
    };
  }
}

export interface StreamEvent {
  id: number | null;
  type: string;
  data: unknown;
}

/** The id to resume after: the Last-Event-ID header a reconnecting client sends, or 0 for everything from here. */
export function lastEventIdOf(request: Request, fallback: number): number {
  const header = request.headers.get('last-event-id') ?? new URL(request.url).searchParams.get('lastEventId');
  if (header === null || header === '') return fallback;
  if (!/^\d{1,18}$/.test(header)) {
    throw new ProblemError('invalid-request', 'Last-Event-ID is the id of an event this stream sent', {
      errors: [{ in: 'headers', field: 'last-event-id', message: 'Not an event id' }],
    });
  }
  return Number(header);
}

/**
 * A text/event-stream response. `open` starts feeding it and returns how to
 * stop; it stops when the client goes away. A comment every `heartbeatMs` keeps
 * proxies from closing an idle stream, and calls `onBeat` with a way to end
 * the stream from the server's side (a session that has ended since, say).
 * `onEnd` runs once when the stream ends, however it ends, even if it never
 * opened.
 *
 * The answer leaves only once `open` has subscribed: a client that sees the
 * stream open loses nothing sent after that, not even a typing signal, which
 * is never stored and so could not be caught up on.
 */
export async function eventStreamResponse(
  request: Request,
  open: (send: (event: StreamEvent) => void) => Promise<() => void>,
  { onBeat, onEnd, heartbeatMs = defaultHeartbeatMs }: { onBeat?: (end: () => void) => void; onEnd?: () => void; heartbeatMs?: number } = {},
): Promise<Response> {
  let close: (() => void) | undefined;
  let timer: ReturnType<typeof setInterval> | undefined;
  let stopped = false;
  const stop = () => {
    stopped = true;
    clearInterval(timer);
    close?.();
    close = undefined;
    onEnd?.();
    onEnd = undefined;
  };
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  // `start` runs within the constructor, so the controller is there from the next line on.
  const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c), cancel: stop });
  const write = (text: string) => {
    try {
      controller.enqueue(encoder.encode(text));
    } catch {
      stop();
    }
  };
  write('retry: 2000\n\n');
  const send = (event: StreamEvent) =>
    write(`${event.id === null ? '' : `id: ${event.id}\n`}event: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`);
  const end = () => {
    stop();
    try {
      controller.close();
    } catch {
      // Already closed.
    }
  };
  request.signal.addEventListener('abort', end);
  try {
    close = await open(send);
  } catch (error) {
    stop();
    throw error;
  }
  // The client may have left while the stream was opening; then nothing of it may outlive the call.
  if (stopped || request.signal.aborted) stop();
  else {
    timer = setInterval(() => {
      write(': ping\n\n');
      if (!stopped) onBeat?.(end);
    }, heartbeatMs);
  }
  return new Response(body, {
    headers: { ...apiHeaders, 'content-type': 'text/event-stream; charset=utf-8', 'x-accel-buffering': 'no' },
  });
}
