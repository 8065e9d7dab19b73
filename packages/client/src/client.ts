import { expandPath, Problem, type Endpoint, type RequestOf, type ResponseOf } from '@clientela/contract';
import ky, { HTTPError, type KyInstance } from 'ky';
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

export interface Client {
  /** Calls an endpoint of the contract; resolves to its response, validated by the contract's schema. */
  call<E extends Endpoint>(endpoint: E, ...args: Args<E>): Promise<ResponseOf<E>>;
  /** Opens a server-sent event stream of the contract; the answer's body is the stream. See `openEventStream`. */
  open<E extends Endpoint & { produces: 'text/event-stream' }>(
    endpoint: E,
    request: { params?: Record<string, string> },
    init: { lastEventId?: string | null; signal?: AbortSignal },
  ): Promise<Response>;
  /** The current token; set a new one after a sign-in or a refresh. */
  token: string | null;
  readonly api: string;
}

const problemish = (status: number, title: string): Problem => ({ type: 'about:blank', title, status });

async function problemOf(response: Response): Promise<Problem> {
  try {
    const parsed = Problem.safeParse(await response.clone().json());
    if (parsed.success) return parsed.data;
  } catch {
    // Not JSON: described by its status below.
  }
  return problemish(response.status, response.statusText || `HTTP ${response.status}`);
}

/**
 * A typed client of the Clientela API. Works in pages (with a publishable key
 * and a shopper or agent token) and in a merchant's backend (with the secret
 * key). Retries idempotent calls on network failures and 429/502/503/504,
 * refreshes an expired token once through `onTokenExpired`.
 */
export function createClient(options: ClientOptions): Client {
  const base = new URL(options.api.endsWith('/') ? options.api : `${options.api}/`);
  const http: KyInstance = ky.create({
    throwHttpErrors: false,
    timeout: options.timeout ?? 15_000,
    retry: { limit: 2, methods: ['get', 'put', 'delete'], statusCodes: [408, 429, 502, 503, 504] },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  let refreshing: Promise<string | null> | null = null;

  type Request = { params?: Record<string, string>; query?: Record<string, unknown>; body?: unknown; headers?: Record<string, string> };

  /**
   * Sends a request with the credentials its audience needs, and when the API
   * says the token expired, asks for a new one once (shared by concurrent
   * calls) and sends it again.
   */
  async function authorized(endpoint: Endpoint, request: Request, transport: (url: URL, init: { method: string; headers: Record<string, string> }) => Promise<Response>) {
    const url = new URL(expandPath(endpoint.path, request.params).slice(1), base);
    for (const [name, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined && value !== null) url.searchParams.set(name, String(value));
    }
    const send = (token: string | null) => {
      const headers: Record<string, string> = { accept: endpoint.produces ?? 'application/json', ...request.headers };
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
    async call<E extends Endpoint>(endpoint: E, ...args: Args<E>): Promise<ResponseOf<E>> {
      const request = (args[0] ?? {}) as Request;
      const response = await authorized(endpoint, request, (url, init) =>
        http(url, { ...init, ...(endpoint.body ? { json: request.body } : {}) }).catch((error: unknown) => {
          if (error instanceof HTTPError) return error.response;
          throw new NetworkError(error);
        }),
      );
      if (endpoint.produces) return (await response.blob()) as ResponseOf<E>;
      if (endpoint.response === null) return undefined as ResponseOf<E>;
      const parsed = endpoint.response.safeParse(await response.json());
      if (!parsed.success) throw new ContractError(endpoint.id, parsed.error);
      return parsed.data as ResponseOf<E>;
    },
    async open(endpoint, request, init) {
      // Plain fetch: a stream must not time out or be retried the way a call is.
      const transport = options.fetch ?? fetch;
      return authorized(endpoint, { ...request, headers: { ...(init.lastEventId ? { 'last-event-id': init.lastEventId } : {}) } }, (url, requestInit) =>
        transport(url, { ...requestInit, ...(init.signal ? { signal: init.signal } : {}) }).catch((error: unknown) => {
          throw new NetworkError(error);
        }),
      );
    },
  };
  return client;
}
