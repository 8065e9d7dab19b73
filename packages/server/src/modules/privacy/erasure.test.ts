import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { createTestApp, createTestMerchant, json, manualClock, type TestApp, type TestMerchant } from '../../testing/test-app.ts';
import { createStaffMember } from '../auth/index.ts';

/** What only Anabella is or wrote: none of it may be anywhere in the database once she is erased. */
const anabella = {
  firstName: 'Anabella',
  lastName: 'Zurita-Quintanilla',
  email: 'anabella.zq@correo.example',
  phone: '+56987654321',
  birthday: '1991-04-17',
  subject: 'Cambio de dirección Pasaje Los Aromos',
  message: 'Vivo en Pasaje Los Aromos 4821, depto 12',
  agentReply: 'Anotado: Pasaje Los Aromos 4821',
  ratingComment: 'Gracias Sofía, muy amable con mi caso',
  wishlistNote: 'Para el cumpleaños de mi hija Trinidad',
  staffNote: 'Llamó molesta por el cobro duplicado de Trinidad',
  correctionNote: 'Compensación por el reclamo de Anabella',
  refundReason: 'Devuelto por Anabella en tienda Providencia',
};

describe('erasure', () => {
  const clock = manualClock('2026-11-10T15:00:00Z');
  let app: TestApp;
  let store: TestMerchant;
  let other: TestMerchant;
  const asStaff = (token: string, path: string, init: RequestInit = {}) =>
    app.request(path, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers } });
  const post = (path: string, body: unknown) => store.asMerchant(path, { method: 'POST', body: JSON.stringify(body) });
  const login = async (email: string) =>
    (await json(await app.request('/v1/agent/login', { method: 'POST', headers: { 'x-publishable-key': store.publishableKey, 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'a long password' }) }))).token as string;

  before(async () => {
    app = await createTestApp({ clock, webhooksAllowPrivateNetworks: true });
    store = await createTestMerchant(app);
    other = await createTestMerchant(app);
    await createStaffMember(app.deps.db, store.merchant.id, { email: 'admin@shop.example', name: 'Marta Admin', password: 'a long password', role: 'admin' });
    await createStaffMember(app.deps.db, store.merchant.id, { email: 'sofia@shop.example', name: 'Sofía', password: 'a long password', role: 'agent' });
    const agentToken = await login('sofia@shop.example');
    assert.equal((await post('/v1/webhook-endpoints', { url: 'http://localhost:9/hooks' })).status, 201);
    await store.asMerchant('/v1/products/lamp', { method: 'PUT', body: JSON.stringify({ name: 'Lámpara', category: 'hogar', price: 40_000, stock: 9 }) });

    await store.putCustomer('c-7', { firstName: anabella.firstName, lastName: anabella.lastName, email: anabella.email, phone: anabella.phone, birthday: anabella.birthday, locale: 'es' });
    await store.putCustomer('c-bruno', { firstName: 'Bruno', lastName: 'Díaz' });
    await other.putCustomer('c-7', { firstName: 'Otra', lastName: 'Persona' });
    await store.consent('c-7', { profiling: true, 'marketing-email': true });
    assert.equal((await store.asMerchant('/v1/customers/c-7/card', { method: 'PUT', body: JSON.stringify({ creditLimit: 1_000_000 }) })).status, 200);
    const order = (id: string, customerId: string, payment: unknown) =>
      post('/v1/orders', { id, customerId, currency: 'CLP', lines: [{ productId: 'lamp', quantity: 1, unitPrice: 40_000 }], total: 40_000, payment });
    assert.equal((await order('o-card', 'c-7', { method: 'store-card', installments: 3 })).status, 201);
    assert.equal((await order('o-cash', 'c-7', { method: 'other' })).status, 201);
    assert.equal((await order('o-bruno', 'c-bruno', { method: 'other' })).status, 201);
    assert.equal((await post('/v1/refunds', { id: 'r-1', orderId: 'o-cash', amount: 10_000, reason: anabella.refundReason })).status, 201);
    assert.equal((await post('/v1/customers/c-7/points/corrections', { id: 'fix-1', amount: 50, note: anabella.correctionNote })).status, 201);
    assert.equal((await asStaff(agentToken, '/v1/customers/c-7/notes', { method: 'POST', body: JSON.stringify({ body: anabella.staffNote }) })).status, 201);

    const token = await store.sessionFor('c-7');
    const shopper = (path: string, init: RequestInit = {}) => store.asShopper(token, path, { ...init, headers: { 'content-type': 'application/json', ...init.headers } });
    assert.equal((await shopper('/v1/me/wishlist/items/lamp', { method: 'PUT', body: JSON.stringify({ note: anabella.wishlistNote }) })).status, 201);
    const started = await json(await shopper('/v1/me/conversations', { method: 'POST', body: JSON.stringify({ clientId: 'conv-0001aaaa', subject: anabella.subject, message: { clientId: 'msg-0001aaaa', body: anabella.message } }) }));
    assert.equal((await asStaff(agentToken, `/v1/agent/conversations/${started.id}/messages`, { method: 'POST', body: JSON.stringify({ clientId: 'msg-0002bbbb', body: anabella.agentReply }) })).status, 201);
    assert.equal((await asStaff(agentToken, `/v1/agent/conversations/${started.id}/resolve`, { method: 'POST' })).status, 200);
    assert.equal((await shopper(`/v1/me/conversations/${started.id}/rating`, { method: 'POST', body: JSON.stringify({ score: 5, comment: anabella.ratingComment }) })).status, 200);
    assert.equal((await shopper('/v1/events', { method: 'POST', body: JSON.stringify({ events: [{ productId: 'lamp', kind: 'view', at: clock().toISOString() }] }) })).status, 202);
    assert.equal((await asStaff(agentToken, '/v1/agent/customers/c-7')).status, 200);
    // A statement closes with a balance still owed.
    clock.advance(40 * 86_400_000);
  });
  after(() => app.close());

  /** Every text, varchar and JSON column of every table, as the database itself lists them. */
  async function textColumns(): Promise<Array<{ table: string; column: string }>> {
    const { rows } = await sql<{ table: string; column: string }>`
      select c.table_name as "table", c.column_name as "column"
        from information_schema.columns c
        join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
       where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
         and c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb')
       order by 1, 2
    `.execute(app.deps.db);
    return rows;
  }

  /** Where any of the values is found, case aside: `table.column: value`. */
  async function whereFound(values: readonly string[]): Promise<string[]> {
    const found: string[] = [];
    for (const { table, column } of await textColumns()) {
      for (const value of values) {
        const { rows } = await sql<{ hits: string }>`select count(*) as hits from ${sql.table(table)} where ${sql.ref(column)}::text ilike ${`%${value}%`}`.execute(app.deps.db);
        if (Number(rows[0]!.hits) > 0) found.push(`${table}.${column}: ${value}`);
      }
    }
    return found;
  }

  test('before the erasure, the scan finds her everywhere she is: it can fail', async () => {
    const found = await whereFound(Object.values(anabella));
    for (const place of ['customers.first_name', 'customers.email', 'customers.phone', 'messages.body', 'conversations.subject', 'conversations.rating_comment', 'wishlist_items.note', 'customer_notes.body', 'points_entries.label', 'refunds.reason', 'chat_events.payload', 'webhook_deliveries.payload']) {
      assert.ok(found.some((hit) => hit.startsWith(`${place}:`)), `${place} holds her data before the erasure`);
    }
  });

  test('only the shopper or the store can erase, and bad input changes nothing', async () => {
    const agentToken = await login('sofia@shop.example');
    assert.equal((await asStaff(agentToken, '/v1/customers/c-7/erase', { method: 'POST' })).status, 403, 'an agent may not erase');
    assert.equal((await other.asMerchant('/v1/customers/c-bruno/erase', { method: 'POST' })).status, 404, "another store's key finds no such customer");
    assert.equal((await store.asMerchant('/v1/customers/nobody/erase', { method: 'POST' })).status, 404);
    assert.equal((await store.asMerchant('/v1/customers/bad%20id/erase', { method: 'POST' })).status, 400);
    const token = await store.sessionFor('c-7');
    const wrong = await store.asShopper(token, '/v1/me/erasure', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ confirmation: 'guessed' }) });
    assert.equal(wrong.status, 400);
    assert.equal((await json(wrong)).errors[0].field, 'confirmation');
    assert.equal((await json(await store.asMerchant('/v1/customers/c-7'))).firstName, anabella.firstName);
  });

  test('the shopper asks, then confirms: her data is gone for good, the financial records stay, her sessions end', async () => {
    const segmentsBefore = await json(await store.asMerchant('/v1/segments'));
    const brunoBefore = await json(await store.asMerchant('/v1/customers/c-bruno'));
    const token = await store.sessionFor('c-7');
    const erase = (body: unknown) => store.asShopper(token, '/v1/me/erasure', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

    const asked = await json(await erase({}));
    assert.equal(asked.status, 'confirm');
    assert.equal(asked.expiresAt, new Date(clock().getTime() + 15 * 60_000).toISOString());
    const erased = await erase({ confirmation: asked.confirmation });
    assert.equal(erased.status, 200);
    const result = await json(erased);
    assert.equal(result.status, 'erased');
    assert.deepEqual(result.kept, { orders: 2, pointsEntries: result.kept.pointsEntries, cardStatements: 1, openCardBalance: true });
    assert.ok(result.kept.pointsEntries >= 3, 'the ledger stays: two purchases and a correction');

    assert.deepEqual(await whereFound(Object.values(anabella)), [], 'nothing personal of hers is left in any text column');
    const row = await app.deps.db.selectFrom('customers').selectAll().where('merchantId', '=', store.merchant.id).where('id', '=', 'c-7').executeTakeFirstOrThrow();
    assert.deepEqual([row.email, row.phone, row.birthday, row.locale], [null, null, null, null]);
    assert.equal((await app.deps.db.selectFrom('browsingEvents').select('id').where('customerId', '=', 'c-7').execute()).length, 0);

    // What the law keeps, stays, and adds up as before.
    const orders = await app.deps.db.selectFrom('orders').select(['id', 'total', 'refunded']).where('merchantId', '=', store.merchant.id).where('customerId', '=', 'c-7').orderBy('id').execute();
    assert.deepEqual(orders, [{ id: 'o-card', total: 40_000, refunded: 0 }, { id: 'o-cash', total: 40_000, refunded: 10_000 }]);
    assert.equal((await app.deps.db.selectFrom('cardStatements').select('period').where('customerId', '=', 'c-7').where('merchantId', '=', store.merchant.id).execute()).length, 1);
    assert.deepEqual(await json(await store.asMerchant('/v1/segments')), segmentsBefore, "the store's pyramid and revenue do not move");
    assert.deepEqual(await json(await store.asMerchant('/v1/customers/c-bruno')), brunoBefore, 'nor does another customer');
    assert.equal((await json(await other.asMerchant('/v1/customers/c-7'))).lastName, 'Persona', 'the same id at another store is another customer, untouched');

    // Sessions are refused, new ones are not given, and the backend cannot bring her back.
    assert.equal((await store.asShopper(token, '/v1/me')).status, 401);
    assert.equal((await store.asMerchant('/v1/sessions', { method: 'POST', body: JSON.stringify({ customerId: 'c-7' }) })).status, 409);
    const resync = await store.asMerchant('/v1/customers/c-7', { method: 'PUT', body: JSON.stringify({ firstName: anabella.firstName, lastName: anabella.lastName }) });
    assert.equal(resync.status, 409);
    assert.deepEqual(await whereFound([anabella.lastName]), [], 'the refused sync wrote nothing');
  });

  test('asking again is harmless: the same answer, and one customer.erased webhook', async () => {
    const first = await json(await store.asMerchant('/v1/customers/c-7/erase', { method: 'POST' }));
    clock.advance(60_000);
    const again = await asStaff(await login('admin@shop.example'), '/v1/customers/c-7/erase', { method: 'POST' });
    assert.equal(again.status, 200);
    assert.equal((await json(again)).erasedAt, first.erasedAt);
    const events = await app.deps.db.selectFrom('webhookDeliveries').select('payload').where('merchantId', '=', store.merchant.id).where('eventType', '=', 'customer.erased').execute();
    assert.equal(events.length, 1);
    assert.deepEqual(JSON.parse(events[0]!.payload).data, { customerId: 'c-7', erasedAt: first.erasedAt, requestedBy: 'shopper' });
  });

  test('the store erases at once, for a request made to it', async () => {
    await store.putCustomer('c-carla', { firstName: 'Carlota', lastName: 'Undurraga-Pérez', email: 'carlota@correo.example' });
    const response = await asStaff(await login('admin@shop.example'), '/v1/customers/c-carla/erase', { method: 'POST' });
    assert.equal(response.status, 200);
    assert.deepEqual((await json(response)).kept, { orders: 0, pointsEntries: 0, cardStatements: 0, openCardBalance: false });
    assert.deepEqual(await whereFound(['Carlota', 'Undurraga-Pérez', 'carlota@correo.example']), []);
  });
});
