import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { migrateToLatest } from '../../db/migrate.ts';
import type { DatabaseHandle } from '../../db/open.ts';
import { databaseLeftBy } from '../../testing/earlier-database.ts';
import { watchEventStream, type StreamMessage } from '../../testing/event-stream.ts';
import { budgetsBeyondReach, createTestApp, createTestMerchant, json, listen, manualClock, type TestApp, type TestMerchant } from '../../testing/test-app.ts';
import { createAgent } from '../auth/index.ts';
import { defaultCardSettings } from '../statements/index.ts';

const id = () => randomUUID().replaceAll('-', '');

describe('support chat', () => {
  let app: TestApp;
  let store: TestMerchant;
  let server: { url: string; close(): Promise<void> };
  let agentToken: string;
  let agentId: string;

  const shopper = async (customerId: string, path: string, init: RequestInit = {}) =>
    store.asShopper(await store.sessionFor(customerId), path, { ...init, headers: { 'content-type': 'application/json', ...init.headers } });
  const asAgent = (path: string, init: RequestInit = {}) =>
    app.request(path, { ...init, headers: { authorization: `Bearer ${agentToken}`, 'content-type': 'application/json', ...init.headers } });
  const start = async (customerId: string, body: string, clientId = id()) =>
    shopper(customerId, '/v1/me/conversations', { method: 'POST', body: JSON.stringify({ clientId, message: { clientId: `${clientId}-first`, body } }) });
  const say = async (customerId: string, conversationId: string, body: string, clientId = id()) =>
    shopper(customerId, `/v1/me/conversations/${conversationId}/messages`, { method: 'POST', body: JSON.stringify({ clientId, body }) });

  before(async () => {
    // Bursts here go far past what one shopper may send in a minute: they test ordering, not budgets.
    const plenty = { limit: 100_000, windowSeconds: 60 };
    app = await createTestApp({ rateLimits: { sessionsPerCustomer: plenty, messagesPerSender: plenty } });
    store = await createTestMerchant(app);
    for (const customer of ['ana', 'bruno']) await store.putCustomer(customer, { firstName: customer === 'ana' ? 'Ana' : 'Bruno' });
    const agent = await createAgent(app.deps.db, store.merchant.id, { email: 'sofia@shop.example', name: 'Sofía', password: 'a long password' });
    agentId = agent.id;
    agentToken = (await app.deps.tokens.issue('agent', store.merchant.id, agent.id, 3600)).token;
    server = await listen(app);
  });
  after(async () => {
    await server.close();
    await app.close();
  });

  test('starting a conversation twice with one client id starts it once', async () => {
    const clientId = id();
    const first = await start('ana', '¿Dónde está mi pedido?', clientId);
    assert.equal(first.status, 201);
    const conversation = await json(first);
    assert.equal(conversation.lastMessage.body, '¿Dónde está mi pedido?');
    assert.equal(conversation.lastMessage.seq, 1);
    const again = await start('ana', '¿Dónde está mi pedido?', clientId);
    assert.equal(again.status, 200);
    assert.equal((await json(again)).id, conversation.id);
    const list = await json(await shopper('ana', '/v1/me/conversations'));
    assert.equal(list.items.length, 1);
    assert.match(list.eventCursor, /^\d+$/);
  });

  test('a resend with the same client id is stored once and answered with the same id and seq', async () => {
    const { id: conversationId } = await json(await start('ana', 'Hola'));
    const clientId = id();
    const first = await json(await say('ana', conversationId, 'Mensaje', clientId));
    const resend = await say('ana', conversationId, 'Mensaje', clientId);
    assert.equal(resend.status, 200);
    const again = await json(resend);
    assert.deepEqual([again.id, again.seq], [first.id, first.seq]);
    const { items } = await json(await shopper('ana', `/v1/me/conversations/${conversationId}/messages`));
    assert.deepEqual(items.map((m: { seq: number }) => m.seq), [1, 2]);
  });

  test('concurrent messages get gapless seqs, each once', async () => {
    const { id: conversationId } = await json(await start('ana', 'Muchas preguntas'));
    const responses = await Promise.all(Array.from({ length: 40 }, (_, i) => say('ana', conversationId, `Pregunta ${i}`)));
    assert.ok(responses.every((r) => r.status === 201));
    const seqs = (await Promise.all(responses.map((r) => r.json()))).map((m) => m.seq).sort((a, b) => a - b);
    assert.deepEqual(seqs, Array.from({ length: 40 }, (_, i) => i + 2));
  });

  test('an agent answer claims the chat, waits for the shopper, and read receipts go both ways', async () => {
    const { id: conversationId } = await json(await start('bruno', 'Necesito ayuda'));
    const inbox = await json(await asAgent('/v1/agent/conversations?view=unassigned'));
    const row = inbox.items.find((c: { id: string }) => c.id === conversationId);
    assert.equal(row.unreadByAgents, 1);
    assert.equal(row.customer.name, 'Bruno Torres');
    const answer = await asAgent(`/v1/agent/conversations/${conversationId}/messages`, { method: 'POST', body: JSON.stringify({ clientId: id(), body: 'Hola Bruno, te ayudo' }) });
    assert.equal(answer.status, 201);
    assert.equal((await json(answer)).authorName, 'Sofía');
    const seen = await json(await asAgent(`/v1/agent/conversations/${conversationId}`));
    assert.deepEqual([seen.status, seen.assignedAgent?.name, seen.unreadByAgents], ['pending', 'Sofía', 0]);
    const mine = await json(await shopper('bruno', '/v1/me/conversations'));
    const conversation = mine.items.find((c: { id: string }) => c.id === conversationId);
    assert.equal(conversation.unread, 1);
    assert.equal(conversation.agentReadSeq, 2);
    assert.equal((await shopper('bruno', `/v1/me/conversations/${conversationId}/read`, { method: 'POST', body: JSON.stringify({ seq: 2 }) })).status, 204);
    await shopper('bruno', `/v1/me/conversations/${conversationId}/read`, { method: 'POST', body: JSON.stringify({ seq: 1 }) });
    const after = (await json(await shopper('bruno', '/v1/me/conversations'))).items.find((c: { id: string }) => c.id === conversationId);
    assert.equal(after.unread, 0);
    assert.equal((await json(await asAgent(`/v1/agent/conversations/${conversationId}`))).shopperReadSeq, 2, 'never moves back');
  });

  test('resolved conversations can be rated, and only then; a new message opens them again', async () => {
    const { id: conversationId } = await json(await start('bruno', 'Otra consulta'));
    const early = await shopper('bruno', `/v1/me/conversations/${conversationId}/rating`, { method: 'POST', body: JSON.stringify({ score: 5 }) });
    assert.equal(early.status, 409);
    await asAgent(`/v1/agent/conversations/${conversationId}/resolve`, { method: 'POST' });
    const rated = await shopper('bruno', `/v1/me/conversations/${conversationId}/rating`, { method: 'POST', body: JSON.stringify({ score: 4, comment: 'Rápido' }) });
    assert.deepEqual((await json(rated)).rating, { score: 4, comment: 'Rápido' });
    assert.equal((await shopper('bruno', `/v1/me/conversations/${conversationId}/rating`, { method: 'POST', body: JSON.stringify({ score: 9 }) })).status, 400);
    await say('bruno', conversationId, 'Una cosa más');
    assert.equal((await json(await asAgent(`/v1/agent/conversations/${conversationId}`))).status, 'open');
  });

  test("nobody sees a conversation that is not theirs", async () => {
    const { id: conversationId } = await json(await start('ana', 'Privado'));
    for (const path of [`/v1/me/conversations/${conversationId}/messages`, `/v1/me/conversations/${conversationId}/events`]) {
      assert.equal((await shopper('bruno', path)).status, 404, path);
    }
    assert.equal((await say('bruno', conversationId, 'intruso')).status, 404);
    const other = await createTestMerchant(app);
    const otherAgent = await createAgent(app.deps.db, other.merchant.id, { email: 'x@other.example', name: 'X', password: 'a long password' });
    const otherToken = (await app.deps.tokens.issue('agent', other.merchant.id, otherAgent.id, 3600)).token;
    const peek = await app.request(`/v1/agent/conversations/${conversationId}`, { headers: { authorization: `Bearer ${otherToken}` } });
    assert.equal(peek.status, 404);
    assert.equal((await app.request(`/v1/agent/customers/ana`, { headers: { authorization: `Bearer ${otherToken}` } })).status, 404);
  });

  test('a hostile message is stored and answered as the text it is', async () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const { id: conversationId } = await json(await start('ana', hostile));
    const { items } = await json(await asAgent(`/v1/agent/conversations/${conversationId}/messages`));
    assert.equal(items[0].body, hostile);
  });

  test('the event stream resumes after the last event id: a burst of 500 cut in the middle arrives once and in order', async () => {
    const { id: conversationId } = await json(await start('ana', 'Ráfaga'));
    const token = await store.sessionFor('ana');
    const events = `${server.url}/v1/me/conversations/${conversationId}/events`;
    const headers = { authorization: `Bearer ${token}`, 'x-publishable-key': store.publishableKey };
    const received: number[] = [];
    const onEvent = (message: StreamMessage) => {
      const data = message.data as { type: string; message?: { seq: number } };
      if (data.type === 'message') received.push(data.message!.seq);
    };
    let stream = watchEventStream(events, { headers, lastEventId: '0', onEvent });
    const sends = Array.from({ length: 500 }, (_, i) => say('ana', conversationId, `m${i}`));
    // Cut the stream while the burst is on, and come back from where it was.
    const cutBy = Date.now() + 15_000;
    while (received.length < 150 && Date.now() < cutBy) await new Promise((resolve) => setTimeout(resolve, 10));
    const resumeAfter = stream.lastEventId ?? '0';
    stream.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    stream = watchEventStream(events, { headers, lastEventId: resumeAfter, onEvent });
    await Promise.all(sends);
    const deadline = Date.now() + 15_000;
    while (received.length < 501 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    stream.close();
    assert.deepEqual(received, Array.from({ length: 501 }, (_, i) => i + 1));
  });

  // A typing signal is never stored: one sent as soon as the stream is open must still arrive, or the test fails in time.
  test('typing reaches the other side at once and is never kept', { timeout: 15_000 }, async () => {
    const { id: conversationId } = await json(await start('bruno', 'Escribiendo'));
    const token = await store.sessionFor('bruno');
    const list = await json(await shopper('bruno', '/v1/me/conversations'));
    const typing = new Promise<StreamMessage>((resolve) => {
      const stream = watchEventStream(`${server.url}/v1/me/events`, {
        headers: { authorization: `Bearer ${token}`, 'x-publishable-key': store.publishableKey },
        lastEventId: list.eventCursor,
        onEvent: (message) => {
          if (message.type === 'typing') {
            stream.close();
            resolve(message);
          }
        },
        onOpen: () => void asAgent(`/v1/agent/conversations/${conversationId}/typing`, { method: 'POST' }),
      });
    });
    const message = await typing;
    assert.equal(message.id, null);
    assert.deepEqual(message.data, { type: 'typing', conversationId, author: 'agent' });
  });

  test('support is online while an agent stream is open within business hours', async () => {
    const availability = async () => json(await app.request('/v1/support/availability', { headers: { 'x-publishable-key': store.publishableKey } }));
    await app.deps.db.deleteFrom('agentPresence').execute();
    assert.equal((await availability()).online, false);
    const controller = new AbortController();
    const response = await fetch(`${server.url}/v1/agent/events`, { headers: { authorization: `Bearer ${agentToken}` }, signal: controller.signal });
    assert.equal(response.headers.get('content-type'), 'text/event-stream; charset=utf-8');
    assert.equal((await availability()).online, true);
    const closed = Array.from({ length: 7 }, (_, day) => ({ day, opens: '00:00', closes: '00:01' }));
    await store.asMerchant('/v1/support-settings', { method: 'PUT', body: JSON.stringify({ hours: closed }) });
    const outside = await availability();
    assert.equal(outside.online, false);
    assert.equal(outside.withinHours, false);
    assert.ok(outside.opensAt);
    controller.abort();
    await store.asMerchant('/v1/support-settings', { method: 'PUT', body: JSON.stringify({ hours: [{ day: 1, opens: '18:00', closes: '09:00' }] }) }).then(async (r) => assert.equal(r.status, 400));
  });

  test('the agent sees the whole customer', async () => {
    const panel = await json(await asAgent('/v1/agent/customers/ana'));
    assert.equal(panel.customer.firstName, 'Ana');
    assert.equal(panel.card, null);
    assert.deepEqual(panel.wishlist, []);
    assert.deepEqual(panel.recentOrders, []);
    assert.equal(panel.currency, 'CLP');
  });
});

describe('message and conversation client ids', () => {
  let app: TestApp;
  let store: TestMerchant;
  let agentTokens: string[];

  const shopper = async (path: string, body: unknown) =>
    store.asShopper(await store.sessionFor('ana'), path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const asAgent = (agent: number, path: string, body: unknown) =>
    app.request(path, { method: 'POST', headers: { authorization: `Bearer ${agentTokens[agent]}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const messages = async (conversationId: string) =>
    (await json(await store.asShopper(await store.sessionFor('ana'), `/v1/me/conversations/${conversationId}/messages`))).items.map(
      (m: { author: string; body: string; clientId: string }) => `${m.author}:${m.clientId}:${m.body}`,
    );

  before(async () => {
    app = await createTestApp({ rateLimits: budgetsBeyondReach });
    store = await createTestMerchant(app);
    await store.putCustomer('ana');
    agentTokens = [];
    for (const [name, email] of [['Sofía', 'sofia@shop.example'], ['Tomás', 'tomas@shop.example']] as const) {
      const agent = await createAgent(app.deps.db, store.merchant.id, { email, name, password: 'a long password' });
      agentTokens.push((await app.deps.tokens.issue('agent', store.merchant.id, agent.id, 3600)).token);
    }
  });
  after(() => app.close());

  test("an agent's reply that reuses a shopper's client id is a message of its own, and so is another agent's", async () => {
    const { id: conversationId } = await json(await shopper('/v1/me/conversations', { clientId: 'conv-authors', message: { clientId: 'shared-id-1', body: 'Hola' } }));
    const reply = await asAgent(0, `/v1/agent/conversations/${conversationId}/messages`, { clientId: 'shared-id-1', body: 'Hola, ¿en qué te ayudo?' });
    assert.equal(reply.status, 201);
    assert.equal((await json(reply)).seq, 2);
    const other = await asAgent(1, `/v1/agent/conversations/${conversationId}/messages`, { clientId: 'shared-id-1', body: 'Yo también estoy aquí' });
    assert.equal(other.status, 201);
    const resend = await asAgent(0, `/v1/agent/conversations/${conversationId}/messages`, { clientId: 'shared-id-1', body: 'Hola, ¿en qué te ayudo?' });
    assert.equal(resend.status, 200);
    assert.equal((await json(resend)).seq, 2);
    assert.deepEqual(await messages(conversationId), [
      'shopper:shared-id-1:Hola',
      'agent:shared-id-1:Hola, ¿en qué te ayudo?',
      'agent:shared-id-1:Yo también estoy aquí',
    ]);
  });

  test('a client id sent again with another body is refused with 409, and nothing changes', async () => {
    const { id: conversationId } = await json(await shopper('/v1/me/conversations', { clientId: 'conv-changed', message: { clientId: 'first-of-changed', body: 'Primero' } }));
    const sent = await shopper(`/v1/me/conversations/${conversationId}/messages`, { clientId: 'second-of-changed', body: 'Segundo' });
    assert.equal(sent.status, 201);
    for (const [clientId, body] of [['second-of-changed', 'Otra cosa'], ['first-of-changed', 'Otro primero']]) {
      const changed = await shopper(`/v1/me/conversations/${conversationId}/messages`, { clientId, body });
      assert.equal(changed.status, 409, clientId);
      assert.equal(changed.headers.get('content-type'), 'application/problem+json');
      assert.match((await json(changed)).type, /\/conflict$/);
    }
    const reply = await asAgent(0, `/v1/agent/conversations/${conversationId}/messages`, { clientId: 'agent-changed', body: 'Respuesta' });
    assert.equal(reply.status, 201);
    assert.equal((await asAgent(0, `/v1/agent/conversations/${conversationId}/messages`, { clientId: 'agent-changed', body: 'Otra respuesta' })).status, 409);
    assert.deepEqual(await messages(conversationId), ['shopper:first-of-changed:Primero', 'shopper:second-of-changed:Segundo', 'agent:agent-changed:Respuesta']);
  });

  test('starting a conversation again with its client id and other content is refused with 409', async () => {
    const request = { clientId: 'conv-restart', subject: 'Despacho', message: { clientId: 'restart-first', body: '¿Dónde está mi pedido?' } };
    const first = await shopper('/v1/me/conversations', request);
    assert.equal(first.status, 201);
    const conversation = await json(first);
    const again = await shopper('/v1/me/conversations', request);
    assert.equal(again.status, 200);
    assert.equal((await json(again)).id, conversation.id);
    for (const changed of [
      { ...request, message: { ...request.message, body: 'Otra pregunta' } },
      { ...request, subject: 'Otro asunto' },
      { ...request, message: { ...request.message, clientId: 'restart-other' } },
    ]) {
      const refused = await shopper('/v1/me/conversations', changed);
      assert.equal(refused.status, 409, JSON.stringify(changed));
      assert.match((await json(refused)).type, /\/conflict$/);
    }
    assert.deepEqual(await messages(conversation.id), ['shopper:restart-first:¿Dónde está mi pedido?']);
  });
});

describe('what a shopper asks about', () => {
  // Santiago is UTC−3 in January: with statements closing on the 20th, January closes at 03:00 UTC on the 21st.
  const clock = manualClock('2026-01-05T15:00:00Z');
  let app: TestApp;
  let store: TestMerchant;
  let agentToken: string;

  const asShopper = async (customerId: string, path: string, init: RequestInit = {}) =>
    store.asShopper(await store.sessionFor(customerId), path, { ...init, headers: { 'content-type': 'application/json', ...init.headers } });
  const start = (customerId: string, attachment: unknown) =>
    asShopper(customerId, '/v1/me/conversations', { method: 'POST', body: JSON.stringify({ clientId: id(), message: { clientId: id(), body: '¿Qué es este cargo?' }, attachment }) });
  const conversationCount = async (customerId: string) => (await json(await asShopper(customerId, '/v1/me/conversations'))).items.length;
  const linesOf = async (period: string) => (await json(await asShopper('ana', `/v1/me/statements/${period}`))).transactions.items;
  const order = (orderId: string, productId: string, total: number, installments: number) =>
    store.asMerchant('/v1/orders', {
      method: 'POST',
      body: JSON.stringify({ id: orderId, customerId: 'ana', currency: 'CLP', lines: [{ productId, quantity: 1, unitPrice: total }], total, payment: { method: 'store-card', installments } }),
    });

  before(async () => {
    app = await createTestApp({ clock, rateLimits: budgetsBeyondReach });
    store = await createTestMerchant(app, { timeZone: 'America/Santiago' });
    await store.putCustomer('ana');
    await store.putCustomer('bruno', { firstName: 'Bruno' });
    await store.asMerchant('/v1/card-settings', { method: 'PUT', body: JSON.stringify(defaultCardSettings('CLP')) });
    for (const [productId, name] of [['p-1', 'Freidora de aire'], ['p-2', 'Hervidor eléctrico']]) {
      await store.asMerchant(`/v1/products/${productId}`, { method: 'PUT', body: JSON.stringify({ name, price: 1000, stock: 5 }) });
    }
    await store.asMerchant('/v1/customers/ana/card', { method: 'PUT', body: JSON.stringify({ creditLimit: 1_000_000 }) });
    clock.advance(Date.parse('2026-01-10T15:00:00Z') - clock().getTime());
    assert.equal((await order('o-1', 'p-1', 300_000, 3)).status, 201);
    clock.advance(Date.parse('2026-01-25T15:00:00Z') - clock().getTime());
    assert.equal((await order('o-2', 'p-2', 45_990, 1)).status, 201);
    const agent = await createAgent(app.deps.db, store.merchant.id, { email: 'sofia@shop.example', name: 'Sofía', password: 'a long password' });
    agentToken = (await app.deps.tokens.issue('agent', store.merchant.id, agent.id, 3600)).token;
  });
  after(() => app.close());

  test("names a line of the shopper's own statement, closed or open, and the store shows that line as the statement has it", async () => {
    for (const [period, orderId] of [['2026-01', 'o-1'], ['2026-02', 'o-2']] as const) {
      const line = (await linesOf(period)).find((candidate: { orderId: string | null }) => candidate.orderId === orderId);
      assert.ok(Number.isInteger(line.seq), `the statement numbers its lines (${period})`);
      const started = await start('ana', { kind: 'statement-line', period, seq: line.seq });
      assert.equal(started.status, 201, period);
      const conversation = await json(started);
      assert.deepEqual(conversation.attachment, { kind: 'statement-line', period, line });
      const seen = await json(await app.request(`/v1/agent/conversations/${conversation.id}`, { headers: { authorization: `Bearer ${agentToken}` } }));
      assert.deepEqual(seen.attachment, { kind: 'statement-line', period, line });
    }
  });

  test('takes no content from the shopper: a made-up line is refused, and one sent along a reference is ignored', async () => {
    const madeUp = { kind: 'payment', date: '2026-01-12T12:00:00.000Z', description: 'x'.repeat(100_000), moreItems: 0, amount: -99_999_999, installment: null, orderId: null, purchaseTotal: null };
    const before = await conversationCount('ana');
    const refused = await start('ana', { kind: 'statement-line', period: '2026-01', line: madeUp });
    assert.equal(refused.status, 400);
    assert.equal(await conversationCount('ana'), before);
    const [real] = await linesOf('2026-01');
    const started = await json(await start('ana', { kind: 'statement-line', period: '2026-01', seq: real.seq, line: madeUp }));
    assert.deepEqual(started.attachment.line, real);
  });

  test("a line the shopper's statements do not have answers 404 and starts nothing", async () => {
    const before = { ana: await conversationCount('ana'), bruno: await conversationCount('bruno') };
    const count = (await linesOf('2026-01')).length;
    for (const [customerId, reference] of [
      ['ana', { period: '2026-01', seq: count + 1 }],
      ['ana', { period: '2025-06', seq: 1 }],
      ['ana', { period: '2026-03', seq: 1 }],
      // Another shopper's statement is not there for Bruno, who has no card.
      ['bruno', { period: '2026-01', seq: 1 }],
    ] as const) {
      const response = await start(customerId, { kind: 'statement-line', ...reference });
      assert.equal(response.status, 404, `${customerId} ${JSON.stringify(reference)}`);
      assert.equal(response.headers.get('content-type'), 'application/problem+json');
    }
    assert.deepEqual({ ana: await conversationCount('ana'), bruno: await conversationCount('bruno') }, before);
  });
});

describe('event streams held open', () => {
  let app: TestApp;
  let store: TestMerchant;
  let other: TestMerchant;
  let server: { url: string; close(): Promise<void> };
  // The responses are held as well: undici closes the connection of a response the collector reclaims, which would free its slot.
  const opened: Array<{ controller: AbortController; response: Response }> = [];
  let conversationId: string;

  /** Opens a stream over HTTP; the test closes it with the controller, or at the end. */
  async function open(path: string, headers: Record<string, string>) {
    const controller = new AbortController();
    const response = await fetch(`${server.url}${path}`, { headers, signal: controller.signal });
    opened.push({ controller, response });
    return { status: response.status, response, close: () => controller.abort() };
  }
  const shopperHeaders = (merchant: TestMerchant, token: string) => ({ authorization: `Bearer ${token}`, 'x-publishable-key': merchant.publishableKey });
  const agentHeaders = (token: string) => ({ authorization: `Bearer ${token}` });
  /** A slot comes free when the server sees the stream close, a moment after the client closes it. */
  async function eventually(path: string, headers: Record<string, string>) {
    for (const deadline = Date.now() + 5_000; ; ) {
      const attempt = await open(path, headers);
      if (attempt.status === 200 || Date.now() > deadline) return attempt;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  before(async () => {
    app = await createTestApp({
      rateLimits: budgetsBeyondReach,
      streamLimits: { streamsPerSession: 2, streamsPerCustomer: 3, shopperStreamsPerMerchant: 5, agentStreamsPerMerchant: 3 },
    });
    store = await createTestMerchant(app);
    other = await createTestMerchant(app);
    for (const customerId of ['ana', 'bruno', 'carla']) await store.putCustomer(customerId);
    await other.putCustomer('ana');
    const started = await store.asShopper(await store.sessionFor('ana'), '/v1/me/conversations', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ clientId: id(), message: { clientId: id(), body: 'Hola' } }),
    });
    conversationId = (await json(started)).id;
    server = await listen(app);
  });
  after(async () => {
    for (const { controller } of opened) controller.abort();
    await server.close();
    await app.close();
  });

  test('a session, a shopper and a store each hold a bounded number; past it a 429 with Retry-After, and a closed stream frees its slot', async () => {
    // Tokens minted within one second for one shopper are one and the same: these differ in their lives.
    const anaFor = async (seconds: number) => (await app.deps.tokens.issue('shopper', store.merchant.id, 'ana', seconds)).token;
    const [first, second, third] = [await anaFor(600), await anaFor(601), await anaFor(602)];
    const streams = [
      await open('/v1/me/events', shopperHeaders(store, first)),
      await open(`/v1/me/conversations/${conversationId}/events`, shopperHeaders(store, first)),
    ];
    assert.deepEqual(streams.map((s) => s.status), [200, 200]);
    const overSession = await open('/v1/me/events', shopperHeaders(store, first));
    assert.equal(overSession.status, 429);
    assert.equal(overSession.response.headers.get('content-type'), 'application/problem+json');
    assert.match(overSession.response.headers.get('retry-after') ?? '', /^[1-9]\d*$/);
    assert.match((await json(overSession.response)).type, /\/rate-limited$/);
    // Ana's other sessions share her three.
    assert.equal((await open('/v1/me/events', shopperHeaders(store, second))).status, 200);
    assert.equal((await open('/v1/me/events', shopperHeaders(store, third))).status, 429);
    // The store's five: Ana's three and two more.
    assert.equal((await open('/v1/me/events', shopperHeaders(store, await store.sessionFor('bruno')))).status, 200);
    assert.equal((await open('/v1/me/events', shopperHeaders(store, await store.sessionFor('bruno')))).status, 200);
    assert.equal((await open('/v1/me/events', shopperHeaders(store, await store.sessionFor('carla')))).status, 429);
    // Another store's shoppers count apart.
    assert.equal((await open('/v1/me/events', shopperHeaders(other, await other.sessionFor('ana')))).status, 200);

    streams[0]!.close();
    assert.equal((await eventually('/v1/me/events', shopperHeaders(store, first))).status, 200);
  });

  test('a refused stream takes no slot', async () => {
    const token = await other.sessionFor('ana');
    for (let attempt = 0; attempt < 5; attempt++) {
      assert.equal((await open('/v1/me/conversations/conv_missing/events', shopperHeaders(other, token))).status, 404);
    }
    assert.equal((await open('/v1/me/events', shopperHeaders(other, token))).status, 200);
  });

  test("an agent's session and the store's agents hold a bounded number too", async () => {
    const tokens: string[] = [];
    for (const name of ['sofia', 'tomas']) {
      const agent = await createAgent(app.deps.db, store.merchant.id, { email: `${name}@streams.example`, name, password: 'a long password' });
      tokens.push((await app.deps.tokens.issue('agent', store.merchant.id, agent.id, 3600)).token);
    }
    const sofia = [await open('/v1/agent/events', agentHeaders(tokens[0]!)), await open('/v1/agent/events', agentHeaders(tokens[0]!))];
    assert.deepEqual(sofia.map((s) => s.status), [200, 200]);
    const overSession = await open('/v1/agent/events', agentHeaders(tokens[0]!));
    assert.equal(overSession.status, 429);
    assert.ok(overSession.response.headers.get('retry-after'));
    assert.equal((await open('/v1/agent/events', agentHeaders(tokens[1]!))).status, 200);
    assert.equal((await open('/v1/agent/events', agentHeaders(tokens[1]!))).status, 429, "the store's three");
    sofia[1]!.close();
    assert.equal((await eventually('/v1/agent/events', agentHeaders(tokens[1]!))).status, 200);
  });
});

describe('a stream of a session that ends', () => {
  let app: TestApp;
  let store: TestMerchant;
  let server: { url: string; close(): Promise<void> };

  before(async () => {
    app = await createTestApp({ rateLimits: budgetsBeyondReach, streamHeartbeatMs: 100 });
    store = await createTestMerchant(app);
    await store.putCustomer('ana');
    server = await listen(app);
  });
  after(async () => {
    await server.close();
    await app.close();
  });

  /** Reads a stream to its end; resolves with how long it took, or rejects after `ms`. */
  async function endOf(response: Response, ms: number) {
    const reader = response.body!.getReader();
    const started = Date.now();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      void reader.cancel();
    }, ms);
    try {
      for (;;) {
        const { done } = await reader.read();
        if (timedOut) throw new Error('still open');
        if (done) return Date.now() - started;
      }
    } finally {
      clearTimeout(timer);
    }
  }

  test("signing out ends the agent's open stream at its next heartbeat; the agent's other sessions keep theirs", async () => {
    await createAgent(app.deps.db, store.merchant.id, { email: 'sofia@ending.example', name: 'Sofía', password: 'a long password' });
    const signIn = async () => {
      const response = await app.request('/v1/agent/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-publishable-key': store.publishableKey },
        body: JSON.stringify({ email: 'sofia@ending.example', password: 'a long password' }),
      });
      return ((await json(response)) as { token: string }).token;
    };
    const [leaving, staying] = [await signIn(), await signIn()];
    const streamOf = (token: string) => fetch(`${server.url}/v1/agent/events`, { headers: { authorization: `Bearer ${token}` } });
    const [ending, going] = [await streamOf(leaving), await streamOf(staying)];
    assert.deepEqual([ending.status, going.status], [200, 200]);
    const signedOut = await app.request('/v1/agent/logout', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${leaving}` },
      body: '{}',
    });
    assert.equal(signedOut.status, 204);
    assert.ok((await endOf(ending, 5_000)) < 5_000, 'the signed-out stream ended');
    await assert.rejects(endOf(going, 500), /still open/, 'the other session still streams');
  });

  test("a merchant ending a shopper's sessions ends their open stream too", async () => {
    const token = await store.sessionFor('ana');
    const stream = await fetch(`${server.url}/v1/me/events`, { headers: { authorization: `Bearer ${token}`, 'x-publishable-key': store.publishableKey } });
    assert.equal(stream.status, 200);
    assert.equal((await store.asMerchant('/v1/customers/ana/sessions', { method: 'DELETE' })).status, 204);
    assert.ok((await endOf(stream, 5_000)) < 5_000, "the shopper's stream ended");
  });
});

describe('the chat-authors migration on conversations an earlier version kept', () => {
  let database: DatabaseHandle;
  let app: TestApp;
  const line = { kind: 'purchase', date: '2026-01-10T15:00:00.000Z', description: 'Freidora de aire', moreItems: 0, amount: 100_000, installment: { number: 1, count: 3 }, orderId: 'o-1', purchaseTotal: 300_000 };
  const attachments = {
    'conv-kept': { kind: 'statement-line', period: '2026-01', line },
    'conv-flood': { kind: 'statement-line', period: '2026-01', line: { ...line, description: 'x'.repeat(1_000_000) } },
  };

  before(async () => {
    database = await databaseLeftBy('2026-11-28-chat');
    await sql`
      insert into agents (merchant_id, id, email, name, password_hash, created_at)
        values ('m', 'agent-1', 'sofia@shop.example', 'Sofía', 'x', now());
    `.execute(database.db);
    for (const [id, attachment] of Object.entries(attachments)) {
      await sql`
        insert into conversations (merchant_id, id, customer_id, subject, status, last_seq, client_id, attachment, created_at, updated_at)
          values ('m', ${id}, 'ana', 'Un cargo', 'open', 1, ${id}, ${JSON.stringify(attachment)}::jsonb, now(), now())
      `.execute(database.db);
      await sql`
        insert into messages (merchant_id, conversation_id, seq, id, client_id, author, author_id, body, created_at)
          values ('m', ${id}, 1, ${`${id}-m1`}, 'legacy-client-id', 'shopper', 'ana', 'Hola', now())
      `.execute(database.db);
    }
    await migrateToLatest(database.db);
    app = await createTestApp({ database, rateLimits: budgetsBeyondReach });
  });
  after(() => app.close());

  test('an attachment kept before shows as it was; one past any line a statement has is let go', async () => {
    const token = (await app.deps.tokens.issue('shopper', 'm', 'ana', 600)).token;
    const listed = await json(await app.request('/v1/me/conversations', { headers: { authorization: `Bearer ${token}` } }));
    const shown = Object.fromEntries(listed.items.map((c: { id: string; attachment: unknown }) => [c.id, c.attachment]));
    assert.deepEqual(shown, { 'conv-kept': attachments['conv-kept'], 'conv-flood': null });
  });

  test("the agent answers with a client id a shopper's message already has", async () => {
    const token = (await app.deps.tokens.issue('agent', 'm', 'agent-1', 600)).token;
    const reply = await app.request('/v1/agent/conversations/conv-kept/messages', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ clientId: 'legacy-client-id', body: 'Hola Ana' }),
    });
    assert.equal(reply.status, 201);
    assert.equal((await json(reply)).seq, 2);
  });
});
