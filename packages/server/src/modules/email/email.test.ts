import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { defaultLoyaltySettings, remindExpiringPoints, settleDueLedgers } from '../loyalty/index.ts';
import { closeDueStatementsOfAll } from '../statements/index.ts';
import { createAgent } from '../auth/index.ts';
import { createTestApp, createTestMerchant, json, manualClock, type TestApp, type TestMerchant } from '../../testing/test-app.ts';
import { startSmtpCatcher, type CaughtMail } from '../../testing/smtp-catcher.ts';
import { MailSender, serveMailPages, SmtpMailer } from './index.ts';

const day = 86_400_000;

describe('email to shoppers', () => {
  // Santiago is UTC−3 in February and March: the card's cycle closes at the end of the 20th (21 March 03:00 UTC).
  const clock = manualClock('2027-02-25T15:00:00Z');
  let app: TestApp;
  let store: TestMerchant;
  let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>;
  let sender: MailSender;
  let agentToken: string;

  const senderFor = (url: string) =>
    new MailSender({
      db: app.deps.db,
      clock,
      mailer: new SmtpMailer(url, { timeoutMs: 2_000 }),
      from: 'tienda@clientela.test',
      unsubscribeLinks: app.deps.unsubscribeLinks,
      merchantById: (id) => app.deps.directory.byId(id),
      random: () => 0.5,
    });
  const sendAll = async (mailSender = sender) => {
    while ((await mailSender.tick()) > 0);
  };
  /** The answer, asserted to have the status, or any 2xx. */
  const ok = async (response: Response | Promise<Response>, status?: number) => {
    const answer = await response;
    if (status === undefined) assert.ok(answer.ok, `${answer.status} ${await answer.clone().text()}`);
    else assert.equal(answer.status, status, await answer.clone().text());
    return answer;
  };
  const put = (path: string, body: unknown) => store.asMerchant(path, { method: 'PUT', body: JSON.stringify(body) });
  const mailsTo = (address: string) => smtp.caught.filter((mail) => mail.headers.get('to')?.includes(address));
  const kindOf = (mail: CaughtMail) => mail.headers.get('x-clientela-kind');
  const redeem = async (customerId: string, key: string) => {
    const token = await store.sessionFor(customerId);
    await ok(store.asShopper(token, '/v1/me/redemptions', { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': `clave-${key}` }, body: JSON.stringify({ rewardId: 'r-1' }) }), 201);
  };
  const changePrice = (price: number, stock: number) => ok(put('/v1/products/p-1', { name: 'Chaqueta <Andes> & más', price, currency: 'CLP', stock }));

  before(async () => {
    app = await createTestApp({ clock });
    store = await createTestMerchant(app, { name: 'Tienda Sur' });
    smtp = await startSmtpCatcher();
    sender = senderFor(smtp.url);
    serveMailPages(app.app, { db: app.deps.db, clock, unsubscribeLinks: app.deps.unsubscribeLinks, merchantById: (id) => app.deps.directory.byId(id) }, { devMailbox: false });
    await ok(put('/v1/email-settings', {
      productUrlPattern: 'https://shop.example/products/{productId}',
      storeUrl: 'https://shop.example/',
      statementUrl: 'https://shop.example/estado-de-cuenta',
      chatUrl: 'https://shop.example/ayuda?c={conversationId}',
      pointsUrl: null,
      preferencesUrl: 'https://shop.example/privacidad',
      pointsExpiryNoticeDays: 7,
      brandColor: '#fbbf24',
    }));
    await ok(put('/v1/loyalty-settings', { ...defaultLoyaltySettings(), pointsLifetimeDays: 30 }));
    await store.putCustomer('ana', { firstName: 'Ana', email: 'ana@example.com', locale: 'es', birthday: '1990-03-20' });
    await store.putCustomer('bob', { firstName: 'Bob', lastName: 'Reed', email: 'bob@example.com', locale: 'en' });
    for (const customer of ['ana', 'bob']) await store.consent(customer, { 'marketing-email': true });
    const agent = await createAgent(app.deps.db, store.merchant.id, { email: 'sofia@shop.example', name: 'Sofía', password: 'a long password' });
    agentToken = (await app.deps.tokens.issue('agent', store.merchant.id, agent.id, 3600)).token;
  });
  after(async () => {
    await smtp.close();
    await app.close();
  });

  it('sends each kind of mail, in the shopper\'s language, with both parts and one-click unsubscribe', async () => {
    // A saved product gets cheaper and comes back in stock.
    await changePrice(10_000, 0);
    for (const customer of ['ana', 'bob']) {
      const token = await store.sessionFor(customer);
      await ok(store.asShopper(token, '/v1/me/wishlist/items/p-1', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ alerts: { priceDrop: true, backInStock: true } }) }));
    }
    await changePrice(8_000, 5);
    // Points that will expire, a code, a purchase on the card, an agent's two replies the shopper does not read.
    for (const customer of ['ana', 'bob']) {
      await ok(store.asMerchant(`/v1/customers/${customer}/points/corrections`, { method: 'POST', body: JSON.stringify({ id: `bono-${customer}`, amount: 3_000, note: 'Bienvenida' }) }), 201);
    }
    await ok(put('/v1/rewards/r-1', { name: { es: 'Vale de $5.000', en: '$5,000 voucher' }, description: 'Vale', cost: 1_000 }));
    await redeem('ana', 'canje-1');
    await ok(put('/v1/customers/ana/card', { creditLimit: 1_000_000 }));
    await ok(store.asMerchant('/v1/orders', { method: 'POST', body: JSON.stringify({ id: 'o-1', customerId: 'ana', currency: 'CLP', lines: [{ productId: 'p-1', quantity: 1, unitPrice: 120_000 }], total: 120_000, payment: { method: 'store-card', installments: 3 } }) }), 201);
    const bob = await store.sessionFor('bob');
    const started = await json(await ok(store.asShopper(bob, '/v1/me/conversations', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ clientId: 'consulta-1', subject: 'Talla', message: { clientId: 'mensaje-1', body: 'Do you have it in L?' } }) }), 201));
    for (const [clientId, body] of [['respuesta-1', 'Yes, we do.'], ['respuesta-2', 'Shall I keep one for you?']]) {
      await ok(app.request(`/v1/agent/conversations/${started.id}/messages`, { method: 'POST', headers: { authorization: `Bearer ${agentToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ clientId, body }) }), 201);
    }
    // A reply is not mailed at once: the shopper may still read it in the chat.
    await sendAll();
    assert.equal(smtp.caught.filter((mail) => kindOf(mail) === 'chat-reply').length, 0);

    // 21 March, 04:00 UTC: Ana's birthday was yesterday, the card's cycle closed an hour ago, the points expire in six days.
    clock.advance(Date.parse('2027-03-21T04:00:00Z') - clock().getTime());
    await settleDueLedgers({ db: app.deps.db, clock, merchantById: (id) => app.deps.directory.byId(id) });
    await remindExpiringPoints({ db: app.deps.db, clock, merchantById: (id) => app.deps.directory.byId(id) });
    await closeDueStatementsOfAll({ db: app.deps.db, clock }, (id) => app.deps.directory.byId(id));
    await sendAll();

    const kinds = (address: string) => mailsTo(address).map(kindOf).sort();
    assert.deepEqual(kinds('ana@example.com'), ['back-in-stock', 'birthday', 'points-expiring', 'price-drop', 'redemption-code', 'statement-closed']);
    assert.deepEqual(kinds('bob@example.com'), ['back-in-stock', 'chat-reply', 'points-expiring', 'price-drop']);
    for (const mail of smtp.caught) {
      assert.match(mail.headers.get('list-unsubscribe') ?? '', /^<http:\/\/localhost:8787\/mail\/unsubscribe\/[^>]+>$/);
      assert.equal(mail.headers.get('list-unsubscribe-post'), 'List-Unsubscribe=One-Click');
      assert.match(mail.headers.get('from') ?? '', /Tienda Sur.*tienda@clientela\.test/);
      assert.ok(mail.text.length > 0 && mail.html.length > 0, 'both parts');
      const lang = mailsTo('ana@example.com').includes(mail) ? 'es' : 'en';
      assert.match(mail.html, new RegExp(`<html lang="${lang}">`));
      assert.match(mail.html, /<h1 /);
    }
    const of = (address: string, kind: string) => mailsTo(address).find((mail) => kindOf(mail) === kind)!;
    const drop = of('ana@example.com', 'price-drop');
    assert.match(drop.headers.get('subject') ?? '', /Baj/);
    assert.match(drop.html, /Chaqueta &lt;Andes&gt; &amp; más/, 'the product name is escaped');
    assert.match(drop.html, /href="https:\/\/shop\.example\/products\/p-1"/);
    assert.match(drop.text, /Antes: \$10\.000\n/);
    assert.match(drop.text, /Ahora: \$8\.000\n/);
    assert.match(of('bob@example.com', 'price-drop').text, /Was: CLP\s?10,000\nNow: CLP\s?8,000/);
    const statement = of('ana@example.com', 'statement-closed');
    assert.match(statement.text, /Monto facturado: \$\d/);
    assert.match(statement.text, /Pago mínimo: \$\d/);
    assert.match(statement.text, /Pagar hasta: 30 de marzo de 2027/);
    assert.match(statement.text, /https:\/\/shop\.example\/estado-de-cuenta/);
    const code = of('ana@example.com', 'redemption-code');
    assert.match(code.text, /Vale de \$5\.000/);
    assert.match(code.text, /Código: [2-9A-Z]{4}-[2-9A-Z]{4}/);
    assert.match(of('ana@example.com', 'birthday').text, /500 puntos/);
    // What is left of the bonus (2,000) and the purchase's 1,200 points expire at the same instant: one lot, one reminder.
    assert.match(of('ana@example.com', 'points-expiring').text, /3\.200 puntos .* 27 de marzo de 2027/);
    assert.match(of('bob@example.com', 'points-expiring').text, /3,000 points .* March 27, 2027/);
    const reply = of('bob@example.com', 'chat-reply');
    assert.match(reply.text, /Our team left you 2 messages/);
    assert.match(reply.text, /> Yes, we do\.\n[\s\S]*> Shall I keep one for you\?/);
    assert.match(reply.text, new RegExp(`https://shop\\.example/ayuda\\?c=${started.id}`));
    // Transactional mail says so; marketing mail does not.
    assert.match(statement.text, /aviso sobre tu cuenta/);
    assert.doesNotMatch(drop.text, /aviso sobre tu cuenta/);

    // Each went out once: the jobs and the sender again change nothing.
    const count = smtp.caught.length;
    await settleDueLedgers({ db: app.deps.db, clock, merchantById: (id) => app.deps.directory.byId(id) });
    await remindExpiringPoints({ db: app.deps.db, clock, merchantById: (id) => app.deps.directory.byId(id) });
    await sendAll();
    assert.equal(smtp.caught.length, count);

    const listed = await json(await ok(store.asMerchant('/v1/email-deliveries?status=sent&limit=4')));
    assert.equal(listed.items.length, 4);
    const rest = await json(await ok(store.asMerchant(`/v1/email-deliveries?status=sent&limit=100&after=${listed.nextCursor}`)));
    assert.equal(listed.items.length + rest.items.length, count);
    assert.equal(rest.nextCursor, null);
  });

  it('stops marketing mail after a one-click unsubscribe and keeps sending transactional mail', async () => {
    const link = new URL(/^<([^>]+)>$/.exec(mailsTo('ana@example.com')[0]!.headers.get('list-unsubscribe')!)![1]!);
    // Opening the link asks first: a scanner that follows it unsubscribes no one.
    const page = await ok(app.request(link.pathname));
    assert.match(await page.text(), /¿Dejar de recibir correos de promociones de Tienda Sur\?/);
    assert.equal((await json(await store.asMerchant('/v1/customers/ana/consents'))).items.find((item: { purpose: string }) => item.purpose === 'marketing-email').granted, true);
    // A forged link does nothing.
    await ok(app.request(`${link.pathname.replace(/.$/, (last) => (last === 'A' ? 'B' : 'A'))}`, { method: 'POST' }), 404);

    await ok(app.request(link.pathname, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' }));
    const consents = await json(await store.asMerchant('/v1/customers/ana/consents'));
    assert.equal(consents.items.find((item: { purpose: string }) => item.purpose === 'marketing-email').granted, false);

    const before = smtp.caught.length;
    await changePrice(6_000, 5);
    await redeem('ana', 'canje-2');
    await sendAll();
    const sent = smtp.caught.slice(before);
    assert.deepEqual(sent.filter((mail) => mail.headers.get('to')?.includes('ana@')).map(kindOf), ['redemption-code']);
    assert.deepEqual(sent.filter((mail) => mail.headers.get('to')?.includes('bob@')).map(kindOf), ['price-drop']);
    const skipped = await json(await store.asMerchant('/v1/email-deliveries?status=skipped&kind=price-drop'));
    assert.equal(skipped.items[0].customerId, 'ana');
    assert.equal(skipped.items[0].reason, 'suppressed: unsubscribed');
  });

  it('loses nothing and sends nothing twice when the SMTP server goes away mid-batch', async () => {
    const shoppers = ['c-1', 'c-2', 'c-3', 'c-4', 'c-5'];
    for (const id of shoppers) {
      await store.putCustomer(id, { firstName: id, email: `${id}@example.com` });
      await ok(store.asMerchant(`/v1/customers/${id}/points/corrections`, { method: 'POST', body: JSON.stringify({ id: `bono-${id}`, amount: 1_000, note: 'Bono' }) }), 201);
      await redeem(id, `canje-${id}`);
    }
    const dying = await startSmtpCatcher({ acceptOnly: 2 });
    const toDying = senderFor(dying.url);
    await toDying.tick();
    assert.equal(dying.caught.length, 2);
    assert.ok(dying.gone);
    const waiting = await json(await store.asMerchant('/v1/email-deliveries?status=pending'));
    assert.equal(waiting.items.length, 3);
    // Another round while it is down tries once and hands the rest back.
    clock.advance(day);
    await toDying.tick();
    assert.equal((await json(await store.asMerchant('/v1/email-deliveries?status=pending'))).items.length, 3);

    const back = await startSmtpCatcher({ port: dying.port });
    clock.advance(day);
    await sendAll(toDying);
    const messageIds = [...dying.caught, ...back.caught].map((mail) => mail.headers.get('message-id'));
    assert.equal(messageIds.length, 5);
    assert.equal(new Set(messageIds).size, 5);
    assert.deepEqual([...dying.caught, ...back.caught].map((mail) => /(c-\d)@/.exec(mail.headers.get('to') ?? '')?.[1]).sort(), shoppers);
    await back.close();
  });

  it('suppresses an address the SMTP server refuses for good, and sends an erased customer nothing', async () => {
    const refusing = await startSmtpCatcher({ refuse: (address) => address === 'gone@example.com' });
    const toRefusing = senderFor(refusing.url);
    await store.putCustomer('gone', { firstName: 'Gone', email: 'gone@example.com' });
    await store.putCustomer('erased', { firstName: 'Eva', email: 'eva@example.com' });
    for (const id of ['gone', 'erased']) {
      await ok(store.asMerchant(`/v1/customers/${id}/points/corrections`, { method: 'POST', body: JSON.stringify({ id: `bono-${id}`, amount: 2_000, note: 'Bono' }) }), 201);
      await redeem(id, `canje-${id}-1`);
    }
    await ok(store.asMerchant('/v1/customers/erased/erase', { method: 'POST' }));
    await sendAll(toRefusing);
    assert.equal(refusing.caught.length, 0);
    const failed = await json(await store.asMerchant('/v1/email-deliveries?status=failed'));
    assert.equal(failed.items[0].customerId, 'gone');
    assert.match(failed.items[0].reason, /^bounced: .*550/);
    const erased = (await json(await store.asMerchant('/v1/email-deliveries?status=skipped&kind=redemption-code'))).items.find((item: { customerId: string }) => item.customerId === 'erased');
    assert.equal(erased.reason, 'erased');
    assert.equal(erased.to, null);

    await redeem('gone', 'canje-gone-2');
    await sendAll(toRefusing);
    const skipped = (await json(await store.asMerchant('/v1/email-deliveries?kind=redemption-code&limit=1'))).items[0];
    assert.deepEqual([skipped.customerId, skipped.status, skipped.reason], ['gone', 'skipped', 'suppressed: bounced']);
    await refusing.close();
  });

  it('shows a store only its own mail, and refuses bad settings and cursors without changing anything', async () => {
    const other = await createTestMerchant(app);
    assert.deepEqual((await json(await ok(other.asMerchant('/v1/email-deliveries')))).items, []);
    const bad = await other.asMerchant('/v1/email-settings', { method: 'PUT', body: JSON.stringify({ productUrlPattern: 'javascript:alert(1)', storeUrl: null, statementUrl: null, chatUrl: null, pointsUrl: null, preferencesUrl: null, pointsExpiryNoticeDays: 7, brandColor: 'red' }) });
    assert.equal(bad.status, 400);
    const problem = await json(bad);
    assert.deepEqual(problem.errors.map((error: { field: string }) => error.field).sort(), ['brandColor', 'productUrlPattern']);
    assert.equal((await json(await other.asMerchant('/v1/email-settings'))).brandColor, '#0f5f5c');
    assert.equal((await other.asMerchant('/v1/email-deliveries?after=bm90LWEtY3Vyc29y')).status, 400);
  });
});
