import type { Endpoint, FieldError, FileType, ParsedRequestOf } from '@clientela/contract';
import type { Context, Hono } from 'hono';
import * as z from 'zod/mini';
import type { Logger } from '../core/logger.ts';
import { ProblemError } from '../core/problem.ts';
import { WithStatus, type FileResult } from '../core/results.ts';
import { isSecretKey, type MerchantDirectory, type TokenService } from '../modules/auth/index.ts';
import { authenticate, bearer, publishableKeyHeader, type CallerOf } from './caller.ts';
import { corsHeaders } from './cors.ts';
import { apiHeaders, errorResponse } from './problem-response.ts';
import { requestIdHeader } from './request-log.ts';

export interface HandlerInput<E extends Endpoint> extends ParsedRequestOf<E> {
  caller: CallerOf<E['audience']>;
  request: Request;
  /** The peer's network address, for limits per address. */
  address: string;
}

type HandlerResult<E extends Endpoint> = E['response'] extends z.ZodMiniType
  ? z.input<E['response']>
  : E['produces'] extends 'text/event-stream'
    ? Response
    : E['produces'] extends readonly FileType[]
      ? FileResult
      : void;

export type Handler<E extends Endpoint> = (input: HandlerInput<E>) => Promise<HandlerResult<E> | WithStatus<HandlerResult<E>>>;

type Headers = Record<string, string>;

const noCors: Headers = Object.freeze({});
const jsonHeaders: Headers = Object.freeze({ ...apiHeaders, 'content-type': 'application/json' });

/** What serving the endpoints needs: who callers are, and where to log what went wrong. */
interface ApiDeps {
  directory: MerchantDirectory;
  tokens: TokenService;
  logger: Logger;
}

/**
 * Serves contract endpoints: authenticates the caller as the endpoint's
 * audience requires and authorizes their staff role (see `authenticate`),
 * holds browser calls to the merchant's origins, parses
 * every input with the endpoint's schemas, and answers the handler's result
 * as the response schema shapes it, or a problem document.
 */
export class Api {
  readonly #hono: Hono;
  readonly #deps: ApiDeps;
  readonly #endpoints: Endpoint[] = [];

  constructor(hono: Hono, deps: ApiDeps) {
    this.#hono = hono;
    this.#deps = deps;
  }

  /** The endpoints served, in the order they were mounted: what the OpenAPI document describes. */
  get endpoints(): readonly Endpoint[] {
    return this.#endpoints;
  }

  mount<E extends Endpoint>(endpoint: E, handler: Handler<E>): void {
    this.#endpoints.push(endpoint);
    const path = endpoint.path.replace(/\{(\w+)\}/g, ':$1');
    const served = withCompiledSchemas(endpoint);
    this.#hono.on(endpoint.method, path, (c) => this.#serve(served, handler, c));
  }

  async #serve<E extends Endpoint>(endpoint: E, handler: Handler<E>, c: Context): Promise<Response> {
    const request = c.req.raw;
    const requestId = c.get('requestId');
    const origin = request.headers.get('origin');
    let cors: Headers = origin && endpoint.audience === 'public' ? { 'access-control-allow-origin': '*' } : noCors;
    // Secret keys never answer a page; staff tokens, from the back office, do.
    const withSecretKey = endpoint.audience === 'secret' && isSecretKey(bearer(request) ?? '');
    const browserFacing = endpoint.audience !== 'secret' || (!withSecretKey && endpoint.staff !== undefined && endpoint.staff.length > 0);
    try {
      let caller: CallerOf<E['audience']>;
      try {
        caller = (await authenticate(endpoint, request, this.#deps)) as CallerOf<E['audience']>;
      } catch (error) {
        // A page must be able to read why it was refused (an expired token, a key of no store) to recover or to say what to fix.
        if (browserFacing && origin && origin !== 'null') cors = corsHeaders(origin);
        throw error;
      }
      if (caller.merchant) c.set('merchantId', caller.merchant.id);
      // The server's own pages (the back office at /admin/) call from its own origin, which no store lists; browsers say so in Sec-Fetch-Site, which no page can set.
      const ownPage = request.headers.get('sec-fetch-site') === 'same-origin';
      if (origin && caller.merchant && browserFacing && !ownPage) {
        // The refusal too is readable (never by an opaque `null` origin), so the page can tell the merchant which origin to add.
        if (origin !== 'null') cors = corsHeaders(origin);
        if (!caller.merchant.origins.includes(origin)) throw originNotAllowed(origin, request.headers.get(publishableKeyHeader) ?? caller.merchant.publishableKey);
      }
      // Only a body needs waiting for: most calls are reads, and each await is a step more for each of them.
      const json = endpoint.body ? await readJson(request) : undefined;
      const { params, query, headers, body } = parseRequest(endpoint, c, json);
      const answer = await handler({ params, query, headers, body, caller, request, address: peerAddress(c) });
      const result = answer instanceof WithStatus ? answer.result : answer;
      const status = answer instanceof WithStatus ? answer.status : (endpoint.status ?? 200);
      if (endpoint.produces === 'text/event-stream') {
        const stream = result as Response;
        for (const [name, value] of Object.entries(cors)) stream.headers.set(name, value);
        stream.headers.set(requestIdHeader, requestId);
        return stream;
      }
      if (endpoint.produces) {
        const file = result as FileResult;
        return new Response(file.body, {
          status: 200,
          headers: {
            ...apiHeaders,
            ...cors,
            'content-type': typeof file.body === 'string' ? `${file.type}; charset=utf-8` : file.type,
            'content-disposition': `attachment; filename="${file.filename.replace(/[^\w.-]/g, '_')}"`,
            [requestIdHeader]: requestId,
          },
        });
      }
      if (endpoint.response === null) return new Response(null, { status: endpoint.status ?? 204, headers: { ...apiHeaders, ...cors, [requestIdHeader]: requestId } });
      // A string body with plain headers is what the Node adapter writes straight to the socket.
      return new Response(JSON.stringify(endpoint.response.parse(result)), {
        status,
        headers: cors === noCors ? { ...jsonHeaders, [requestIdHeader]: requestId } : { ...jsonHeaders, ...cors, [requestIdHeader]: requestId },
      });
    } catch (error) {
      return errorResponse(this.#deps.logger, error, c, cors);
    }
  }
}

/** What a page on an origin the store does not allow is told: which origin, which key, and what to do. */
function originNotAllowed(origin: string, publishableKey: string): ProblemError {
  return new ProblemError('forbidden-origin', `Origin ${origin} is not allowed for ${publishableKey}: add it under Settings → Origins (POST /v1/origins)`, {
    extensions: { origin, publishableKey },
  });
}

/**
 * The endpoint with each schema compiled by zod into a parser of its own
 * (`z.compile`): the same data out and the same issues for bad input (a
 * refusal is parsed again by zod's general parser), in a fraction of the
 * time. Checking `GET /v1/me`'s answer went from 3.5 µs to 0.2 µs. The
 * compiled parsers are built with `new Function`, which the server may use;
 * code that ships to browsers never compiles.
 */
function withCompiledSchemas<E extends Endpoint>(endpoint: E): E {
  const compiled = <S extends z.ZodMiniType | null | undefined>(schema: S): S => (schema ? z.compile(schema) : schema);
  return {
    ...endpoint,
    params: compiled(endpoint.params),
    query: compiled(endpoint.query),
    headers: compiled(endpoint.headers),
    body: compiled(endpoint.body),
    response: compiled(endpoint.response),
  };
}

/** The address of the socket the request came in on (Node's server puts it in the context's bindings). */
function peerAddress(c: Context): string {
  const bindings = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return bindings?.incoming?.socket?.remoteAddress ?? 'unknown';
}

/** What PostgreSQL cannot keep in text or jsonb: U+0000, and halves of a UTF-16 surrogate pair on their own. */
const unstorableText = /\u0000|[\uD800-\uDFFF]/u;

/** Strings the database could not store, refused here by field instead of failing there. */
function unstorableTextErrors(where: FieldError['in'], value: unknown, path: string[] = []): FieldError[] {
  if (typeof value === 'string') {
    return unstorableText.test(value) ? [{ in: where, field: path.join('.'), message: 'Text cannot contain U+0000 or unpaired surrogates' }] : [];
  }
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => unstorableTextErrors(where, child, [...path, key]));
}

function fieldErrors(where: FieldError['in'], error: z.core.$ZodError): FieldError[] {
  return error.issues.map((issue) => ({ in: where, field: issue.path.map(String).join('.'), message: issue.message }));
}

/** JSON is UTF-8 (RFC 8259): bytes that are not are refused, not stored as U+FFFD in their place. */
const utf8 = new TextDecoder('utf-8', { fatal: true });

async function readJson(request: Request): Promise<unknown> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
    throw new ProblemError('unsupported-media-type', 'Send the body as application/json');
  }
  const bytes = await request.arrayBuffer();
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new ProblemError('invalid-request', 'The body is not valid UTF-8', {
      errors: [{ in: 'body', field: '', message: 'Not valid UTF-8' }],
    });
  }
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new ProblemError('invalid-request', 'The body is not valid JSON', {
      errors: [{ in: 'body', field: '', message: 'Not valid JSON' }],
    });
  }
}

/**
 * zod/mini carries no words of its own: a refusal says what was wrong in
 * English ("Too big: expected string to have <=64 characters"), not "Invalid input".
 */
const inEnglish = { error: z.locales.en().localeError };

/** Parses one part of the input with its schema, noting what it refuses; a part without a schema is empty. */
function parsePart(errors: FieldError[], where: FieldError['in'], schema: z.ZodMiniType | undefined, read: () => unknown): unknown {
  if (!schema) return where === 'body' ? undefined : {};
  const result = schema.safeParse(read(), inEnglish);
  const refused = result.success ? unstorableTextErrors(where, result.data) : fieldErrors(where, result.error);
  if (refused.length === 0) return result.data;
  errors.push(...refused);
  return undefined;
}

/** The endpoint's inputs, each parsed with its schema (`json` is the body as read), or a 400 problem naming every refused field. */
function parseRequest<E extends Endpoint>(endpoint: E, c: Context, json: unknown): ParsedRequestOf<E> {
  const errors: FieldError[] = [];
  // The input is read only for a schema that asks for it: most endpoints take no query and no headers.
  const params = parsePart(errors, 'params', endpoint.params, () => c.req.param());
  const query = parsePart(errors, 'query', endpoint.query, () => Object.fromEntries(new URL(c.req.url).searchParams));
  const headers = parsePart(errors, 'headers', endpoint.headers, () => Object.fromEntries(c.req.raw.headers));
  const body = parsePart(errors, 'body', endpoint.body, () => json);
  if (errors.length > 0) {
    const fields = [...new Set(errors.map((e) => (e.field ? `${e.in}.${e.field}` : e.in)))];
    throw new ProblemError('invalid-request', `Check ${fields.join(', ')}`, { errors });
  }
  return { params, query, headers, body } as ParsedRequestOf<E>;
}
