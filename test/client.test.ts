import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ApiError, ContractError, createClient, NetworkError } from '@clientela/client';
import { createSession, getCustomer, getMe, putCustomer } from '@clientela/contract';
import * as routes from '@clientela/contract/routes';
import { createTestApp, createTestMerchant, listen, manualClock, type TestApp, type TestMerchant } from '../packages/server/src/testing/test-app.ts';

describe('@clientela/client against the real API over HTTP', () => {
  const clock = manualClock();
  let app: TestApp;
  let store: TestMerchant;
  let server: { url: string; close(): Promise<void> };

  before(async () => {
    app = await createTestApp({ clock });
    store = await createTestMerchant(app);
    server = await listen(app);
  });
  after(async () => {
    await server.close();
    await app.close();
  });

  test('a merchant backend syncs a customer and mints a session with the secret key', async () => {
    const backend = createClient({ api: server.url, secretKey: store.secretKey });
    const customer = await backend.call(putCustomer, { params: { id: 'c-1' }, body: { firstName: 'Valentina', lastName: 'Rojas' } });
    assert.equal(customer.tier, 'potential');
    const session = await backend.call(createSession, { body: { customerId: 'c-1' } });
    const page = createClient({ api: server.url, publishableKey: store.publishableKey, token: session.token });
    const me = await page.call(getMe);
    assert.equal(me.firstName, 'Valentina');
  });

  test('problems arrive as ApiError with the problem document', async () => {
    const backend = createClient({ api: server.url, secretKey: store.secretKey });
    await assert.rejects(backend.call(getCustomer, { params: { id: 'missing' } }), (error: unknown) => {
      assert.ok(error instanceof ApiError);
      assert.equal(error.status, 404);
      assert.ok(error.is('not-found'));
      return true;
    });
    await assert.rejects(
      backend.call(putCustomer, { params: { id: 'c-2' }, body: { firstName: '', lastName: 'X' } }),
      (error: unknown) => error instanceof ApiError && error.problem.errors?.[0]?.field === 'firstName',
    );
  });

  test('an expired token is refreshed once through the callback, then the call is retried', async () => {
    await store.putCustomer('c-3', { firstName: 'Tomás' });
    const backend = createClient({ api: server.url, secretKey: store.secretKey });
    const first = await backend.call(createSession, { body: { customerId: 'c-3' } });
    let refreshes = 0;
    const page = createClient({
      api: server.url,
      publishableKey: store.publishableKey,
      token: first.token,
      onTokenExpired: async () => {
        refreshes++;
        return (await backend.call(createSession, { body: { customerId: 'c-3' } })).token;
      },
    });
    clock.advance(16 * 60 * 1000);
    const [a, b] = await Promise.all([page.call(getMe), page.call(getMe)]);
    assert.equal(a.firstName, 'Tomás');
    assert.equal(b.firstName, 'Tomás');
    assert.equal(refreshes, 1, 'concurrent calls share one refresh');
    assert.notEqual(page.token, first.token);
  });

  test('a refresh that gives nothing back ends in the 401', async () => {
    const backend = createClient({ api: server.url, secretKey: store.secretKey });
    const { token } = await backend.call(createSession, { body: { customerId: 'c-3' } });
    const page = createClient({ api: server.url, publishableKey: store.publishableKey, token, onTokenExpired: async () => null });
    clock.advance(16 * 60 * 1000);
    await assert.rejects(page.call(getMe), (error: unknown) => error instanceof ApiError && error.is('token-expired'));
  });

  test('a page calls routes: the same answer, with no schema in its script', async () => {
    const backend = createClient({ api: server.url, secretKey: store.secretKey });
    await backend.call(putCustomer, { params: { id: 'c-2' }, body: { firstName: 'Tomás', lastName: 'Soto' } });
    const { token } = await backend.call(routes.createSession, { body: { customerId: 'c-2' } });
    const page = createClient({ api: server.url, publishableKey: store.publishableKey, token });
    assert.deepEqual(await page.call(routes.getMe), await page.call(getMe));
  });

  test('an idempotent call is sent again after a "not now", as long as the API asked to wait', async () => {
    const sent: string[] = [];
    const answers = [new Response(null, { status: 503, headers: { 'retry-after': '0' } }), new Response(null, { status: 502 })];
    const flaky = createClient({
      api: server.url,
      secretKey: store.secretKey,
      fetch: async (input, init) => {
        sent.push(init?.method ?? 'GET');
        return answers.shift() ?? fetch(input, init);
      },
    });
    const customer = await flaky.call(getCustomer, { params: { id: 'c-1' } });
    assert.equal(customer.id, 'c-1');
    assert.deepEqual(sent, ['GET', 'GET', 'GET']);

    sent.length = 0;
    answers.push(new Response(null, { status: 503 }));
    await assert.rejects(flaky.call(createSession, { body: { customerId: 'c-1' } }), (error: unknown) => error instanceof ApiError && error.status === 503);
    assert.deepEqual(sent, ['POST'], 'a POST is never sent twice by the client');

    sent.length = 0;
    answers.push(new Response(null, { status: 429, headers: { 'retry-after': '3600' } }));
    await assert.rejects(flaky.call(getCustomer, { params: { id: 'c-1' } }), (error: unknown) => error instanceof ApiError && error.status === 429);
    assert.deepEqual(sent, ['GET'], 'a wait longer than 10 s is the caller’s to decide');
  });

  test('a call that gets no answer in time is a NetworkError', async () => {
    const silent = createClient({
      api: server.url,
      secretKey: store.secretKey,
      timeout: 50,
      fetch: (_input, init) => new Promise((_, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal!.reason))),
    });
    await assert.rejects(silent.call(createSession, { body: { customerId: 'c-1' } }), NetworkError);
  });

  test('an answer that breaks the contract is a ContractError, not bad data', async () => {
    const liar = createClient({
      api: server.url,
      secretKey: store.secretKey,
      fetch: async () => Response.json({ id: 'c-1', firstName: 42 }),
    });
    await assert.rejects(liar.call(getCustomer, { params: { id: 'c-1' } }), ContractError);
  });
});
