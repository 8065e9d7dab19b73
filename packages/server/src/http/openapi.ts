import { Problem, problemContentType, staffRolesOf, type Audience, type Endpoint } from '@clientela/contract';
import * as z from 'zod/mini';

type JsonSchema = Record<string, unknown> & { properties?: Record<string, unknown>; required?: string[] };

function jsonSchema(schema: z.ZodMiniType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

function parameters(schema: z.ZodMiniType | undefined, where: 'path' | 'query' | 'header') {
  if (!schema) return [];
  const { properties = {}, required = [] } = jsonSchema(schema, 'input');
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || required.includes(name),
    schema: property,
  }));
}

const security: Record<Audience, Array<Record<string, string[]>>> = {
  public: [],
  publishable: [{ publishableKey: [] }],
  secret: [{ secretKey: [] }],
  shopper: [{ shopperToken: [] }],
  agent: [{ agentToken: [] }],
};

const errorDescriptions: Record<number, string> = {
  400: 'A parameter, header or body field is not valid; `errors` names each one.',
  401: 'Missing, unknown or expired credentials (`token-expired` when a new token would do).',
  403: 'The calling origin may not make this call (`forbidden-origin`), or the staff member\'s role may not (`forbidden-role`, `roles` lists those that may).',
  404: 'No such object for this caller.',
  409: 'The request conflicts with the current state.',
  413: 'The body is too large.',
  415: 'The body is not JSON.',
  422: 'The idempotency key was used for another request.',
  429: 'Too many requests; see Retry-After.',
  503: 'The database does not answer.',
};

function errorStatuses(endpoint: Endpoint): number[] {
  const statuses = new Set<number>(endpoint.errors ?? []);
  if (endpoint.params || endpoint.query || endpoint.body || endpoint.headers) statuses.add(400);
  if (endpoint.body) [413, 415].forEach((s) => statuses.add(s));
  if (endpoint.audience !== 'public') statuses.add(401);
  if (endpoint.audience !== 'public' && (endpoint.audience !== 'secret' || staffRolesOf(endpoint).length > 0)) statuses.add(403);
  return [...statuses].sort();
}

function operation(endpoint: Endpoint) {
  const status = endpoint.status ?? (endpoint.response || endpoint.produces ? 200 : 204);
  const responses: Record<string, unknown> = {
    [status]: endpoint.response
      ? { description: 'Success', content: { 'application/json': { schema: jsonSchema(endpoint.response, 'output') } } }
      : endpoint.produces
        ? {
            description: endpoint.produces === 'text/event-stream' ? 'A stream of server-sent events' : 'A file',
            content: Object.fromEntries(
              (endpoint.produces === 'text/event-stream' ? [endpoint.produces] : endpoint.produces).map((type) => [
                type,
                { schema: type === 'application/pdf' ? { type: 'string', format: 'binary' } : { type: 'string' } },
              ]),
            ),
          }
        : { description: 'Success, no content' },
  };
  for (const code of errorStatuses(endpoint)) {
    responses[code] = {
      description: errorDescriptions[code] ?? 'Error',
      content: { [problemContentType]: { schema: { $ref: '#/components/schemas/Problem' } } },
    };
  }
  const roles = staffRolesOf(endpoint);
  return {
    operationId: endpoint.id,
    summary: endpoint.summary,
    tags: [endpoint.tag],
    // A secret-key operation that staff may call takes either; which staff roles may is `x-staff-roles`.
    security: endpoint.audience === 'secret' && roles.length > 0 ? [...security.secret, { agentToken: [] }] : security[endpoint.audience],
    ...(roles.length > 0 ? { 'x-staff-roles': [...roles] } : {}),
    parameters: [
      ...parameters(endpoint.params, 'path'),
      ...parameters(endpoint.query, 'query'),
      ...parameters(endpoint.headers, 'header'),
    ],
    ...(endpoint.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(endpoint.body, 'input') } } } }
      : {}),
    responses,
  };
}

/** The OpenAPI 3.1 document of the served endpoints, built from the same schemas that validate them. */
export function openApiDocument(endpoints: readonly Endpoint[], version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const endpoint of endpoints) {
    paths[endpoint.path] = { ...paths[endpoint.path], [endpoint.method.toLowerCase()]: operation(endpoint) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Clientela CRM API',
      version,
      description:
        'Customers, the store card statement, loyalty points, wishlists, recommendations and support chat behind the Clientela widgets. Errors are RFC 9457 problem documents. ' +
        "Every answer carries an X-Request-Id header: the request's own, when it sent a well-formed one (up to 128 letters, digits and -_.:), a new one otherwise. " +
        "Problem documents repeat it as requestId, and the server's log lines about the request carry it. " +
        'Staff (owners, admins, agents) sign in with POST /v1/agent/login; an operation that takes the secret key also takes a staff token when its `x-staff-roles` lists the role, and every agentToken operation lists the roles it lets in the same way.',
    },
    paths,
    components: {
      schemas: { Problem: jsonSchema(Problem, 'output') },
      securitySchemes: {
        secretKey: { type: 'http', scheme: 'bearer', description: "The merchant's secret key (sk_…), from servers only." },
        publishableKey: { type: 'apiKey', in: 'header', name: 'X-Publishable-Key', description: 'The publishable key (pk_…).' },
        shopperToken: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A shopper session from POST /v1/sessions.' },
        agentToken: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            "A staff session (an owner's, an admin's or an agent's) from POST /v1/agent/login. An operation lists the roles it lets in as `x-staff-roles`; any other role gets a 403 `forbidden-role`.",
        },
      },
    },
  };
}
