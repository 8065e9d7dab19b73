import type * as z from 'zod/mini';
import { staffRoles, type StaffRole } from './vocabulary.ts';

type Schema = z.ZodMiniType;

/**
 * Who may call an endpoint:
 * - `public`: anyone (health, the OpenAPI document);
 * - `publishable`: a page of the merchant, with its publishable key;
 * - `secret`: the merchant's backend, with its secret key, and the staff
 *   whose role the endpoint's `staff` lists (none when it lists none);
 * - `shopper`: a shopper session token minted by the merchant's backend;
 * - `agent`: a staff token (`POST /v1/agent/login`), of any role unless the
 *   endpoint's `staff` lists fewer.
 */
export type Audience = 'public' | 'publishable' | 'secret' | 'shopper' | 'agent';

/** Every staff role: what an agent endpoint lets in unless it says otherwise. */
export const allStaff = staffRoles;
/** Those who run the store: owners and admins. */
export const ownersAndAdmins = ['owner', 'admin'] as const satisfies readonly StaffRole[];
/** Keys and staff are the owner's alone. */
export const ownersOnly = ['owner'] as const satisfies readonly StaffRole[];

/**
 * The staff roles that may call an endpoint: for an agent endpoint its
 * `staff` list, or every role; for a secret-key endpoint its `staff` list,
 * or none; for any other, none. The server enforces it on every call.
 */
export function staffRolesOf(endpoint: { readonly audience: Audience; readonly staff?: readonly StaffRole[] }): readonly StaffRole[] {
  if (endpoint.audience === 'agent') return endpoint.staff ?? allStaff;
  if (endpoint.audience === 'secret') return endpoint.staff ?? [];
  return [];
}

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** The media types of the files the API answers with. */
export type FileType = 'text/csv' | 'application/pdf';

/** One operation of the API: the single source for the server's validation, the client's types and the OpenAPI document. */
export interface Endpoint {
  readonly id: string;
  readonly method: Method;
  /** OpenAPI-style path, parameters in braces: `/v1/customers/{id}`. */
  readonly path: `/v1/${string}`;
  readonly audience: Audience;
  /** Staff roles that may call it with their token (see `Audience` and `staffRolesOf`). */
  readonly staff?: readonly StaffRole[];
  readonly tag: string;
  readonly summary: string;
  readonly params?: Schema;
  readonly query?: Schema;
  readonly body?: Schema;
  /** Request headers the operation reads, besides authentication. */
  readonly headers?: Schema;
  /** `null` for an empty (204) response, or for a file (see `produces`). */
  readonly response: Schema | null;
  /** An answer that is not JSON: a stream of server-sent events, or a file in one of the listed media types. */
  readonly produces?: 'text/event-stream' | readonly FileType[];
  readonly status?: 200 | 201 | 202 | 204;
  /** Error statuses the operation documents besides the ones every call may answer. */
  readonly errors?: readonly number[];
}

declare const endpointOfRoute: unique symbol;

/**
 * An endpoint without its schemas: all a caller needs to send a request, typed
 * by the endpoint it stands for. Code that ships to browsers calls routes
 * (`@clientela/contract/routes`) and leaves zod and the schemas behind; the
 * server checks every answer against the schemas before it leaves.
 */
export interface Route<E extends Endpoint = Endpoint> {
  readonly method: E['method'];
  readonly path: E['path'];
  readonly audience: E['audience'];
  readonly staff?: readonly StaffRole[];
  readonly produces?: E['produces'];
  /** Whether the request carries a JSON body. */
  readonly body: boolean;
  /** `json` for a JSON answer, `null` for none or a file (see `produces`). */
  readonly response: 'json' | null;
  readonly [endpointOfRoute]?: E;
}

/** The endpoint a route stands for; an endpoint stands for itself. */
export type EndpointOf<T extends Endpoint | Route> = T extends Route<infer E> ? E : T extends Endpoint ? T : never;

export function defineEndpoint<const E extends Endpoint>(endpoint: E): E {
  return endpoint;
}

type In<S> = S extends z.ZodMiniType ? z.input<S> : never;
type Out<S> = S extends z.ZodMiniType ? z.output<S> : never;

/** What a caller passes to an endpoint: only the parts the endpoint declares. */
export type RequestOf<E extends Endpoint> = (E['params'] extends Schema ? { params: In<E['params']> } : { params?: never }) &
  (E['query'] extends Schema ? { query?: In<E['query']> } : { query?: never }) &
  (E['body'] extends Schema ? { body: In<E['body']> } : { body?: never }) &
  (E['headers'] extends Schema ? { headers: In<E['headers']> } : { headers?: never });

/** What an endpoint answers with: its JSON, a file as a Blob, a stream as the Response, or nothing. */
export type ResponseOf<E extends Endpoint> = E['response'] extends Schema
  ? Out<E['response']>
  : E['produces'] extends 'text/event-stream'
    ? Response
    : E['produces'] extends readonly FileType[]
      ? Blob
      : undefined;

/** The parsed inputs a server handler receives. */
export interface ParsedRequestOf<E extends Endpoint> {
  params: E['params'] extends Schema ? Out<E['params']> : Record<string, never>;
  query: E['query'] extends Schema ? Out<E['query']> : Record<string, never>;
  body: E['body'] extends Schema ? Out<E['body']> : undefined;
  headers: E['headers'] extends Schema ? Out<E['headers']> : Record<string, never>;
}

/** Fills `{name}` placeholders of an endpoint path, each value URI-encoded. */
export function expandPath(path: string, params: Readonly<Record<string, string | number>> = {}): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new TypeError(`Missing path parameter "${name}" for ${path}`);
    return encodeURIComponent(String(value));
  });
}
