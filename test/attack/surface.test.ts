import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  asBackend,
  asPage,
  assertNoServerErrors,
  assertProblem,
  demo,
  openStream,
  owedBy,
  putCustomer,
  send,
  shopperToken,
  targetForSuite,
  type Answer,
  type Target,
} from './target.ts';

/**
 * What a browser and a hostile page see: the headers of every kind of answer,
 * CORS for pages of other origins, the secret key sent from a page, other
 * stores' objects, and the demo store's own sign-in cookie and forms.
 */

const suite = targetForSuite({ otherStore: true });
const evil = 'https://evil.example';

type Headers = Answer['headers'];

/** What every answer carries, whatever served it. */
function assertEveryAnswer(headers: Headers, what: string) {
  assert.equal(headers['x-content-type-options'], 'nosniff', `${what}: nosniff`);
  assert.ok(headers['referrer-policy'], `${what}: Referrer-Policy`);
  assert.match(String(headers['strict-transport-security']), /max-age=(\d+)/, `${what}: HSTS`);
  assert.ok(Number(/max-age=(\d+)/.exec(String(headers['strict-transport-security']))![1]) >= 31_536_000, `${what}: HSTS for a year at least`);
}

/** An API answer: data that no page may frame, embed or run. */
function assertApiAnswer(headers: Headers, what: string) {
  assertEveryAnswer(headers, what);
  assert.equal(headers['referrer-policy'], 'no-referrer', what);
  assert.equal(headers['x-frame-options'], 'DENY', `${what}: X-Frame-Options`);
  assert.equal(headers['cross-origin-resource-policy'], 'same-origin', `${what}: CORP`);
  assert.match(String(headers['content-security-policy']), /default-src 'none'/, `${what}: CSP`);
  assert.match(String(headers['content-security-policy']), /frame-ancestors 'none'/, `${what}: CSP frame-ancestors`);
}

/** A demo page: a strict CSP with no inline script or style, not framable. */
function assertDemoPage(headers: Headers, what: string) {
  assertEveryAnswer(headers, what);
  const csp = String(headers['content-security-policy']);
  assert.match(csp, /script-src 'self'/, `${what}: CSP script-src`);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/, `${what}: no unsafe-inline, unsafe-eval or wildcard`);
  assert.match(csp, /frame-ancestors 'none'/, `${what}: CSP frame-ancestors`);
  assert.match(csp, /object-src 'none'/, `${what}: CSP object-src`);
  assert.equal(headers['x-frame-options'], 'DENY', `${what}: X-Frame-Options`);
  assert.equal(headers['cross-origin-resource-policy'], 'same-origin', `${what}: CORP`);
}

describe('security headers on every answer', () => {
  let target: Target;
  before(() => {
    target = suite.current;
  });

  test('API answers carry them: data, errors of every kind, 404s, the OpenAPI document, streams, files, preflights', async () => {
    const token = await shopperToken(target, 'cli-0001');
    const statements = (await send(target, 'GET', '/v1/me/statements', { headers: asPage(token) })).json().statements as Array<{ period: string }>;
    const answers: Array<[string, Answer]> = [
      ['health', await send(target, 'GET', '/v1/health')],
      ['the shopper\'s data', await send(target, 'GET', '/v1/me', { headers: asPage(token) })],
      ['401', await send(target, 'GET', '/v1/me')],
      ['400', await send(target, 'GET', '/v1/me/statements/2026-13', { headers: asPage(token) })],
      ['403 (a page with the secret key)', await send(target, 'GET', '/v1/segments', { headers: { ...asBackend(), origin: target.origin } })],
      ['404 of an object', await send(target, 'GET', '/v1/customers/nadie', { headers: asBackend() })],
      ['404 under /v1', await send(target, 'GET', '/v1/no-existe')],
      ['413', await send(target, 'PUT', '/v1/customers/x1', { headers: asBackend(), body: 'x'.repeat(1024 * 1024 + 1) })],
      ['415', await send(target, 'POST', '/v1/sessions', { headers: { ...asBackend(), 'content-type': 'text/plain' }, body: '{}' })],
      ['the OpenAPI document', await send(target, 'GET', '/v1/openapi.json')],
      ['preflight from an allowed origin', await send(target, 'OPTIONS', '/v1/me', { headers: { origin: target.origin, 'access-control-request-method': 'GET' } })],
      ['preflight from another origin', await send(target, 'OPTIONS', '/v1/me', { headers: { origin: evil, 'access-control-request-method': 'GET' } })],
    ];
    if (statements[0]) {
      answers.push(['a CSV export', await send(target, 'GET', `/v1/me/statements/${statements[0].period}/export?format=csv`, { headers: asPage(token) })]);
    }
    for (const [what, answer] of answers) {
      assert.ok(answer.status < 500, `${what}: ${answer.status}`);
      assertApiAnswer(answer.headers, `${what} (${answer.status})`);
    }
    // Outside /v1 the demo store answers what it does not serve, under its own page headers.
    const outside = await send(target, 'GET', '/no-existe/en-absoluto');
    assert.equal(outside.status, 404);
    assertEveryAnswer(outside.headers, 'a 404 outside the API');
    assert.equal(outside.headers['x-frame-options'], 'DENY');
    assert.equal(outside.headers['cross-origin-resource-policy'], 'same-origin');
    assert.match(String(outside.headers['content-security-policy']), /frame-ancestors 'none'/);
    // A stream's answer, and a refused stream's.
    const streams = [];
    for (let index = 0; index < 6; index++) streams.push(await openStream(target, '/v1/me/events', asPage(token)));
    assertApiAnswer(streams[0]!.headers, 'an event stream');
    assert.equal(streams[5]!.status, 429);
    assertApiAnswer(streams[5]!.headers, 'a refused event stream (429)');
    streams.forEach((stream) => stream.close());
  });

  test('widget bundles carry them, with CORP cross-origin so merchants\' pages may load them', async () => {
    const loader = await send(target, 'GET', '/widgets/clientela.js');
    assert.equal(loader.status, 200);
    const modules = [...new Set([...loader.text.matchAll(/\.\/([\w-]+\.js)/g)].map((match) => match[1]!))];
    assert.ok(modules.length >= 5, `the loader names the widgets: ${modules.join(', ')}`);
    const answers: Array<[string, Answer]> = [['/widgets/clientela.js', loader]];
    for (const module of modules) answers.push([`/widgets/${module}`, await send(target, 'GET', `/widgets/${module}`)]);
    const chunk = /\.\/(chunks\/[\w-]+\.js)/.exec(answers.map(([, answer]) => answer.text).join('\n'))?.[1];
    if (chunk) answers.push([`/widgets/${chunk}`, await send(target, 'GET', `/widgets/${chunk}`)]);
    for (const [what, answer] of answers) {
      assert.equal(answer.status, 200, what);
      assertEveryAnswer(answer.headers, what);
      assert.equal(answer.headers['cross-origin-resource-policy'], 'cross-origin', `${what}: CORP cross-origin`);
      assert.match(String(answer.headers['content-type']), /javascript/, what);
    }
    const missing = await send(target, 'GET', '/widgets/no-existe.js');
    assert.equal(missing.status, 404);
    assertEveryAnswer(missing.headers, 'a missing bundle');
    for (const path of ['/widgets/../../package.json', '/widgets/..%2f..%2fpackage.json', '/widgets/%2e%2e/%2e%2e/package.json', '/..%2f..%2fpackage.json', '/widgets/..%5c..%5cpackage.json']) {
      const traversal = await send(target, 'GET', path);
      assert.equal(traversal.status, 404, `${path}: no file outside the bundles`);
      assert.doesNotMatch(traversal.text, /"workspaces"|"devDependencies"/, path);
    }
  });

  test('every demo page, found by following the store\'s links, and its assets carry a strict CSP and the rest', async () => {
    const seen = new Set<string>();
    const pages = ['/', '/agent/'];
    const assets = new Set<string>();
    while (pages.length > 0) {
      const path = pages.shift()!;
      if (seen.has(path)) continue;
      seen.add(path);
      const page = await send(target, 'GET', path);
      assert.equal(page.status, 200, path);
      assertDemoPage(page.headers, path);
      assert.doesNotMatch(page.text, /<script(?![^>]*\bsrc=)[^>]*>/, `${path}: no inline script`);
      assert.doesNotMatch(page.text, /<style|\sstyle="/, `${path}: no inline style`);
      for (const [, href] of page.text.matchAll(/(?:href|src)="(\/[^"#?]*)"/g)) {
        if (href!.endsWith('/')) pages.push(href!);
        else assets.add(href!);
      }
    }
    assert.ok(seen.size >= 5, `demo pages: ${[...seen].join(', ')}`);
    for (const asset of [...assets].filter((path) => !path.startsWith('/widgets/'))) {
      const answer = await send(target, 'GET', asset);
      assert.equal(answer.status, 200, asset);
      assertDemoPage(answer.headers, asset);
    }
    const api = await send(target, 'GET', '/demo/api/shoppers');
    assertDemoPage(api.headers, '/demo/api/shoppers');
  });
});

describe('CORS and the secret key in browsers', () => {
  let target: Target;
  before(() => {
    target = suite.current;
  });

  test("a page reads answers only from the store's own origins; a refusal is readable from any origin but null, to say what to fix, and carries nothing of the shopper", async () => {
    const other = target.other!;
    const preflight = (origin: string) => send(target, 'OPTIONS', '/v1/rewards', { headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'x-publishable-key' } });
    const allowed = await preflight(target.origin);
    assert.equal(allowed.status, 204);
    assert.equal(allowed.headers['access-control-allow-origin'], target.origin);
    // A preflight carries no key and the API takes no cookies: answering one lends a page nothing; the request itself is what is held.
    for (const origin of [evil, `${target.origin}.evil.example`, other.origin]) assert.equal((await preflight(origin)).status, 204, `preflight from ${origin}`);
    const opaque = await preflight('null');
    assert.equal(opaque.status, 403);
    assert.equal(opaque.headers['access-control-allow-origin'], undefined);

    const rewards = (origin: string, publishableKey: string = demo.publishableKey) => send(target, 'GET', '/v1/rewards', { headers: { origin, 'x-publishable-key': publishableKey } });
    const own = await rewards(target.origin);
    assert.equal(own.status, 200);
    assert.equal(own.headers['access-control-allow-origin'], target.origin, 'the exact origin, never *');
    assert.match(String(own.headers.vary), /Origin/);
    for (const origin of [evil, 'null', other.origin, target.origin.replace('http:', 'https:'), 'http://localhost']) {
      const refused = await rewards(origin);
      assertProblem(refused, 403, undefined, `the demo store's key from ${origin}`);
      assert.doesNotMatch(refused.text, /"items"|"pointsCost"/, `nothing of the store's rewards reaches ${origin}`);
      if (origin === 'null') assert.equal(refused.headers['access-control-allow-origin'], undefined, 'an opaque origin cannot read even the refusal');
      else {
        assert.equal(refused.headers['access-control-allow-origin'], origin, `${origin} can read why it was refused`);
        assert.match(refused.text, /is not allowed for .*Settings → Origins/);
      }
    }

    const token = await shopperToken(target, 'cli-0001');
    const stolen = await send(target, 'GET', '/v1/me', { headers: { ...asPage(token), origin: evil } });
    assertProblem(stolen, 403, undefined, 'a shopper token sent from another origin');
    assert.doesNotMatch(stolen.text, /firstName|cli-0001/);
    // A page of the store, or any page, can read why it was refused, to recover or to say what to fix.
    for (const origin of [target.origin, evil]) {
      const badToken = await send(target, 'GET', '/v1/me', { headers: { authorization: 'Bearer not-a-token', 'x-publishable-key': demo.publishableKey, origin } });
      assert.equal(badToken.status, 401);
      assert.equal(badToken.headers['access-control-allow-origin'], origin);
    }
  });

  test('the secret key is refused from any browser page on every operation that takes it, and changes nothing', async () => {
    const document = (await send(target, 'GET', '/v1/openapi.json')).json() as {
      paths: Record<string, Record<string, { security?: Array<Record<string, unknown>>; requestBody?: unknown }>>;
    };
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([, operation]) => operation.security?.some((scheme) => 'secretKey' in scheme))
        .map(([method, operation]) => ({ method: method.toUpperCase(), path: path.replace(/\{\w+\}/g, 'atk-origen'), hasBody: operation.requestBody !== undefined })),
    );
    assert.ok(operations.length >= 25, `secret-key operations: ${operations.length}`);
    for (const { method, path, hasBody } of operations) {
      for (const origin of [target.origin, 'null', evil]) {
        const answer = await send(target, method, path, {
          headers: { ...asBackend(), origin },
          ...(hasBody ? { body: { firstName: 'Desde', lastName: 'El navegador', locale: 'es', name: 'x', price: 1, stock: 1, category: 'x', creditLimit: 1 } } : {}),
        });
        assertProblem(answer, 403, undefined, `${method} ${path} from ${origin}`);
        assert.equal(answer.headers['access-control-allow-origin'], undefined, `${method} ${path}: no page can read it`);
      }
    }
    assertProblem(await send(target, 'GET', '/v1/customers/atk-origen', { headers: asBackend() }), 404, undefined, 'no customer was made from a page');
    assertProblem(await send(target, 'GET', '/v1/products/atk-origen', { headers: asBackend() }), 404, undefined, 'no product was made from a page');
  });
});

describe('other stores\' and shoppers\' objects', () => {
  let target: Target;
  before(() => {
    target = suite.current;
  });

  /** 404 for what exists elsewhere, exactly as for what never existed: an id cannot be probed. */
  function assertSameAsMissing(elsewhere: Answer, missing: Answer, what: string) {
    const a = assertProblem(elsewhere, 404, undefined, what);
    const b = assertProblem(missing, 404, undefined, `${what}, never existed`);
    assert.deepEqual([a.type, a.title], [b.type, b.title], what);
  }

  test('another store\'s secret key, and another shopper\'s token, get 404 for what exists, as for what does not', async () => {
    const other = target.other!;
    await putCustomer(target, 'atk-solo-demo');
    assertSameAsMissing(
      await send(target, 'GET', '/v1/customers/atk-solo-demo', { headers: asBackend(other.secretKey) }),
      await send(target, 'GET', '/v1/customers/atk-nunca', { headers: asBackend(other.secretKey) }),
      'a demo customer read with the other store\'s key',
    );
    assertSameAsMissing(
      await send(target, 'PUT', '/v1/customers/atk-solo-demo/card', { headers: asBackend(other.secretKey), body: { creditLimit: 1 } }),
      await send(target, 'PUT', '/v1/customers/atk-nunca/card', { headers: asBackend(other.secretKey), body: { creditLimit: 1 } }),
      'a card opened for a demo customer with the other store\'s key',
    );

    // A conversation of one shopper, asked for by another.
    const owner = await shopperToken(target, 'cli-0001');
    const started = await send(target, 'POST', '/v1/me/conversations', {
      headers: asPage(owner),
      body: { clientId: `ajena-${randomBytes(6).toString('hex')}`, message: { clientId: `ajena-${randomBytes(6).toString('hex')}`, body: 'Privado' } },
    });
    assert.equal(started.status, 201, started.text);
    const conversation = started.json().id as string;
    const intruder = await shopperToken(target, 'cli-0002');
    for (const [method, suffix, body] of [
      ['GET', '/messages', undefined],
      ['POST', '/messages', { clientId: `intruso-${randomBytes(6).toString('hex')}`, body: 'Hola' }],
      ['POST', '/read', { seq: 1 }],
      ['POST', '/rating', { score: 1 }],
      ['GET', '/events', undefined],
    ] as const) {
      assertSameAsMissing(
        await send(target, method, `/v1/me/conversations/${conversation}${suffix}`, { headers: asPage(intruder), ...(body ? { body } : {}) }),
        await send(target, method, `/v1/me/conversations/conv_nunca${suffix}`, { headers: asPage(intruder), ...(body ? { body } : {}) }),
        `another shopper's conversation: ${method} ${suffix}`,
      );
    }
    const messages = await send(target, 'GET', `/v1/me/conversations/${conversation}/messages`, { headers: asPage(owner) });
    assert.deepEqual(messages.json().items.map((message: { body: string }) => message.body), ['Privado'], 'the intruder wrote nothing');

    // Resuming one's own event stream from the very first event shows no other shopper's messages.
    const secret = `secreto-${randomBytes(6).toString('hex')}`;
    const written = await send(target, 'POST', `/v1/me/conversations/${conversation}/messages`, { headers: asPage(owner), body: { clientId: `sec-${randomBytes(6).toString('hex')}`, body: secret } });
    assert.equal(written.status, 201, written.text);
    const replay = await openStream(target, '/v1/me/events', { ...asPage(intruder), 'last-event-id': '0' });
    const ownReplay = await openStream(target, '/v1/me/events', { ...asPage(owner), 'last-event-id': '0' });
    assert.equal(replay.status, 200);
    for (let waited = 0; waited < 5_000 && !ownReplay.received().includes(secret); waited += 100) await sleep(100);
    assert.ok(ownReplay.received().includes(secret), 'control: the owner\'s replay carries the message');
    assert.ok(!replay.received().includes(secret) && !replay.received().includes(conversation), 'another shopper\'s replay from event 0 does not');
    replay.close();
    ownReplay.close();

    // A store's backend cannot write for another store's customer.
    const foreignOrder = await send(target, 'POST', '/v1/orders', {
      headers: asBackend(other.secretKey),
      body: { id: 'orden-ajena', customerId: 'atk-solo-demo', currency: 'CLP', lines: [{ productId: 'producto-ajeno', quantity: 1, unitPrice: 1 }], total: 1, payment: { method: 'other' } },
    });
    assert.ok(foreignOrder.status === 404 || foreignOrder.status === 400, `an order for another store's customer: ${foreignOrder.status} ${foreignOrder.text}`);
    assert.equal((await send(target, 'GET', '/v1/customers/atk-solo-demo', { headers: asBackend() })).json().spentToDate.amount, 0, 'the demo customer bought nothing');
    assertSameAsMissing(
      await send(target, 'DELETE', '/v1/customers/atk-solo-demo/sessions', { headers: asBackend(other.secretKey) }),
      await send(target, 'DELETE', '/v1/customers/atk-nunca/sessions', { headers: asBackend(other.secretKey) }),
      'ending the sessions of another store\'s customer',
    );

    // The other store's reward and product, from a demo shopper.
    assert.ok((await send(target, 'PUT', '/v1/rewards/premio-ajeno', { headers: asBackend(other.secretKey), body: { name: 'Ajeno', cost: 1 } })).status < 300);
    assert.ok((await send(target, 'PUT', '/v1/products/producto-ajeno', { headers: asBackend(other.secretKey), body: { name: 'Ajeno', price: 1, stock: 1, category: 'x' } })).status < 300);
    const redeem = (rewardId: string) => send(target, 'POST', '/v1/me/redemptions', { headers: { ...asPage(owner), 'idempotency-key': `ajeno-${randomBytes(6).toString('hex')}` }, body: { rewardId } });
    assertSameAsMissing(await redeem('premio-ajeno'), await redeem('premio-nunca'), 'another store\'s reward');
    assertSameAsMissing(
      await send(target, 'PUT', '/v1/me/wishlist/items/producto-ajeno', { headers: asPage(owner), body: {} }),
      await send(target, 'PUT', '/v1/me/wishlist/items/producto-nunca', { headers: asPage(owner), body: {} }),
      'another store\'s product',
    );
  });

  test('hostile strings come back as JSON data, never as a document a browser would run', async () => {
    const token = await shopperToken(target, 'cli-0001');
    const payload = '<img src=x onerror=alert(1)><script>alert(document.cookie)</script>';
    const started = await send(target, 'POST', '/v1/me/conversations', {
      headers: asPage(token),
      body: { clientId: `xss-${randomBytes(6).toString('hex')}`, subject: payload, message: { clientId: `xss-${randomBytes(6).toString('hex')}`, body: payload } },
    });
    assert.equal(started.status, 201, started.text);
    const read = await send(target, 'GET', `/v1/me/conversations/${started.json().id}/messages`, { headers: asPage(token) });
    assert.match(String(read.headers['content-type']), /^application\/json/);
    assert.equal(read.headers['x-content-type-options'], 'nosniff');
    assert.match(String(read.headers['content-security-policy']), /default-src 'none'/);
    assert.equal(read.json().items[0].body, payload, 'kept as the shopper wrote it, for the widgets to show as text');
  });
});

describe('the demo store\'s sign-in cookie and forms', () => {
  let target: Target;
  before(() => {
    target = suite.current;
  });

  const cookieOf = (answer: Answer) => {
    const header = ([] as string[]).concat(answer.headers['set-cookie'] ?? []).find((cookie) => cookie.startsWith('aurora_shopper='));
    assert.ok(header, `a sign-in cookie: ${JSON.stringify(answer.headers['set-cookie'])}`);
    return { header, value: header.split(';')[0]!.slice('aurora_shopper='.length) };
  };
  const sameOrigin = () => ({ origin: target.origin, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' });
  const signIn = async (customerId: string) => cookieOf(await send(target, 'POST', '/demo/api/sign-in', { headers: sameOrigin(), body: JSON.stringify({ customerId }) }));
  const session = (cookie: string) => send(target, 'GET', '/demo/api/session', { headers: { cookie: `aurora_shopper=${cookie}` } });
  const signedInAs = async (cookie: string) => (await send(target, 'GET', '/demo/api/shoppers', { headers: { cookie: `aurora_shopper=${cookie}` } })).json().signedIn as string | null;

  test('a genuine cookie is HttpOnly, SameSite, Secure over HTTPS, lasts 12 hours, and gets a session for its shopper', async () => {
    const { header, value } = await signIn('cli-0001');
    assert.match(header, /HttpOnly/i);
    assert.match(header, /SameSite=Lax/i);
    assert.match(header, /Max-Age=43200\b/i);
    const overHttps = await send(target, 'POST', '/demo/api/sign-in', { headers: { ...sameOrigin(), 'x-forwarded-proto': 'https' }, body: JSON.stringify({ customerId: 'cli-0001' }) });
    assert.match(cookieOf(overHttps).header, /;\s*Secure/i, 'Secure behind a proxy that ends TLS');
    const answer = await session(value);
    assert.equal(answer.status, 200, answer.text);
    const me = await send(target, 'GET', '/v1/me', { headers: asPage(answer.json().token) });
    assert.equal(me.json().id, 'cli-0001');
    assert.equal(await signedInAs(value), 'cli-0001');
  });

  test('a forged or edited cookie is signed out: no session, no payment, nobody signed in', async () => {
    const genuine = (await signIn('cli-0001')).value;
    const other = (await signIn('cli-0002')).value;
    const decoded = decodeURIComponent(genuine);
    const [content, signature] = [decoded.slice(0, decoded.lastIndexOf('.')), decoded.slice(decoded.lastIndexOf('.') + 1)];
    const [, until] = content.split('|');
    const otherSignature = decodeURIComponent(other).slice(decodeURIComponent(other).lastIndexOf('.') + 1);
    const sign = (value: string, key: string) => encodeURIComponent(`${value}.${createHmac('sha256', key).update(value).digest('base64')}`);
    const forged: Array<[string, string]> = [
      ['unsigned', encodeURIComponent(`cli-0002|${until}`)],
      ['the shopper edited, signature kept', encodeURIComponent(`cli-0002|${until}.${signature}`)],
      ['the time pushed out, signature kept', encodeURIComponent(`cli-0001|${Number(until) + 86_400 * 365}.${signature}`)],
      ['another cookie\'s signature', encodeURIComponent(`${content}.${otherSignature}`)],
      ['a truncated signature', encodeURIComponent(`${content}.${signature.slice(0, 20)}`)],
      ['an empty signature', encodeURIComponent(`${content}.`)],
      ['signed with a guessed key', sign(`cli-0002|${until}`, 'secret')],
      ['signed with the demo secret key', sign(`cli-0002|${until}`, demo.secretKey)],
      ['signed with the publishable key', sign(`cli-0002|${until}`, demo.publishableKey)],
      ['just a customer id', 'cli-0002'],
    ];
    for (const [why, cookie] of forged) {
      assert.equal((await session(cookie)).status, 204, `${why}: no session`);
      assert.equal(await signedInAs(cookie), null, `${why}: nobody signed in`);
      const pay = await send(target, 'POST', '/demo/api/card-payments', {
        headers: { ...sameOrigin(), cookie: `aurora_shopper=${cookie}` },
        body: JSON.stringify({ period: '2026-01', amount: 1000, currency: 'CLP' }),
      });
      assert.equal(pay.status, 401, `${why}: no payment`);
    }
    assert.equal((await session(genuine)).status, 200, 'control: the genuine cookie still works');
  });

  test('cross-site POSTs to the demo store\'s forms are 403 and do nothing; its own pages\' go through', async () => {
    const genuine = (await signIn('cli-0001')).value;
    const crossSite: Array<[string, Record<string, string>]> = [
      ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site', origin: evil }],
      ['Sec-Fetch-Site: same-site (a sibling subdomain)', { 'sec-fetch-site': 'same-site', origin: target.origin.replace('localhost', 'evil.localhost') }],
      ['Origin of another site, no Fetch Metadata', { origin: evil }],
      ['Origin null (a sandboxed frame), no Fetch Metadata', { origin: 'null' }],
      ['Origin of the same host on another port', { origin: 'http://localhost:1' }],
    ];
    const before = await owedBy(target, 'cli-0001').catch(() => undefined);
    for (const [why, headers] of crossSite) {
      for (const [path, body] of [
        ['/demo/api/sign-in', JSON.stringify({ customerId: 'cli-0002' })],
        ['/demo/api/sign-out', ''],
        ['/demo/api/card-payments', JSON.stringify({ period: '2026-01', amount: 1000, currency: 'CLP' })],
      ] as const) {
        for (const type of ['application/json', 'text/plain']) {
          const answer = await send(target, 'POST', path, { headers: { ...headers, 'content-type': type, cookie: `aurora_shopper=${genuine}` }, body });
          assert.equal(answer.status, 403, `${path} (${type}), ${why}: ${answer.status} ${answer.text}`);
          assert.equal(answer.headers['set-cookie'], undefined, `${path}, ${why}: no cookie set or cleared`);
        }
      }
    }
    assert.equal(await signedInAs(genuine), 'cli-0001', 'still signed in as themselves');
    assert.equal(await owedBy(target, 'cli-0001').catch(() => undefined), before, 'no payment was taken');
    // The store's own page: a same-origin form post signs in; a simple text/plain post is not a sign-in.
    assert.equal((await send(target, 'POST', '/demo/api/sign-in', { headers: sameOrigin(), body: JSON.stringify({ customerId: 'cli-0002' }) })).status, 204);
    const plain = await send(target, 'POST', '/demo/api/sign-in', { headers: { ...sameOrigin(), 'content-type': 'text/plain' }, body: JSON.stringify({ customerId: 'cli-0002' }) });
    assert.equal(plain.status, 400);
  });

  test('no attack in this file got a 5xx', () => {
    assertNoServerErrors(target);
  });
});
