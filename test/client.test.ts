import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ApiError, ContractError, createClient, NetworkError } from '@clientela/client';
import { createSession, getCustomer, getMe, markNotificationsRead, putCustomer, streamMyEvents } from '@clientela/contract';
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
        sent.push(new Request(input, init).method);
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

/** A stand-in for the API: answers each request with the next script line (the last one for the rest) and notes what came. */
function scripted(...script: Array<(request: Request) => Response | Promise<Response>>) {
  const sent: Array<{ method: string; path: string; authorization: string | null; at: number }> = [];
  const started = performance.now();
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    sent.push({ method: request.method, path: new URL(request.url).pathname, authorization: request.headers.get('authorization'), at: performance.now() - started });
    return (script.length > 1 ? script.shift()! : script[0]!)(request);
  };
  return { sent, fetch };
}

const expired = () => Response.json({ type: 'https://clientela.dev/problems/token-expired', title: 'Token expired', status: 401 }, { status: 401 });
const unavailable = (retryAfter?: string) => new Response(null, { status: 503, headers: retryAfter === undefined ? {} : { 'retry-after': retryAfter } });
const me = () => Response.json({ unread: 0 });
/** Never answers (as a server that hangs, keeping the process alive); gives up with the attempt's signal. */
const silence = (request: Request) =>
  new Promise<Response>((_, reject) => {
    const hang = setTimeout(() => {}, 60_000);
    request.signal.addEventListener('abort', () => {
      clearTimeout(hang);
      reject(request.signal.reason);
    });
  });

describe('@clientela/client: retries, timeouts and token renewal', () => {
  const api = 'https://crm.example';

  test('Retry-After is waited for, then the call is sent again', async () => {
    const api$ = scripted(() => unavailable('1'), me);
    const client = createClient({ api, publishableKey: 'pk_test', token: 't', fetch: api$.fetch });
    // A route: the answer is not checked against the schema, so the stand-in's body will do.
    await client.call(routes.getMyPoints);
    assert.equal(api$.sent.length, 2);
    assert.ok(api$.sent[1]!.at - api$.sent[0]!.at >= 950, `waited ${api$.sent[1]!.at - api$.sent[0]!.at} ms`);
  });

  test('without Retry-After an idempotent call backs off 0.3 s, then 0.6 s, then answers with the refusal', async () => {
    const api$ = scripted(() => unavailable());
    const client = createClient({ api, publishableKey: 'pk_test', token: 't', fetch: api$.fetch });
    await assert.rejects(client.call(routes.getMyPoints), (error: unknown) => error instanceof ApiError && error.status === 503);
    const waits = api$.sent.slice(1).map((attempt, i) => attempt.at - api$.sent[i]!.at);
    assert.equal(waits.length, 2);
    assert.ok(waits[0]! >= 290 && waits[0]! < 590 && waits[1]! >= 590, `waits ${waits.join(', ')} ms`);
  });

  test('a network failure or a timeout is tried again for GET, never for POST', async () => {
    const dropped = scripted(() => Promise.reject(new TypeError('fetch failed')), silence, me);
    const reader = createClient({ api, publishableKey: 'pk_test', token: 't', timeout: 100, fetch: dropped.fetch });
    await reader.call(routes.getMyPoints);
    assert.deepEqual(dropped.sent.map((attempt) => attempt.method), ['GET', 'GET', 'GET']);

    const silent = scripted(silence);
    const writer = createClient({ api, publishableKey: 'pk_test', token: 't', timeout: 100, fetch: silent.fetch });
    await assert.rejects(writer.call(routes.markNotificationsRead, { body: {} }), NetworkError);
    assert.equal(silent.sent.length, 1);
  });

  test('an expired token is renewed once for every call waiting on it, and even a POST is sent again with the new one', async () => {
    let renewals = 0;
    const api$ = scripted((request) => (request.headers.get('authorization') === 'Bearer old' ? expired() : me()));
    const client = createClient({
      api,
      publishableKey: 'pk_test',
      token: 'old',
      fetch: api$.fetch,
      onTokenExpired: async () => {
        renewals++;
        await new Promise((resolve) => setTimeout(resolve, 50));
        return 'new';
      },
    });
    const started = performance.now();
    await Promise.all([client.call(routes.getMyPoints), client.call(markNotificationsRead, { body: {} }), client.call(routes.getMyWishlist)]);
    assert.equal(renewals, 1);
    assert.equal(client.token, 'new');
    assert.deepEqual(api$.sent.map((attempt) => attempt.authorization), ['Bearer old', 'Bearer old', 'Bearer old', 'Bearer new', 'Bearer new', 'Bearer new']);
    assert.ok(performance.now() - started < 250, 'sent again at once, without the backoff of a retry');

    // A call that finds the token renewed meanwhile (by another call, or the page) sends again without asking.
    let renewedMeanwhile = 0;
    const late = scripted(() => {
      second.token = 'newer';
      return expired();
    }, me);
    const second = createClient({ api, publishableKey: 'pk_test', token: 'old', fetch: late.fetch, onTokenExpired: async () => String(++renewedMeanwhile) });
    await second.call(routes.getMyPoints);
    assert.equal(renewedMeanwhile, 0);
    assert.deepEqual(late.sent.map((attempt) => attempt.authorization), ['Bearer old', 'Bearer newer']);
  });

  test('a renewal that fails fails the call with its own error, sent once', async () => {
    const api$ = scripted(expired, me);
    const failure = new Error('the session endpoint answered 500');
    const client = createClient({ api, publishableKey: 'pk_test', token: 'old', fetch: api$.fetch, onTokenExpired: () => Promise.reject(failure) });
    await assert.rejects(client.call(routes.getMyPoints), (error: unknown) => error === failure);
    assert.equal(api$.sent.length, 1);
  });

  test('a token still expired after its renewal ends in the 401, asked once', async () => {
    let renewals = 0;
    const api$ = scripted(expired);
    const client = createClient({ api, publishableKey: 'pk_test', token: 'old', fetch: api$.fetch, onTokenExpired: async () => `new-${++renewals}` });
    await assert.rejects(client.call(routes.getMyPoints), (error: unknown) => error instanceof ApiError && error.is('token-expired'));
    assert.equal(renewals, 1);
    assert.equal(api$.sent.length, 2);
  });

  test('an event stream is opened with the last event id, without a timeout and without retries, and renews its token', async () => {
    const slow = scripted(async () => {
      await new Promise((resolve) => setTimeout(resolve, 150));
      return new Response(': open\n\n', { headers: { 'content-type': 'text/event-stream' } });
    });
    const patient = createClient({ api, publishableKey: 'pk_test', token: 't', timeout: 50, fetch: slow.fetch });
    const response = await patient.open(streamMyEvents, {}, { lastEventId: '42' });
    assert.equal(await response.text(), ': open\n\n');

    const refused = scripted(() => unavailable('0'));
    const once = createClient({ api, publishableKey: 'pk_test', token: 't', fetch: refused.fetch });
    await assert.rejects(once.open(streamMyEvents, {}, {}), (error: unknown) => error instanceof ApiError && error.status === 503);
    assert.equal(refused.sent.length, 1, '`openEventStream` reconnects on its own schedule');

    const renewing = scripted(expired, () => new Response('', { headers: { 'content-type': 'text/event-stream' } }));
    const renewed = createClient({ api, publishableKey: 'pk_test', token: 'old', fetch: renewing.fetch, onTokenExpired: async () => 'new' });
    await renewed.open(streamMyEvents, {}, {});
    assert.deepEqual(renewing.sent.map((attempt) => attempt.authorization), ['Bearer old', 'Bearer new']);
  });

  test('each audience gets its credentials and nothing else', async () => {
    const headers: Headers[] = [];
    const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      headers.push(new Request(input, init).headers);
      return Response.json({});
    };
    const both = createClient({ api, publishableKey: 'pk_test', secretKey: 'sk_test', token: 't', fetch });
    await both.call(routes.getCustomer, { params: { id: 'c-1' } });
    await both.call(routes.getMyPoints);
    await both.call(routes.listRewards);
    const seen = headers.map((each) => [each.get('authorization'), each.get('x-publishable-key')]);
    assert.deepEqual(seen, [
      ['Bearer sk_test', null],
      ['Bearer t', 'pk_test'],
      [null, 'pk_test'],
    ]);
  });
});
