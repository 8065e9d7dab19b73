import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { CrmPortal, CrmRecommendations } from '@clientela/widgets';
import type { BrowserContext, Page } from 'playwright-core';
import { demoStoreForSuite, watch } from './harness.ts';

const shadowText = (page: Page, selector: string) =>
  page.locator(selector).evaluate((element) => element.shadowRoot?.textContent?.replace(/\s+/g, ' ').trim() ?? '');

describe('the React account page, built with @clientela/widgets/react and served by clientela serve --demo', () => {
  const demo = demoStoreForSuite();
  let context: BrowserContext;

  before(async () => {
    context = await demo.browser.newContext({ viewport: { width: 1360, height: 900 } });
    // Installed before React or the widgets run, so a violation while they first render is seen too.
    await context.addInitScript(() =>
      window.addEventListener('securitypolicyviolation', (event) => console.error(`CSP violation: ${event.effectiveDirective} ${event.blockedURI || 'inline'}`)),
    );
  });

  test('the store footer links to it', async () => {
    const page = await context.newPage();
    await page.goto(demo.server.url);
    assert.equal(await page.getAttribute('.site-footer a:text-is("React")', 'href'), '/react/');
    await page.close();
  });

  test("shows Ana's account and puts the widgets' events in React state, under the strict CSP", async () => {
    const page = await context.newPage();
    const problems = watch(page);
    const response = await page.goto(`${demo.server.url}/react/`);
    assert.equal(response?.status(), 200);
    assert.doesNotMatch(response!.headers()['content-security-policy'] ?? '', /unsafe-inline/);

    await page.locator('#shopper option[value="cli-0001"]').waitFor({ state: 'attached' });
    await page.selectOption('#shopper', 'cli-0001');
    await page.waitForSelector('crm-greeting >> [part~=title] >> text=Hola, Ana');
    // With the count of her unread wishlist alerts once they load.
    assert.match(await shadowText(page, 'crm-greeting'), /^Hola, Ana Nivel: Diamante [\d.]+ puntos( \d+ avisos? nuevos? en tus favoritos)?$/);

    // The wrappers set properties, not attributes: the token never shows in the markup.
    const portal = await page.locator('crm-portal').evaluate((element: CrmPortal) => ({
      token: typeof element.token === 'string' && element.token.length > 20,
      tokenAttribute: element.getAttribute('token'),
      client: element.client !== undefined,
      locale: element.locale,
      publishableKey: element.publishableKey,
    }));
    assert.deepEqual(portal, { token: true, tokenAttribute: null, client: true, locale: 'es', publishableKey: 'pk_test_demo' });
    assert.equal(await page.locator('crm-recommendations').evaluate((element: CrmRecommendations) => element.limit), 4);

    await page.waitForSelector('crm-points-balance >> [part~=balance]');
    assert.match(await page.locator('crm-points-balance >> [part~=balance]').innerText(), /[\d.]+ puntos/);
    await page.waitForSelector('crm-account-statement >> [part~=summary]');

    const cards = page.locator('crm-recommendations >> [part~=card]');
    await page.locator('crm-recommendations >> [part~=reason]', { hasText: /^\s*Porque/ }).first().waitFor();
    assert.equal(await cards.count(), 4);
    assert.equal((await page.textContent('#last-event'))?.trim(), 'Ninguno todavía: agrega una recomendación al carro o canjea tus puntos.');
    const product = (await cards.first().locator('h3').textContent())!.trim();
    await cards.first().locator('[part~=cart-button]').click();
    await page.waitForFunction(() => document.querySelector('#last-event')?.textContent?.startsWith('Agregaste'));
    assert.match((await page.textContent('#last-event'))!, new RegExp(`^Agregaste 1 × ${product.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(\\$[\\d.]+\\) al carro\\.$`));

    const points = page.locator('crm-points-balance');
    await points.locator('[part~=reward]', { hasText: 'Café de cortesía' }).locator('button').click();
    await points.locator('dialog [part~=redeem-button]').click();
    await page.waitForFunction(() => document.querySelector('#last-event')?.textContent?.startsWith('Canjeaste'));
    const code = (await points.locator('dialog .code').textContent())!.trim();
    assert.equal(await page.textContent('#last-event'), `Canjeaste Café de cortesía. Tu código es ${code}.`);
    await points.locator('dialog .dialog-actions button').click();

    // The language switch is React state handed to the portal's `locale`.
    await page.click('.language-toggle');
    await page.waitForSelector('crm-greeting >> [part~=title] >> text=Hi, Ana');
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal(await page.textContent('h1'), 'My account');

    assert.deepEqual(problems, []);
    await page.close();
  });
});
