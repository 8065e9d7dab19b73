import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SignJWT, UnsecuredJWT } from 'jose';
import { createTestApp, createTestMerchant, json, manualClock, twoStoresWithAna, type TestApp, type TestMerchant } from '../../testing/test-app.ts';
import { createAgent } from './auth.service.ts';

describe('identity', () => {
  const clock = manualClock('2026-06-15T12:00:00Z');
  const tokenSecret = new Uint8Array(32).fill(7);
  let app: TestApp;
  let store: TestMerchant;
  let other: TestMerchant;

  before(async () => {
    app = await createTestApp({ clock, tokenSecret });
    ({ store, other } = await twoStoresWithAna(app, { origins: ['https://other.example'] }));
  });
  after(() => app.close());

  test('a session minted with the secret key opens /v1/me for that customer', async () => {
    const response = await store.asMerchant('/v1/sessions', { method: 'POST', body: JSON.stringify({ customerId: 'ana' }) });
    assert.equal(response.status, 201);
    const session = await json(response);
    const lifetime = new Date(session.expiresAt).getTime() - clock().getTime();
    assert.equal(lifetime, 15 * 60 * 1000);
    const me = await json(await store.asShopper(session.token, '/v1/me'));
    assert.equal(me.id, 'ana');
    assert.equal(me.merchant.id, store.merchant.id);
  });

  test('a session for an unknown customer is a 404 problem', async () => {
    const response = await store.asMerchant('/v1/sessions', { method: 'POST', body: JSON.stringify({ customerId: 'nobody' }) });
    assert.equal(response.status, 404);
    assert.equal(response.headers.get('content-type'), 'application/problem+json');
  });

  test('sessions longer than 15 minutes are refused, naming the field', async () => {
    const response = await store.asMerchant('/v1/sessions', {
      method: 'POST',
      body: JSON.stringify({ customerId: 'ana', ttlSeconds: 3600 }),
    });
    assert.equal(response.status, 400);
    const problem = await json(response);
    assert.deepEqual(problem.errors.map((e: { field: string }) => e.field), ['ttlSeconds']);
  });

  test('the secret key is checked and never accepted from a browser origin', async () => {
    const missing = await app.request('/v1/sessions', { method: 'POST', body: '{"customerId":"ana"}' });
    assert.equal(missing.status, 401);
    const wrong = await app.request('/v1/sessions', {
      method: 'POST',
      headers: { authorization: 'Bearer sk_live_wrong', 'content-type': 'application/json' },
      body: '{"customerId":"ana"}',
    });
    assert.equal(wrong.status, 401);
    const fromPage = await store.asMerchant('/v1/sessions', {
      method: 'POST',
      headers: { origin: 'https://shop.example' },
      body: '{"customerId":"ana"}',
    });
    assert.equal(fromPage.status, 403);
    assert.equal(fromPage.headers.get('access-control-allow-origin'), null);
  });

  test('an expired token is refused as token-expired, readable by the page', async () => {
    const token = await store.sessionFor('ana');
    clock.advance(15 * 60 * 1000 + 1000);
    const response = await store.asShopper(token, '/v1/me', { headers: { origin: 'https://shop.example' } });
    assert.equal(response.status, 401);
    assert.equal((await json(response)).type, 'https://clientela.dev/problems/token-expired');
    assert.equal(response.headers.get('access-control-allow-origin'), 'https://shop.example');
  });

  test('a token in use is refused as token-expired from the second it expires, and only ever serves its own audience', async () => {
    const token = await store.sessionFor('ana');
    assert.equal((await store.asShopper(token, '/v1/me')).status, 200);
    assert.equal((await app.request('/v1/agent/me', { headers: { authorization: `Bearer ${token}` } })).status, 401);
    clock.advance(15 * 60 * 1000 - 1000);
    assert.equal((await store.asShopper(token, '/v1/me')).status, 200);
    clock.advance(1000);
    const response = await store.asShopper(token, '/v1/me');
    assert.equal(response.status, 401);
    assert.equal((await json(response)).type, 'https://clientela.dev/problems/token-expired');
  });

  test('forged tokens are refused: alg none, another key, another audience, another store', async () => {
    const claims = { mid: store.merchant.id, sub: 'ana' };
    const now = Math.floor(clock().getTime() / 1000);
    const unsigned = new UnsecuredJWT(claims).setIssuer('clientela').setAudience('clientela:shopper').setIssuedAt(now).setExpirationTime(now + 60).encode();
    const otherKey = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('clientela')
      .setAudience('clientela:shopper')
      .setIssuedAt(now)
      .setExpirationTime(now + 60)
      .sign(new TextEncoder().encode('x'.repeat(32)));
    const { token: agentToken } = await app.deps.tokens.issue('agent', store.merchant.id, 'ana', 60);
    const otherStore = await other.sessionFor('ana');
    for (const token of [unsigned, otherKey, agentToken, 'not-a-token']) {
      const response = await store.asShopper(token, '/v1/me');
      assert.equal(response.status, 401, token);
      assert.equal((await json(response)).type, 'https://clientela.dev/problems/invalid-token');
    }
    const mixed = await store.asShopper(otherStore, '/v1/me');
    assert.equal(mixed.status, 401);
  });

  test('no operation that takes the secret key answers a browser page, whatever its origin', async () => {
    const document = await json(await app.request('/v1/openapi.json'));
    let checked = 0;
    for (const [path, methods] of Object.entries<Record<string, { security: Array<Record<string, unknown>> }>>(document.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        if (!operation.security.some((s) => 'secretKey' in s)) continue;
        for (const origin of ['https://shop.example', 'null']) {
          const response = await store.asMerchant(path.replace(/\{\w+\}/g, 'ana'), {
            method: method.toUpperCase(),
            headers: { origin },
            ...(method === 'get' ? {} : { body: '{}' }),
          });
          assert.equal(response.status, 403, `${method} ${path} from ${origin}`);
          assert.equal(response.headers.get('access-control-allow-origin'), null);
          checked += 1;
        }
      }
    }
    assert.ok(checked >= 30, `${checked} calls`);
  });

  test('agents log in with email and password against the store of the publishable key', async () => {
    await createAgent(app.deps.db, store.merchant.id, { email: 'Sofia@Shop.example', name: 'Sofía', password: 'correct horse' });
    const login = (email: string, password: string, publishableKey = store.publishableKey) =>
      app.request('/v1/agent/login', {
        method: 'POST',
        headers: { 'x-publishable-key': publishableKey, 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
    const ok = await login('sofia@shop.example', 'correct horse');
    assert.equal(ok.status, 200);
    const session = await json(ok);
    assert.equal(session.agent.name, 'Sofía');
    const me = await app.request('/v1/agent/me', { headers: { authorization: `Bearer ${session.token}` } });
    assert.equal((await json(me)).email, 'sofia@shop.example');
    assert.equal((await login('sofia@shop.example', 'wrong')).status, 401);
    assert.equal((await login('nobody@shop.example', 'correct horse')).status, 401);
    assert.equal((await login('sofia@shop.example', 'correct horse', other.publishableKey)).status, 401);
    const shopperToken = await store.sessionFor('ana');
    const asShopper = await app.request('/v1/agent/me', { headers: { authorization: `Bearer ${shopperToken}` } });
    assert.equal(asShopper.status, 401);
  });
});

describe('CORS', () => {
  let app: TestApp;
  let store: TestMerchant;

  before(async () => {
    app = await createTestApp();
    store = await createTestMerchant(app, { origins: ['https://shop.example'] });
    await createTestMerchant(app, { origins: ['https://other.example'] });
    await store.putCustomer('ana');
  });
  after(() => app.close());

  const preflight = (origin: string) =>
    app.request('/v1/me', {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    });

  test('a preflight is answered for any origin but an opaque one; the request itself is held to the store\'s origins, and says why in words the page can read', async () => {
    for (const origin of ['https://shop.example', 'https://moved.example']) {
      const answered = await preflight(origin);
      assert.equal(answered.status, 204, origin);
      assert.equal(answered.headers.get('access-control-allow-origin'), origin);
      assert.match(answered.headers.get('access-control-allow-headers') ?? '', /authorization/);
    }
    const opaque = await preflight('null');
    assert.equal(opaque.status, 403);
    assert.equal(opaque.headers.get('access-control-allow-origin'), null);

    const token = await store.sessionFor('ana');
    const me = (origin: string, publishableKey = store.publishableKey) =>
      app.request('/v1/me', { headers: { origin, authorization: `Bearer ${token}`, 'x-publishable-key': publishableKey } });
    const moved = await me('https://moved.example');
    assert.equal(moved.status, 403);
    assert.equal(moved.headers.get('access-control-allow-origin'), 'https://moved.example', 'the page can read the refusal');
    const problem = (await moved.json()) as { type: string; detail: string };
    assert.match(problem.type, /forbidden-origin$/);
    assert.match(problem.detail, new RegExp(`https://moved\\.example is not allowed for ${store.publishableKey}: add it under Settings → Origins`));
    assert.ok(!JSON.stringify(problem).includes('"ana"'), 'nothing of the shopper in the refusal');

    const unknownKey = await me('https://moved.example', 'pk_test_nobody_at_all');
    assert.equal(unknownKey.status, 401);
    assert.equal(unknownKey.headers.get('access-control-allow-origin'), 'https://moved.example');
    assert.match(((await unknownKey.json()) as { detail: string }).detail, /names no store/);

    const fromNull = await me('null');
    assert.equal(fromNull.status, 403);
    assert.equal(fromNull.headers.get('access-control-allow-origin'), null);
  });

  test("the server's own pages (the back office) sign staff in from its origin, which no store lists; other sites' pages cannot pass for them", async () => {
    await createAgent(app.deps.db, store.merchant.id, { email: 'owner@shop.example', name: 'Olga', password: 'correct horse' });
    const login = (headers: Record<string, string>) =>
      app.request('/v1/agent/login', {
        method: 'POST',
        headers: { 'x-publishable-key': store.publishableKey, 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ email: 'owner@shop.example', password: 'correct horse' }),
      });
    const own = await login({ origin: 'https://crm.example', 'sec-fetch-site': 'same-origin' });
    assert.equal(own.status, 200);
    for (const site of ['cross-site', 'same-site']) {
      const response = await login({ origin: 'https://crm.example', 'sec-fetch-site': site });
      assert.equal(response.status, 403, site);
      const refusal = (await response.json()) as { type: string; token?: unknown };
      assert.match(refusal.type, /forbidden-origin$/, site);
      assert.equal(refusal.token, undefined, site);
    }
  });

  test("a shopper call is held to the origins of the token's store", async () => {
    const token = await store.sessionFor('ana');
    const own = await store.asShopper(token, '/v1/me', { headers: { origin: 'https://shop.example' } });
    assert.equal(own.status, 200);
    assert.equal(own.headers.get('access-control-allow-origin'), 'https://shop.example');
    assert.equal(own.headers.get('vary'), 'Origin');
    for (const origin of ['https://other.example', 'https://evil.example', 'null']) {
      const response = await store.asShopper(token, '/v1/me', { headers: { origin } });
      assert.equal(response.status, 403, origin);
      // The page may read the refusal, never the shopper: an opaque origin not even that.
      assert.equal(response.headers.get('access-control-allow-origin'), origin === 'null' ? null : origin, origin);
      const refusal = await response.text();
      assert.match(refusal, /forbidden-origin/, origin);
      assert.ok(!refusal.includes('"customerId"') && !refusal.includes('"tier"'), origin);
    }
  });
});
