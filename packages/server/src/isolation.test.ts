import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { StaffRole } from '@clientela/contract';
import { createAgent, createStaffMember } from './modules/auth/index.ts';
import { databaseFingerprint } from './testing/fingerprint.ts';
import { createTestApp, createTestMerchant, json, manualClock, type TestApp, type TestMerchant } from './testing/test-app.ts';

/**
 * The isolation matrix: every shopper and agent operation of the OpenAPI
 * document, called by everyone who is not its owner — another shopper of
 * the same store, a shopper or agent of another store (whose customer has
 * the very same id), a visitor without a token, and a token for the other
 * audience. Operations on an object of Ana's answer 404 (401 without the
 * right kind of token) and change nothing at all; operations on "my"
 * collections answer the caller's own, never a trace of Ana's, and leave
 * everything Ana owns as it was.
 */

/** Strings only Ana's data holds: none may reach anyone else. */
const secrets = ['Secreta-A', 'nota-secreta-A', 'mensaje-secreto-A', 'orden-secreta-A'];

type Audience = 'shopper' | 'agent';
type Kind = 'object' | 'own';

interface Case {
  audience: Audience;
  kind: Kind;
  method: string;
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Event streams: read what they send for a moment, from the first event. */
  stream?: boolean;
}

interface Caller {
  name: string;
  headers: Record<string, string>;
  /** What this caller gets for an object of Ana's. */
  onObject: 401 | 404;
  /** What this caller gets for "my" collections: 401, or its own data. */
  onOwn: 401 | 'own';
}

describe('isolation matrix: nobody but its owner reaches a shopper or agent object', () => {
  const clock = manualClock('2026-01-10T15:00:00Z');
  let app: TestApp;
  let storeA: TestMerchant;
  let storeB: TestMerchant;
  let conversationId: string;
  let ana: Caller;
  let sofia: Caller;
  let callers: Record<Audience, Caller[]>;
  let cases: Record<string, Case>;

  const post = (store: TestMerchant, path: string, body: unknown) => store.asMerchant(path, { method: 'POST', body: JSON.stringify(body) });
  const put = (store: TestMerchant, path: string, body: unknown) => store.asMerchant(path, { method: 'PUT', body: JSON.stringify(body) });

  before(async () => {
    app = await createTestApp({ clock });
    storeA = await createTestMerchant(app, { timeZone: 'America/Santiago' });
    storeB = await createTestMerchant(app, { timeZone: 'America/Santiago' });
    await storeA.putCustomer('ana', { firstName: 'Ana', lastName: 'Secreta-A' });
    // She lets the store profile her: her own browsing events are kept (the last test), anyone else's never land on her.
    await storeA.consent('ana', { profiling: true });
    await storeA.putCustomer('bruno', { firstName: 'Bruno', lastName: 'Vecino' });
    await storeA.putCustomer('solo-a', { firstName: 'Sola', lastName: 'Secreta-A' });
    await storeB.putCustomer('ana', { firstName: 'Ana', lastName: 'Otra-B' });

    // Ana's store card (the default rules: cycles close on the 20th), a purchase on it, points, a reward,
    // a saved product with an alert, a conversation.
    assert.equal((await put(storeA, '/v1/customers/ana/card', { creditLimit: 1_000_000 })).status, 200);
    assert.ok((await put(storeA, '/v1/products/p-1', { name: 'Freidora de aire', price: 50_000, stock: 5 })).ok);
    assert.ok((await put(storeA, '/v1/rewards/cafe', { name: 'Café', cost: 10 })).ok);
    const bought = await post(storeA, '/v1/orders', {
      id: 'orden-secreta-A',
      customerId: 'ana',
      currency: 'CLP',
      lines: [{ productId: 'p-1', quantity: 1, unitPrice: 50_000 }],
      total: 50_000,
      payment: { method: 'store-card', installments: 1 },
    });
    assert.equal(bought.status, 201, await bought.clone().text());
    // An order named in paths below: a refusal echoes the path, so its id is no secret.
    const other = { id: 'pedido-ana', customerId: 'ana', currency: 'CLP', lines: [{ productId: 'p-1', quantity: 1, unitPrice: 50_000 }], total: 50_000, payment: { method: 'other' } };
    assert.equal((await post(storeA, '/v1/orders', other)).status, 201);
    assert.ok((await put(storeA, '/v1/questions/pregunta-a', { kind: 'scale', purpose: 'profile', prompt: '¿Qué tal la tienda?' })).ok);
    const anaToken = await storeA.sessionFor('ana');
    const asAna = (method: string, path: string, body?: unknown) =>
      storeA.asShopper(anaToken, path, { method, headers: { 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    assert.equal((await asAna('PUT', '/v1/me/wishlist/items/p-1', { note: 'nota-secreta-A' })).status, 201);
    assert.ok((await put(storeA, '/v1/products/p-1', { name: 'Freidora de aire', price: 40_000, stock: 5 })).ok);
    const started = await asAna('POST', '/v1/me/conversations', { clientId: 'conversa-ana-1', message: { clientId: 'mensaje-ana-1', body: 'mensaje-secreto-A' } });
    assert.equal(started.status, 201);
    conversationId = (await json(started)).id;
    const notifications = (await json(await asAna('GET', '/v1/me/notifications'))).items as Array<{ id: string }>;
    assert.ok(notifications.length > 0, 'the price drop left Ana an alert');
    clock.advance(11 * 86_400_000); // past the closing day: Ana has a closed January statement

    const sofiaAgent = await createAgent(app.deps.db, storeA.merchant.id, { email: 'sofia@a.example', name: 'Sofía', password: 'a long password' });
    const agentB = await createAgent(app.deps.db, storeB.merchant.id, { email: 'otra@b.example', name: 'Otra', password: 'a long password' });
    const agentToken = async (store: TestMerchant, id: string) => (await app.deps.tokens.issue('agent', store.merchant.id, id, 3600)).token;
    const bearer = (store: TestMerchant, token?: string) => ({
      'x-publishable-key': store.publishableKey,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    });
    ana = { name: 'Ana herself', headers: bearer(storeA, await storeA.sessionFor('ana')), onObject: 404, onOwn: 'own' };
    sofia = { name: "Ana's store's agent", headers: bearer(storeA, await agentToken(storeA, sofiaAgent.id)), onObject: 404, onOwn: 'own' };
    const visitor: Caller = { name: 'a visitor without a token', headers: bearer(storeA), onObject: 401, onOwn: 401 };
    callers = {
      shopper: [
        { name: 'another shopper of the store', headers: bearer(storeA, await storeA.sessionFor('bruno')), onObject: 404, onOwn: 'own' },
        { name: 'the shopper with the same id at another store', headers: bearer(storeB, await storeB.sessionFor('ana')), onObject: 404, onOwn: 'own' },
        visitor,
        { name: "an agent's token", headers: sofia.headers, onObject: 401, onOwn: 401 },
      ],
      agent: [
        { name: 'an agent of another store', headers: bearer(storeB, await agentToken(storeB, agentB.id)), onObject: 404, onOwn: 'own' },
        visitor,
        { name: "a shopper's token", headers: ana.headers, onObject: 401, onOwn: 401 },
      ],
    };

    const c = `/v1/me/conversations/${conversationId}`;
    const a = `/v1/agent/conversations/${conversationId}`;
    cases = {
      getMe: { audience: 'shopper', kind: 'own', method: 'GET', path: '/v1/me' },
      listMyStatements: { audience: 'shopper', kind: 'own', method: 'GET', path: '/v1/me/statements' },
      getMyStatement: { audience: 'shopper', kind: 'object', method: 'GET', path: '/v1/me/statements/2026-01' },
      exportMyStatement: { audience: 'shopper', kind: 'object', method: 'GET', path: '/v1/me/statements/2026-01/export' },
      getMyPoints: { audience: 'shopper', kind: 'own', method: 'GET', path: '/v1/me/points' },
      getMyPointsHistory: { audience: 'shopper', kind: 'own', method: 'GET', path: '/v1/me/points/history' },
      redeemReward: { audience: 'shopper', kind: 'own', method: 'POST', path: '/v1/me/redemptions', body: { rewardId: 'cafe' }, headers: { 'idempotency-key': 'canje-de-prueba' } },
      getMyWishlist: { audience: 'shopper', kind: 'own', method: 'GET', path: '/v1/me/wishlist' },
      putWishlistItem: { audience: 'shopper', kind: 'own', method: 'PUT', path: '/v1/me/wishlist/items/p-1', body: { note: 'mía' } },
      deleteWishlistItem: { audience: 'shopper', kind: 'own', method: 'DELETE', path: '/v1/me/wishlist/items/p-1' },
      listMyNotifications: { audience: 'shopper', kind: 'own', method: 'GET', path: '/v1/me/notifications' },
      markNotificationsRead: { audience: 'shopper', kind: 'own', method: 'POST', path: '/v1/me/notifications/read', body: { ids: notifications.map((n) => n.id) } },
      getMyRecommendations: { audience: 'shopper', kind: 'own', method: 'GET', path: '/v1/me/recommendations' },
      listMyConversations: { audience: 'shopper', kind: 'own', method: 'GET', path: '/v1/me/conversations' },
      startConversation: { audience: 'shopper', kind: 'own', method: 'POST', path: '/v1/me/conversations', body: { clientId: 'conversa-ana-1', message: { clientId: 'mensaje-ana-1', body: 'Hola' } } },
      listMyMessages: { audience: 'shopper', kind: 'object', method: 'GET', path: `${c}/messages` },
      sendMyMessage: { audience: 'shopper', kind: 'object', method: 'POST', path: `${c}/messages`, body: { clientId: 'mensaje-intruso', body: 'Hola' } },
      markMyConversationRead: { audience: 'shopper', kind: 'object', method: 'POST', path: `${c}/read`, body: { seq: 1 } },
      signalMyTyping: { audience: 'shopper', kind: 'object', method: 'POST', path: `${c}/typing` },
      rateMyConversation: { audience: 'shopper', kind: 'object', method: 'POST', path: `${c}/rating`, body: { score: 1 } },
      streamMyConversation: { audience: 'shopper', kind: 'object', method: 'GET', path: `${c}/events`, stream: true },
      streamMyEvents: { audience: 'shopper', kind: 'own', method: 'GET', path: '/v1/me/events', stream: true },
      listMyOrders: { audience: 'shopper', kind: 'own', method: 'GET', path: '/v1/me/orders' },
      getMyOrder: { audience: 'shopper', kind: 'object', method: 'GET', path: '/v1/me/orders/pedido-ana' },
      putMyOrderFeedback: { audience: 'shopper', kind: 'object', method: 'PUT', path: '/v1/me/orders/pedido-ana/feedback', body: { score: 0, comment: 'intruso' } },
      getMyNextQuestion: { audience: 'shopper', kind: 'own', method: 'GET', path: '/v1/me/questions/next' },
      putMyAnswer: { audience: 'shopper', kind: 'own', method: 'PUT', path: '/v1/me/answers/pregunta-a', body: { score: 1 } },
      getMyConsents: { audience: 'shopper', kind: 'own', method: 'GET', path: '/v1/me/consents' },
      putMyConsents: { audience: 'shopper', kind: 'own', method: 'PUT', path: '/v1/me/consents', body: { textVersion: '2026-12', consents: { 'marketing-email': true } } },
      getMyAccessLog: { audience: 'shopper', kind: 'own', method: 'GET', path: '/v1/me/access-log' },
      exportMyData: { audience: 'shopper', kind: 'own', method: 'GET', path: '/v1/me/export' },
      // Asking only: an empty body hands out a confirmation and erases nothing.
      requestMyErasure: { audience: 'shopper', kind: 'own', method: 'POST', path: '/v1/me/erasure', body: {} },
      getAgentMe: { audience: 'agent', kind: 'own', method: 'GET', path: '/v1/agent/me' },
      listAgentConversations: { audience: 'agent', kind: 'own', method: 'GET', path: '/v1/agent/conversations?view=all' },
      getAgentConversation: { audience: 'agent', kind: 'object', method: 'GET', path: a },
      listAgentMessages: { audience: 'agent', kind: 'object', method: 'GET', path: `${a}/messages` },
      sendAgentMessage: { audience: 'agent', kind: 'object', method: 'POST', path: `${a}/messages`, body: { clientId: 'mensaje-agente-intruso', body: 'Hola' } },
      assignConversation: { audience: 'agent', kind: 'object', method: 'POST', path: `${a}/assign`, body: {} },
      resolveConversation: { audience: 'agent', kind: 'object', method: 'POST', path: `${a}/resolve` },
      markAgentRead: { audience: 'agent', kind: 'object', method: 'POST', path: `${a}/read`, body: { seq: 1 } },
      signalAgentTyping: { audience: 'agent', kind: 'object', method: 'POST', path: `${a}/typing` },
      streamAgentEvents: { audience: 'agent', kind: 'own', method: 'GET', path: '/v1/agent/events', stream: true },
      getAgentCustomer: { audience: 'agent', kind: 'object', method: 'GET', path: '/v1/agent/customers/solo-a' },
      // Last: it ends the session of the other store's agent, whose token every agent case above uses.
      agentLogout: { audience: 'agent', kind: 'own', method: 'POST', path: '/v1/agent/logout', body: {} },
    };
  });
  after(() => app.close());

  /** Calls a case as a caller; for an event stream, what it sends in its first moments from the first event. */
  async function call(item: Case, caller: Caller): Promise<{ status: number; text: string; contentType: string }> {
    const response = await app.request(item.path, {
      method: item.method,
      headers: {
        ...caller.headers,
        ...item.headers,
        ...(item.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(item.stream ? { 'last-event-id': '0' } : {}),
      },
      ...(item.body === undefined ? {} : { body: JSON.stringify(item.body) }),
    });
    const contentType = response.headers.get('content-type') ?? '';
    if (!item.stream || !response.ok) return { status: response.status, text: await response.text(), contentType };
    const reader = response.body!.getReader();
    let text = '';
    const decoder = new TextDecoder();
    const deadline = Date.now() + 300;
    while (Date.now() < deadline) {
      const next = await Promise.race([reader.read(), new Promise<null>((resolve) => setTimeout(() => resolve(null), deadline - Date.now()))]);
      if (!next || next.done) break;
      text += decoder.decode(next.value, { stream: true });
    }
    await reader.cancel();
    return { status: response.status, text, contentType };
  }

  test('the matrix covers every shopper operation of the OpenAPI document, and every agent operation of the console (those every staff role may call)', async () => {
    const document = await json(await app.request('/v1/openapi.json'));
    const operations: string[] = [];
    for (const methods of Object.values<Record<string, { operationId: string; security: Array<Record<string, unknown>>; 'x-staff-roles'?: string[] }>>(document.paths)) {
      for (const operation of Object.values(methods)) {
        // The first scheme is the operation's own audience; a secret-key operation staff may also call comes first with the secret key.
        const scheme = Object.keys(operation.security[0] ?? {})[0];
        const everyRole = ['owner', 'admin', 'agent'].every((role) => operation['x-staff-roles']?.includes(role));
        if (scheme === 'shopperToken' || (scheme === 'agentToken' && everyRole)) operations.push(operation.operationId);
      }
    }
    assert.deepEqual(operations.sort(), Object.keys(cases).sort());
  });

  test('every case works for its owner, so a refusal below is isolation and not a bad request', async () => {
    for (const [id, item] of Object.entries(cases)) {
      if (item.method !== 'GET') continue;
      const { status } = await call(item, item.audience === 'shopper' ? ana : sofia);
      assert.ok(status === 200, `${id} as its owner answered ${status}`);
    }
  });

  test("for each operation, everyone else gets 404 or 401 for Ana's objects and their own data otherwise, and nothing of Ana's changes", async () => {
    const scope = { merchantId: storeA.merchant.id, customerId: 'ana' };
    for (const [id, item] of Object.entries(cases)) {
      for (const caller of callers[item.audience]) {
        const what = `${id} by ${caller.name}`;
        const whole = await databaseFingerprint(app.deps.db);
        const anas = await databaseFingerprint(app.deps.db, scope);
        const { status, text, contentType } = await call(item, caller);
        const expected = item.kind === 'object' ? caller.onObject : caller.onOwn;
        if (expected === 'own') assert.ok(status < 500 && status !== 401 && status !== 403, `${what}: ${status} ${text}`);
        else assert.equal(status, expected, `${what}: ${text}`);
        if (status >= 400) {
          assert.match(contentType, /^application\/problem\+json/, what);
          assert.deepEqual(await databaseFingerprint(app.deps.db), whole, `${what} was refused and must change nothing`);
        } else {
          assert.deepEqual(await databaseFingerprint(app.deps.db, scope), anas, `${what} must leave Ana's data as it was`);
        }
        for (const secret of secrets) assert.ok(!text.includes(secret), `${what} answered something of Ana's (${secret})`);
        // A refusal may echo the id the caller sent; an answer never names it.
        if (status < 400) assert.ok(!text.includes(conversationId), `${what} named Ana's conversation`);
      }
    }
  });

  // POST /v1/events is a page's call (the publishable key), a shopper's when a session token comes with it: it is
  // not in the document's shopper operations above, so its row is here. Whoever sends events, they are theirs.
  test("browsing events land on whoever sent them: another shopper's, another store's, a visitor's, never Ana's", async () => {
    const scope = { merchantId: storeA.merchant.id, customerId: 'ana' };
    const body = { visitorId: 'visitor-de-otro-0001', events: [{ productId: 'p-1', kind: 'cart', at: clock().toISOString() }] };
    const send = (caller: Caller) => app.request('/v1/events', { method: 'POST', headers: { ...caller.headers, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    for (const caller of callers.shopper) {
      const whole = await databaseFingerprint(app.deps.db);
      const anas = await databaseFingerprint(app.deps.db, scope);
      const response = await send(caller);
      const text = await response.text();
      if (caller.onOwn === 401 && caller !== callers.shopper.find((c) => c.name === 'a visitor without a token')) {
        assert.equal(response.status, 401, `${caller.name}: ${text}`);
        assert.deepEqual(await databaseFingerprint(app.deps.db), whole, `${caller.name} was refused and must change nothing`);
      } else {
        assert.equal(response.status, 202, `${caller.name}: ${text}`);
      }
      assert.deepEqual(await databaseFingerprint(app.deps.db, scope), anas, `${caller.name} must leave Ana's data as it was`);
    }
    const own = await send(ana);
    assert.equal(own.status, 202);
    assert.deepEqual(await json(own), { accepted: 1 });
  });
});

/**
 * The staff matrix: every operation a staff token may call (those whose
 * OpenAPI operation names `x-staff-roles`), called by each role of the store
 * that owns the objects (owner, admin, agent), by its secret key, by the owner
 * and the secret key of another store, by a shopper and by a visitor. A role
 * the operation lets in gets a 2xx; a role it does not, a 403 that names the
 * roles it does and changes nothing; another store, 404 for the objects of
 * this one (and its own data for the store's collections, leaving this one's
 * as they were); a shopper's token and a visitor, 401. Each row says which
 * roles the operation is for, so a change to the rules fails here; an
 * operation added without a row fails too.
 */
describe('isolation matrix: what each staff role of a store may do, and nobody else', () => {
  const clock = manualClock('2026-01-10T15:00:00Z');
  let app: TestApp;
  let storeA: TestMerchant;
  let storeB: TestMerchant;

  type CallerName = 'agentA' | 'adminA' | 'ownerA' | 'secretA' | 'ownerB' | 'secretB' | 'shopperA' | 'visitorA';
  const callerNames: CallerName[] = ['agentA', 'adminA', 'ownerA', 'secretA', 'ownerB', 'secretB', 'shopperA', 'visitorA'];
  const roleOf: Partial<Record<CallerName, StaffRole>> = { agentA: 'agent', adminA: 'admin', ownerA: 'owner', ownerB: 'owner' };
  const ofStoreA = new Set<CallerName>(['agentA', 'adminA', 'ownerA', 'secretA']);
  let headers: Record<CallerName, Record<string, string>>;

  type Roles = 'all' | 'owners and admins' | 'owners';
  const rolesOf: Record<Roles, StaffRole[]> = { all: ['owner', 'admin', 'agent'], 'owners and admins': ['owner', 'admin'], owners: ['owner'] };

  interface StaffCase {
    id: string;
    roles: Roles;
    /** `object`: one of store A's objects (another store gets 404); `store`: the caller's store's own collection or settings. */
    kind: 'object' | 'store';
    method: string;
    /** The request each caller sends: store A's callers their own, another store's callers store A's owner's (for objects) or their own. */
    request: (caller: CallerName) => { path: string; body?: unknown };
    stream?: boolean;
  }
  let cases: StaffCase[];
  /** Strings only store A's data holds. */
  const secrets = ['Secreta-A', 'nota-secreta-A', 'mensaje-secreto-A', 'orden-secreta-A', 'https://tienda-a.example'];

  before(async () => {
    app = await createTestApp({ clock });
    storeA = await createTestMerchant(app, { timeZone: 'America/Santiago', origins: ['https://tienda-a.example'] });
    storeB = await createTestMerchant(app, { timeZone: 'America/Santiago', origins: ['https://tienda-b.example'] });
    const asA = (method: string, path: string, body?: unknown) => storeA.asMerchant(path, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const ok = async (response: Promise<Response>) => {
      const answered = await response;
      assert.ok(answered.ok, `${answered.status} ${await answered.clone().text()}`);
      return answered.status === 204 ? undefined : json(answered);
    };
    await storeA.putCustomer('ana', { firstName: 'Ana', lastName: 'Torres' });
    await storeA.putCustomer('solo-a', { firstName: 'Sola', lastName: 'Secreta-A' });
    await storeB.putCustomer('ana', { firstName: 'Ana', lastName: 'Otra-B' });
    await ok(asA('PUT', '/v1/products/p-1', { name: 'Freidora de aire', price: 50_000, stock: 5 }));
    await ok(asA('PUT', '/v1/customers/solo-a/card', { creditLimit: 1_000_000 }));
    await ok(
      asA('POST', '/v1/orders', {
        id: 'orden-secreta-A',
        customerId: 'solo-a',
        currency: 'CLP',
        lines: [{ productId: 'p-1', quantity: 1, unitPrice: 50_000 }],
        total: 50_000,
        payment: { method: 'store-card', installments: 1 },
      }),
    );
    await ok(asA('POST', '/v1/orders', { id: 'pedido-sola', customerId: 'solo-a', currency: 'CLP', lines: [{ productId: 'p-1', quantity: 1, unitPrice: 50_000 }], total: 50_000, payment: { method: 'other' } }));
    await ok(asA('PUT', '/v1/rewards/cafe', { name: 'Café', cost: 10 }));
    await ok(asA('POST', '/v1/customers/ana/points/corrections', { id: 'bienvenida', amount: 1000, note: 'Bienvenida' }));
    const solo = await storeA.sessionFor('solo-a');
    const asSolo = (method: string, path: string, body: unknown) =>
      storeA.asShopper(solo, path, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    await ok(asSolo('PUT', '/v1/me/wishlist/items/p-1', { note: 'nota-secreta-A' }));
    const conversation = (await ok(asSolo('POST', '/v1/me/conversations', { clientId: 'conversa-sola-1', message: { clientId: 'mensaje-sola-1', body: 'mensaje-secreto-A' } }))) as { id: string };
    const ana = await storeA.sessionFor('ana');
    const codes = {} as Record<CallerName, string>;
    for (const caller of ['agentA', 'adminA', 'ownerA', 'secretA'] as const) {
      const redeemed = await storeA.asShopper(ana, '/v1/me/redemptions', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': `canje-${caller}` },
        body: JSON.stringify({ rewardId: 'cafe' }),
      });
      codes[caller] = ((await ok(Promise.resolve(redeemed))) as { code: string }).code;
    }
    const endpoints = {} as Record<CallerName, string>;
    const deliveries = {} as Record<CallerName, string>;
    // Deliveries to an endpoint of their own: removing an endpoint removes its deliveries.
    const kept = ((await ok(asA('POST', '/v1/webhook-endpoints', { url: 'https://93.184.215.14/kept' }))) as { id: string }).id;
    for (const caller of ['adminA', 'ownerA', 'secretA'] as const) {
      endpoints[caller] = ((await ok(asA('POST', '/v1/webhook-endpoints', { url: 'https://93.184.215.14/hooks', description: caller }))) as { id: string }).id;
      deliveries[caller] = `wd_${caller}`;
      await app.deps.db
        .insertInto('webhookDeliveries')
        .values({
          merchantId: storeA.merchant.id,
          id: deliveries[caller],
          endpointId: kept,
          eventId: `evt_${caller}`,
          eventType: 'points.earned',
          payload: '{}',
          status: 'failed',
          maxAttempts: 8,
          nextAttemptAt: null,
          lastStatusCode: 500,
          lastError: null,
          createdAt: clock(),
          deliveredAt: null,
        })
        .execute();
    }
    clock.advance(11 * 86_400_000); // past the closing day: solo-a has a closed January statement

    const member = (store: TestMerchant, name: string, role: StaffRole) =>
      createStaffMember(app.deps.db, store.merchant.id, { email: `${name}@${store.merchant.id}.example`, name, password: 'a long password', role });
    const staff = {
      agentA: await member(storeA, 'sofia', 'agent'),
      adminA: await member(storeA, 'adan', 'admin'),
      ownerA: await member(storeA, 'olga', 'owner'),
      ownerB: await member(storeB, 'otto', 'owner'),
    };
    const promotable = await member(storeA, 'pablo', 'agent');
    const removable = await member(storeA, 'rita', 'agent');
    const token = async (store: TestMerchant, id: string, role: StaffRole) => `Bearer ${(await app.deps.tokens.issue('agent', store.merchant.id, id, 3600, 0, role)).token}`;
    headers = {
      agentA: { authorization: await token(storeA, staff.agentA.id, 'agent') },
      adminA: { authorization: await token(storeA, staff.adminA.id, 'admin') },
      ownerA: { authorization: await token(storeA, staff.ownerA.id, 'owner') },
      secretA: { authorization: `Bearer ${storeA.secretKey}` },
      ownerB: { authorization: await token(storeB, staff.ownerB.id, 'owner') },
      secretB: { authorization: `Bearer ${storeB.secretKey}` },
      shopperA: { authorization: `Bearer ${await storeA.sessionFor('ana')}`, 'x-publishable-key': storeA.publishableKey },
      visitorA: { 'x-publishable-key': storeA.publishableKey },
    };

    /** Store A's own object for its callers; store A's owner's for everyone else, who must not reach it. */
    const ownOr = <T>(values: Partial<Record<CallerName, T>>, caller: CallerName): T => (ofStoreA.has(caller) ? values[caller] : undefined) ?? values.ownerA!;
    const get = (path: string) => () => ({ path });
    const c = `/v1/agent/conversations/${conversation.id}`;
    const customer = '/v1/customers/solo-a';
    const every = (roles: Roles, kind: StaffCase['kind'], method: string, id: string, request: StaffCase['request'], stream?: boolean): StaffCase => ({
      id,
      roles,
      kind,
      method,
      request,
      ...(stream ? { stream } : {}),
    });
    cases = [
      // Customers: look-up for every role.
      every('all', 'store', 'GET', 'listCustomers', get('/v1/customers?query=sola&sort=name')),
      every('all', 'object', 'GET', 'getCustomer', get(customer)),
      every('all', 'object', 'GET', 'listCustomerOrders', get(`${customer}/orders`)),
      every('all', 'object', 'GET', 'getCustomerPoints', get(`${customer}/points`)),
      every('all', 'object', 'GET', 'getCustomerPointsHistory', get(`${customer}/points/history`)),
      every('all', 'object', 'GET', 'listCustomerStatements', get(`${customer}/statements`)),
      every('all', 'object', 'GET', 'getCustomerStatement', get(`${customer}/statements/2026-01`)),
      every('all', 'object', 'GET', 'getCustomerWishlist', get(`${customer}/wishlist`)),
      every('all', 'object', 'GET', 'listCustomerConversations', get(`${customer}/conversations`)),
      every('all', 'object', 'GET', 'listCustomerNotes', get(`${customer}/notes`)),
      every('all', 'object', 'GET', 'listCustomerAnswers', get(`${customer}/answers`)),
      every('all', 'object', 'POST', 'addCustomerNote', (caller) => ({ path: `${customer}/notes`, body: { body: `Llamar a la clienta (${caller})` } })),
      every('all', 'store', 'GET', 'listProducts', get('/v1/products')),
      // The till: every role.
      every('all', 'object', 'GET', 'getRedemption', (caller) => ({ path: `/v1/redemptions/${ownOr(codes, caller)}` })),
      every('all', 'object', 'POST', 'useRedemption', (caller) => ({ path: `/v1/redemptions/${ownOr(codes, caller)}/use` })),
      // Running the store: owners and admins.
      every('owners and admins', 'object', 'PUT', 'putCardAccount', () => ({ path: `${customer}/card`, body: { creditLimit: 900_000 } })),
      every('owners and admins', 'object', 'POST', 'correctPoints', (caller) => ({ path: `${customer}/points/corrections`, body: { id: `corr-${caller}`, amount: 5, note: 'Gesto comercial' } })),
      every('owners and admins', 'object', 'DELETE', 'endCustomerSessions', get(`${customer}/sessions`)),
      every('owners and admins', 'store', 'GET', 'getOverview', get('/v1/reports/overview')),
      every('owners and admins', 'store', 'GET', 'getSegments', get('/v1/segments')),
      every('owners and admins', 'object', 'PUT', 'putFulfillment', () => ({ path: '/v1/orders/pedido-sola/fulfillment', body: { status: 'shipped', carrier: 'Chilexpress' } })),
      every('owners and admins', 'store', 'PUT', 'putQuestion', (caller) => ({ path: `/v1/questions/q-${caller}`, body: { kind: 'scale', purpose: 'profile', prompt: '¿Qué tal?' } })),
      every('owners and admins', 'store', 'GET', 'listQuestions', get('/v1/questions')),
      every('owners and admins', 'store', 'GET', 'getQuestionnaireSettings', get('/v1/questionnaire-settings')),
      every('owners and admins', 'store', 'PUT', 'putQuestionnaireSettings', () => ({ path: '/v1/questionnaire-settings', body: { intervalDays: 3 } })),
      every('owners and admins', 'store', 'GET', 'getFeedbackReport', get('/v1/reports/feedback')),
      every('owners and admins', 'store', 'GET', 'getLoyaltySettings', get('/v1/loyalty-settings')),
      every('owners and admins', 'store', 'PUT', 'putLoyaltySettings', () => ({
        path: '/v1/loyalty-settings',
        body: { spendPerPoint: 100, tierMultipliers: { top: 20000, large: 15000, medium: 12500, small: 10000, inactive: 10000, potential: 10000 }, birthdayBonus: 500, pointsLifetimeDays: 365, expectedLifespanYears: 3, redemptionValidDays: 90 },
      })),
      every('owners and admins', 'store', 'PUT', 'putPromotion', () => ({
        path: '/v1/promotions/cyber',
        body: { name: { es: 'CyberDay', en: 'CyberDay' }, startsAt: '2026-02-01T00:00:00Z', endsAt: '2026-02-03T00:00:00Z', multiplier: 20000 },
      })),
      every('owners and admins', 'store', 'GET', 'listPromotions', get('/v1/promotions')),
      every('owners and admins', 'store', 'PUT', 'putReward', () => ({ path: '/v1/rewards/bolso', body: { name: { es: 'Bolso', en: 'Bag' }, cost: 100, active: false } })),
      every('owners and admins', 'store', 'GET', 'listRewardCatalog', get('/v1/reward-catalog')),
      every('owners and admins', 'store', 'GET', 'getCardSettings', get('/v1/card-settings')),
      every('owners and admins', 'store', 'PUT', 'putCardSettings', () => ({
        path: '/v1/card-settings',
        body: { closingDay: 20, dueDays: 10, minimumPaymentBps: 500, interestFreeInstallmentsInMinimumBps: null, monthlyInterestBps: 250, installmentInterestBps: 199, lateFee: 5990, defaultCreditLimit: 1_000_000 },
      })),
      every('all', 'store', 'GET', 'getSupportSettings', get('/v1/support-settings')),
      every('owners and admins', 'store', 'PUT', 'putSupportSettings', () => ({ path: '/v1/support-settings', body: { hours: [{ day: 1, opens: '09:00', closes: '18:00' }] } })),
      every('owners and admins', 'store', 'GET', 'getRecommendationSettings', get('/v1/recommendation-settings')),
      every('owners and admins', 'store', 'PUT', 'putRecommendationSettings', () => ({ path: '/v1/recommendation-settings', body: { repeatPurchases: true } })),
      every('owners and admins', 'store', 'GET', 'listWebhookEndpoints', get('/v1/webhook-endpoints')),
      every('owners and admins', 'store', 'POST', 'createWebhookEndpoint', (caller) => ({ path: '/v1/webhook-endpoints', body: { url: 'https://93.184.215.14/more', description: caller } })),
      every('owners and admins', 'object', 'DELETE', 'deleteWebhookEndpoint', (caller) => ({ path: `/v1/webhook-endpoints/${ownOr(endpoints, caller)}` })),
      every('owners and admins', 'store', 'GET', 'listWebhookDeliveries', get('/v1/webhook-deliveries')),
      every('owners and admins', 'object', 'POST', 'retryWebhookDelivery', (caller) => ({ path: `/v1/webhook-deliveries/${ownOr(deliveries, caller)}/retry` })),
      every('owners and admins', 'store', 'GET', 'getEmailSettings', get('/v1/email-settings')),
      every('owners and admins', 'store', 'PUT', 'putEmailSettings', () => ({
        path: '/v1/email-settings',
        body: { productUrlPattern: 'https://shop.example/p/{productId}', storeUrl: null, statementUrl: null, chatUrl: null, pointsUrl: null, preferencesUrl: null, pointsExpiryNoticeDays: 7, brandColor: '#0f5f5c' },
      })),
      every('owners and admins', 'store', 'GET', 'listEmailDeliveries', get('/v1/email-deliveries')),
      every('owners and admins', 'store', 'GET', 'listOrigins', get('/v1/origins')),
      every('owners and admins', 'store', 'POST', 'addOrigin', (caller) => ({ path: '/v1/origins', body: { origin: `https://${caller.toLowerCase()}.example` } })),
      every('owners and admins', 'store', 'DELETE', 'removeOrigin', (caller) => ({ path: `/v1/origins?origin=${encodeURIComponent(`https://${caller.toLowerCase()}.example`)}` })),
      // Privacy: consents for every role to read; settings, exports, the access log and erasure for owners and admins.
      every('all', 'object', 'GET', 'getCustomerConsents', get(`${customer}/consents`)),
      every('owners and admins', 'object', 'PUT', 'putCustomerConsents', () => ({ path: `${customer}/consents`, body: { textVersion: 'form-1', consents: { profiling: true } } })),
      every('owners and admins', 'store', 'GET', 'getPrivacySettings', get('/v1/privacy-settings')),
      every('owners and admins', 'store', 'PUT', 'putPrivacySettings', () => ({
        path: '/v1/privacy-settings',
        body: { consentTextVersion: '2027-01', consentDefaults: { 'marketing-email': false, profiling: false, 'birthday-greeting': true }, chatRetentionDays: 365, inactiveCustomerRetentionDays: null },
      })),
      every('owners and admins', 'object', 'GET', 'getCustomerAccessLog', get(`${customer}/access-log`)),
      every('owners and admins', 'object', 'GET', 'exportCustomerData', get(`${customer}/export`)),
      every('owners and admins', 'store', 'GET', 'listStaff', get('/v1/staff')),
      every('owners and admins', 'store', 'GET', 'getKeys', get('/v1/keys')),
      // The agent console: every role.
      every('all', 'store', 'GET', 'getAgentMe', get('/v1/agent/me')),
      every('all', 'store', 'GET', 'listAgentConversations', get('/v1/agent/conversations?view=all')),
      every('all', 'object', 'GET', 'getAgentConversation', get(c)),
      every('all', 'object', 'GET', 'listAgentMessages', get(`${c}/messages`)),
      every('all', 'object', 'POST', 'sendAgentMessage', (caller) => ({ path: `${c}/messages`, body: { clientId: `respuesta-${caller}`, body: 'Hola' } })),
      every('all', 'object', 'POST', 'assignConversation', () => ({ path: `${c}/assign`, body: {} })),
      every('all', 'object', 'POST', 'markAgentRead', () => ({ path: `${c}/read`, body: { seq: 1 } })),
      every('all', 'object', 'POST', 'signalAgentTyping', get(`${c}/typing`)),
      every('all', 'object', 'POST', 'resolveConversation', get(`${c}/resolve`)),
      every('all', 'store', 'GET', 'streamAgentEvents', get('/v1/agent/events'), true),
      every('all', 'object', 'GET', 'getAgentCustomer', get('/v1/agent/customers/solo-a')),
      // Staff and keys: the owner's alone.
      every('owners', 'store', 'POST', 'createStaff', (caller) => ({ path: '/v1/staff', body: { email: `nueva-${caller.toLowerCase()}@a.example`, name: 'Nueva', role: 'agent', password: 'a long password' } })),
      every('owners', 'object', 'PUT', 'updateStaff', () => ({ path: `/v1/staff/${promotable.id}`, body: { name: 'Pablo', role: 'admin' } })),
      every('owners', 'object', 'DELETE', 'removeStaff', () => ({ path: `/v1/staff/${removable.id}` })),
      // Late: an erasure blanks the customer the rows above read.
      every('owners and admins', 'object', 'POST', 'eraseCustomer', get(`${customer}/erase`)),
      // Last: they stop the keys and sessions the rows above use.
      every('owners', 'store', 'POST', 'rollKeys', () => ({ path: '/v1/keys/roll', body: { key: 'secret' } })),
      every('all', 'store', 'POST', 'agentLogout', () => ({ path: '/v1/agent/logout', body: {} })),
    ];
  });
  after(() => app.close());

  const operationsWithStaff = async () => {
    const document = await json(await app.request('/v1/openapi.json'));
    const found = new Map<string, { roles: string[]; audience: 'secret' | 'agent' }>();
    for (const methods of Object.values<Record<string, { operationId: string; security: Array<Record<string, unknown>>; 'x-staff-roles'?: string[] }>>(document.paths)) {
      for (const operation of Object.values(methods)) {
        const roles = operation['x-staff-roles'];
        if (roles) found.set(operation.operationId, { roles, audience: 'secretKey' in (operation.security[0] ?? {}) ? 'secret' : 'agent' });
      }
    }
    return found;
  };

  async function call(item: StaffCase, caller: CallerName): Promise<{ status: number; text: string; contentType: string }> {
    const { path, body } = item.request(caller);
    const response = await app.request(path, {
      method: item.method,
      headers: { ...headers[caller], ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(item.stream ? { 'last-event-id': '0' } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const contentType = response.headers.get('content-type') ?? '';
    if (!item.stream || !response.ok) return { status: response.status, text: await response.text(), contentType };
    const reader = response.body!.getReader();
    let text = '';
    const decoder = new TextDecoder();
    const deadline = Date.now() + 300;
    while (Date.now() < deadline) {
      const next = await Promise.race([reader.read(), new Promise<null>((resolve) => setTimeout(() => resolve(null), deadline - Date.now()))]);
      if (!next || next.done) break;
      text += decoder.decode(next.value, { stream: true });
    }
    await reader.cancel();
    return { status: response.status, text, contentType };
  }

  test('the matrix covers every operation a staff token may call, each with the roles the contract gives it', async () => {
    const operations = await operationsWithStaff();
    assert.deepEqual([...operations.keys()].sort(), cases.map((item) => item.id).sort());
    for (const item of cases) assert.deepEqual(operations.get(item.id)!.roles, rolesOf[item.roles], `${item.id}: the roles it lets in`);
  });

  test('each operation answers every caller as its roles say, and a refusal changes nothing', async () => {
    const operations = await operationsWithStaff();
    const storeAOnly = { merchantId: storeA.merchant.id };
    for (const item of cases) {
      const { audience } = operations.get(item.id)!;
      const allowed = rolesOf[item.roles];
      for (const caller of callerNames) {
        const what = `${item.id} by ${caller}`;
        const role = roleOf[caller];
        const expected: number | 'ok' =
          caller === 'shopperA' || caller === 'visitorA'
            ? 401
            : role === undefined
              ? audience === 'agent'
                ? 401
                : caller === 'secretB' && item.kind === 'object'
                  ? 404
                  : 'ok'
              : !allowed.includes(role)
                ? 403
                : caller === 'ownerB' && item.kind === 'object'
                  ? 404
                  : 'ok';
        const whole = await databaseFingerprint(app.deps.db);
        const ofA = await databaseFingerprint(app.deps.db, storeAOnly);
        const { status, text, contentType } = await call(item, caller);
        if (expected === 'ok') assert.ok(status >= 200 && status < 300, `${what}: ${status} ${text.slice(0, 300)}`);
        else assert.equal(status, expected, `${what}: ${text.slice(0, 300)}`);
        if (status >= 400) {
          assert.match(contentType, /^application\/problem\+json/, what);
          assert.deepEqual(await databaseFingerprint(app.deps.db), whole, `${what} was refused and must change nothing`);
        }
        if (status === 403) {
          const problem = JSON.parse(text) as { type: string; roles: string[] };
          assert.equal(problem.type, 'https://clientela.dev/problems/forbidden-role', what);
          assert.deepEqual(problem.roles, allowed, `${what}: the problem names the roles that may`);
        }
        if (!ofStoreA.has(caller)) {
          assert.deepEqual(await databaseFingerprint(app.deps.db, storeAOnly), ofA, `${what} must leave store A's data as it was`);
          for (const secret of secrets) assert.ok(!text.includes(secret), `${what} answered something of store A's (${secret})`);
        }
      }
    }
  });
});
