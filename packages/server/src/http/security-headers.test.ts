import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Hono } from 'hono';
import { createApp } from '../app.ts';
import type { DatabaseHandle } from '../db/open.ts';
import { assertNotFramedNorEmbedded, assertSecurityHeaders } from '../testing/security-headers.ts';
import { openTestDatabase } from '../testing/test-database.ts';
import { serveWidgetBundles } from './widget-bundles.ts';

/**
 * Every family of answers the server gives, as `clientela serve` assembles
 * them: the API (answers, errors, preflights, its 404s, the OpenAPI
 * document), the widget bundles and their 404s, and paths nothing serves
 * (the demo store's pages and backend are checked in their own package).
 * Each carries the headers that keep a browser from sniffing, leaking or
 * framing it; the widget bundles stay loadable by merchants' pages on other
 * origins.
 */
describe('security headers on every answer', () => {
  let folder: string;
  let database: DatabaseHandle;
  let app: Hono;
  let close: () => Promise<void>;

  before(async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), 'clientela-headers-'));
    await mkdir(path.join(folder, 'widgets', 'chunks'), { recursive: true });
    await writeFile(path.join(folder, 'widgets', 'clientela.js'), 'export {};\n');
    await writeFile(path.join(folder, 'widgets', 'chunks', 'portal-AbCd1234.js'), 'export {};\n');
    database = await openTestDatabase();
    const tokenSecret = randomBytes(32);
    const created = createApp({ database, tokenSecret });
    app = created.app;
    serveWidgetBundles(app, path.join(folder, 'widgets'));
    close = async () => {
      await created.deps.chat.close();
      await database.close();
    };
  });
  after(async () => {
    await close?.();
    await rm(folder, { recursive: true, force: true });
  });

  const request = async (target: string, init: RequestInit = {}) => app.request(`http://localhost${target}`, init);

  test('the API: answers, errors, preflights, paths it does not have, the OpenAPI document', async () => {
    const answers: Array<[string, Promise<Response>, number]> = [
      ['an answer', request('/v1/health'), 200],
      ['an answer to a page', request('/v1/health', { headers: { origin: 'https://shop.example' } }), 200],
      ['a refusal', request('/v1/me'), 401],
      ['a bad body', request('/v1/orders', { method: 'POST', headers: { authorization: 'Bearer sk_test_nobody', 'content-type': 'application/json' }, body: '{' }), 401],
      ['a body too large', request('/v1/orders', { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(2 * 1024 * 1024) }, body: 'x'.repeat(2 * 1024 * 1024) }), 413],
      ['a preflight', request('/v1/me', { method: 'OPTIONS', headers: { origin: 'https://shop.example', 'access-control-request-method': 'GET' } }), 204],
      ['a refused preflight', request('/v1/me', { method: 'OPTIONS', headers: { origin: 'null', 'access-control-request-method': 'GET' } }), 403],
      ['no such endpoint', request('/v1/nothing-here'), 404],
      ['the OpenAPI document', request('/v1/openapi.json'), 200],
    ];
    for (const [what, answer, status] of answers) {
      const response = await answer;
      assert.equal(response.status, status, what);
      assertNotFramedNorEmbedded(response, what);
      await response.body?.cancel();
    }
  });

  test('the widget bundles: sniff-proof and loadable as scripts by pages of any origin, but not framed', async () => {
    for (const [what, target, status] of [
      ['the loader', '/widgets/clientela.js', 200],
      ['a hashed chunk', '/widgets/chunks/portal-AbCd1234.js', 200],
      ['a bundle that does not exist', '/widgets/nothing.js', 404],
    ] as const) {
      const response = await request(target, { headers: { origin: 'https://shop.example' } });
      assert.equal(response.status, status, what);
      assertSecurityHeaders(response, what);
      assert.equal(response.headers.get('cross-origin-resource-policy'), 'cross-origin', `${what}: CORP lets other origins load it`);
      assert.equal(response.headers.get('access-control-allow-origin'), '*', `${what}: module scripts from another origin need CORS`);
      if (status === 200) assert.match(response.headers.get('content-type') ?? '', /^text\/javascript/, `${what}: a script type, which nosniff holds it to`);
      await response.body?.cancel();
    }
  });

  test('paths nothing serves answer with the same headers', async () => {
    const bare = createApp({ database, tokenSecret: randomBytes(32) });
    try {
      const response = await bare.app.request('http://localhost/');
      assert.equal(response.status, 404);
      assertNotFramedNorEmbedded(response, 'a path nothing serves');
    } finally {
      await bare.deps.chat.close();
    }
  });
});
