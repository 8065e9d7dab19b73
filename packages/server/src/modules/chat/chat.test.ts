import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { createClient, openEventStream, type StreamMessage } from '@clientela/client';
import { streamMyConversation, streamMyEvents } from '@clientela/contract';
import { createTestApp, createTestMerchant, json, listen, type TestApp, type TestMerchant } from '../../testing/test-app.ts';
import { createAgent } from '../auth/auth.service.ts';

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
    shopper(customerId, '/v1/me/conversations', { method: 'POST', body: JSON.stringify({ clientId, message: { clientId: id(), body } }) });
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
    const client = createClient({ api: server.url, publishableKey: store.publishableKey, token });
    const received: number[] = [];
    let stream = openEventStream(client, streamMyConversation, { params: { id: conversationId } }, {
      lastEventId: '0',
      onEvent: (message: StreamMessage) => {
        const data = message.data as { type: string; message?: { seq: number } };
        if (data.type === 'message') received.push(data.message!.seq);
      },
    });
    const sends = Array.from({ length: 500 }, (_, i) => say('ana', conversationId, `m${i}`));
    // Cut the stream while the burst is on, and come back from where it was.
    const cutBy = Date.now() + 15_000;
    while (received.length < 150 && Date.now() < cutBy) await new Promise((resolve) => setTimeout(resolve, 10));
    const resumeAfter = stream.lastEventId;
    stream.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    stream = openEventStream(client, streamMyConversation, { params: { id: conversationId } }, {
      lastEventId: resumeAfter,
      onEvent: (message: StreamMessage) => {
        const data = message.data as { type: string; message?: { seq: number } };
        if (data.type === 'message') received.push(data.message!.seq);
      },
    });
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
    const client = createClient({ api: server.url, publishableKey: store.publishableKey, token });
    const list = await json(await shopper('bruno', '/v1/me/conversations'));
    const typing = new Promise<StreamMessage>((resolve) => {
      const stream = openEventStream(client, streamMyEvents, {}, {
        lastEventId: list.eventCursor,
        onEvent: (message) => {
          if (message.type === 'typing') {
            stream.close();
            resolve(message);
          }
        },
        onState: (state) => {
          if (state === 'open') void asAgent(`/v1/agent/conversations/${conversationId}/typing`, { method: 'POST' });
        },
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
