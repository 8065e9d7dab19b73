import assert from 'node:assert/strict';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { emailKinds, type CatalogProduct, type Wishlist } from '@clientela/contract';
import { startSmtpCatcher, type CaughtMail } from '../../packages/server/src/testing/smtp-catcher.ts';
import { repositoryRoot } from '../support/child-process.ts';
import { asDemoShopper, demoBackend, demoSession } from '../support/demo-session.ts';
import { startClientela, temporaryDirectory, type RunningClientela } from './harness.ts';

const day = 86_400_000;
/** When the demo is seeded: a Monday afternoon in Santiago, the same on any day the suite runs. */
const seededAt = new Date('2026-12-07T15:00:00-03:00');

/** Waits for `condition` to hold, checking every half second. */
async function until(condition: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/**
 * `clientela serve --demo` with SMTP_URL at a real SMTP server in this
 * process: the demo's first start, a restock, a chat reply and then the same
 * store started again two weeks on (the server's clock moved with
 * `test/support/shifted-clock.mjs`) send every kind of mail there.
 */
describe('the demo sends each kind of mail over SMTP_URL', () => {
  let server: RunningClientela | undefined;
  let smtp: Awaited<ReturnType<typeof startSmtpCatcher>> | undefined;
  let dataDir: Awaited<ReturnType<typeof temporaryDirectory>> | undefined;
  after(async () => {
    await server?.stop();
    await smtp?.close();
    await dataDir?.remove();
  });

  test('price drop, restock, redemption code, chat reply, closed statement, expiring points and birthday, each with one-click unsubscribe', async () => {
    smtp = await startSmtpCatcher();
    dataDir = await temporaryDirectory();
    const start = (at: Date) =>
      startClientela(dataDir!.path, {
        SMTP_URL: smtp!.url,
        MAIL_FROM: 'tienda@aurora.example',
        NODE_OPTIONS: `--import ${path.join(repositoryRoot, 'test/support/shifted-clock.mjs')}`,
        SHIFTED_CLOCK_START: at.toISOString(),
        LOG_LEVEL: 'warn',
      });
    const kinds = () => new Set(smtp!.caught.map((mail) => mail.headers.get('x-clientela-kind')));

    // The first start marks down a product Ana saved and redeems a reward for her.
    server = await start(seededAt);
    await until(() => kinds().has('price-drop') && kinds().has('redemption-code'), 'the first start mails the price drop and the code');

    // Her sold-out espresso machine comes back.
    const ana = await demoSession(server.url, 'cli-0001');
    const wishlist = (await (await fetch(`${server.url}/v1/me/wishlist`, { headers: asDemoShopper(ana) })).json()) as Wishlist;
    const soldOut = wishlist.items.find((item) => item.product.stock === 0 && item.alerts.backInStock);
    assert.ok(soldOut, 'Ana waits for a product to come back');
    let product: CatalogProduct | undefined;
    for (let after = ''; !product; ) {
      const page = (await (await fetch(`${server.url}/v1/products?limit=100${after && `&after=${after}`}`, { headers: demoBackend })).json()) as { items: CatalogProduct[]; nextCursor: string | null };
      product = page.items.find((item) => item.id === soldOut.product.id);
      if (!page.nextCursor) break;
      after = page.nextCursor;
    }
    assert.ok(product);
    const { id, price, stock: _stock, ...rest } = product;
    const restocked = await fetch(`${server.url}/v1/products/${id}`, { method: 'PUT', headers: demoBackend, body: JSON.stringify({ ...rest, price: price.amount, stock: 12 }) });
    assert.equal(restocked.status, 200, await restocked.text());

    // She asks something and leaves; the agent answers.
    const started = await fetch(`${server.url}/v1/me/conversations`, {
      method: 'POST',
      headers: { ...asDemoShopper(ana), 'content-type': 'application/json' },
      body: JSON.stringify({ clientId: 'mail-test-1', subject: 'Mi pedido', message: { clientId: 'mail-test-1-m1', body: '¿Cuándo llega mi pedido?' } }),
    });
    assert.equal(started.status, 201, await started.clone().text());
    const { id: conversationId } = (await started.json()) as { id: string };
    const login = await fetch(`${server.url}/v1/agent/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-publishable-key': 'pk_test_demo' },
      body: JSON.stringify({ email: 'agente@demo.clientela.dev', password: 'demo-agente' }),
    });
    const { token: agent } = (await login.json()) as { token: string };
    const reply = await fetch(`${server.url}/v1/agent/conversations/${conversationId}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${agent}`, 'content-type': 'application/json' },
      body: JSON.stringify({ clientId: 'mail-test-agent-1', body: 'Llega el jueves.' }),
    });
    assert.equal(reply.status, 201, await reply.text());
    await until(() => kinds().has('back-in-stock'), 'the restock is mailed');
    await server.stop();

    // Two weeks on, the afternoon after the card's cycle closed on the 20th: the statement is new, points near their end,
    // birthdays have come, and the reply has waited long enough (mail about what is days old is not sent).
    server = await start(new Date(seededAt.getTime() + 14 * day));
    await until(() => emailKinds.every((kind) => kinds().has(kind)), `every kind of mail (so far ${[...kinds()].join(', ')})`, 90_000);

    const byKind = new Map<string, CaughtMail>(smtp.caught.map((mail) => [mail.headers.get('x-clientela-kind')!, mail]));
    for (const kind of emailKinds) {
      const mail = byKind.get(kind)!;
      assert.match(mail.headers.get('list-unsubscribe') ?? '', /^<https?:\/\/[^>]+>/, `${kind}: a one-click unsubscribe link`);
      assert.equal(mail.headers.get('list-unsubscribe-post'), 'List-Unsubscribe=One-Click', kind);
      assert.match(mail.headers.get('from') ?? '', /tienda@aurora\.example/, kind);
      assert.ok(mail.text.length > 40 && mail.html.includes('<html'), `${kind}: a text and an HTML part`);
      assert.match(mail.html, /<html[^>]* lang="(es|en)"/, `${kind}: in the shopper's language`);
      assert.equal(mail.headers.get('x-clientela-kind'), kind);
    }
    const chat = byKind.get('chat-reply')!;
    assert.match(chat.text, /Llega el jueves\./);
    assert.equal(smtp.caught.filter((mail) => mail.headers.get('x-clientela-kind') === 'chat-reply').length, 1, 'the reply is mailed once');
  });
});
