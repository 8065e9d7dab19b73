/** One message of a server-sent event stream, as a test reads it. */
export interface StreamMessage {
  /** The event's id, or null for one that is never stored (typing). */
  id: string | null;
  type: string;
  data: unknown;
}

/**
 * Watches a server-sent event stream over HTTP, as a test needs it: each
 * message as it arrives, from `lastEventId` on. It does not reconnect; a test
 * resumes by opening another from the `lastEventId` this one reached.
 */
export function watchEventStream(
  url: string,
  options: { headers?: Record<string, string>; lastEventId?: string; onEvent: (message: StreamMessage) => void; onOpen?: () => void },
): { readonly lastEventId: string | null; close(): void } {
  const controller = new AbortController();
  let lastEventId = options.lastEventId ?? null;
  const read = async () => {
    const resumeFrom: Record<string, string> = lastEventId === null ? {} : { 'last-event-id': lastEventId };
    const response = await fetch(url, { headers: { accept: 'text/event-stream', ...options.headers, ...resumeFrom }, signal: controller.signal });
    if (!response.ok || !response.body) throw new Error(`GET ${url}: ${response.status} ${await response.text()}`);
    options.onOpen?.();
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of response.body) {
      buffer += decoder.decode(chunk, { stream: true });
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const message = parseFrame(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
        if (!message) continue;
        if (message.id !== null) lastEventId = message.id;
        options.onEvent(message);
      }
    }
  };
  // A stream that fails before the test closes it fails the test.
  read().catch((error: unknown) => {
    if (!controller.signal.aborted) throw error;
  });
  return {
    get lastEventId() {
      return lastEventId;
    },
    close: () => controller.abort(),
  };
}

/** A frame's message; undefined for one that carries none (a comment, a `retry:`). */
function parseFrame(frame: string): StreamMessage | undefined {
  let id: string | null = null;
  let type = 'message';
  const data: string[] = [];
  for (const line of frame.split('\n')) {
    const colon = line.indexOf(':');
    if (colon === 0) continue;
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'id') id = value;
    else if (field === 'event') type = value;
    else if (field === 'data') data.push(value);
  }
  return data.length === 0 ? undefined : { id, type, data: JSON.parse(data.join('\n')) };
}
