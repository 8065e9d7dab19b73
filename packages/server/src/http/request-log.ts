import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { Logger } from '../core/logger.ts';

declare module 'hono' {
  interface ContextVariableMap {
    /** The request's id (see `requestLog`), in its answer, its problem document and every log line about it. */
    requestId: string;
    /** The store the caller's key or token names, once the API knows it: the access log shows it. */
    merchantId: string;
  }
}

export const requestIdHeader = 'x-request-id';

/** An id a proxy or a caller may give a request, to follow it through their logs and ours: up to 128 letters, digits and `-_.:`. */
const wellFormedId = /^[\w.:-]{1,128}$/;

/**
 * Names every request, and logs one line for it once answered. The id is the
 * caller's `X-Request-Id` when well formed, a new UUID otherwise, and goes
 * back in the answer's `X-Request-Id`: API answers are built with it (see
 * `Api`); the rest (widget bundles, the demo store's pages) get it here. The
 * line holds the method, the path (never the query, nor any header or body:
 * no key or token reaches the log), the status, the milliseconds until the
 * answer started, the request id and the store when the caller named one.
 * Nothing is measured or built for a log that does not keep `info` lines.
 */
export function requestLog(logger: Logger): MiddlewareHandler {
  const logging = logger.isLevelEnabled('info');
  return async (c, next) => {
    const started = logging ? performance.now() : 0;
    const offered = c.req.header(requestIdHeader);
    const requestId = offered !== undefined && wellFormedId.test(offered) ? offered : randomUUID();
    c.set('requestId', requestId);
    await next();
    // Touching an API answer's headers would turn the Node adapter's plain answer into a full `Response`.
    if (!c.req.path.startsWith('/v1/')) c.res.headers.set(requestIdHeader, requestId);
    if (logging) {
      const { method, path } = c.req;
      const ms = Math.round((performance.now() - started) * 100) / 100;
      logger.info({ requestId, method, path, status: c.res.status, ms, merchantId: c.get('merchantId') }, 'request');
    }
  };
}
