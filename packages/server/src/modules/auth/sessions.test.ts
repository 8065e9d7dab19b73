import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { DatabaseHandle } from '../../db/open.ts';
import { createTestApp, json, manualClock, twoStoresWithAna, type TestApp, type TestMerchant } from '../../testing/test-app.ts';
import { createAgent } from './auth.service.ts';

describe('ending sessions', () => {
  const clock = manualClock('2026-06-15T12:00:00Z');
  const tokenSecret = randomBytes(32);
  let app: TestApp;
  let store: TestMerchant;
  let other: TestMerchant;

  before(async () => {
    app = await createTestApp({ clock, tokenSecret });
    ({ store, other } = await twoStoresWithAna(app));
    await store.putCustomer('bruno');
    await createAgent(app.deps.db, store.merchant.id, { email: 'sofia@shop.example', name: 'Sofía', password: 'a long password' });
  });
  after(() => app.close());

  const login = async () => {
    const response = await app.request('/v1/agent/login', {
      method: 'POST',
      headers: { 'x-publishable-key': store.publishableKey, 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'sofia@shop.example', password: 'a long password' }),
    });
    assert.equal(response.status, 200);
    return (await json(response)).token as string;
  };
  const asAgent = (token: string, path = '/v1/agent/me', init: RequestInit = {}) =>
    app.request(path, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers } });
  const logout = (token: string, body: unknown = {}) => asAgent(token, '/v1/agent/logout', { method: 'POST', body: JSON.stringify(body) });

  test('an agent signs out of one session for good; their other sessions go on', async () => {
    const laptop = await login();
    const phone = await login();
    // Both verified once, so both sit in the verified-token cache.
    assert.equal((await asAgent(laptop)).status, 200);
    assert.equal((await asAgent(phone)).status, 200);
    const signedOut = await logout(laptop);
    assert.equal(signedOut.status, 204);
    const refused = await asAgent(laptop);
    assert.equal(refused.status, 401);
    assert.equal((await json(refused)).type, 'https://clientela.dev/problems/session-ended');
    assert.equal((await asAgent(laptop, '/v1/agent/conversations')).status, 401, 'on every agent operation');
    assert.equal((await logout(laptop)).status, 401, 'a session ends once');
    assert.equal((await asAgent(phone)).status, 200, 'the other session goes on');
    clock.advance(8 * 3600 * 1000 - 1000);
    assert.equal((await asAgent(laptop)).status, 401, 'until the token would have expired');
    assert.equal((await asAgent(phone)).status, 200);
  });

  test('signing out everywhere ends every session of the agent, and a new sign-in works at once', async () => {
    const laptop = await login();
    const phone = await login();
    assert.equal((await asAgent(phone)).status, 200);
    assert.equal((await logout(laptop, { everywhere: true })).status, 204);
    assert.equal((await asAgent(laptop)).status, 401);
    assert.equal((await asAgent(phone)).status, 401);
    const again = await login();
    assert.equal((await asAgent(again)).status, 200, 'signed in again in the same second');
  });

  test('logout takes an agent token and a JSON body, and refuses anything else', async () => {
    const token = await login();
    assert.equal((await logout(token, { everywhere: 'yes' })).status, 400);
    const shopper = await store.sessionFor('ana');
    assert.equal((await logout(shopper)).status, 401);
    assert.equal((await app.request('/v1/agent/logout', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status, 401);
    assert.equal((await asAgent(token)).status, 200, 'nothing ended by the refusals');
  });

  test("a merchant ends a shopper's sessions: every token issued before is refused, on every operation", async () => {
    const anaEarlier = await store.sessionFor('ana');
    const ana = await store.sessionFor('ana');
    const bruno = await store.sessionFor('bruno');
    const otherAna = await other.sessionFor('ana');
    for (const token of [ana, anaEarlier]) assert.equal((await store.asShopper(token, '/v1/me')).status, 200);
    assert.equal((await store.asShopper(ana, '/v1/me/points')).status, 200);

    const ended = await store.asMerchant('/v1/customers/ana/sessions', { method: 'DELETE' });
    assert.equal(ended.status, 204);
    for (const token of [ana, anaEarlier]) {
      for (const path of ['/v1/me', '/v1/me/points', '/v1/me/wishlist', '/v1/me/conversations']) {
        const response = await store.asShopper(token, path);
        assert.equal(response.status, 401, path);
        assert.equal((await json(response)).type, 'https://clientela.dev/problems/session-ended', path);
      }
    }
    assert.equal((await store.asShopper(bruno, '/v1/me')).status, 200, 'another shopper is untouched');
    assert.equal((await other.asShopper(otherAna, '/v1/me')).status, 200, "another store's Ana is untouched");
    const fresh = await store.sessionFor('ana');
    assert.equal((await store.asShopper(fresh, '/v1/me')).status, 200, 'a session minted afterwards, in the same second, works');
    assert.equal((await store.asMerchant('/v1/customers/nobody/sessions', { method: 'DELETE' })).status, 404);
    assert.equal((await other.asMerchant('/v1/customers/bruno/sessions', { method: 'DELETE' })).status, 404, "another store's customer is not found");
    assert.equal((await store.asShopper(bruno, '/v1/me')).status, 200);
  });

  test('another instance on the same database refuses an ended session within its refresh, and /v1/me at once', async () => {
    const second = await createTestApp({ clock, tokenSecret, database: databaseOf(app) });
    try {
      const token = await store.sessionFor('bruno');
      const agent = await login();
      const onSecond = (path: string, bearer: string) =>
        second.request(path, { headers: { authorization: `Bearer ${bearer}`, 'x-publishable-key': store.publishableKey } });
      assert.equal((await onSecond('/v1/me/points', token)).status, 200);
      assert.equal((await onSecond('/v1/agent/me', agent)).status, 200);

      assert.equal((await store.asMerchant('/v1/customers/bruno/sessions', { method: 'DELETE' })).status, 204);
      assert.equal((await logout(agent)).status, 204);
      assert.equal((await onSecond('/v1/me', token)).status, 401, '/v1/me reads the customer row, which says so at once');
      clock.advance(5_000);
      assert.equal((await onSecond('/v1/me/points', token)).status, 401, 'the other operations within the refresh');
      assert.equal((await onSecond('/v1/agent/me', agent)).status, 401);
    } finally {
      await second.close();
    }
  });
});

/** The database of a test app, to open a second app on: two instances behind one load balancer. */
function databaseOf(app: TestApp): DatabaseHandle {
  return { db: app.deps.db, kind: app.deps.databaseKind, notifications: app.deps.notifications, close: async () => {} };
}
