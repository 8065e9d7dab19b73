import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { ChatEvent } from '@clientela/contract';
import { openDatabase, type DatabaseHandle } from '../../db/open.ts';
import { watchEventStream } from '../../testing/event-stream.ts';
import { createTestApp, createTestMerchant, json, listen, type TestApp, type TestMerchant } from '../../testing/test-app.ts';
import { openTestDatabase } from '../../testing/test-database.ts';
import { createAgent } from '../auth/index.ts';
import { appendChatEvent } from './chat.repository.ts';

const id = () => randomUUID().replaceAll('-', '');
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

describe('two instances on one PostgreSQL carry a conversation', { skip: !onPostgres && 'runs in the PostgreSQL suite (TEST_DATABASE_URL)' }, () => {
  let first: TestApp;
  let second: TestApp;
  let secondDatabase: DatabaseHandle;
  let servers: Array<{ url: string; close(): Promise<void> }>;
  let store: TestMerchant;
  let agentToken: string;

  before(async () => {
    const database = await openTestDatabase();
    const tokenSecret = randomBytes(32);
    // Short polls, to see the catch-up after a lost notification within the test.
    first = await createTestApp({ database, tokenSecret, chatPollMs: 300 });
    secondDatabase = await openDatabase({ kind: 'postgres', url: database.url! });
    second = await createTestApp({ database: secondDatabase, tokenSecret, chatPollMs: 300 });
    servers = [await listen(first), await listen(second)];
    store = await createTestMerchant(first);
    await store.putCustomer('ana');
    const agent = await createAgent(first.deps.db, store.merchant.id, { email: 'agent@shop.example', name: 'Sofía', password: 'a long password' });
    agentToken = (await second.deps.tokens.issue('agent', store.merchant.id, agent.id, 3600)).token;
  });
  after(async () => {
    for (const server of servers) await server.close();
    await second.close();
    await first.close();
  });

  /** Collects a stream's message events until `count` arrived. */
  function collect(stream: (onEvent: (event: ChatEvent) => void) => { close(): void }, count: number) {
    const bodies: string[] = [];
    return new Promise<string[]>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`only ${bodies.length} of ${count}: ${bodies.join(', ')}`)), 10_000);
      const handle = stream((event) => {
        if (event.type !== 'message') return;
        bodies.push(event.message.body);
        if (bodies.length === count) {
          clearTimeout(timer);
          handle.close();
          resolve(bodies);
        }
      });
    });
  }

  test('a shopper on one instance and an agent on the other, both ways, and a lost notification caught up', async () => {
    const shopper = { authorization: `Bearer ${await store.sessionFor('ana')}`, 'x-publishable-key': store.publishableKey };
    const agent = { authorization: `Bearer ${agentToken}` };
    const cursor = (await json(await store.asShopper(await store.sessionFor('ana'), '/v1/me/conversations'))).eventCursor;
    const watch = (url: string, headers: Record<string, string>) => (onEvent: (event: ChatEvent) => void) =>
      watchEventStream(url, { headers, lastEventId: cursor, onEvent: (message) => onEvent(message.data as ChatEvent) });
    const shopperSees = collect(watch(`${servers[0]!.url}/v1/me/events`, shopper), 3);
    const agentSees = collect(watch(`${servers[1]!.url}/v1/agent/events`, agent), 3);
    await new Promise((resolve) => setTimeout(resolve, 300));

    const started = await store.asShopper(await store.sessionFor('ana'), '/v1/me/conversations', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ clientId: id(), message: { clientId: id(), body: 'Hola desde la instancia 1' } }),
    });
    const conversation = await json(started);
    const reply = await second.request(`/v1/agent/conversations/${conversation.id}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${agentToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ clientId: id(), body: 'Hola desde la instancia 2' }),
    });
    assert.equal(reply.status, 201);
    // A message whose notification never goes out: both instances find it in the table on their next poll.
    await first.deps.db.transaction().execute(async (trx) => {
      await trx.updateTable('conversations').set({ lastSeq: 3 }).where('id', '=', conversation.id).execute();
      const message = { merchantId: store.merchant.id, conversationId: conversation.id, seq: 3, id: 'msg_silent', clientId: id(), author: 'system', authorId: null, body: 'Sin aviso', createdAt: new Date() };
      await trx.insertInto('messages').values(message).execute();
      await appendChatEvent(trx, store.merchant.id, {
        conversationId: conversation.id,
        customerId: 'ana',
        payload: { type: 'message', conversationId: conversation.id, message: { ...message, authorName: null, sentAt: message.createdAt.toISOString() } },
        at: message.createdAt,
      });
    });
    const expected = ['Hola desde la instancia 1', 'Hola desde la instancia 2', 'Sin aviso'];
    assert.deepEqual(await shopperSees, expected);
    assert.deepEqual(await agentSees, expected);
  });
});
