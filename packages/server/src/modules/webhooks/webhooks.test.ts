import assert from 'node:assert/strict';
import http from 'node:http';
import { isIP, type AddressInfo } from 'node:net';
import { describe, test, type TestContext } from 'node:test';
import { problemContentType, WebhookEvent, webhookEventTypes, webhookHeaders, type CreatedWebhookEndpoint, type WebhookDelivery } from '@clientela/contract';
import { silentLogger } from '../../core/logger.ts';
import { createTestApp, createTestMerchant, json, manualClock, type TestMerchant } from '../../testing/test-app.ts';
import { createAgent } from '../auth/index.ts';
import { recomputeTiers } from '../loyalty/index.ts';
import { scheduleWebhookDispatch, WebhookDispatcher, type DispatcherOptions } from './dispatcher.ts';
import { recordWebhookEvents } from './outbox.ts';
import { isPrivateAddress } from './private-networks.ts';
import { retryDelaysMs } from './retry-schedule.ts';
import { webhookSignature, WebhookSecrets } from './signing-secrets.ts';

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A merchant's backend on 127.0.0.1 that records each request and answers with the status `answer` picks, or never. */
async function startReceiver(t: TestContext, answer: (index: number) => number | 'never' = () => 200) {
  const received: Received[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      const status = answer(received.length - 1);
      if (status !== 'never') response.writeHead(status, { 'content-type': 'text/plain' }).end('thanks');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  t.after(close);
  return { url: `http://127.0.0.1:${port}/clientela/webhooks`, received, close };
}

/** A fresh app with a store, a dispatcher driven by hand on the app's clock, and calls the tests share. */
async function webhookWorld(t: TestContext, dispatcherOptions: Partial<DispatcherOptions> = {}) {
  const clock = manualClock('2026-11-20T15:00:00Z');
  // The receivers listen on 127.0.0.1: the server lets them be registered, and each test's dispatcher says whether it sends there.
  const app = await createTestApp({ clock, webhooksAllowPrivateNetworks: true });
  t.after(() => app.close());
  const store = await createTestMerchant(app);
  // A jitter source of 0.5 makes every wait exactly its scheduled length.
  const dispatcher = new WebhookDispatcher({ db: app.deps.db, clock, secrets: app.deps.webhookSecrets, allowPrivateNetworks: true, random: () => 0.5, ...dispatcherOptions });
  await store.asMerchant('/v1/products/mug', { method: 'PUT', body: JSON.stringify({ name: 'Taza', price: 10_000, stock: 0 }) });
  await store.putCustomer('ana');

  const register = async (url: string, events?: readonly string[], merchant: TestMerchant = store) => {
    const response = await merchant.asMerchant('/v1/webhook-endpoints', { method: 'POST', body: JSON.stringify({ url, ...(events ? { events } : {}) }) });
    assert.equal(response.status, 201, await response.clone().text());
    return json<CreatedWebhookEndpoint>(response);
  };
  const deliveries = async (query = '', merchant: TestMerchant = store) => {
    const response = await merchant.asMerchant(`/v1/webhook-deliveries${query}`);
    assert.equal(response.status, 200);
    return (await json<{ items: WebhookDelivery[] }>(response)).items;
  };
  const order = async (id: string, total = 10_000) => {
    const response = await store.asMerchant('/v1/orders', {
      method: 'POST',
      body: JSON.stringify({ id, customerId: 'ana', currency: 'CLP', lines: [{ productId: 'mug', quantity: 1, unitPrice: total }], total, payment: { method: 'other' } }),
    });
    assert.equal(response.status, 201, await response.clone().text());
  };
  return { clock, app, store, dispatcher, register, deliveries, order };
}

const signed = (request: Received) => ({
  id: request.headers[webhookHeaders.id] as string,
  timestamp: request.headers[webhookHeaders.timestamp] as string,
  signature: request.headers[webhookHeaders.signature] as string,
});

describe('webhooks', () => {
  test('each event type reaches the endpoints that asked for it once, signed so that the exported verifier accepts it and refuses it tampered', async (t) => {
    const { clock, app, store, dispatcher, register, deliveries, order } = await webhookWorld(t);
    const backend = await startReceiver(t);
    const erp = await startReceiver(t);
    const endpoint = await register(backend.url);
    assert.match(endpoint.secret, /^whsec_\w{40}$/);
    assert.deepEqual(endpoint.events, [...webhookEventTypes], 'every event type when none is named');
    const tiersOnly = await register(erp.url, ['tier.changed']);

    // A back-in-stock alert, a purchase, a redemption, a tier change, a conversation started and resolved, the order shipped.
    const ana = await store.sessionFor('ana');
    await store.asShopper(ana, '/v1/me/wishlist/items/mug', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{}' });
    await store.asMerchant('/v1/products/mug', { method: 'PUT', body: JSON.stringify({ name: 'Taza', price: 10_000, stock: 5 }) });
    await order('o-1');
    await store.asMerchant('/v1/rewards/cafe', { method: 'PUT', body: JSON.stringify({ name: 'Café', cost: 10 }) });
    const redemption = await store.asShopper(ana, '/v1/me/redemptions', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'redeem-ana-0001' },
      body: JSON.stringify({ rewardId: 'cafe' }),
    });
    assert.equal(redemption.status, 201);
    const { code } = await json<{ code: string }>(redemption);
    await app.deps.db.transaction().execute((trx) => recomputeTiers(trx, store.merchant.id, clock()));
    const started = await store.asShopper(ana, '/v1/me/conversations', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ clientId: 'chat-0001', subject: 'Mi pedido', message: { clientId: 'chat-0001-m1', body: 'Hola' } }),
    });
    const { id: conversationId } = await json<{ id: string }>(started);
    const agent = await createAgent(app.deps.db, store.merchant.id, { email: 'sofia@shop.example', name: 'Sofía', password: 'a long password' });
    const { token: agentToken } = await app.deps.tokens.issue('agent', store.merchant.id, agent.id, 3600);
    const resolved = await app.request(`/v1/agent/conversations/${conversationId}/resolve`, { method: 'POST', headers: { authorization: `Bearer ${agentToken}` } });
    assert.equal(resolved.status, 200);
    const shipped = await store.asMerchant('/v1/orders/o-1/fulfillment', { method: 'PUT', body: JSON.stringify({ status: 'shipped', carrier: 'Starken', trackingNumber: 'ST-1' }) });
    assert.equal(shipped.status, 200);

    assert.equal(backend.received.length, 0, 'nothing is sent from inside a request');
    assert.equal(await dispatcher.tick(), 8);
    assert.equal(await dispatcher.tick(), 0, 'nothing is sent twice');
    // Last, as it empties what the events above carry of her (the conversation's subject) in deliveries not yet sent.
    assert.equal((await store.asMerchant('/v1/customers/ana/erase', { method: 'POST' })).status, 200);
    assert.equal(await dispatcher.tick(), 1);

    const events = backend.received.map((request) => WebhookEvent.parse(JSON.parse(request.body)));
    assert.deepEqual(events.map((event) => event.type).sort(), [...webhookEventTypes].sort());
    for (const [index, request] of backend.received.entries()) {
      const { id, timestamp, signature } = signed(request);
      const event = events[index]!;
      assert.equal(request.headers['content-type'], 'application/json');
      assert.equal(id, event.id);
      assert.equal(event.merchantId, store.merchant.id);
      assert.equal(timestamp, String(clock().getTime() / 1000));
      assert.match(signature, /^v1=[0-9a-f]{64}$/);
      // What a receiver checks (the client's verifyWebhookSignature, tested against this signing in test/webhook-signatures.test.ts).
      assert.equal(signature, webhookSignature(endpoint.secret, Number(timestamp), request.body), event.type);
      const tampered = request.body.replace('"ana"', '"bruno"');
      assert.notEqual(tampered, request.body);
      assert.notEqual(signature, webhookSignature(endpoint.secret, Number(timestamp), tampered), `${event.type} tampered`);
      assert.notEqual(signature, webhookSignature(tiersOnly.secret, Number(timestamp), request.body), 'another secret');
      for (const secret of [endpoint.secret, tiersOnly.secret, store.secretKey, code]) assert.ok(!request.body.includes(secret), 'no secrets in a payload');
    }

    const byType = Object.fromEntries(events.map((event) => [event.type, event]));
    assert.deepEqual(byType['points.earned']?.data, { customerId: 'ana', orderId: 'o-1', points: 100, balanceAfter: 100, expiresAt: '2027-11-20T15:00:00.000Z' });
    assert.deepEqual(byType['points.redeemed']?.data, { customerId: 'ana', redemptionId: (byType['points.redeemed']?.data as { redemptionId: string }).redemptionId, reward: { id: 'cafe', name: 'Café' }, points: 10, balanceAfter: 90 });
    assert.deepEqual(byType['tier.changed']?.data, { customerId: 'ana', from: 'potential', to: 'top' });
    assert.deepEqual(byType['wishlist.alert']?.data, {
      customerId: 'ana',
      alertId: (byType['wishlist.alert']?.data as { alertId: string }).alertId,
      kind: 'back-in-stock',
      product: { id: 'mug', name: 'Taza' },
      price: { amount: 10_000, currency: 'CLP' },
      previousPrice: null,
    });
    assert.deepEqual(byType['conversation.created']?.data, { conversationId, customerId: 'ana', subject: 'Mi pedido', startedOffline: true });
    assert.deepEqual(byType['conversation.resolved']?.data, { conversationId, customerId: 'ana', assignedAgentId: null });
    assert.deepEqual(byType['fulfillment.updated']?.data, {
      orderId: 'o-1',
      customerId: 'ana',
      fulfillment: { status: 'shipped', carrier: 'Starken', trackingNumber: 'ST-1', trackingUrl: null, at: clock().toISOString() },
      previousStatus: null,
    });

    assert.equal(erp.received.length, 1);
    assert.equal(signed(erp.received[0]!).id, byType['tier.changed']?.id, 'one event, the same id at every endpoint');
    assert.equal(signed(erp.received[0]!).signature, webhookSignature(tiersOnly.secret, Number(signed(erp.received[0]!).timestamp), erp.received[0]!.body));

    assert.deepEqual(byType['customer.erased']?.data, { customerId: 'ana', erasedAt: clock().toISOString(), requestedBy: 'store' });

    const listed = await deliveries();
    assert.equal(listed.length, 9);
    for (const delivery of listed) {
      assert.equal(delivery.status, 'succeeded');
      assert.equal(delivery.attempts, 1);
      assert.equal(delivery.lastStatusCode, 200);
      assert.equal(delivery.nextAttemptAt, null);
      assert.equal(delivery.deliveredAt, clock().toISOString());
    }
    assert.equal((await deliveries(`?endpointId=${tiersOnly.id}`)).length, 1);
    const page = await json<{ items: WebhookDelivery[]; nextCursor: string }>(await store.asMerchant('/v1/webhook-deliveries?limit=5'));
    const rest = await json<{ items: WebhookDelivery[]; nextCursor: null }>(await store.asMerchant(`/v1/webhook-deliveries?limit=5&after=${page.nextCursor}`));
    assert.deepEqual([...page.items, ...rest.items].map((delivery) => delivery.id), listed.map((delivery) => delivery.id), 'pages, newest first');
    assert.equal(rest.nextCursor, null);
  });

  test('an answer that is not a 2xx is retried after the backoff, and the next 200 ends the delivery', async (t) => {
    const { clock, dispatcher, register, deliveries, order } = await webhookWorld(t);
    const backend = await startReceiver(t, (index) => (index === 0 ? 500 : 200));
    await register(backend.url, ['points.earned']);
    await order('o-1');

    assert.equal(await dispatcher.tick(), 1);
    const [failedOnce] = await deliveries();
    assert.equal(failedOnce?.status, 'pending');
    assert.equal(failedOnce?.attempts, 1);
    assert.equal(failedOnce?.lastStatusCode, 500);
    assert.equal(failedOnce?.lastError, null);
    assert.equal(Date.parse(failedOnce!.nextAttemptAt!) - clock().getTime(), 30_000);

    clock.advance(29_000);
    assert.equal(await dispatcher.tick(), 0, 'not before the backoff');
    clock.advance(1_000);
    assert.equal(await dispatcher.tick(), 1);
    const [delivered] = await deliveries();
    assert.equal(delivered?.status, 'succeeded');
    assert.equal(delivered?.attempts, 2);
    assert.equal(delivered?.lastStatusCode, 200);
    assert.equal(delivered?.deliveredAt, clock().toISOString());

    const [first, second] = backend.received.map(signed);
    assert.equal(first?.id, second?.id, 'a retry carries the same event id');
    assert.equal(Number(second?.timestamp) - Number(first?.timestamp), 30, 'and is signed anew');
    assert.equal(backend.received[0]?.body, backend.received[1]?.body);
  });

  test('an endpoint that is down is retried on the schedule and ends failed; a manual retry sends it once more', async (t) => {
    const { clock, store, dispatcher, register, deliveries, order } = await webhookWorld(t);
    const down = await startReceiver(t);
    await down.close();
    await register(down.url, ['points.earned']);
    await order('o-1');

    const waits: number[] = [];
    for (let attempt = 1; ; attempt++) {
      assert.equal(await dispatcher.tick(), 1, `attempt ${attempt}`);
      const [delivery] = await deliveries();
      assert.equal(delivery?.attempts, attempt);
      assert.equal(delivery?.lastStatusCode, null);
      assert.match(delivery?.lastError ?? '', /ECONNREFUSED/);
      if (delivery?.status === 'failed') {
        assert.equal(delivery.nextAttemptAt, null);
        break;
      }
      const wait = Date.parse(delivery!.nextAttemptAt!) - clock().getTime();
      waits.push(wait);
      clock.advance(wait - 1);
      assert.equal(await dispatcher.tick(), 0, 'not a moment early');
      clock.advance(1);
    }
    assert.deepEqual(waits, [...retryDelaysMs], '30 s, 2 min, 10 min, 1 h, 6 h, 12 h, 24 h');
    clock.advance(7 * 86_400_000);
    assert.equal(await dispatcher.tick(), 0, 'a failed delivery stays failed');
    assert.equal((await deliveries('?status=failed')).length, 1);
    assert.equal((await deliveries('?status=pending')).length, 0);

    const [failed] = await deliveries();
    const retried = await store.asMerchant(`/v1/webhook-deliveries/${failed!.id}/retry`, { method: 'POST' });
    assert.equal(retried.status, 202);
    const requeued = await json<WebhookDelivery>(retried);
    assert.equal(requeued.status, 'pending');
    assert.equal(requeued.nextAttemptAt, clock().toISOString());
    assert.equal((await store.asMerchant(`/v1/webhook-deliveries/${failed!.id}/retry`, { method: 'POST' })).status, 409, 'pending already');
    assert.equal(await dispatcher.tick(), 1);
    const [again] = await deliveries();
    assert.equal(again?.status, 'failed', 'a manual retry is one attempt');
    assert.equal(again?.attempts, retryDelaysMs.length + 2);
  });

  test('a manual retry of a failed delivery reaches the endpoint once it is back', async (t) => {
    const { clock, store, dispatcher, register, deliveries, order } = await webhookWorld(t);
    let up = false;
    const backend = await startReceiver(t, () => (up ? 204 : 503));
    await register(backend.url, ['points.earned']);
    await order('o-1');
    for (const wait of [0, ...retryDelaysMs]) {
      clock.advance(wait);
      assert.equal(await dispatcher.tick(), 1);
    }
    const [failed] = await deliveries();
    assert.equal(failed?.status, 'failed');
    assert.equal(failed?.lastStatusCode, 503);
    assert.equal(backend.received.length, retryDelaysMs.length + 1);

    up = true;
    assert.equal((await store.asMerchant(`/v1/webhook-deliveries/${failed!.id}/retry`, { method: 'POST' })).status, 202);
    assert.equal(await dispatcher.tick(), 1);
    const [delivered] = await deliveries();
    assert.equal(delivered?.status, 'succeeded');
    assert.equal(delivered?.lastStatusCode, 204);
    assert.equal((await store.asMerchant(`/v1/webhook-deliveries/${failed!.id}/retry`, { method: 'POST' })).status, 409, 'succeeded already');
    assert.equal(backend.received.length, retryDelaysMs.length + 2);
  });

  test('another store can neither see nor retry nor remove your endpoints and deliveries (404)', async (t) => {
    const { app, store, dispatcher, register, deliveries, order } = await webhookWorld(t);
    const rival = await createTestMerchant(app);
    const down = await startReceiver(t, () => 500);
    const endpoint = await register(down.url, ['points.earned']);
    await order('o-1');
    await dispatcher.tick();
    const [delivery] = await deliveries();

    assert.deepEqual(await json(await rival.asMerchant('/v1/webhook-endpoints')), { items: [] });
    assert.deepEqual(await deliveries('', rival), []);
    assert.deepEqual(await deliveries(`?endpointId=${endpoint.id}`, rival), []);
    const removal = await rival.asMerchant(`/v1/webhook-endpoints/${endpoint.id}`, { method: 'DELETE' });
    assert.equal(removal.status, 404);
    assert.equal(removal.headers.get('content-type'), problemContentType);
    await app.deps.db.updateTable('webhookDeliveries').set({ status: 'failed', nextAttemptAt: null }).where('id', '=', delivery!.id).execute();
    assert.equal((await rival.asMerchant(`/v1/webhook-deliveries/${delivery!.id}/retry`, { method: 'POST' })).status, 404);

    const [after] = await deliveries();
    assert.equal(after?.status, 'failed', 'untouched');
    assert.equal((await json<{ items: unknown[] }>(await store.asMerchant('/v1/webhook-endpoints'))).items.length, 1);
    assert.equal((await store.asMerchant(`/v1/webhook-endpoints/${endpoint.id}`, { method: 'DELETE' })).status, 204);
    assert.deepEqual(await deliveries(), [], 'an endpoint goes with its deliveries');
  });

  test('bad input is a 4xx problem document that changes nothing', async (t) => {
    const { app, store, register, deliveries } = await webhookWorld(t);
    const backend = await startReceiver(t);
    await register(backend.url);
    const snapshot = async () => JSON.stringify(await app.deps.db.selectFrom('webhookEndpoints').selectAll().orderBy('id').execute());
    const before = await snapshot();

    const post = (body: string, headers: Record<string, string> = {}) => store.asMerchant('/v1/webhook-endpoints', { method: 'POST', body, headers });
    const refusals: Array<[Promise<Response>, number, string?]> = [
      [post(JSON.stringify({ url: 'ftp://files.example/in' })), 400, 'url'],
      [post(JSON.stringify({ url: 'javascript:alert(1)' })), 400, 'url'],
      [post(JSON.stringify({ url: 'https://user:pass@erp.example/hooks' })), 400, 'url'],
      [post(JSON.stringify({ url: 'not a url' })), 400, 'url'],
      [post(JSON.stringify({ url: `https://erp.example/${'x'.repeat(3000)}` })), 400, 'url'],
      [post(JSON.stringify({ url: 'https://erp.example/hooks', events: [] })), 400, 'events'],
      [post(JSON.stringify({ url: 'https://erp.example/hooks', events: ['points.stolen'] })), 400, 'events.0'],
      [post(JSON.stringify({ url: 'https://erp.example/hooks', description: 'x'.repeat(201) })), 400, 'description'],
      [post(JSON.stringify({ url: 'https://erp.example/hooks', description: 'a\u0000b' })), 400, 'description'],
      [post(JSON.stringify({ events: ['tier.changed'] })), 400, 'url'],
      [post('{"url":'), 400],
      [post('url=https://erp.example', { 'content-type': 'application/x-www-form-urlencoded' }), 415],
      [post(JSON.stringify({ url: 'https://erp.example/hooks' }), { origin: 'https://shop.example' }), 403],
      [app.request('/v1/webhook-endpoints', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url: 'https://erp.example/hooks' }) }), 401],
      [app.request('/v1/webhook-endpoints', { headers: { authorization: `Bearer ${await store.sessionFor('ana')}` } }), 401],
      [store.asMerchant('/v1/webhook-endpoints/we_nothing', { method: 'DELETE' }), 404],
      [store.asMerchant('/v1/webhook-endpoints/..%2F..', { method: 'DELETE' }), 400, 'id'],
      [store.asMerchant('/v1/webhook-deliveries?status=lost'), 400, 'status'],
      [store.asMerchant('/v1/webhook-deliveries?limit=0'), 400, 'limit'],
      [store.asMerchant('/v1/webhook-deliveries?after=bm90IGEgY3Vyc29y'), 400, 'after'],
      [store.asMerchant('/v1/webhook-deliveries/whd_nothing/retry', { method: 'POST' }), 404],
    ];
    for (const [pending, status, field] of refusals) {
      const response = await pending;
      const problem = await json<{ status: number; errors?: Array<{ field: string }> }>(response);
      assert.equal(response.status, status, JSON.stringify(problem));
      assert.equal(response.headers.get('content-type'), problemContentType);
      assert.equal(problem.status, status);
      if (field) assert.ok(problem.errors?.some((error) => error.field === field), `${field} named in ${JSON.stringify(problem.errors)}`);
    }
    assert.equal(await snapshot(), before);
    assert.deepEqual(await deliveries(), []);

    for (let count = 1; count < 16; count++) await register(`${backend.url}/${count}`);
    const over = await post(JSON.stringify({ url: 'https://erp.example/17' }));
    assert.equal(over.status, 409);
    assert.equal((await json<{ items: unknown[] }>(await store.asMerchant('/v1/webhook-endpoints'))).items.length, 16);

    const document = await json<{ paths: Record<string, Record<string, { operationId: string }>> }>(await app.request('/v1/openapi.json'));
    assert.deepEqual(
      [document.paths['/v1/webhook-endpoints']?.post?.operationId, document.paths['/v1/webhook-endpoints']?.get?.operationId, document.paths['/v1/webhook-endpoints/{id}']?.delete?.operationId, document.paths['/v1/webhook-deliveries']?.get?.operationId, document.paths['/v1/webhook-deliveries/{id}/retry']?.post?.operationId],
      ['createWebhookEndpoint', 'listWebhookEndpoints', 'deleteWebhookEndpoint', 'listWebhookDeliveries', 'retryWebhookDelivery'],
    );
  });

  test('a change that rolls back sends nothing', async (t) => {
    const { clock, app, store, dispatcher, register, deliveries, order } = await webhookWorld(t);
    const backend = await startReceiver(t);
    await register(backend.url);
    await order('o-1');
    await dispatcher.tick();
    assert.equal(backend.received.length, 1, 'the purchase');

    // The tier recompute writes its events, then its transaction fails.
    await assert.rejects(
      app.deps.db.transaction().execute(async (trx) => {
        await recomputeTiers(trx, store.merchant.id, clock());
        assert.equal((await trx.selectFrom('webhookDeliveries').select('id').where('eventType', '=', 'tier.changed').execute()).length, 1);
        throw new Error('The connection dropped');
      }),
      /connection dropped/,
    );
    // A redemption refused for want of points.
    await store.asMerchant('/v1/rewards/viaje', { method: 'PUT', body: JSON.stringify({ name: 'Viaje', cost: 1_000_000 }) });
    const refused = await store.asShopper(await store.sessionFor('ana'), '/v1/me/redemptions', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'redeem-ana-0002' },
      body: JSON.stringify({ rewardId: 'viaje' }),
    });
    assert.equal(refused.status, 409);

    assert.equal(await dispatcher.tick(), 0);
    assert.equal(backend.received.length, 1);
    assert.equal((await deliveries()).length, 1);
  });

  test('an endpoint that does not answer in time is retried', async (t) => {
    const { dispatcher, register, deliveries, order } = await webhookWorld(t, { timeoutMs: 200 });
    const silent = await startReceiver(t, () => 'never');
    await register(silent.url, ['points.earned']);
    await order('o-1');
    assert.equal(await dispatcher.tick(), 1);
    const [delivery] = await deliveries();
    assert.equal(delivery?.status, 'pending');
    assert.equal(delivery?.lastStatusCode, null);
    assert.equal(delivery?.lastError, 'No answer within 0.2 s');
    assert.equal(silent.received.length, 1);
  });

  test('endpoints in private networks are refused unless the server allows them', async (t) => {
    const { dispatcher, register, deliveries, order } = await webhookWorld(t, { allowPrivateNetworks: false });
    const backend = await startReceiver(t);
    await register(backend.url, ['points.earned']);
    await register(backend.url.replace('127.0.0.1', 'localhost'), ['points.earned']);
    await order('o-1');
    assert.equal(await dispatcher.tick(), 2);
    assert.equal(backend.received.length, 0);
    for (const delivery of await deliveries()) {
      assert.equal(delivery.status, 'pending');
      assert.match(delivery.lastError ?? '', /is in a private network/);
    }
    for (const address of ['127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', '::', 'fd00::1', 'fe80::1', '::ffff:10.0.0.1', '::ffff:7f00:1']) {
      assert.equal(isPrivateAddress(address), true, address);
    }
    for (const address of ['8.8.8.8', '1.1.1.1', '2001:4860:4860::8888', '::ffff:8.8.8.8']) assert.equal(isPrivateAddress(address), false, address);
  });

  test('an endpoint in a private network, by address or by name, is refused when registered (400 naming url) unless the server allows private networks', async (t) => {
    // Names resolve here, not on the internet: a name of the store's intranet, one with a public and a private address, a public one.
    const addresses: Record<string, string[]> = {
      'intranet.tiendasol.example': ['10.0.0.7'],
      'mixta.tiendasol.example': ['93.184.215.14', '192.168.0.9'],
      'erp.tiendasol.example': ['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'],
    };
    const resolveHost = async (hostname: string) => {
      const found = addresses[hostname];
      if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
      return found.map((address) => ({ address, family: isIP(address) }));
    };
    const strict = await createTestApp({ resolveHost });
    const lenient = await createTestApp({ resolveHost, webhooksAllowPrivateNetworks: true });
    t.after(() => Promise.all([strict.close(), lenient.close()]));
    const register = (store: TestMerchant, url: string) => store.asMerchant('/v1/webhook-endpoints', { method: 'POST', body: JSON.stringify({ url }) });

    const store = await createTestMerchant(strict);
    const refused = [
      'http://127.0.0.1:8080/clientela/webhooks',
      'http://localhost:3000/clientela/webhooks',
      'http://LOCALHOST./clientela/webhooks',
      'http://erp.localhost/clientela/webhooks',
      'http://[::1]/clientela/webhooks',
      'http://[::ffff:127.0.0.1]/clientela/webhooks',
      'http://0x7f.1/clientela/webhooks',
      'http://10.1.2.3/clientela/webhooks',
      'http://169.254.169.254/latest/meta-data/',
      'https://intranet.tiendasol.example/clientela/webhooks',
      'https://mixta.tiendasol.example/clientela/webhooks',
    ];
    for (const url of refused) {
      const response = await register(store, url);
      assert.equal(response.status, 400, url);
      assert.equal(response.headers.get('content-type'), problemContentType, url);
      const problem = await json(response);
      assert.deepEqual(problem.errors.map((error: { in: string; field: string }) => `${error.in}.${error.field}`), ['body.url'], url);
      assert.match(problem.errors[0].message, /private network.*WEBHOOKS_ALLOW_PRIVATE_NETWORKS/, url);
    }
    assert.deepEqual((await json(await store.asMerchant('/v1/webhook-endpoints'))).items, [], 'nothing refused was stored');
    // A public name, and a name that does not resolve yet (delivery checks every connection again).
    for (const url of ['https://erp.tiendasol.example/clientela/webhooks', 'https://pronto.tiendasol.example/clientela/webhooks', 'https://93.184.215.14/clientela/webhooks']) {
      assert.equal((await register(store, url)).status, 201, url);
    }

    const nextToTheServer = await createTestMerchant(lenient);
    for (const url of refused) assert.equal((await register(nextToTheServer, url)).status, 201, `${url}, with WEBHOOKS_ALLOW_PRIVATE_NETWORKS`);
  });

  test('signing secrets are sealed at rest, and a server with another token secret says it cannot sign', async (t) => {
    const { app, clock, dispatcher, register, deliveries, order } = await webhookWorld(t);
    const backend = await startReceiver(t);
    const endpoint = await register(backend.url, ['points.earned']);
    const row = await app.deps.db.selectFrom('webhookEndpoints').selectAll().where('id', '=', endpoint.id).executeTakeFirstOrThrow();
    assert.ok(!JSON.stringify(row).includes(endpoint.secret.slice(6)));
    assert.equal(app.deps.webhookSecrets.open(row.sealedSecret, { merchantId: row.merchantId, endpointId: row.id }), endpoint.secret);
    assert.equal(app.deps.webhookSecrets.open(row.sealedSecret, { merchantId: row.merchantId, endpointId: 'we_other' }), undefined, 'bound to its row');
    assert.deepEqual((await json<{ items: object[] }>(await app.request('/v1/webhook-endpoints', { headers: { authorization: `Bearer ${(await createTestMerchant(app)).secretKey}` } }))).items, []);

    await order('o-1');
    const rotated = new WebhookDispatcher({ db: app.deps.db, clock, secrets: new WebhookSecrets(new Uint8Array(32).fill(9)), allowPrivateNetworks: true });
    assert.equal(await rotated.tick(), 1);
    const [delivery] = await deliveries();
    assert.equal(delivery?.status, 'failed');
    assert.match(delivery?.lastError ?? '', /TOKEN_SECRET/);
    assert.equal(backend.received.length, 0);
    assert.equal(await dispatcher.tick(), 0);
  });

  test('the schedule sends on its own; stopping it cuts a request short and leaves the delivery to be sent again', async (t) => {
    const { clock, app, dispatcher, register, deliveries, order } = await webhookWorld(t);
    let answering = false;
    const backend = await startReceiver(t, () => (answering ? 200 : 'never'));
    await register(backend.url, ['points.earned']);
    await order('o-1');

    const schedule = scheduleWebhookDispatch(dispatcher, silentLogger, 60_000);
    for (let waited = 0; backend.received.length === 0 && waited < 5_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(backend.received.length, 1, 'sent at once, without a tick from the test');
    const stopping = performance.now();
    await schedule.stop();
    assert.ok(performance.now() - stopping < 2_000, 'stop does not wait out the timeout');
    const [cut] = await deliveries();
    assert.equal(cut?.status, 'pending');
    assert.equal(cut?.attempts, 1);
    assert.equal(cut?.lastError, null, 'a shutdown is not a failure of the endpoint');

    answering = true;
    const next = new WebhookDispatcher({ db: app.deps.db, clock, secrets: app.deps.webhookSecrets, allowPrivateNetworks: true });
    assert.equal(await next.tick(), 0, 'held while another sender may still be at it');
    clock.advance(60_000);
    assert.equal(await next.tick(), 1);
    assert.equal((await deliveries())[0]?.status, 'succeeded');
    assert.equal(backend.received.length, 2);
  });

  test('dispatchers running at once send each delivery once', async (t) => {
    const { app, clock, store, register, deliveries } = await webhookWorld(t);
    const backend = await startReceiver(t);
    await register(backend.url);
    const events = Array.from({ length: 30 }, (_, n) => ({
      type: 'conversation.created' as const,
      data: { conversationId: `conv-${n}`, customerId: 'ana', subject: 'Hola', startedOffline: false },
    }));
    await app.deps.db.transaction().execute((trx) => recordWebhookEvents(trx, store.merchant.id, events, clock()));
    const dispatchers = [1, 2, 3].map(() => new WebhookDispatcher({ db: app.deps.db, clock, secrets: app.deps.webhookSecrets, allowPrivateNetworks: true, batchSize: 4 }));
    const attempts = await Promise.all(dispatchers.map((dispatcher) => dispatcher.tick()));
    assert.equal(attempts.reduce((sum, n) => sum + n, 0), 30);
    const sent = backend.received.map((request) => (JSON.parse(request.body) as { data: { conversationId: string } }).data.conversationId);
    assert.equal(new Set(sent).size, 30);
    assert.equal(sent.length, 30);
    assert.ok((await deliveries('?limit=100')).every((delivery) => delivery.status === 'succeeded'));
  });
});
