import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { problemContentType } from '@clientela/contract';
import { createTestApp, createTestMerchant, json, listen, manualClock, type TestApp, type TestMerchant } from '../../testing/test-app.ts';
import { createAgent } from '../auth/index.ts';

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
        typingPerSender: { limit: 4, windowSeconds: 60 },
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

  test('agent login: past the per-account ceiling no unknown device may try, even with the right password; other accounts go on', async () => {
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

  test('typing signals: each sender has a budget, since every agent console hears them', async () => {
    nextMinute();
    const token = (await app.deps.tokens.issue('shopper', store.merchant.id, 'carla', 900)).token;
    const started = await store.asShopper(token, '/v1/me/conversations', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ clientId: id(), message: { clientId: id(), body: 'Hola' } }),
    });
    const { id: conversationId } = await json(started);
    const typing = () => store.asShopper(token, `/v1/me/conversations/${conversationId}/typing`, { method: 'POST' });
    for (let i = 0; i < 4; i += 1) assert.equal((await typing()).status, 204);
    await assertLimited(await typing(), 60);
    nextMinute();
    assert.equal((await typing()).status, 204, 'the next window opens again');
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

/** A sign-in sent over a real socket from `address` (any of 127.0.0.0/8), as a client at that address would. */
function signInFrom(url: string, publishableKey: string, address: string, body: { email: string; password: string; deviceToken?: string }) {
  return new Promise<{ status: number; retryAfter: string | null; body: { deviceToken?: string } }>((resolve, reject) => {
    const call = httpRequest(
      `${url}/v1/agent/login`,
      { method: 'POST', localAddress: address, headers: { 'x-publishable-key': publishableKey, 'content-type': 'application/json' } },
      (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, retryAfter: (response.headers['retry-after'] as string | undefined) ?? null, body: JSON.parse(text) }),
        );
      },
    );
    call.on('error', reject);
    call.end(JSON.stringify(body));
  });
}

describe('agent sign-in throttling, with the default budgets', () => {
  const clock = manualClock('2026-11-23T12:00:00.000Z');
  const hour = 60 * minute;
  const tokenSecret = randomBytes(32);
  let app: TestApp;
  let store: TestMerchant;
  let server: { url: string; close(): Promise<void> };
  let agents = 0;

  before(async () => {
    app = await createTestApp({ clock, tokenSecret });
    store = await createTestMerchant(app);
    // Over real sockets, so that each caller's address is the one it sends from.
    server = await listen(app);
  });
  after(async () => {
    await server.close();
    await app.close();
  });

  /** A new agent with a window of their own, at the top of an hour. */
  async function newAgent() {
    clock.advance(hour - (clock().getTime() % hour));
    agents += 1;
    const email = `agent-${agents}@shop.example`;
    await createAgent(app.deps.db, store.merchant.id, { email, name: `Agent ${agents}`, password: 'the right password' });
    const from = (address: string, password: string, deviceToken?: string) =>
      signInFrom(server.url, store.publishableKey, address, { email, password, ...(deviceToken ? { deviceToken } : {}) });
    return { email, from };
  }

  const statuses = (answers: Array<{ status: number }>) => {
    const counts = new Map<number, number>();
    for (const { status } of answers) counts.set(status, (counts.get(status) ?? 0) + 1);
    return counts;
  };

  test('40 wrong passwords at once from one address: only the free attempts of the pair are checked', async () => {
    const agent = await newAgent();
    const answers = await Promise.all(Array.from({ length: 40 }, () => agent.from('127.0.0.2', 'a wrong guess')));
    const counts = statuses(answers);
    assert.equal(counts.get(401), 5, 'a 401 is a password checked');
    assert.equal(counts.get(429), 35);
  });

  test('40 wrong passwords at once from 40 addresses: no more than the account ceiling is checked', async () => {
    const agent = await newAgent();
    const answers = await Promise.all(Array.from({ length: 40 }, (_, n) => agent.from(`127.0.1.${n + 1}`, 'a wrong guess')));
    const counts = statuses(answers);
    assert.equal(counts.get(401), 30);
    assert.equal(counts.get(429), 10);
  });

  test('wrong passwords from one address wait longer and longer, and the right one gives its attempt back', async () => {
    const agent = await newAgent();
    for (let n = 0; n < 5; n += 1) assert.equal((await agent.from('127.0.0.3', 'a wrong guess')).status, 401);
    for (const wait of [1, 2, 4, 8]) {
      const refused = await agent.from('127.0.0.3', 'a wrong guess');
      assert.equal(refused.status, 429);
      assert.equal(refused.retryAfter, String(wait));
      clock.advance(wait * 1000 - 1);
      assert.equal((await agent.from('127.0.0.3', 'a wrong guess')).status, 429, `not a millisecond before ${wait} s`);
      clock.advance(1);
      assert.equal((await agent.from('127.0.0.3', 'a wrong guess')).status, 401, `after ${wait} s`);
    }
    clock.advance(16_000);
    assert.equal((await agent.from('127.0.0.3', 'the right password')).status, 200);
    clock.advance(16_000);
    assert.equal((await agent.from('127.0.0.3', 'a wrong guess')).status, 401, 'the right password gave its attempt back: the wait stays at 16 s');
    assert.equal((await agent.from('127.0.0.3', 'a wrong guess')).retryAfter, '32');
    clock.advance(hour);
    for (let n = 0; n < 5; n += 1) assert.equal((await agent.from('127.0.0.3', 'a wrong guess')).status, 401, 'a new window starts over');
  });

  test("an attacker at other addresses cannot lock the agent out of their own address, nor a botnet out of their known device", async () => {
    const agent = await newAgent();
    const signedIn = await agent.from('127.0.0.4', 'the right password');
    assert.equal(signedIn.status, 200);
    const device = signedIn.body.deviceToken;

    // One attacker, one address, all the hour long: held to the pair's waits.
    for (let n = 0; n < 40; n += 1) {
      await agent.from('127.0.0.5', 'a wrong guess');
      clock.advance(20_000);
    }
    assert.equal((await agent.from('127.0.0.4', 'the right password')).status, 200, 'the agent at their own address, without the device');
    assert.ok(device, 'a sign-in gives the device a token to send next time');

    // A botnet: past the account ceiling, no unknown device may try.
    for (let n = 0; n < 40; n += 1) await agent.from(`127.0.2.${n + 1}`, 'a wrong guess');
    assert.equal((await agent.from('127.0.0.4', 'the right password')).status, 429, 'unknown devices wait for the window, as documented');
    assert.equal((await agent.from('127.0.0.4', 'the right password', device)).status, 200, 'the known device signs in');
    assert.equal((await agent.from('127.0.2.1', 'the right password', device)).status, 200, 'from any address');

    // Another account's device, a forged one, or none: unknown, held to the ceiling, and no mark on the agent's device.
    const other = await createAgent(app.deps.db, store.merchant.id, { email: `other-${agents}@shop.example`, name: 'Other', password: 'their own password' });
    const theirs = await signInFrom(server.url, store.publishableKey, '127.0.0.6', { email: other.email, password: 'their own password' });
    assert.equal(theirs.status, 200);
    for (const stranger of [theirs.body.deviceToken, `${device!.slice(0, -2)}xx`, 'not-a-token']) {
      assert.equal((await agent.from('127.0.0.6', 'a wrong guess', stranger)).status, 429, String(stranger).slice(0, 20));
    }
    const next = await agent.from('127.0.0.4', 'the right password', device);
    assert.equal(next.status, 200);
    assert.notEqual(next.body.deviceToken, device, 'a new device token with each sign-in');
  });

  test("failures from a known device count against that device only", async () => {
    const agent = await newAgent();
    const device = (await agent.from('127.0.0.7', 'the right password')).body.deviceToken!;
    for (let n = 0; n < 5; n += 1) assert.equal((await agent.from('127.0.0.7', 'a typo', device)).status, 401);
    assert.equal((await agent.from('127.0.0.7', 'the right password', device)).status, 429, 'the device waits');
    assert.equal((await agent.from('127.0.0.7', 'the right password')).status, 200, 'the failures were the device’s, not the address’s');
  });
});
