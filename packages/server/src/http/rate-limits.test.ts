import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { problemContentType } from '@clientela/contract';
import { createAgent } from '../modules/auth/auth.service.ts';
import { createTestApp, createTestMerchant, json, listen, manualClock, type TestApp, type TestMerchant } from '../testing/test-app.ts';

const id = () => randomUUID().replaceAll('-', '');
const minute = 60_000;

/** Asserts a 429 problem whose Retry-After is the seconds left in the window. */
async function assertLimited(response: Response, retryAfter: number) {
  assert.equal(response.status, 429);
  assert.equal(response.headers.get('content-type'), problemContentType);
  assert.equal(response.headers.get('retry-after'), String(retryAfter));
  const problem = await json(response);
  assert.equal(problem.status, 429);
  assert.match(problem.type, /rate-limited$/);
}

describe('rate limits', () => {
  // Windows are aligned to the clock: start each test at the top of a minute.
  const clock = manualClock('2026-11-23T12:00:00.000Z');
  let app: TestApp;
  let store: TestMerchant;
  let other: TestMerchant;

  before(async () => {
    app = await createTestApp({
      clock,
      rateLimits: {
        sessionsPerMerchant: { limit: 6, windowSeconds: 60 },
        sessionsPerCustomer: { limit: 3, windowSeconds: 60 },
        loginsPerAddress: { limit: 5, windowSeconds: 60 },
        loginFailuresPerAccount: { limit: 2, windowSeconds: 900 },
        messagesPerMerchant: { limit: 100, windowSeconds: 60 },
        messagesPerSender: { limit: 3, windowSeconds: 60 },
        redemptionsPerMerchant: { limit: 3, windowSeconds: 60 },
        redemptionsPerShopper: { limit: 2, windowSeconds: 60 },
      },
    });
    store = await createTestMerchant(app);
    other = await createTestMerchant(app);
    for (const customer of ['ana', 'bruno', 'carla', 'diego']) await store.putCustomer(customer);
    await other.putCustomer('ana');
  });
  after(() => app.close());

  const nextWindow = (length: number) => clock.advance(length - (clock().getTime() % length));
  const nextMinute = () => nextWindow(minute);
  const mint = (merchant: TestMerchant, customerId: string) =>
    merchant.asMerchant('/v1/sessions', { method: 'POST', body: JSON.stringify({ customerId }) });

  test('sessions: per shopper, then per store; the next window opens again; other stores are untouched', async () => {
    nextMinute();
    clock.advance(15_000);
    for (let i = 0; i < 3; i += 1) assert.equal((await mint(store, 'ana')).status, 201);
    const refused = await mint(store, 'ana');
    await assertLimited(refused, 45);
    for (let i = 0; i < 2; i += 1) assert.equal((await mint(store, 'bruno')).status, 201);
    // Ana's refusal counted against the store too: 3 + 1 + 2 = 6 spent.
    await assertLimited(await mint(store, 'carla'), 45);
    assert.equal((await mint(other, 'ana')).status, 201, 'another store has budgets of its own');
    nextMinute();
    assert.equal((await mint(store, 'ana')).status, 201);
  });

  test('agent login: wrong passwords lock the account for the window, even for the right one, and not others', async () => {
    nextWindow(15 * minute);
    await createAgent(app.deps.db, store.merchant.id, { email: 'sofia@shop.example', name: 'Sofía', password: 'a long password' });
    await createAgent(app.deps.db, store.merchant.id, { email: 'tomas@shop.example', name: 'Tomás', password: 'another password' });
    const login = (email: string, password: string) =>
      app.request('/v1/agent/login', {
        method: 'POST',
        headers: { 'x-publishable-key': store.publishableKey, 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
    assert.equal((await login('sofia@shop.example', 'guess one')).status, 401);
    assert.equal((await login('SOFIA@shop.example', 'guess two')).status, 401);
    await assertLimited(await login('sofia@shop.example', 'a long password'), 900);
    assert.equal((await login('tomas@shop.example', 'another password')).status, 200);
    clock.advance(15 * minute);
    assert.equal((await login('sofia@shop.example', 'a long password')).status, 200);
  });

  test('agent login: every attempt from one address counts, over real sockets', async () => {
    const server = await listen(app);
    try {
      nextMinute();
      const attempt = () =>
        fetch(`${server.url}/v1/agent/login`, {
          method: 'POST',
          headers: { 'x-publishable-key': store.publishableKey, 'content-type': 'application/json' },
          body: JSON.stringify({ email: `nobody-${id()}@shop.example`, password: 'whatever it is' }),
        });
      for (let i = 0; i < 5; i += 1) assert.equal((await attempt()).status, 401);
      await assertLimited(await attempt(), 60);
    } finally {
      await server.close();
    }
  });

  test('messages: a refused one is not stored, and the agent has a budget of its own', async () => {
    nextMinute();
    const token = (await app.deps.tokens.issue('shopper', store.merchant.id, 'diego', 900)).token;
    const asDiego = (path: string, body: unknown) =>
      store.asShopper(token, path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const started = await asDiego('/v1/me/conversations', { clientId: id(), message: { clientId: id(), body: 'Hola' } });
    assert.equal(started.status, 201);
    const { id: conversationId } = await json(started);
    const say = (body: string) => asDiego(`/v1/me/conversations/${conversationId}/messages`, { clientId: id(), body });
    assert.equal((await say('Uno')).status, 201);
    assert.equal((await say('Dos')).status, 201);
    await assertLimited(await say('Tres'), 60);

    const agent = await createAgent(app.deps.db, store.merchant.id, { email: 'lucia@shop.example', name: 'Lucía', password: 'a long password' });
    const agentToken = (await app.deps.tokens.issue('agent', store.merchant.id, agent.id, 3600)).token;
    const reply = await app.request(`/v1/agent/conversations/${conversationId}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${agentToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ clientId: id(), body: 'Hola, Diego' }),
    });
    assert.equal(reply.status, 201);
    const { items } = await json(await store.asShopper(token, `/v1/me/conversations/${conversationId}/messages`));
    assert.deepEqual(
      items.map((m: { body: string }) => m.body),
      ['Hola', 'Uno', 'Dos', 'Hola, Diego'],
    );
  });

  test('redemptions: a refused one spends no points', async () => {
    nextMinute();
    await store.asMerchant('/v1/rewards/cafe', { method: 'PUT', body: JSON.stringify({ name: 'Café', cost: 100 }) });
    const corrected = await store.asMerchant('/v1/customers/carla/points/corrections', {
      method: 'POST',
      body: JSON.stringify({ id: 'bienvenida', amount: 1000, note: 'Bienvenida' }),
    });
    assert.equal(corrected.status, 201, await corrected.clone().text());
    const token = (await app.deps.tokens.issue('shopper', store.merchant.id, 'carla', 900)).token;
    const redeem = () =>
      store.asShopper(token, '/v1/me/redemptions', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': id() },
        body: JSON.stringify({ rewardId: 'cafe' }),
      });
    const balance = async () => (await json(await store.asShopper(token, '/v1/me/points'))).balance as number;
    const before = await balance();
    assert.equal((await redeem()).status, 201);
    assert.equal((await redeem()).status, 201);
    await assertLimited(await redeem(), 60);
    assert.equal(await balance(), before - 200);
  });
});
