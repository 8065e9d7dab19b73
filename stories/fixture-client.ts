import { createClient, type Client } from '@clientela/client';

/**
 * How a story's API answers, by path or by "METHOD path": JSON, an HTTP
 * error, never, not at all because the shopper is offline (`'offline'`),
 * (`'stream'`) an event stream that stays open and quiet, or the JSON a
 * function makes of the request's URL (to answer `?locale=`).
 */
export type FixtureRoutes = Record<string, unknown | { status: number; problem: string } | 'never' | 'offline' | 'stream' | ((url: URL) => unknown)>;

const isError = (value: unknown): value is { status: number; problem: string } =>
  typeof value === 'object' && value !== null && 'status' in value && 'problem' in value;

/**
 * A real client whose requests are answered from fixtures instead of a
 * server, so a story shows a widget in one exact state. The answers still
 * pass through the contract's validation.
 */
export function fixtureClient(routes: FixtureRoutes): Client {
  return createClient({
    api: 'https://api.clientela.example',
    token: 'story',
    publishableKey: 'pk_test_demo',
    fetch: async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      const method = input instanceof Request ? input.method : (init?.method ?? 'GET');
      const route = routes[`${method} ${url.pathname}`] ?? routes[url.pathname];
      const answer = typeof route === 'function' ? route(url) : route;
      if (answer === 'never') return new Promise<Response>(() => {});
      // What fetch does when the device has no connection.
      if (answer === 'offline') throw new TypeError('Failed to fetch');
      if (answer === 'stream') {
        const body = new ReadableStream<Uint8Array>({ start: (controller) => controller.enqueue(new TextEncoder().encode(': open\n\n')) });
        return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
      }
      if (answer === undefined) return Response.json({ type: 'about:blank', title: 'Not found', status: 404 }, { status: 404 });
      if (isError(answer)) {
        return Response.json(
          { type: `https://clientela.dev/problems/${answer.problem}`, title: answer.problem, status: answer.status },
          { status: answer.status, headers: { 'content-type': 'application/problem+json' } },
        );
      }
      return Response.json(answer);
    },
  });
}
