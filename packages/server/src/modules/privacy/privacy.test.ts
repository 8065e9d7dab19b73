import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { createTestApp, createTestMerchant, json, manualClock, type TestApp, type TestMerchant } from '../../testing/test-app.ts';
import { createStaffMember } from '../auth/index.ts';
import { applyDueRetention } from './retention.ts';

const day = 86_400_000;

describe('privacy and data rights', () => {
  // 15:00 in Santiago on 10 November 2026: Ana's birthday.
  const clock = manualClock('2026-11-10T18:00:00Z');
  let app: TestApp;
  let store: TestMerchant;
  let other: TestMerchant;
  const login = async (email: string) =>
    (await json(await app.request('/v1/agent/login', { method: 'POST', headers: { 'x-publishable-key': store.publishableKey, 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'a long password' }) }))).token as string;
  const asStaff = async (email: string, path: string, init: RequestInit = {}) =>
    app.request(path, { ...init, headers: { authorization: `Bearer ${await login(email)}`, 'content-type': 'application/json', ...init.headers } });
  const asAna = async (path: string, init: RequestInit = {}) =>
    store.asShopper(await store.sessionFor('ana'), path, { ...init, headers: { 'content-type': 'application/json', ...init.headers } });
  const putConsents = (body: unknown) => asAna('/v1/me/consents', { method: 'PUT', body: JSON.stringify(body) });
  const order = (id: string, customerId: string, productIds: string[]) =>
    store.asMerchant('/v1/orders', {
      method: 'POST',
      body: JSON.stringify({ id, customerId, currency: 'CLP', lines: productIds.map((productId) => ({ productId, quantity: 1, unitPrice: 10_000 })), total: 10_000 * productIds.length, payment: { method: 'other' } }),
    });

  before(async () => {
    app = await createTestApp({ clock });
    store = await createTestMerchant(app, { timeZone: 'America/Santiago' });
    other = await createTestMerchant(app);
    await createStaffMember(app.deps.db, store.merchant.id, { email: 'admin@shop.example', name: 'Marta', password: 'a long password', role: 'admin' });
    await createStaffMember(app.deps.db, store.merchant.id, { email: 'sofia@shop.example', name: 'Sofía', password: 'a long password', role: 'agent' });
    for (const id of ['a', 'b', 'c', 'd']) {
      await store.asMerchant(`/v1/products/${id}`, { method: 'PUT', body: JSON.stringify({ name: `Producto ${id}`, category: 'c', price: 10_000, stock: 10 }) });
    }
    for (let i = 0; i < 8; i++) {
      await store.putCustomer(`c${i}`);
      await order(`o${i}`, `c${i}`, ['a', 'b']);
    }
    await store.putCustomer('ana', { firstName: 'Ana', lastName: 'Torres', email: 'ana@mail.example', birthday: '1990-11-10' });
    await other.putCustomer('ana');
    await order('ana-1', 'ana', ['a']);
    await app.deps.recommendations.rebuild(store.merchant.id);
  });
  after(() => app.close());

  test('consents start at the store defaults: opt-in for marketing and profiling, the birthday greeting on', async () => {
    const consents = await json(await asAna('/v1/me/consents'));
    assert.equal(consents.textVersion, '2026-12');
    assert.deepEqual(
      consents.items.map((item: { purpose: string; granted: boolean; source: string }) => [item.purpose, item.granted, item.source]),
      [
        ['marketing-email', false, 'default'],
        ['profiling', false, 'default'],
        ['birthday-greeting', true, 'default'],
      ],
    );
    assert.deepEqual(consents.history, []);
  });

  test('unknown purposes and malformed bodies are 400 problems that change nothing', async () => {
    for (const body of [
      { textVersion: '2026-12', consents: { telemarketing: true } },
      { textVersion: '2026-12', consents: {} },
      { textVersion: '2026-12', consents: { profiling: 'yes' } },
      { consents: { profiling: true } },
      { textVersion: 'not a version!', consents: { profiling: true } },
    ]) {
      const response = await putConsents(body);
      assert.equal(response.status, 400, JSON.stringify(body));
      assert.equal(response.headers.get('content-type'), 'application/problem+json');
    }
    assert.equal((await asAna('/v1/me/consents', { method: 'PUT', body: '{"textVersion":' })).status, 400);
    assert.deepEqual((await json(await asAna('/v1/me/consents'))).history, []);
    const optInByDefault = await store.asMerchant('/v1/privacy-settings', {
      method: 'PUT',
      body: JSON.stringify({ consentTextVersion: 'v2', consentDefaults: { 'marketing-email': true, profiling: false, 'birthday-greeting': true }, chatRetentionDays: null, inactiveCustomerRetentionDays: null }),
    });
    assert.equal(optInByDefault.status, 400);
    assert.equal((await json(optInByDefault)).errors[0].field, 'consentDefaults.marketing-email');
    assert.equal((await json(await store.asMerchant('/v1/privacy-settings'))).consentTextVersion, '2026-12');
  });

  test('without consent to profiling, recommendations carry no personal reason and browsing is not kept', async () => {
    const { items } = await json(await asAna('/v1/me/recommendations?limit=4'));
    assert.ok(items.length > 0);
    for (const { reason } of items) assert.ok(reason.kind === 'popular' || reason.kind === 'together', `no personal reason: ${JSON.stringify(reason)}`);
    assert.ok(!JSON.stringify(items.map((item: { reason: unknown }) => item.reason)).includes('"a"'), 'nothing names what she bought');
    const sent = await asAna('/v1/events', { method: 'POST', body: JSON.stringify({ events: [{ productId: 'c', kind: 'view', at: clock().toISOString() }] }) });
    assert.deepEqual(await json(sent), { accepted: 0 });
  });

  test('the shopper gives and withdraws consent; each change is kept with its text, channel and author, and the product obeys', async () => {
    const given = await putConsents({ textVersion: '2026-12', consents: { profiling: true, 'marketing-email': true } });
    assert.equal(given.status, 200);
    const personal = await json(await asAna('/v1/me/recommendations?limit=4'));
    assert.ok(
      personal.items.some((item: { reason: { kind: string; product?: { id: string } } }) => item.reason.kind === 'bought' && item.reason.product?.id === 'a'),
      'with consent, "because you bought a"',
    );
    assert.equal((await json(await asAna('/v1/me'))).birthdayToday, true);
    clock.advance(60_000);
    await putConsents({ textVersion: '2026-12', consents: { profiling: false, 'birthday-greeting': false } });
    assert.equal((await json(await asAna('/v1/me'))).birthdayToday, false, 'no birthday greeting once refused');
    const { items } = await json(await asAna('/v1/me/recommendations?limit=4'));
    assert.ok(items.every((item: { reason: { kind: string } }) => ['popular', 'together'].includes(item.reason.kind)));

    const consents = await json(await store.asMerchant('/v1/customers/ana/consents'));
    assert.deepEqual(
      consents.items.map((item: { purpose: string; granted: boolean; source: string }) => [item.purpose, item.granted, item.source]),
      [
        ['marketing-email', true, 'answer'],
        ['profiling', false, 'answer'],
        ['birthday-greeting', false, 'answer'],
      ],
    );
    assert.equal(consents.history.length, 4);
    assert.deepEqual(consents.history.find((change: { purpose: string }) => change.purpose === 'profiling'), { purpose: 'profiling', granted: false, textVersion: '2026-12', channel: 'portal', by: { kind: 'shopper' }, at: clock().toISOString() });
    assert.equal((await other.asMerchant('/v1/customers/ana/consents').then(json)).history.length, 0, "another store's Ana has answered nothing");

    const recorded = await asStaff('admin@shop.example', '/v1/customers/ana/consents', { method: 'PUT', body: JSON.stringify({ textVersion: 'form-7', consents: { profiling: true } }) });
    assert.equal(recorded.status, 200);
    const [latest] = (await json(recorded)).history;
    assert.equal(latest.channel, 'store');
    assert.deepEqual(latest.by, { kind: 'staff', id: latest.by.id, name: 'Marta', role: 'admin' });
    await assert.rejects(sql`update consent_changes set granted = true`.execute(app.deps.db), 'a record of consent is never rewritten');
  });

  test("every staff read of a customer's data is logged: the console's panel, the back office's page and exports; the backend's syncs are not", async () => {
    assert.equal((await asStaff('sofia@shop.example', '/v1/agent/customers/ana')).status, 200);
    clock.advance(1000);
    assert.equal((await asStaff('admin@shop.example', '/v1/customers/ana')).status, 200);
    clock.advance(1000);
    assert.equal((await store.asMerchant('/v1/customers/ana')).status, 200);
    assert.equal((await asStaff('admin@shop.example', '/v1/customers/ana/export')).status, 200);
    assert.equal((await asStaff('sofia@shop.example', '/v1/customers/ana/export')).status, 403, 'an agent may not export');

    const log = await json(await store.asMerchant('/v1/customers/ana/access-log?limit=2'));
    assert.deepEqual(
      log.items.map((entry: { view: string; by: { name: string } }) => [entry.view, entry.by.name]),
      [
        ['export', 'Marta'],
        ['customer-page', 'Marta'],
      ],
    );
    const rest = await json(await store.asMerchant(`/v1/customers/ana/access-log?limit=2&after=${log.nextCursor}`));
    assert.deepEqual(rest.items.map((entry: { view: string; by: { name: string; role: string } }) => [entry.view, entry.by.name, entry.by.role]), [['customer-panel', 'Sofía', 'agent']]);
    assert.equal((await store.asMerchant('/v1/customers/ana/access-log?after=garbage')).status, 400);
    assert.equal((await asStaff('sofia@shop.example', '/v1/customers/ana/access-log')).status, 403);
    assert.equal((await json(await other.asMerchant('/v1/customers/ana/access-log'))).items.length, 0, "another store's Ana was looked at by nobody");

    const mine = await json(await asAna('/v1/me/access-log'));
    assert.deepEqual(mine.items.map((entry: { view: string }) => entry.view), ['export', 'customer-page', 'customer-panel']);
    await assert.rejects(sql`delete from access_log`.execute(app.deps.db), 'the access log is append-only');
  });

  test('the shopper downloads everything the store holds about them, as JSON', async () => {
    await asAna('/v1/me/wishlist/items/c', { method: 'PUT', body: JSON.stringify({ note: 'para mamá' }) });
    await asAna('/v1/me/conversations', { method: 'POST', body: JSON.stringify({ clientId: 'conv-export-1', subject: 'Talla', message: { clientId: 'msg-export-1', body: '¿Hay talla M?' } }) });
    const response = await asAna('/v1/me/export');
    assert.equal(response.status, 200);
    const data = await json(response);
    assert.equal(data.format, 'clientela.customer-export/1');
    assert.deepEqual([data.profile.firstName, data.profile.email, data.profile.birthday], ['Ana', 'ana@mail.example', '1990-11-10']);
    assert.deepEqual(data.orders.map((o: { id: string; total: number }) => [o.id, o.total]), [['ana-1', 10_000]]);
    assert.ok(data.points.ledger.length >= 1 && data.points.balance === data.points.ledger.reduce((sum: number, entry: { amount: number }) => sum + entry.amount, 0));
    assert.deepEqual(data.wishlist.map((item: { productId: string; note: string }) => [item.productId, item.note]), [['c', 'para mamá']]);
    assert.equal(data.conversations[0].messages[0].body, '¿Hay talla M?');
    assert.equal(data.consents.history.length, 5);
    assert.equal(data.accessLog.length, 3);
    assert.equal(data.card, null);
  });

  test('retention: old conversations lose their messages, inactive customers are erased, lazily and once a day', async () => {
    await store.putCustomer('dormant', { firstName: 'Dormida', lastName: 'Largo', registeredAt: new Date(clock().getTime() - 400 * day).toISOString() });
    const settings = { consentTextVersion: '2026-12', consentDefaults: { 'marketing-email': false, profiling: false, 'birthday-greeting': true }, chatRetentionDays: 30, inactiveCustomerRetentionDays: 365 };
    assert.equal((await store.asMerchant('/v1/privacy-settings', { method: 'PUT', body: JSON.stringify(settings) })).status, 200);
    const ran = await applyDueRetention(app.deps);
    assert.deepEqual(ran, [store.merchant.id]);
    const dormant = await json(await store.asMerchant('/v1/customers/dormant'));
    assert.equal(dormant.firstName, 'Erased');
    assert.equal((await json(await store.asMerchant('/v1/customers/ana'))).firstName, 'Ana', 'Ana bought this year');
    assert.equal((await app.deps.db.selectFrom('messages').select('body').where('merchantId', '=', store.merchant.id).execute()).length, 1, 'a new conversation stays');

    assert.deepEqual(await applyDueRetention(app.deps), [], 'nothing is due again the same day');
    clock.advance(31 * day);
    assert.deepEqual(await applyDueRetention(app.deps), [store.merchant.id]);
    assert.equal((await app.deps.db.selectFrom('messages').select('body').where('merchantId', '=', store.merchant.id).execute()).length, 0);
    const [conversation] = (await json(await asAna('/v1/me/conversations'))).items;
    assert.equal(conversation.subject, '', 'the conversation stays for the figures, without its words');
  });
});
