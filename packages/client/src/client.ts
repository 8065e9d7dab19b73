import ky, { isHTTPError, type AfterResponseHook, type BeforeRequestHook } from 'ky';
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
  /** Sends each attempt; it is given a `Request`. The global `fetch` by default. */
  fetch?: typeof fetch;
  /** Milliseconds before an attempt is abandoned; 15 s by default. */
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
  return { type: 'about:blank', title: response.statusText || `HTTP ${response.status}`, status: response.status };
}

/** Answers that say "not now": an idempotent call is tried again after them. */
const notNow = [408, 429, 502, 503, 504];
/** Longest `Retry-After` a call waits for; a longer wait is the caller's to decide. */
const longestRetryAfterMs = 10_000;

/** Whether a refusal asks for a longer wait than the client makes: the call then answers with the refusal. */
function asksToWaitTooLong(error: Error): boolean {
  const asked = isHTTPError(error) ? error.response.headers.get('retry-after') : null;
  if (!asked) return false;
  const seconds = Number(asked);
  return (Number.isFinite(seconds) ? seconds * 1000 : Date.parse(asked) - Date.now()) > longestRetryAfterMs;
}

/** What a call names besides its operation: path parameters, query, body and headers of its own. */
type CallInput = { params?: Record<string, string>; query?: Record<string, unknown>; body?: unknown; headers?: Record<string, string> };

/**
 * A typed client of the Clientela API, on ky. Works in pages (with a
 * publishable key and a shopper or agent token) and in a merchant's backend
 * (with the secret key). Each attempt is abandoned after the timeout;
 * idempotent calls (GET, PUT, DELETE) are tried twice more after a network
 * failure, a timeout or a "not now", 0.3 s then 0.6 s later or when
 * `Retry-After` says, up to 10 s; an expired token is renewed once through
 * `onTokenExpired`, one renewal shared by concurrent calls.
 */
export function createClient(options: ClientOptions): Client {
  const base = new URL(options.api.endsWith('/') ? options.api : `${options.api}/`);
  const { onTokenExpired } = options;
  const http = ky.create({
    // Looked up on each call, so a page that replaces `fetch` later is heard.
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    timeout: options.timeout ?? 15_000,
    retry: { methods: ['get', 'put', 'delete'], statusCodes: notNow, afterStatusCodes: notNow, retryOnTimeout: true },
  });
  let renewing: Promise<string | null> | null = null;

  /** A fresh token from `onTokenExpired`, asked once for all the calls that find theirs expired meanwhile. */
  const renewToken = (ask: () => Promise<string | null | undefined>) =>
    (renewing ??= ask()
      .then((token) => {
        if (token) client.token = token;
        return token ?? null;
      })
      .finally(() => (renewing = null)));

  /** Sends a call through ky, tried again at most `retries` times, and turns what went wrong into the client's errors. */
  async function send(operation: Operation, request: CallInput, retries: number, init: { timeout?: false; signal?: AbortSignal } = {}): Promise<Response> {
    const url = new URL(expandPath(operation.path, request.params).slice(1), base);
    for (const [name, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined && value !== null) url.searchParams.set(name, String(value));
    }
    const bearer = operation.audience === 'shopper' || operation.audience === 'agent';
    let sentWith: string | null = null;
    let renewed = false;
    // Kept from ky, which would take it for a network failure and try again.
    let failedRenewal: { error: unknown } | undefined;

    /** Each attempt carries the credentials of the operation's audience, the token as it is now. */
    const authorize: BeforeRequestHook = (attempt) => {
      sentWith = client.token;
      // A secret-key operation that lets staff roles in takes a staff token where there is no secret key (the back office).
      const staffToken = operation.staff !== undefined && operation.staff.length > 0 ? sentWith : null;
      const credential = operation.audience === 'secret' ? (options.secretKey ?? staffToken) : bearer ? sentWith : null;
      if (credential) attempt.headers.set('authorization', `Bearer ${credential}`);
    };
    /**
     * Once, on an expired token: takes a fresh one (another call's, or asked
     * for) and sends the call again at once, whatever its method: the API
     * did nothing with it.
     */
    const renewExpired: AfterResponseHook = async (_attempt, _options, response) => {
      if (renewed || response.status !== 401 || !(await problemOf(response)).type.endsWith('/token-expired')) return;
      renewed = true;
      const fresh = (client.token !== sentWith && client.token) || (await renewToken(onTokenExpired!).catch((error: unknown) => void (failedRenewal = { error })));
      if (fresh && fresh !== sentWith) return ky.retry({ delay: 0 });
    };

    try {
      return await http(url, {
        ...init,
        method: operation.method,
        headers: {
          accept: operation.produces === undefined ? 'application/json' : typeof operation.produces === 'string' ? operation.produces : operation.produces.join(', '),
          ...request.headers,
          ...(options.publishableKey && operation.audience !== 'secret' ? { 'x-publishable-key': options.publishableKey } : {}),
        },
        ...(operation.body ? { json: request.body } : {}),
        // The renewal is one try more, not one of the retries.
        retry: { limit: retries + 1, shouldRetry: ({ error, retryCount }) => (retryCount - Number(renewed) > retries || asksToWaitTooLong(error) ? false : undefined) },
        hooks: { beforeRequest: [authorize], afterResponse: bearer && onTokenExpired ? [renewExpired] : [] },
      });
    } catch (error) {
      if (failedRenewal) throw failedRenewal.error;
      if (isHTTPError(error)) throw new ApiError(await problemOf(error.response));
      throw new NetworkError(error);
    }
  }

  const client: Client = {
    token: options.token ?? null,
    api: base.href,
    async call<O extends Operation>(operation: O, ...args: Args<EndpointOf<O>>): Promise<ResponseOf<EndpointOf<O>>> {
      type Answer = ResponseOf<EndpointOf<O>>;
      const response = await send(operation, (args[0] ?? {}) as CallInput, 2);
      if (operation.produces) return (await response.blob()) as Answer;
      if (operation.response === null) return undefined as Answer;
      const body: unknown = await response.json();
      if (typeof operation.response === 'string') return body as Answer;
      const parsed = operation.response.safeParse(body);
      if (!parsed.success) throw new ContractError(`${operation.method} ${operation.path}`, parsed.error);
      return parsed.data as Answer;
    },
    open(operation, request, init) {
      // Without the timeout and retries of a call: a stream stays open, and `openEventStream` reconnects.
      const headers: Record<string, string> = init.lastEventId ? { 'last-event-id': init.lastEventId } : {};
      return send(operation, { ...request, headers }, 0, { timeout: false, ...(init.signal ? { signal: init.signal } : {}) });
    },
  };
  return client;
}
