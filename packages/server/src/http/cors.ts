import type { Context } from 'hono';
import { apiHeaders } from './problem-response.ts';
import { requestIdHeader } from './request-log.ts';

const allowedHeaders = ['authorization', 'content-type', 'x-publishable-key', 'idempotency-key', 'last-event-id'];
const exposedHeaders = ['retry-after', 'location'];

/** Headers that let a page on `origin` read the response; `Vary: Origin` keeps shared caches honest. */
export function corsHeaders(origin: string): Record<string, string> {
  return {
    'access-control-allow-origin': origin,
    'access-control-expose-headers': exposedHeaders.join(', '),
    vary: 'Origin',
  };
}

/**
 * Answers a preflight. A preflight carries no key, so it is answered for any
 * origin: the real request is then held to the origins of the merchant its key
 * or token names, and a refusal says so in words the page can read (a store
 * whose page moved to a new domain learns what to add, rather than seeing a
 * failed connection). The API takes no cookies, so answering a preflight lends
 * a page nothing it did not already have.
 */
export function preflight(c: Context): Response {
  const origin = c.req.header('origin');
  const requestId = { [requestIdHeader]: c.get('requestId') };
  if (!origin || origin === 'null') {
    return new Response(null, { status: 403, headers: { ...apiHeaders, vary: 'Origin', ...requestId } });
  }
  return new Response(null, {
    status: 204,
    headers: {
      ...apiHeaders,
      ...requestId,
      ...corsHeaders(origin),
      'access-control-allow-methods': 'GET, POST, PUT, DELETE',
      'access-control-allow-headers': allowedHeaders.join(', '),
      'access-control-max-age': '600',
    },
  });
}
