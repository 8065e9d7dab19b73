import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { assertNotFramedNorEmbedded, createTestApp, type TestApp } from '@clientela/server/testing';
import { demoStore } from './demo-store.ts';

/**
 * The demo store's answers, mounted beside the API as `clientela serve --demo`
 * mounts it: its pages, its backend, a refusal of its backend, and a page it
 * does not have each carry the headers that keep a browser from sniffing,
 * leaking or framing them.
 */
describe('security headers of the demo store', () => {
  let server: TestApp;
  let pagesDir: string;

  before(async () => {
    pagesDir = await mkdtemp(path.join(os.tmpdir(), 'clientela-demo-pages-'));
    await writeFile(path.join(pagesDir, 'index.html'), '<!doctype html><title>Tienda</title>\n');
    server = await createTestApp();
    server.app.route('/', demoStore({ apiUrl: () => 'http://127.0.0.1:1', pagesDir, tokenSecret: randomBytes(32) }));
  });
  after(async () => {
    await server?.close();
    await rm(pagesDir, { recursive: true, force: true });
  });

  test('the demo pages, their backend, and paths nothing serves', async () => {
    for (const [what, target, status] of [
      ['a page', '/', 200],
      ['the store backend', '/demo/api/shoppers', 200],
      ['a page that does not exist', '/nothing-here/', 404],
    ] as const) {
      const response = await server.request(target);
      assert.equal(response.status, status, what);
      assertNotFramedNorEmbedded(response, what);
      await response.body?.cancel();
    }
    const refused = await server.request('/demo/api/sign-out', { method: 'POST', headers: { 'sec-fetch-site': 'cross-site' } });
    assertNotFramedNorEmbedded(refused, 'a refused demo call');
  });
});
