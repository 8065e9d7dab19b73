import type { Endpoint, Problem, RequestOf, ResponseOf } from '@clientela/contract';
import { expandPath, type EndpointOf, type Route } from '@clientela/contract/routes';
import { ApiError, ContractError, NetworkError } from './errors.ts';

export interface ClientOptions {
  /** Base URL of the Clientela API, e.g. `https://crm.example.com`. */
  api: string;
  /** The merchant's publishable key, for calls from its pages. */
  publishableKey?: string;
  /** A shopper or agent token. */
  token?: string | null;
  /** The merchant's secret key: only in the merchant's backend, never in a page. */
  secretKey?: string;
  /**
   * Called once when the API says the token has expired; resolve to a fresh
   * token and the call is retried once with it, or to nothing to give up.
   */
  onTokenExpired?: () => Promise<string | null | undefined>;
  fetch?: typeof fetch;
  /** Milliseconds before a request is abandoned; 15 s by default. */
  timeout?: number;
}

type Args<E extends Endpoint> = {} extends RequestOf<E> ? [request?: RequestOf<E>] : [request: RequestOf<E>];

/** An operation to call: an endpoint of the contract, or its route (the same without schemas, for pages). */
export type Operation = Endpoint | Route;

export interface Client {
  /**
   * Calls an operation of the contract and resolves to its answer. Given an
   * endpoint, the answer is validated by the endpoint's schema; given a
   * route, as pages do to leave the schemas out of their scripts, it is
   * taken as the server validated it.
   */
  call<O extends Operation>(operation: O, ...args: Args<EndpointOf<O>>): Promise<ResponseOf<EndpointOf<O>>>;
  /** Opens a server-sent event stream of the contract; the answer's body is the stream. See `openEventStream`. */
  open(
    operation: Operation & { produces?: 'text/event-stream' },
    request: { params?: Record<string, string> },
    init: { lastEventId?: string | null; signal?: AbortSignal },
  ): Promise<Response>;
  /** The current token; set a new one after a sign-in or a refresh. */
  token: string | null;
  readonly api: string;
}

const problemish = (status: number, title: string): Problem => ({ type: 'about:blank', title, status });

const isProblem = (value: unknown): value is Problem =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Problem).type === 'string' &&
  typeof (value as Problem).title === 'string' &&
  Number.isInteger((value as Problem).status);

async function problemOf(response: Response): Promise<Problem> {
  try {
    const body: unknown = await response.clone().json();
    if (isProblem(body)) return body;
  } catch {
    // Not JSON: described by its status below.
  }
  return problemish(response.status, response.statusText || `HTTP ${response.status}`);
}

/** Calls that may be sent again without doing twice what they do. */
const retriedMethods = new Set(['GET', 'PUT', 'DELETE']);
/** Answers that say "not now": a call is tried again after them. */
const retriedStatuses = new Set([408, 429, 502, 503, 504]);
const retries = 2;
/** Longest `Retry-After` a call waits for before it gives up and answers with the refusal. */
const longestRetryAfterMs = 10_000;

/** How long to wait before trying a call again: what the API asked for, or 0.3 s doubling. */
function retryDelay(response: Response | null, attempt: number): number | null {
  const asked = response?.headers.get('retry-after');
  if (!asked) return 300 * 2 ** attempt;
  const seconds = Number(asked);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(asked) - Date.now();
  return ms <= longestRetryAfterMs ? Math.max(0, ms) : null;
}

/**
 * A typed client of the Clientela API. Works in pages (with a publishable key
 * and a shopper or agent token) and in a merchant's backend (with the secret
 * key). Retries idempotent calls on network failures and 429/502/503/504,
 * refreshes an expired token once through `onTokenExpired`.
 */
export function createClient(options: ClientOptions): Client {
  const base = new URL(options.api.endsWith('/') ? options.api : `${options.api}/`);
  const transport = options.fetch ?? ((input, init) => fetch(input, init));
  const timeout = options.timeout ?? 15_000;
  let refreshing: Promise<string | null> | null = null;

  type Request = { params?: Record<string, string>; query?: Record<string, unknown>; body?: unknown; headers?: Record<string, string> };

  /**
   * Sends a call, each attempt abandoned after the timeout; tries an
   * idempotent one again after a network failure or a "not now" answer.
   */
  async function send(url: URL, init: RequestInit & { method: string }): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      let response: Response | null = null;
      let failure: unknown;
      try {
        response = await transport(url, { ...init, signal: AbortSignal.timeout(timeout) });
      } catch (error) {
        failure = error;
      }
      const again = attempt < retries && retriedMethods.has(init.method) && (!response || retriedStatuses.has(response.status));
      const delay = again ? retryDelay(response, attempt) : null;
      if (delay === null) {
        if (response) return response;
        throw new NetworkError(failure);
      }
      await response?.body?.cancel();
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }

  /**
   * Sends a request with the credentials its audience needs, and when the API
   * says the token expired, asks for a new one once (shared by concurrent
   * calls) and sends it again.
   */
  async function authorized(endpoint: Operation, request: Request, transport: (url: URL, init: { method: string; headers: Record<string, string> }) => Promise<Response>) {
    const url = new URL(expandPath(endpoint.path, request.params).slice(1), base);
    for (const [name, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined && value !== null) url.searchParams.set(name, String(value));
    }
    const send = (token: string | null) => {
      const accept = endpoint.produces === undefined ? 'application/json' : typeof endpoint.produces === 'string' ? endpoint.produces : endpoint.produces.join(', ');
      const headers: Record<string, string> = { accept, ...request.headers };
      if (options.publishableKey && endpoint.audience !== 'secret') headers['x-publishable-key'] = options.publishableKey;
      if (endpoint.audience === 'secret' && options.secretKey) headers.authorization = `Bearer ${options.secretKey}`;
      if ((endpoint.audience === 'shopper' || endpoint.audience === 'agent') && token) headers.authorization = `Bearer ${token}`;
      return transport(url, { method: endpoint.method, headers });
    };
    const used = client.token;
    let response = await send(used);
    if (response.status === 401 && options.onTokenExpired && (endpoint.audience === 'shopper' || endpoint.audience === 'agent')) {
      const problem = await problemOf(response);
      if (problem.type.endsWith('/token-expired')) {
        // Another call may have refreshed the token meanwhile; otherwise ask once, shared by concurrent calls.
        let fresh = client.token !== used ? client.token : null;
        if (!fresh) {
          refreshing ??= options
            .onTokenExpired()
            .then((token) => token ?? null)
            .finally(() => (refreshing = null));
          fresh = await refreshing;
          if (fresh) client.token = fresh;
        }
        if (fresh && fresh !== used) response = await send(fresh);
      }
    }
    if (!response.ok) throw new ApiError(await problemOf(response));
    return response;
  }

  const client: Client = {
    token: options.token ?? null,
    api: base.href,
    async call<O extends Operation>(endpoint: O, ...args: Args<EndpointOf<O>>): Promise<ResponseOf<EndpointOf<O>>> {
      type Answer = ResponseOf<EndpointOf<O>>;
      const request = (args[0] ?? {}) as Request;
      const response = await authorized(endpoint, request, (url, init) =>
        endpoint.body
          ? send(url, { ...init, headers: { ...init.headers, 'content-type': 'application/json' }, body: JSON.stringify(request.body) })
          : send(url, init),
      );
      if (endpoint.produces) return (await response.blob()) as Answer;
      if (endpoint.response === null) return undefined as Answer;
      const body: unknown = await response.json();
      if (typeof endpoint.response === 'string') return body as Answer;
      const parsed = endpoint.response.safeParse(body);
      if (!parsed.success) throw new ContractError(endpoint.id, parsed.error);
      return parsed.data as Answer;
    },
    async open(endpoint, request, init) {
      // Without the timeout and retries of a call: a stream stays open, and `openEventStream` reconnects.
      return authorized(endpoint, { ...request, headers: { ...(init.lastEventId ? { 'last-event-id': init.lastEventId } : {}) } }, (url, requestInit) =>
        transport(url, { ...requestInit, ...(init.signal ? { signal: init.signal } : {}) }).catch((error: unknown) => {
          throw new NetworkError(error);
        }),
      );
    },
  };
  return client;
}
