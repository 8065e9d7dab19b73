import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ApiError, ContractError, createClient } from '@clientela/client';
import { createSession, getCustomer, getMe, putCustomer } from '@clientela/contract';
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

  test('an answer that breaks the contract is a ContractError, not bad data', async () => {
    const liar = createClient({
      api: server.url,
      secretKey: store.secretKey,
      fetch: async () => Response.json({ id: 'c-1', firstName: 42 }),
    });
    await assert.rejects(liar.call(getCustomer, { params: { id: 'c-1' } }), ContractError);
  });
});
