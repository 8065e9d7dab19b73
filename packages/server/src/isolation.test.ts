import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createAgent } from './modules/auth/index.ts';
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

  test('the matrix covers every shopper and agent operation of the OpenAPI document', async () => {
    const document = await json(await app.request('/v1/openapi.json'));
    const operations: string[] = [];
    for (const methods of Object.values<Record<string, { operationId: string; security: Array<Record<string, unknown>> }>>(document.paths)) {
      for (const operation of Object.values(methods)) {
        const schemes = operation.security.flatMap((s) => Object.keys(s));
        if (schemes.includes('shopperToken') || schemes.includes('agentToken')) operations.push(operation.operationId);
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
});
