import { problemContentType } from '@clientela/contract';
import type { Context } from 'hono';
import type { Logger } from '../core/logger.ts';
import { ProblemError } from '../core/problem.ts';
import { requestIdHeader } from './request-log.ts';
import { apiSecurityHeaders } from './security-headers.ts';

/**
 * What every API answer carries: no cache keeps it, and the security headers (no browser reads it as another
 * type than it says, frames it or embeds it). Each answer is built with them rather than given them
 * afterwards: touching the headers of a built answer turns the Node adapter's plain answer into a full Fetch
 * `Response`, which halved the requests a second.
 */
export const apiHeaders = { ...apiSecurityHeaders, 'cache-control': 'no-store' } as const;

/** The problem document of an error, for the request `c` answers: its path as `instance`, its id as `requestId`. */
export function problemResponse(error: ProblemError, c: Context, headers: Record<string, string> = {}): Response {
  const requestId = c.get('requestId');
  return new Response(JSON.stringify(error.toProblem(c.req.path, requestId)), {
    status: error.status,
    headers: { ...apiHeaders, ...headers, ...error.headers, 'content-type': problemContentType, [requestIdHeader]: requestId },
  });
}

/** The answer to a failed request: its problem, or for anything unexpected a 500 whose cause goes to the log with the request's id. */
export function errorResponse(logger: Logger, error: unknown, c: Context, headers: Record<string, string> = {}): Response {
  if (error instanceof ProblemError) return problemResponse(error, c, headers);
  logger.error({ err: error, requestId: c.get('requestId'), method: c.req.method, path: c.req.path }, 'unexpected error');
  return problemResponse(new ProblemError('internal', 'The error was logged; try again later'), c, headers);
}
