import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { Problem, problemContentType, type Audience } from '@clientela/contract';
import fc from 'fast-check';
import { sql, type Kysely } from 'kysely';
import * as z from 'zod/mini';
import type { Clock } from './core/clock.ts';
import type { Database } from './db/schema.ts';
import { createAgent, createStaffMember, TokenService } from './modules/auth/index.ts';
import { databaseFingerprint } from './testing/fingerprint.ts';
import { budgetsBeyondReach, createTestApp, createTestMerchant, json, manualClock, type TestApp, type TestMerchant } from './testing/test-app.ts';

/*
 * Every operation of the OpenAPI document, called with thousands of generated
 * requests: valid credentials and hostile ones, real ids and hostile strings,
 * bodies that follow the schema, break one field of it, or are not JSON at all.
 * Whatever arrives, the API answers without a 5xx, answers every error as an
 * RFC 9457 problem document, and changes nothing when it refuses (4xx).
 *
 * The operations share one database, so a run replays as a whole: the same
 * FUZZ_SEED gives the same requests. fast-check prints the failing
 * operation's seed, path and shrunk request.
 */

const seed = Number(process.env.FUZZ_SEED ?? 20_261_123);
/** Requests in all, shared by the operations: one that takes a body gets 5 shares to another's 3, having more to get wrong. */
const totalRuns = 4_000;
const sharesOf = (operation: Operation) => (operation.body ? 5 : 3);

// --- The OpenAPI document, as far as requests are built from it ------------------------

interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
}

const JsonSchema: z.ZodMiniType<JsonSchema> = z.lazy(() =>
  z.object({
    type: z.optional(z.union([z.string(), z.array(z.string())])),
    enum: z.optional(z.array(z.unknown())),
    const: z.optional(z.unknown()),
    anyOf: z.optional(z.array(JsonSchema)),
    oneOf: z.optional(z.array(JsonSchema)),
    properties: z.optional(z.record(z.string(), JsonSchema)),
    required: z.optional(z.array(z.string())),
    items: z.optional(JsonSchema),
    minItems: z.optional(z.number()),
    maxItems: z.optional(z.number()),
    minLength: z.optional(z.number()),
    maxLength: z.optional(z.number()),
    pattern: z.optional(z.string()),
    format: z.optional(z.string()),
    minimum: z.optional(z.number()),
    maximum: z.optional(z.number()),
  }),
);

const OpenApiDocument = z.object({
  paths: z.record(
    z.string(),
    z.record(
      z.string(),
      z.object({
        operationId: z.string(),
        security: z.array(z.record(z.string(), z.array(z.string()))),
        parameters: z.array(z.object({ name: z.string(), in: z.enum(['path', 'query', 'header']), schema: JsonSchema })),
        requestBody: z.optional(z.object({ content: z.object({ 'application/json': z.object({ schema: JsonSchema }) }) })),
        responses: z.record(z.string(), z.object({ content: z.optional(z.record(z.string(), z.unknown())) })),
      }),
    ),
  ),
});

const audienceOfScheme: Record<string, Audience> = {
  publishableKey: 'publishable',
  secretKey: 'secret',
  shopperToken: 'shopper',
  agentToken: 'agent',
};

interface Parameter {
  name: string;
  schema: JsonSchema;
}

interface Operation {
  id: string;
  method: string;
  path: string;
  audience: Audience;
  pathParameters: Parameter[];
  queryParameters: Parameter[];
  headerParameters: Parameter[];
  body: JsonSchema | undefined;
  streams: boolean;
}

function operationsOf(document: unknown): Operation[] {
  const { paths } = OpenApiDocument.parse(document);
  return Object.entries(paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]): Operation => {
      const scheme = Object.keys(operation.security[0] ?? {})[0];
      const audience = scheme === undefined ? 'public' : audienceOfScheme[scheme];
      if (!audience) throw new Error(`${operation.operationId} asks for credentials this test cannot make: ${scheme}`);
      const where = (place: 'path' | 'query' | 'header') => operation.parameters.filter((parameter) => parameter.in === place);
      return {
        id: operation.operationId,
        method: method.toUpperCase(),
        path,
        audience,
        pathParameters: where('path'),
        queryParameters: where('query'),
        headerParameters: where('header'),
        body: operation.requestBody?.content['application/json'].schema,
        streams: Object.values(operation.responses).some((response) => 'text/event-stream' in (response.content ?? {})),
      };
    }),
  );
}

// --- Hostile values ------------------------------------------------------------------------

const hostileTexts = [
  '', ' ', '\t', '0', '-1', '1.5', '1e309', 'NaN', 'null', 'undefined', 'true', '[]', '{}',
  '..', '../', '../../../etc/passwd', '..\\..\\windows\\win.ini', '%00', '%2e%2e%2f', 'a/b', '?', '#', '&', '=',
  "' OR '1'='1", "'; DROP TABLE customers; --", '" OR ""="', '1; select pg_sleep(5)', '$1', '\\',
  '<script>alert(1)</script>', '<img src=x onerror=alert(document.cookie)>', 'javascript:alert(1)', '{{7*7}}', '${7*7}',
  '__proto__', 'constructor', 'prototype', 'hasOwnProperty',
  'Ñandú', 'Zoë', '😀', '👩‍👩‍👧‍👦', '\u202Egnp.exe', 'ｓｋ＿ｔｅｓｔ', 'İ', 'ß', '\uFEFF', '\u200B', '\u0000', 'a\u0000b', '\uD800', 'x\uDFFF', '\r\n', '\u2028',
  '2026-02-30', '2026-13', '2026-00', '0000-01', '9999-12', '2026-1', '26-11', '2026-11-20T25:00:00Z', '2026-11-20',
  'sk_test_x', 'pk_test_x', 'Bearer x', '9'.repeat(19), `-${'9'.repeat(30)}`, '0x1f', '1_000', '٣', '1'.repeat(400),
];

const hostileStrings: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...hostileTexts) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.oneof(fc.integer().map(String), fc.double().map(String)) },
  { weight: 1, arbitrary: fc.constantFrom('x', 'Ω', '💥', '9').chain((unit) => fc.constantFrom(70, 300, 5000).map((times) => unit.repeat(times))) },
);

const hostileValues: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileStrings },
  { weight: 2, arbitrary: fc.constantFrom(null, true, false, 0, -1, 0.5, 1e21, 2 ** 53 + 2, -(2 ** 63), Number.MAX_VALUE, [], {}, [null], [[[]]]) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })) },
);

/** A valid value with one field, at any depth, replaced by a hostile value or left out. */
function withOneFieldBroken(value: unknown, pick: number, replacement: unknown, leaveOut: boolean): unknown {
  const copy = structuredClone(value);
  const fields: Array<{ parent: Record<string, unknown>; key: string }> = [];
  const collect = (node: unknown) => {
    if (node === null || typeof node !== 'object') return;
    for (const [key, child] of Object.entries(node)) {
      fields.push({ parent: node as Record<string, unknown>, key });
      collect(child);
    }
  };
  collect(copy);
  const field = fields[pick % Math.max(fields.length, 1)];
  if (!field) return replacement;
  if (leaveOut && !Array.isArray(field.parent)) delete field.parent[field.key];
  else field.parent[field.key] = replacement;
  return copy;
}

/** A body too big to print: `prefix + unit × times + suffix`, expanded only when sent. */
interface RepeatedText {
  prefix: string;
  unit: string;
  times: number;
  suffix: string;
}

const textOf = (body: string | RepeatedText) => (typeof body === 'string' ? body : body.prefix + body.unit.repeat(body.times) + body.suffix);

const notJsonBodies: fc.Arbitrary<string | RepeatedText> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      '{', '}', '[', '{"a":', '{"a":1,}', "{'a':1}", 'NaN', '\uFEFF{}', '{"a":1}{"b":2}', 'a=1&b=2', '<xml/>', '---', '\u0000',
      '{"__proto__":{"polluted":true}}', '{"constructor":{"prototype":{"polluted":true}}}', '{"a":"\\ud800"}', '{"a":"\\u0000"}',
    ),
  },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
  { weight: 1, arbitrary: fc.constant({ prefix: '', unit: '[', times: 100_000, suffix: ']' }) },
  { weight: 1, arbitrary: fc.constant({ prefix: '{"name":"', unit: 'x', times: 1_100_000, suffix: '"}' }) },
);

const contentTypes: fc.Arbitrary<string | undefined> = fc.oneof(
  { weight: 12, arbitrary: fc.constant('application/json') },
  { weight: 2, arbitrary: fc.constantFrom('application/json; charset=utf-8', 'APPLICATION/JSON', 'application/problem+json', 'application/vnd.api+json') },
  {
    weight: 2,
    arbitrary: fc.constantFrom('text/plain', 'text/json', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonp', 'application/xml', '*/*', ''),
  },
  { weight: 1, arbitrary: fc.constant(undefined) },
);

/** Fragments put in a path as they are, to see what routing and decoding make of them. */
const rawPathFragments = ['', '.', '..', '%00', '%ZZ', '%E0%A4%A', '%2F', 'a%2Fb', '%2e%2e', '..%2f..%2fhealth', '%C0%AE', '%ED%A0%80', '%uFFFD', ';', 'a;b=c'];

/** `values` one time in `times`, otherwise nothing. */
const oneIn = <T>(times: number, values: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> =>
  fc.oneof({ weight: times - 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: values });

// --- Values the schemas allow --------------------------------------------------------------

const isoDateTimes = fc
  .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2040-12-31T23:59:59Z'), noInvalidDate: true })
  .map((date) => date.toISOString());

function patternOf(source: string): RegExp {
  try {
    return new RegExp(source, 'u');
  } catch {
    return new RegExp(source);
  }
}

function stringsOf(schema: JsonSchema): fc.Arbitrary<string> {
  const { minLength = 0, maxLength } = schema;
  const fits = (value: string) => value.length >= minLength && (maxLength === undefined || value.length <= maxLength);
  if (schema.format === 'date-time') return isoDateTimes;
  if (schema.format === 'date') return isoDateTimes.map((value) => value.slice(0, 10));
  if (schema.format === 'uri') return fc.webUrl().filter(fits);
  if (schema.pattern) {
    const pattern = patternOf(schema.pattern);
    // A generated match is often shorter than a minimum length (a visitor id of 16 or more): stretched, then cut, it still matches.
    const sized = (value: string) => {
      const stretched = value.length > 0 && value.length < minLength ? value.repeat(Math.ceil(minLength / value.length)) : value;
      return maxLength !== undefined && stretched.length > maxLength ? stretched.slice(0, maxLength) : stretched;
    };
    return fc.stringMatching(pattern).map(sized).filter((value) => fits(value) && pattern.test(value));
  }
  // Free text: what people type, and what the schema lets through though nobody types it (control characters, lone surrogates).
  const lengths = { minLength, maxLength: Math.max(minLength, Math.min(maxLength ?? 40, 40)) };
  return fc.oneof(
    { weight: 4, arbitrary: fc.string({ unit: 'grapheme', ...lengths }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', ...lengths }) },
    { weight: 1, arbitrary: fc.constantFrom(...hostileTexts).filter(fits) },
  );
}

function integersOf(schema: JsonSchema): fc.Arbitrary<number> {
  const min = schema.minimum ?? Number.MIN_SAFE_INTEGER;
  const max = schema.maximum ?? Number.MAX_SAFE_INTEGER;
  const int32 = 2 ** 31 - 1;
  const within = min >= -int32 && max <= int32 ? fc.integer({ min, max }) : fc.bigInt({ min: BigInt(min), max: BigInt(max) }).map(Number);
  // A value the schema allows may still overflow a column: the edges of the range and of the database's integers.
  const edges = [...new Set([min, max, 0, int32, int32 + 1, -int32 - 1, 2 ** 53 - 1])].filter((edge) => edge >= min && edge <= max);
  return fc.oneof(within, fc.constantFrom(...edges));
}

/** Values for fields the app knows by name (mostly real ids of the seeded stores), so that requests reach the handlers. */
type Hints = (field: string) => fc.Arbitrary<unknown> | undefined;

function valuesOf(schema: JsonSchema, hints: Hints, field = ''): fc.Arbitrary<unknown> {
  const plain = schemaValuesOf(schema, hints, field);
  const hinted = hints(field);
  return hinted ? fc.oneof({ weight: 2, arbitrary: hinted }, { weight: 1, arbitrary: plain }) : plain;
}

function schemaValuesOf(schema: JsonSchema, hints: Hints, field: string): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((alternative) => schemaValuesOf(alternative, hints, field)));
  const types = typeof schema.type === 'string' ? [schema.type] : (schema.type ?? []);
  if (types.length > 1) return fc.oneof(...types.map((type) => schemaValuesOf({ ...schema, type }, hints, field)));
  switch (types[0]) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return integersOf(schema);
    case 'number':
      return fc.double({ min: schema.minimum, max: schema.maximum, noNaN: true, noDefaultInfinity: true });
    case 'string':
      return stringsOf(schema);
    case 'array': {
      const minLength = schema.minItems ?? 0;
      const maxLength = Math.max(minLength, Math.min(schema.maxItems ?? 4, 4));
      return fc.array(valuesOf(schema.items ?? {}, hints, `${field}[]`), { minLength, maxLength });
    }
    case 'object': {
      const properties = Object.entries(schema.properties ?? {}).map(([name, property]) => [name, valuesOf(property, hints, name)] as const);
      return fc.record(Object.fromEntries(properties), { requiredKeys: schema.required ?? [] });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

// --- Requests ----------------------------------------------------------------------------

interface FuzzRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  headers: Record<string, string>;
  body?: string | RepeatedText;
}

/** The seeded stores: credentials of every kind, the ids that exist by collection, and values for fields by name. */
interface World {
  credentials: Record<Audience, Array<Record<string, string>>>;
  /** Credentials of the wrong kind, expired, forged, of another store, or garbled. */
  hostileCredentials: Array<Record<string, string>>;
  ids: Record<string, string[]>;
  fields: Record<string, fc.Arbitrary<unknown>>;
}

/** The collection a path parameter names: `/v1/customers/{id}` → customers, `{productId}` → products. */
function collectionOf(path: string, parameter: string): string {
  if (parameter !== 'id') return `${parameter.replace(/Id$/, '')}s`;
  const segments = path.split('/');
  return segments[segments.indexOf(`{${parameter}}`) - 1] ?? '';
}

/** The collection of what a body creates: `POST /v1/orders` → orders. */
const createdCollectionOf = (path: string) => path.split('/').filter((segment) => !segment.startsWith('{')).at(-1) ?? '';

/** Lone surrogates cannot be percent-encoded; the bytes they would be are among the raw fragments. */
const wellFormed = (value: string) => value.replace(/[\uD800-\uDFFF]/gu, '\uFFFD');

/** Header values must be byte strings without line breaks, or the request cannot even be made. */
const headerSafe = (value: string) =>
  Buffer.from(value, 'utf8')
    .toString('latin1')
    .replace(/[^\t\x20-\x7e\x80-\xff]/g, '?');

function requestsFor(operation: Operation, world: World): fc.Arbitrary<FuzzRequest> {
  const idsOf = (collection: string) => world.ids[collection] ?? [];
  const hints: Hints = (field) => {
    if (field === 'id' && operation.body) {
      const ids = idsOf(createdCollectionOf(operation.path));
      // Ids used before (a replay, or a conflict when the content differs) as often as new ones.
      return ids.length > 0 ? fc.oneof(fc.constantFrom(...ids), fc.nat().map((n) => `fuzz-${n}`)) : undefined;
    }
    return world.fields[field];
  };

  const pathValues = Object.fromEntries(
    operation.pathParameters.map((parameter) => {
      const real = idsOf(collectionOf(operation.path, parameter.name));
      const encoded = (values: fc.Arbitrary<unknown>) => values.map((value) => encodeURIComponent(wellFormed(String(value))));
      const choices = [
        { weight: 2, arbitrary: encoded(stringsOf(parameter.schema)) },
        { weight: 3, arbitrary: encoded(hostileStrings) },
        { weight: 1, arbitrary: fc.constantFrom(...rawPathFragments) },
      ];
      if (real.length > 0) choices.push({ weight: 10, arbitrary: encoded(fc.constantFrom(...real)) });
      return [parameter.name, fc.oneof(...choices)];
    }),
  );

  /** Each parameter left out, given as its schema allows, or given a hostile value, in these proportions. */
  const parameterValues = (parameters: Parameter[], [absent, valid, hostile]: [number, number, number]) =>
    fc
      .tuple(
        ...parameters.map((parameter) =>
          fc.oneof(
            { weight: absent, arbitrary: fc.constant(undefined) },
            { weight: valid, arbitrary: valuesOf(parameter.schema, hints, parameter.name).map(String) },
            { weight: hostile, arbitrary: hostileStrings },
          ),
        ),
      )
      .map((values) => values.flatMap((value, index): Array<[string, string]> => (value === undefined ? [] : [[parameters[index]!.name, value]])));

  const unknownQuery = oneIn(5, fc.array(fc.tuple(fc.constantFrom('limit', 'after', 'lastEventId', '__proto__', 'x', ''), hostileStrings), { minLength: 1, maxLength: 2 }));
  const eventIds = fc.oneof(fc.constantFrom('0', '1', '3', '999999999999999999', '9999999999999999999', ''), fc.nat().map(String), hostileStrings);
  const moreHeaders = fc.record({
    'last-event-id': oneIn(operation.streams ? 2 : 12, eventIds),
    origin: oneIn(8, fc.constantFrom('https://shop.example', 'https://evil.example', 'https://rival.example', 'null', 'http://shop.example')),
    'accept-language': oneIn(10, hostileStrings),
    'x-http-method-override': oneIn(20, fc.constantFrom('DELETE', 'PUT', 'PATCH')),
  });

  const credentials = fc.oneof(
    { weight: 12, arbitrary: fc.constantFrom(...world.credentials[operation.audience]) },
    { weight: 2, arbitrary: fc.constantFrom(...world.hostileCredentials) },
    {
      weight: 1,
      arbitrary: fc.record(
        { authorization: fc.oneof(hostileStrings, hostileStrings.map((value) => `Bearer ${value}`)), 'x-publishable-key': hostileStrings },
        { requiredKeys: [] },
      ),
    },
  );

  const validBodies = operation.body ? valuesOf(operation.body, hints) : fc.constant({});
  const jsonTexts = fc
    .oneof(
      { weight: 8, arbitrary: validBodies },
      {
        weight: 4,
        arbitrary: fc.tuple(validBodies, fc.nat(), hostileValues, fc.boolean()).map(([value, pick, hostile, leaveOut]) => withOneFieldBroken(value, pick, hostile, leaveOut)),
      },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
    )
    .map((value) => JSON.stringify(value));
  const bodies: fc.Arbitrary<{ text: string | RepeatedText | undefined; contentType: string | undefined }> = operation.body
    ? fc.oneof(
        { weight: 12, arbitrary: fc.record({ text: jsonTexts, contentType: contentTypes }) },
        { weight: 2, arbitrary: fc.record({ text: notJsonBodies, contentType: contentTypes }) },
        { weight: 1, arbitrary: fc.record({ text: fc.constantFrom(undefined, ''), contentType: contentTypes }) },
      )
    : fc.oneof(
        { weight: 4, arbitrary: fc.constant({ text: undefined, contentType: undefined }) },
        { weight: 1, arbitrary: fc.record({ text: fc.oneof(jsonTexts, notJsonBodies), contentType: contentTypes }) },
      );

  const methods = fc.oneof({ weight: 30, arbitrary: fc.constant(operation.method) }, { weight: 1, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE') });

  return fc
    .record({
      method: methods,
      path: fc.record(pathValues),
      query: parameterValues(operation.queryParameters, [2, 4, 1]),
      unknownQuery,
      parameterHeaders: parameterValues(operation.headerParameters, [1, 4, 1]),
      moreHeaders,
      credentials,
      body: bodies,
    })
    .map(({ method, path, query, unknownQuery, parameterHeaders, moreHeaders, credentials, body }): FuzzRequest => {
      const search = new URLSearchParams([...query, ...(unknownQuery ?? [])]).toString();
      const url = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => path[name] ?? '') + (search ? `?${search}` : '');
      const headers: Record<string, string> = {};
      for (const [name, value] of [...Object.entries(credentials), ...parameterHeaders, ...Object.entries(moreHeaders)]) {
        if (value !== undefined) headers[name] = headerSafe(value);
      }
      if (body.contentType !== undefined) headers['content-type'] = body.contentType;
      // A GET cannot carry a body.
      return method === 'GET' || body.text === undefined ? { method, url, headers } : { method, url, headers, body: body.text };
    });
}

// --- The database's state ------------------------------------------------------------------

/**
 * The tables' digests, read again only when the database may have been
 * written. Every write belongs to a transaction with an id; until another
 * one ends, the snapshot's horizon (`xmax`) stays put and the last digests
 * still hold, which takes 0.2 ms to know instead of several to recompute.
 * Requests go one at a time, so no write is half done when it is read.
 */
class DatabaseState {
  readonly #db: Kysely<Database>;
  #known: { horizon: string; digests: Record<string, string> } | undefined;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async digests(): Promise<Record<string, string>> {
    const { rows } = await sql<{ horizon: string }>`select pg_snapshot_xmax(pg_current_snapshot())::text as horizon`.execute(this.#db);
    const horizon = rows[0]!.horizon;
    if (this.#known?.horizon !== horizon) this.#known = { horizon, digests: await databaseFingerprint(this.#db) };
    return this.#known.digests;
  }

  /** The tables whose contents differ between two readings. */
  changedBetween(before: Record<string, string>, after: Record<string, string>): string[] {
    return Object.keys(after).filter((table) => before[table] !== after[table]);
  }
}

// --- The seeded stores ---------------------------------------------------------------------

/**
 * Two stores on one database: ours, with customers, a catalog, orders on the
 * store card, a payment, a refund, rewards, a promotion, points, wishlists and
 * alerts, chats and agents; and a rival whose ids (some equal to ours) and
 * credentials must never reach our data.
 */
async function seedWorld(app: TestApp, clock: Clock, tokenSecret: Uint8Array): Promise<World> {
  const store = await createTestMerchant(app, { origins: ['https://shop.example'] });
  const rival = await createTestMerchant(app, { origins: ['https://rival.example'] });
  const ok = async (response: Response | Promise<Response>) => {
    const answered = await response;
    if (!answered.ok) throw new Error(`Seeding failed: ${answered.status} ${await answered.text()}`);
    return answered.status === 204 ? undefined : json(answered);
  };
  const send = (merchant: TestMerchant, method: string, path: string, body: unknown) => ok(merchant.asMerchant(path, { method, body: JSON.stringify(body) }));
  const asShopper = (merchant: TestMerchant, token: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    ok(merchant.asShopper(token, path, { method, headers: { 'content-type': 'application/json', ...headers }, body: body === undefined ? null : JSON.stringify(body) }));
  const daysAgo = (days: number) => new Date(clock().getTime() - days * 86_400_000).toISOString();

  for (const [id, firstName, birthday] of [['ana', 'Ana', '1990-11-20'], ['bruno', 'Bruno', null], ['carla', 'Carla', '1985-02-14']] as const) {
    await store.putCustomer(id, { firstName, birthday, email: `${id}@mail.example`, registeredAt: daysAgo(400) });
  }
  await rival.putCustomer('ana', { firstName: 'Ana', lastName: 'Rival' });
  const catalog = [['p-mug', 'Taza', 5_990, 10], ['p-tee', 'Polera', 12_990, 0], ['p-pen', 'Lápiz', 990, 100], ['p-lamp', 'Lámpara', 45_990, 5]] as const;
  for (const [id, name, price, stock] of catalog) await send(store, 'PUT', `/v1/products/${id}`, { name, price, stock, category: 'hogar' });
  await send(rival, 'PUT', '/v1/products/p-rival', { name: 'Ajeno', price: 1_000, stock: 3 });

  await send(store, 'PUT', '/v1/customers/ana/card', { creditLimit: 500_000 });
  await send(store, 'PUT', '/v1/customers/bruno/card', { creditLimit: 100_000 });
  const order = (id: string, customerId: string, days: number, productId: string, quantity: number, unitPrice: number, payment: unknown) =>
    send(store, 'POST', '/v1/orders', {
      id, customerId, placedAt: daysAgo(days), currency: 'CLP', total: quantity * unitPrice, lines: [{ productId, quantity, unitPrice }], payment,
    });
  await order('o-1', 'ana', 70, 'p-mug', 2, 5_990, { method: 'store-card', installments: 3 });
  await order('o-2', 'bruno', 40, 'p-lamp', 1, 45_990, { method: 'other' });
  await order('o-3', 'ana', 10, 'p-pen', 2, 990, { method: 'store-card', installments: 1 });
  await send(store, 'POST', '/v1/payments', { id: 'pay-1', customerId: 'ana', amount: 3_000, currency: 'CLP' });
  await send(store, 'POST', '/v1/refunds', { id: 'rf-1', orderId: 'o-2', amount: 5_000, reason: 'Llegó rayada' });
  await send(store, 'PUT', '/v1/rewards/rw-cheap', { name: 'Café', cost: 1 });
  await send(store, 'PUT', '/v1/rewards/rw-dear', { name: 'Viaje', cost: 100_000_000 });
  await send(rival, 'PUT', '/v1/rewards/rw-rival', { name: 'Ajeno', cost: 1 });
  await send(store, 'PUT', '/v1/promotions/promo-1', { name: 'Cyber', startsAt: daysAgo(5), endsAt: daysAgo(-5), multiplier: 20_000 });
  await send(store, 'POST', '/v1/customers/ana/points/corrections', { id: 'corr-1', amount: 500, note: 'Bienvenida' });
  await send(store, 'PUT', '/v1/support-settings', { hours: [1, 2, 3, 4, 5].map((day) => ({ day, opens: '09:00', closes: '18:00' })) });

  const sessions = {
    ana: await store.sessionFor('ana'),
    bruno: await store.sessionFor('bruno'),
    carla: await store.sessionFor('carla'),
    rival: await rival.sessionFor('ana'),
  };
  const redeemed = (await asShopper(store, sessions.ana, 'POST', '/v1/me/redemptions', { rewardId: 'rw-cheap' }, { 'idempotency-key': 'redeem-ana-0001' })) as { code: string };
  await asShopper(store, sessions.ana, 'PUT', '/v1/me/wishlist/items/p-mug', { note: 'Para la oficina' });
  await asShopper(store, sessions.ana, 'PUT', '/v1/me/wishlist/items/p-tee', {});
  await send(store, 'PUT', '/v1/products/p-mug', { name: 'Taza', price: 4_990, stock: 10, category: 'hogar' });
  await send(store, 'PUT', '/v1/products/p-tee', { name: 'Polera', price: 12_990, stock: 4, category: 'ropa' });
  const alerts = (await asShopper(store, sessions.ana, 'GET', '/v1/me/notifications')) as { items: Array<{ id: string }> };
  const statements = (await asShopper(store, sessions.ana, 'GET', '/v1/me/statements')) as { statements: Array<{ period: string }> };
  const cursors = [
    ((await ok(store.asMerchant('/v1/products?limit=1'))) as { nextCursor: string | null }).nextCursor,
    ((await asShopper(store, sessions.ana, 'GET', '/v1/me/points/history?limit=1')) as { nextCursor: string | null }).nextCursor,
  ].filter((cursor) => cursor !== null);

  const sofia = await createAgent(app.deps.db, store.merchant.id, { email: 'sofia@shop.example', name: 'Sofía', password: 'a long password' });
  const mateo = await createAgent(app.deps.db, store.merchant.id, { email: 'mateo@shop.example', name: 'Mateo', password: 'another password' });
  const rita = await createAgent(app.deps.db, rival.merchant.id, { email: 'rita@rival.example', name: 'Rita', password: 'rival password' });
  const login = (await ok(
    app.request('/v1/agent/login', {
      method: 'POST',
      headers: { 'x-publishable-key': store.publishableKey, 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'sofia@shop.example', password: 'a long password' }),
    }),
  )) as { token: string };
  const ritaToken = (await app.deps.tokens.issue('agent', rival.merchant.id, rita.id, 3600)).token;
  // The back office's staff: an owner of each store, and a member the owner may change or remove.
  const olga = await createStaffMember(app.deps.db, store.merchant.id, { email: 'olga@shop.example', name: 'Olga', password: 'owner password', role: 'owner' });
  const otto = await createStaffMember(app.deps.db, rival.merchant.id, { email: 'otto@rival.example', name: 'Otto', password: 'owner password', role: 'owner' });
  const pablo = await createStaffMember(app.deps.db, store.merchant.id, { email: 'pablo@shop.example', name: 'Pablo', password: 'a long password', role: 'admin' });
  const ownerToken = (await app.deps.tokens.issue('agent', store.merchant.id, olga.id, 3600, 0, 'owner')).token;
  const rivalOwnerToken = (await app.deps.tokens.issue('agent', rival.merchant.id, otto.id, 3600, 0, 'owner')).token;
  const asAgent = (path: string, body?: unknown) =>
    ok(app.request(path, { method: 'POST', headers: { authorization: `Bearer ${login.token}`, 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) }));

  const start = async (merchant: TestMerchant, token: string, clientId: string, body: string) =>
    ((await asShopper(merchant, token, 'POST', '/v1/me/conversations', { clientId, subject: 'Ayuda', message: { clientId: `${clientId}-m1`, body } })) as { id: string }).id;
  const anaChat = await start(store, sessions.ana, 'chat-ana-0001', '¿Dónde está mi pedido?');
  const anaCardChat = await start(store, sessions.ana, 'chat-ana-0002', 'No reconozco un cargo');
  const anaResolvedChat = await start(store, sessions.ana, 'chat-ana-0003', 'Gracias');
  const brunoChat = await start(store, sessions.bruno, 'chat-bruno-0001', 'Quiero cambiar la lámpara');
  const carlaChat = await start(store, sessions.carla, 'chat-carla-0001', '<b>Hola</b> <script>alert(1)</script>');
  const rivalChat = await start(rival, sessions.rival, 'chat-rival-0001', 'Hola');
  await asAgent(`/v1/agent/conversations/${anaChat}/messages`, { clientId: 'agent-reply-0001', body: 'Va en camino' });
  await asAgent(`/v1/agent/conversations/${brunoChat}/resolve`);
  await asAgent(`/v1/agent/conversations/${anaResolvedChat}/resolve`);

  // Reads that catch up with time (statements that close, points that expire) do it now, not during the run.
  for (const token of Object.values(sessions)) {
    for (const path of ['/v1/me', '/v1/me/statements', '/v1/me/points', '/v1/me/recommendations', '/v1/me/wishlist']) {
      await app.request(path, { headers: { authorization: `Bearer ${token}` } }).then((response) => response.body?.cancel());
    }
  }

  const earlier = new TokenService(tokenSecret, () => new Date(clock().getTime() - 2 * 3_600_000));
  const forger = new TokenService(randomBytes(32), clock);
  const expired = (await earlier.issue('shopper', store.merchant.id, 'ana', 60)).token;
  const forged = (await forger.issue('shopper', store.merchant.id, 'ana', 600)).token;
  const forgedAgent = (await forger.issue('agent', store.merchant.id, sofia.id, 600)).token;
  const agentWhoLeft = (await app.deps.tokens.issue('agent', store.merchant.id, 'agent-who-left', 600)).token;
  const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ iss: 'clientela', aud: 'clientela:shopper', sub: 'ana', mid: store.merchant.id, iat: 1, exp: 4e9 })}.`;
  const bearer = (token: string) => `Bearer ${token}`;
  const pk = store.publishableKey;
  const sk = store.secretKey;

  const ids = {
    customers: ['ana', 'bruno', 'carla', 'nadie'],
    products: ['p-mug', 'p-tee', 'p-pen', 'p-lamp', 'p-rival', 'p-none'],
    orders: ['o-1', 'o-2', 'o-3', 'o-none'],
    payments: ['pay-1'],
    refunds: ['rf-1'],
    corrections: ['corr-1'],
    rewards: ['rw-cheap', 'rw-dear', 'rw-rival', 'rw-none'],
    promotions: ['promo-1'],
    conversations: [anaChat, anaCardChat, anaResolvedChat, brunoChat, carlaChat, rivalChat, 'c0ffee00c0ffee00c0ffee00c0ffee00'],
    staff: [pablo.id, otto.id, 'stf_nobody'],
    codes: [redeemed.code, redeemed.code.toLowerCase().replace('-', ' '), 'ZZZZ-ZZZZ'],
    periods: [...statements.statements.map((statement) => statement.period), '2026-12', '2025-11', '1999-01'],
  };
  const pick = <T>(...values: T[]) => fc.constantFrom(...values);
  const recently = fc.integer({ min: 1, max: 400 * 24 }).map((hours) => new Date(clock().getTime() - hours * 3_600_000).toISOString());

  return {
    credentials: {
      public: [{}],
      publishable: [{ 'x-publishable-key': pk }, { 'x-publishable-key': rival.publishableKey }],
      secret: [
        { authorization: bearer(sk) },
        { authorization: bearer(rival.secretKey) },
        { authorization: bearer(ownerToken) },
        { authorization: bearer(ownerToken), origin: 'https://shop.example' },
        { authorization: bearer(login.token) },
        { authorization: bearer(rivalOwnerToken) },
      ],
      shopper: [
        { authorization: bearer(sessions.ana), 'x-publishable-key': pk },
        { authorization: bearer(sessions.ana), 'x-publishable-key': pk, origin: 'https://shop.example' },
        { authorization: bearer(sessions.ana) },
        { authorization: bearer(sessions.bruno), 'x-publishable-key': pk },
        { authorization: bearer(sessions.carla) },
        { authorization: bearer(sessions.rival), 'x-publishable-key': rival.publishableKey },
      ],
      agent: [
        { authorization: bearer(login.token) },
        { authorization: bearer(login.token), 'x-publishable-key': pk },
        { authorization: bearer(ritaToken) },
        { authorization: bearer(ownerToken) },
        { authorization: bearer(rivalOwnerToken) },
      ],
    },
    hostileCredentials: [
      {},
      { authorization: 'Bearer' },
      { authorization: 'Bearer ' },
      { authorization: `Basic ${Buffer.from('ana:secret').toString('base64')}` },
      { authorization: `bearer ${sk}` },
      { authorization: `Bearer ${sk} ${sk}` },
      { authorization: bearer(`${sk}x`) },
      { authorization: bearer(sk.slice(0, -1)) },
      { authorization: bearer(sk), 'x-publishable-key': pk },
      { authorization: bearer(sk) },
      { authorization: bearer(pk) },
      { authorization: bearer(sessions.ana), 'x-publishable-key': rival.publishableKey },
      { authorization: bearer(sessions.ana), 'x-publishable-key': 'pk_test_unknown' },
      { authorization: bearer(sessions.ana) },
      { authorization: bearer(login.token), 'x-publishable-key': rival.publishableKey },
      { authorization: bearer(login.token) },
      { authorization: bearer(expired), 'x-publishable-key': pk },
      { authorization: bearer(forged), 'x-publishable-key': pk },
      { authorization: bearer(forgedAgent) },
      { authorization: bearer(agentWhoLeft) },
      { authorization: bearer(unsigned) },
      { authorization: bearer(`${sessions.ana.slice(0, -2)}xx`) },
      { authorization: bearer('x'.repeat(8_000)) },
      { 'x-publishable-key': 'pk_' },
      { 'x-publishable-key': `${pk} ` },
      { 'x-publishable-key': sk },
    ],
    ids,
    fields: {
      customerId: pick(...ids.customers),
      productId: pick(...ids.products),
      contextProduct: pick(...ids.products),
      orderId: pick(...ids.orders),
      rewardId: pick(...ids.rewards),
      period: pick(...ids.periods),
      agentId: pick(sofia.id, mateo.id, rita.id, 'agent-none'),
      currency: pick('CLP', 'USD'),
      clientId: pick('chat-ana-0001', 'chat-ana-0001-m1', 'chat-bruno-0001', 'agent-reply-0001', 'fuzz-client-0001'),
      'idempotency-key': pick('redeem-ana-0001', 'redeem-fuzz-0001', 'redeem-fuzz-0002'),
      'ids[]': pick(...alerts.items.map((item) => item.id), '1', '999999999999999999'),
      email: pick('sofia@shop.example', 'SOFIA@shop.example', 'rita@rival.example', 'nadie@shop.example', 'olga@shop.example'),
      origin: pick('https://shop.example', 'https://nueva.example', 'HTTPS://Nueva.Example:443/', 'https://shop.example/path', 'null', 'ftp://x.example'),
      role: pick('owner', 'admin', 'agent'),
      query: pick('ana', 'fernandez', 'Fernández', 'mail.example', '%', '_', '\\'),
      password: pick('a long password', 'wrong password'),
      after: pick(...cursors, 'eyJ9', 'AAAA'),
      placedAt: recently,
      registeredAt: recently,
      startsAt: recently,
      endsAt: recently.map((date) => new Date(Date.parse(date) + 30 * 86_400_000).toISOString()),
      quantity: fc.integer({ min: 1, max: 3 }),
      unitPrice: fc.integer({ min: 5_000, max: 50_000 }),
      total: fc.integer({ min: 1, max: 20_000 }),
      amount: fc.integer({ min: -50, max: 5_000 }),
      seq: fc.integer({ min: 0, max: 12 }),
      before: fc.integer({ min: 1, max: 12 }),
      limit: fc.integer({ min: 1, max: 5 }),
    },
  };
}

// --- The run -------------------------------------------------------------------------------

const parsedJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

describe('every operation of the OpenAPI document, under generated hostile requests', () => {
  // A clock that stands still: nothing falls due in the middle of the run, and a run replays.
  const clock = manualClock('2026-11-20T15:00:00Z');
  const tokenSecret = randomBytes(32);
  let app: TestApp;
  let world: World;
  let operations: Operation[];
  let state: DatabaseState;

  before(async () => {
    // The clock stands still: with the usual budgets, most calls to limited operations would end at the limit, not in their handlers.
    app = await createTestApp({ clock, tokenSecret, rateLimits: budgetsBeyondReach });
    world = await seedWorld(app, clock, tokenSecret);
    const document = await app.request('/v1/openapi.json');
    assert.equal(document.status, 200);
    operations = operationsOf(await document.json());
    state = new DatabaseState(app.deps.db);
  });

  after(() => app?.close());

  test('no 5xx, every error a problem document, and no change when the answer is 4xx', async (t) => {
    assert.ok(operations.length >= 50, `the document lists ${operations.length} operations`);
    const tables = Object.keys(await state.digests());
    assert.ok(tables.includes('customers') && tables.includes('messages'), `tracked tables: ${tables.join(', ')}`);
    let cases = 0;
    const statuses = new Map<number, number>();
    const started = performance.now();

    const check = async (request: FuzzRequest) => {
      cases += 1;
      const before = await state.digests();
      const leave = new AbortController();
      const response = await app.request(request.url, {
        method: request.method,
        headers: request.headers,
        body: request.body === undefined ? null : textOf(request.body),
        signal: leave.signal,
      });
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      const type = response.headers.get('content-type') ?? '';
      const answer = `${request.method} ${request.url} answered ${response.status} ${type}`;

      if (response.ok && type.startsWith('text/event-stream')) {
        // The client leaves at once: the run must not wait on the stream, and the server must let it go.
        leave.abort();
        await response.body?.cancel().catch((error: unknown) => assert.fail(`${answer}, then the stream broke: ${String(error)}`));
        return;
      }
      const text = await response.text();
      const described = `${answer}: ${text.slice(0, 400)}`;
      assert.ok(response.status < 500, described);
      if (response.status < 400) return;

      assert.equal(type.split(';')[0]?.trim(), problemContentType, described);
      const problem = Problem.safeParse(parsedJson(text));
      assert.ok(problem.success, `${described}\nnot a problem document`);
      assert.equal(problem.data.status, response.status, described);
      assert.ok(problem.data.type !== '' && problem.data.title !== '', described);
      assert.equal(typeof problem.data.detail, 'string', described);

      const changed = state.changedBetween(before, await state.digests());
      assert.deepEqual(changed, [], `${described}\nchanged: ${changed.join(', ')}`);
    };

    const shares = operations.reduce((sum, operation) => sum + sharesOf(operation), 0);
    for (const [index, operation] of operations.entries()) {
      await t.test(`${operation.id}: ${operation.method} ${operation.path}`, async () => {
        await fc.assert(fc.asyncProperty(requestsFor(operation, world), check), {
          seed: seed + index,
          numRuns: Math.ceil((totalRuns * sharesOf(operation)) / shares),
          includeErrorInReport: true,
        });
      });
    }

    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const byStatus = [...statuses].sort(([a], [b]) => a - b).map(([status, count]) => `${status}×${count}`).join(' ');
    t.diagnostic(`${cases} requests over ${operations.length} operations on ${app.deps.databaseKind} in ${seconds} s (seed ${seed}): ${byStatus}`);
  });
});
