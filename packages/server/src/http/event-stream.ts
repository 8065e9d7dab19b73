import { apiHeaders, ProblemError } from './problem.ts';

const encoder = new TextEncoder();
const heartbeatMs = 20_000;

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
 * stop; it stops when the client goes away. A comment every 20 seconds keeps
 * proxies from closing an idle stream.
 *
 * The answer leaves only once `open` has subscribed: a client that sees the
 * stream open loses nothing sent after that, not even a typing signal, which
 * is never stored and so could not be caught up on.
 */
export async function eventStreamResponse(
  request: Request,
  open: (send: (event: StreamEvent) => void) => Promise<() => void>,
  onBeat?: () => void,
): Promise<Response> {
  let close: (() => void) | undefined;
  let timer: ReturnType<typeof setInterval> | undefined;
  let stopped = false;
  const stop = () => {
    stopped = true;
    clearInterval(timer);
    close?.();
    close = undefined;
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
  request.signal.addEventListener('abort', () => {
    stop();
    try {
      controller.close();
    } catch {
      // Already closed.
    }
  });
  close = await open(send);
  // The client may have left while the stream was opening; then nothing of it may outlive the call.
  if (stopped || request.signal.aborted) stop();
  else {
    timer = setInterval(() => {
      write(': ping\n\n');
      if (!stopped) onBeat?.();
    }, heartbeatMs);
  }
  return new Response(body, {
    headers: { ...apiHeaders, 'content-type': 'text/event-stream; charset=utf-8', 'x-accel-buffering': 'no' },
  });
}
