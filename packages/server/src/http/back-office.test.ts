import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Hono } from 'hono';
import { assertNotFramedNorEmbedded } from '../testing/security-headers.ts';
import { serveBackOffice } from './back-office.ts';

describe('the back office page at /admin/', () => {
  const served = (options?: { publishableKey?: string }) => {
    const app = new Hono();
    serveBackOffice(app, options);
    return app;
  };

  test('is one element and the staff bundle, under a CSP that lets nothing inline run', async () => {
    const response = await served().request('http://localhost/admin/');
    assert.equal(response.status, 200);
    assertNotFramedNorEmbedded(response, '/admin/');
    const policy = response.headers.get('content-security-policy') ?? '';
    assert.match(policy, /default-src 'none'/);
    assert.match(policy, /script-src 'self'(;|$)/);
    assert.doesNotMatch(policy, /unsafe-inline|unsafe-eval/);
    const page = await response.text();
    assert.match(page, /<script type="module" src="\/widgets\/staff\/crm-back-office\.js"><\/script>/);
    assert.match(page, /<crm-back-office><\/crm-back-office>/);
    assert.doesNotMatch(page, /<script(?![^>]*\bsrc=)/, 'no inline script');
    assert.doesNotMatch(page, /style=|<style/, 'no inline style');
  });

  test('names the store when the server is given one (demo mode), as an attribute that cannot break out', async () => {
    const demo = await (await served({ publishableKey: 'pk_test_demo' }).request('http://localhost/admin/')).text();
    assert.match(demo, /<crm-back-office publishable-key="pk_test_demo"><\/crm-back-office>/);
    const hostile = await (await served({ publishableKey: '"><script>x</script>' }).request('http://localhost/admin/')).text();
    assert.match(hostile, /publishable-key="&quot;>&lt;script>x&lt;\/script>"/);
  });

  test('has a stylesheet of its own, served with the same headers', async () => {
    const response = await served().request('http://localhost/admin/back-office.css');
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/css/);
    assertNotFramedNorEmbedded(response, '/admin/back-office.css');
  });

  test("follows the device's light or dark setting through the kit's two themes, from a script of its own", async () => {
    const page = await (await served().request('http://localhost/admin/')).text();
    for (const href of ['/widgets/themes/light.css', '/widgets/themes/dark.css']) assert.ok(page.includes(`<link rel="stylesheet" href="${href}" />`), href);
    assert.match(page, /<script type="module" src="\/admin\/color-scheme\.js"><\/script>/);
    const script = await served().request('http://localhost/admin/color-scheme.js');
    assert.equal(script.status, 200);
    assert.match(script.headers.get('content-type') ?? '', /^text\/javascript/);
    assertNotFramedNorEmbedded(script, '/admin/color-scheme.js');
    const source = await script.text();
    assert.match(source, /prefers-color-scheme: dark/);
    assert.match(source, /crmTheme/);
  });

  test('/admin without the slash goes to /admin/', async () => {
    const response = await served().request('http://localhost/admin');
    assert.equal(response.status, 301);
    assert.equal(response.headers.get('location'), '/admin/');
  });
});
