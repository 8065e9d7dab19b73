import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createTestApp, createTestMerchant, json, listen, manualClock, type TestApp, type TestMerchant } from '@clientela/server/testing';
import { Hono } from 'hono';
import { generateSignedCookie } from 'hono/cookie';
import { demoStore } from './demo-store.ts';
import { demoMerchant } from './seed.ts';

/**
 * The demo merchant's backend, which merchants copy: who is signed in lives in
 * a cookie only the store can have written, and only the store's own pages can
 * sign someone in or out or take a payment.
 */
describe('the demo store backend', () => {
  const clock = manualClock('2026-11-20T15:00:00Z');
  let app: TestApp;
  let api: Awaited<ReturnType<typeof listen>>;
  let merchant: TestMerchant;
  let site: Hono;
  let pagesDir: string;

  /** What Chromium sends with a fetch from the store's own page. */
  const fromTheStorePage = { origin: 'http://localhost', 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' };
  const call = (target: string, init: { method?: string; headers?: Record<string, string>; body?: unknown; cookie?: string; scheme?: string } = {}) =>
    site.request(`${init.scheme ?? 'http'}://localhost${target}`, {
      method: init.method ?? 'GET',
      headers: { ...init.headers, ...(init.cookie ? { cookie: init.cookie } : {}) },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
  /** The cookie a response set, as the browser sends it back. */
  const cookieFrom = (response: Response) => response.headers.get('set-cookie')?.split(';')[0] ?? '';
  const signIn = async (customerId: string, headers: Record<string, string> = fromTheStorePage, scheme?: string) =>
    call('/demo/api/sign-in', { method: 'POST', headers, body: { customerId }, ...(scheme ? { scheme } : {}) });
  const signedIn = async (cookie: string) => (await json(await call('/demo/api/shoppers', { cookie }))).signedIn;
  const payments = async () => (await app.deps.db.selectFrom('cardMovements').select('reference').where('kind', '=', 'payment').execute()).length;

  before(async () => {
    app = await createTestApp({ clock });
    api = await listen(app);
    merchant = await createTestMerchant(app, { keys: demoMerchant, name: demoMerchant.name, origins: ['http://localhost'] });
    await merchant.putCustomer('cli-0001', { firstName: 'Ana', lastName: 'Torres' });
    await merchant.putCustomer('cli-0002', { firstName: 'Emma', lastName: 'Clarke' });
    await merchant.asMerchant('/v1/customers/cli-0001/card', { method: 'PUT', body: JSON.stringify({ creditLimit: 1_000_000 }) });
    await merchant.asMerchant('/v1/products/p-1', { method: 'PUT', body: JSON.stringify({ name: 'Freidora', price: 50_000, stock: 5 }) });
    const bought = await merchant.asMerchant('/v1/orders', {
      method: 'POST',
      body: JSON.stringify({ id: 'o-1', customerId: 'cli-0001', currency: 'CLP', lines: [{ productId: 'p-1', quantity: 1, unitPrice: 50_000 }], total: 50_000, payment: { method: 'store-card', installments: 1 } }),
    });
    assert.equal(bought.status, 201);
    pagesDir = await mkdtemp(path.join(os.tmpdir(), 'clientela-demo-'));
    site = new Hono();
    site.route('/', demoStore({ apiUrl: () => api.url, pagesDir, tokenSecret: randomBytes(32), clock }));
  });
  after(async () => {
    await api?.close();
    await app?.close();
    await rm(pagesDir, { recursive: true, force: true });
  });

  test('sign in, get a session, pay the card and sign out from the store page', async () => {
    const response = await signIn('cli-0001');
    assert.equal(response.status, 204);
    const setCookie = response.headers.get('set-cookie') ?? '';
    assert.match(setCookie, /^aurora_shopper=/);
    assert.match(setCookie, /; HttpOnly/);
    assert.match(setCookie, /; SameSite=Lax/);
    assert.doesNotMatch(setCookie, /; Secure/, 'a cookie set over plain HTTP cannot be Secure');
    assert.doesNotMatch(decodeURIComponent(cookieFrom(response)), /^aurora_shopper=cli-0001$/, 'the cookie is not the bare customer id');
    const cookie = cookieFrom(response);
    assert.equal(await signedIn(cookie), 'cli-0001');

    const session = await call('/demo/api/session', { cookie });
    assert.equal(session.status, 200);
    assert.ok((await json(session)).token);
    const paid = await call('/demo/api/card-payments', { method: 'POST', headers: fromTheStorePage, cookie, body: { period: '2026-11', amount: 20_000, currency: 'CLP' } });
    assert.equal(paid.status, 201, await paid.clone().text());
    assert.equal(await payments(), 1);
    const tooMuch = await call('/demo/api/card-payments', { method: 'POST', headers: fromTheStorePage, cookie, body: { period: '2026-11', amount: 900_000, currency: 'CLP' } });
    assert.equal(tooMuch.status, 409, 'the API refused more than is owed, and the store says so');
    assert.match((await json(tooMuch)).error, /owes/);

    const out = await call('/demo/api/sign-out', { method: 'POST', headers: { origin: 'http://localhost', 'sec-fetch-site': 'same-origin' }, cookie });
    assert.equal(out.status, 204);
    assert.match(out.headers.get('set-cookie') ?? '', /^aurora_shopper=; Max-Age=0/);
  });

  test('over HTTPS, or behind a proxy that says the visitor came over HTTPS, the cookie is Secure', async () => {
    assert.match((await signIn('cli-0001', fromTheStorePage, 'https')).headers.get('set-cookie') ?? '', /; Secure/);
    assert.match((await signIn('cli-0001', { ...fromTheStorePage, 'x-forwarded-proto': 'https' })).headers.get('set-cookie') ?? '', /; Secure/);
  });

  test('a cookie the store did not write, or one it wrote for someone else, or one past its time, signs nobody in', async () => {
    const genuine = decodeURIComponent(cookieFrom(await signIn('cli-0001')).slice('aurora_shopper='.length));
    const value = genuine.slice(0, genuine.lastIndexOf('.'));
    const signature = genuine.slice(genuine.lastIndexOf('.') + 1);
    const forgedWithAnotherKey = (await generateSignedCookie('aurora_shopper', value.replace('cli-0001', 'cli-0002'), randomBytes(32))).split(';')[0]!;
    const forged = [
      'aurora_shopper=cli-0002',
      `aurora_shopper=${encodeURIComponent(`${value.replace('cli-0001', 'cli-0002')}.${signature}`)}`,
      forgedWithAnotherKey,
      `aurora_shopper=${encodeURIComponent(`${value}.${signature.slice(0, -2)}AA`)}`,
    ];
    for (const cookie of forged) {
      assert.equal(await signedIn(cookie), null, cookie);
      assert.equal((await call('/demo/api/session', { cookie })).status, 204, `${cookie}: no session`);
      const paid = await call('/demo/api/card-payments', { method: 'POST', headers: fromTheStorePage, cookie, body: { period: '2026-11', amount: 1_000, currency: 'CLP' } });
      assert.equal(paid.status, 401, `${cookie}: no payment`);
    }
    const cookie = `aurora_shopper=${encodeURIComponent(genuine)}`;
    assert.equal(await signedIn(cookie), 'cli-0001');
    clock.advance(13 * 3_600_000);
    assert.equal(await signedIn(cookie), null, 'a sign-in lasts twelve hours');
  });

  test('a call from another site is refused with 403 and changes nothing', async () => {
    const cookie = cookieFrom(await signIn('cli-0001'));
    const before = await payments();
    const otherSites: Array<Record<string, string>> = [
      { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site', 'content-type': 'text/plain' },
      { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site', 'content-type': 'application/json' },
      // A sibling subdomain is the same site, not the same origin: SameSite cookies do not stop it.
      { origin: 'https://blog.localhost', 'sec-fetch-site': 'same-site', 'content-type': 'application/json' },
      // Browsers without Fetch Metadata still send Origin.
      { origin: 'https://evil.example', 'content-type': 'application/json' },
      { origin: 'null', 'content-type': 'text/plain' },
    ];
    for (const headers of otherSites) {
      const what = JSON.stringify(headers);
      const signInResponse = await signIn('cli-0002', headers);
      assert.equal(signInResponse.status, 403, `sign-in ${what}`);
      assert.equal(signInResponse.headers.get('set-cookie'), null, `sign-in ${what}: no cookie`);
      const paid = await call('/demo/api/card-payments', { method: 'POST', headers, cookie, body: { period: '2026-11', amount: 1_000, currency: 'CLP' } });
      assert.equal(paid.status, 403, `payment ${what}`);
      const out = await call('/demo/api/sign-out', { method: 'POST', headers, cookie });
      assert.equal(out.status, 403, `sign-out ${what}`);
      assert.equal(out.headers.get('set-cookie'), null, `sign-out ${what}: the cookie stays`);
    }
    assert.equal(await payments(), before, 'no payment was taken');
    assert.equal(await signedIn(cookie), 'cli-0001');
    const asForm = await signIn('cli-0002', { origin: 'http://localhost', 'sec-fetch-site': 'same-origin', 'content-type': 'text/plain' });
    assert.equal(asForm.status, 400, 'a body that is not JSON is not read as JSON');
    // Neither header: not a browser page (a script, a test, the store's own tools), which no other site can make send the visitor's cookie.
    assert.equal((await signIn('cli-0002', { 'content-type': 'application/json' })).status, 204);
  });
});
