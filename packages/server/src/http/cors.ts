import type { Context } from 'hono';
import type { MerchantDirectory } from '../modules/auth/index.ts';
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
 * Answers a preflight. A preflight carries no key, so it is allowed for any
 * origin some merchant lists; the real request is then held to the origins of
 * the merchant its key or token names.
 */
export async function preflight(c: Context, directory: MerchantDirectory): Promise<Response> {
  const origin = c.req.header('origin');
  const requestId = { [requestIdHeader]: c.get('requestId') };
  if (!origin || origin === 'null' || !(await directory.isOriginRegistered(origin))) {
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
