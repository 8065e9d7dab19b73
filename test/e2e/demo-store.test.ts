import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { demoStoreForSuite, watch } from './harness.ts';

const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const greetingText = (page: Page) =>
  page.locator('crm-greeting').evaluate((element) => element.shadowRoot?.textContent?.replace(/\s+/g, ' ').trim() ?? '');

async function axeViolations(page: Page) {
  // Injected through the DevTools protocol: the page's CSP rightly forbids adding scripts.
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run(): Promise<{ violations: Array<{ id: string; nodes: unknown[] }> }> } }).axe.run();
    return result.violations.map((v) => `${v.id} (${v.nodes.length})`);
  });
}

describe('the demo store, served by clientela serve --demo, in Chromium', () => {
  const demo = demoStoreForSuite();

  test('prints the URL, the demo keys and the demo agent login', () => {
    const printed = demo.server.output.join('');
    for (const expected of ['pk_test_demo', 'sk_test_demo', 'agente@demo.clientela.dev / demo-agente', '320 customers', '/agent/']) {
      assert.ok(printed.includes(expected), `prints ${expected}`);
    }
  });

  test('greets a demo shopper by name with level and points, in Spanish and English, under a strict CSP', async () => {
    const page = await demo.browser.newPage();
    const problems = watch(page);
    const response = await page.goto(demo.server.url);
    assert.match(response!.headers()['content-security-policy'] ?? '', /script-src 'self'/);
    assert.doesNotMatch(response!.headers()['content-security-policy'] ?? '', /unsafe-inline/);
    await page.evaluate(() =>
      document.addEventListener('securitypolicyviolation', (event) => console.error(`CSP violation: ${event.violatedDirective}`)),
    );

    await page.waitForFunction(() => document.querySelector('crm-greeting')?.shadowRoot?.textContent?.includes('Inicia sesión'));
    await page.selectOption('#shopper', 'cli-0001');
    await page.waitForFunction(() => document.querySelector('crm-greeting')?.shadowRoot?.textContent?.includes('Hola, Ana'));
    // Ana's wishlist has an unread price-drop alert: the greeting counts it once the alerts load.
    assert.match(await greetingText(page), /^Hola, Ana Nivel: Diamante [\d.]+ puntos( \d+ avisos? nuevos? en tus favoritos)?$/);

    await page.click('#language');
    await page.waitForFunction(() => document.querySelector('crm-greeting')?.shadowRoot?.textContent?.includes('Hi, Ana'));
    assert.match(await greetingText(page), /^Hi, Ana Level: Diamond [\d,]+ points( \d+ new alerts? on your wishlist)?$/);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');

    assert.deepEqual(await axeViolations(page), []);
    await page.click('#language');

    await page.selectOption('#shopper', '');
    await page.waitForFunction(() => document.querySelector('crm-greeting')?.shadowRoot?.textContent?.includes('Inicia sesión'));
    assert.equal(await page.locator('.product-card').count(), 24);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test("the 'Estado de cuenta' page shows a year of the demo shopper's statements", async () => {
    const page = await demo.browser.newPage();
    const problems = watch(page);
    await page.goto(`${demo.server.url}/estado-de-cuenta/`);
    await page.evaluate(() =>
      document.addEventListener('securitypolicyviolation', (event) => console.error(`CSP violation: ${event.violatedDirective}`)),
    );
    await page.selectOption('#shopper', 'cli-0001');
    const statement = page.locator('crm-account-statement');
    await page.waitForFunction(() => document.querySelector('crm-account-statement')?.shadowRoot?.querySelector('[part=summary]'));
    const periods = await statement.evaluate((element) => [...element.shadowRoot!.querySelectorAll('option')].map((o) => o.textContent!.trim()));
    assert.ok(periods.length >= 12, `a year of statements (${periods.length})`);
    assert.match(periods[0]!, /\(en curso\)$/);
    assert.ok((await statement.evaluate((element) => element.shadowRoot!.querySelectorAll('tbody tr').length)) > 0);
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test("'Mis puntos' shows the shopper's points and redeems a reward the page hears about", async () => {
    const page = await demo.browser.newPage();
    const problems = watch(page);
    await page.goto(`${demo.server.url}/mis-puntos/`);
    await page.evaluate(() =>
      document.addEventListener('securitypolicyviolation', (event) => console.error(`CSP violation: ${event.violatedDirective}`)),
    );
    await page.selectOption('#shopper', 'cli-0001');
    await page.waitForFunction(() => document.querySelector('crm-points-balance')?.shadowRoot?.querySelector('[part~=balance]'));
    assert.deepEqual(await axeViolations(page), []);
    const points = page.locator('crm-points-balance');
    await points.locator('[part~=reward]', { hasText: 'Café de cortesía' }).locator('button').click();
    await points.locator('dialog [part~=redeem-button]').click();
    await page.waitForFunction(() => document.querySelector('#store-notice')?.textContent?.includes('Café de cortesía'));
    const code = await points.locator('dialog .code').textContent();
    assert.ok((await page.textContent('#store-notice'))!.includes(code!.trim()));
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('a visitor hearts a product, signs in, and finds it in Favoritos; a price drop shows up there without a reload', async () => {
    const page = await demo.browser.newPage();
    const problems = watch(page);
    await page.goto(`${demo.server.url}/producto/?id=p-004`);
    await page.waitForFunction(() => document.querySelector('#product-name')?.textContent);
    const name = (await page.textContent('#product-name'))!;
    const heart = page.locator('#wishlist-button button');
    await heart.click();
    await page.waitForFunction(() => localStorage.getItem('clientela:guest-wishlist')?.includes('p-004'));
    assert.equal(await heart.getAttribute('aria-pressed'), 'true');

    await page.selectOption('#shopper', 'cli-0002');
    await page.waitForFunction(() => localStorage.getItem('clientela:guest-wishlist') === null);
    await page.goto(`${demo.server.url}/favoritos/`);
    const list = page.locator('crm-wishlist');
    await list.locator('[part~=item] h3', { hasText: name }).waitFor();
    assert.deepEqual(await axeViolations(page), []);

    const catalog = await (await fetch(`${demo.server.url}/v1/products?limit=100`, { headers: { authorization: 'Bearer sk_test_demo' } })).json();
    const product = catalog.items.find((p: { id: string }) => p.id === 'p-004');
    const lowered = await fetch(`${demo.server.url}/v1/products/p-004`, {
      method: 'PUT',
      headers: { authorization: 'Bearer sk_test_demo', 'content-type': 'application/json' },
      body: JSON.stringify({ name: product.name, description: product.description, category: product.category, price: product.price.amount - 2_000, stock: product.stock, imageUrl: product.imageUrl }),
    });
    assert.equal(lowered.status, 200);
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await list.locator('[part~=alerts]', { hasText: `${name} bajó de` }).waitFor();
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('recommendations on the home page for the shopper, and bought-together on a product page', async () => {
    const page = await demo.browser.newPage();
    const problems = watch(page);
    await page.goto(demo.server.url);
    await page.selectOption('#shopper', 'cli-0001');
    const home = page.locator('crm-recommendations');
    // A visitor sees what is popular; once Ana signs in, the list is hers, with reasons from her own orders.
    await home.locator('[part~=reason]', { hasText: /^\s*Porque/ }).first().waitFor();
    assert.equal(await home.locator('[part~=card]').count(), 8);
    // A hair dryer: what is bought with it (a straightener, a heat protector), which Ana does not have yet, says so.
    await page.goto(`${demo.server.url}/producto/?id=p-114`);
    const together = page.locator('#together');
    await together.locator('h2', { hasText: 'Se compran juntos' }).waitFor();
    await together.locator('[part~=reason]', { hasText: /^\s*Se compra junto con Secador de pelo/ }).first().waitFor();
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('the plain HTML page, with only the script tag and the tags, shows whoever signed in to the store', async () => {
    const page = await demo.browser.newPage();
    const problems = watch(page);
    await page.goto(demo.server.url);
    await page.selectOption('#shopper', 'cli-0001');
    await page.waitForFunction(() => document.querySelector('crm-greeting')?.shadowRoot?.textContent?.includes('Ana'));
    await page.click('a[href="/html/"]');
    await page.waitForURL(`${demo.server.url}/html/`);
    assert.deepEqual(await page.evaluate(() => [...document.scripts].map((script) => script.getAttribute('src'))), ['/widgets/clientela.js']);
    await page.waitForFunction(() => document.querySelector('crm-greeting')?.shadowRoot?.textContent?.includes('Ana'));
    await page.locator('crm-points-balance [part~=balance]').waitFor();
    await page.locator('crm-account-statement [part~=base]').first().waitFor();
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('the session survives a reload: the store backend remembers who signed in', async () => {
    const page = await demo.browser.newPage();
    await page.goto(demo.server.url);
    await page.selectOption('#shopper', 'cli-0002');
    await page.waitForFunction(() => document.querySelector('crm-greeting')?.shadowRoot?.textContent?.includes('Emma'));
    await page.reload();
    await page.waitForFunction(() => document.querySelector('crm-greeting')?.shadowRoot?.textContent?.includes('Emma'));
    await page.close();
  });

  test('a shopper asks about a statement charge; the agent sees it with the transaction and they talk in real time', async () => {
    const shopper = await demo.browser.newPage();
    const agent = await demo.browser.newPage({ viewport: { width: 1360, height: 900 } });
    const shopperProblems = watch(shopper);
    const agentProblems = watch(agent);

    await agent.goto(`${demo.server.url}/agent/`);
    await agent.fill('crm-agent-console >> input[name=email]', 'agente@demo.clientela.dev');
    await agent.fill('crm-agent-console >> input[name=password]', 'wrong password');
    await agent.click('crm-agent-console >> button[type=submit]');
    await agent.waitForSelector('crm-agent-console >> .error:has-text("contraseña")');
    await agent.fill('crm-agent-console >> input[name=password]', 'demo-agente');
    await agent.click('crm-agent-console >> button[type=submit]');
    await agent.waitForSelector('crm-agent-console >> .connection.live');
    assert.match(await agent.textContent('crm-agent-console >> [part=header]') ?? '', /Sesión de Sofía Morales/);
    assert.ok((await agent.locator('crm-agent-console >> [part~=conversation]').count()) >= 3, 'the seeded open conversations');

    await shopper.goto(`${demo.server.url}/estado-de-cuenta/`);
    await shopper.selectOption('#shopper', 'cli-0001');
    // Her last closed statement: the cycle in progress may have no transactions yet.
    await shopper.waitForSelector('crm-account-statement >> [part=period-picker]');
    await shopper.selectOption('crm-account-statement >> [part=period-picker]', { index: 1 });
    await shopper.click('crm-account-statement >> [part~=ask-button] >> nth=0');
    await shopper.waitForSelector('crm-support-chat >> [part~=attachment]');
    await shopper.fill('crm-support-chat >> #first-message', 'No reconozco este cargo');
    await shopper.press('crm-support-chat >> #first-message', 'Enter');
    await shopper.waitForSelector('crm-support-chat >> [part~=composer]');

    // The new conversation reaches the console without a reload.
    const lucia = agent.locator('crm-agent-console >> [part~=conversation]', { hasText: 'No reconozco este cargo' });
    await lucia.waitFor();
    await lucia.click();
    await agent.waitForSelector('crm-agent-console >> [part~=attachment]');
    await agent.waitForSelector('crm-agent-console >> [part=customer] >> text=Ana Torres');
    const panel = (await agent.textContent('crm-agent-console >> [part=customer]')) ?? '';
    for (const expected of ['Puntos', 'Valor de vida', 'Tarjeta de la tienda', 'Últimas compras', 'Favoritos']) assert.ok(panel.includes(expected), `the panel shows ${expected}`);

    await agent.fill('crm-agent-console >> #reply', 'Hola Ana, es una cuota de tu compra de octubre.');
    await agent.press('crm-agent-console >> #reply', 'Enter');
    await shopper.waitForSelector('crm-support-chat >> .message.agent >> text=es una cuota de tu compra de octubre');
    await agent.waitForSelector('crm-agent-console >> .seen');
    await shopper.fill('crm-support-chat >> #composer', '<img src=x onerror=alert(1)> gracias');
    await shopper.press('crm-support-chat >> #composer', 'Enter');
    await agent.waitForSelector('crm-agent-console >> [part~=log] >> text=<img src=x onerror=alert(1)> gracias');
    assert.equal(await agent.locator('crm-agent-console >> [part~=log] img').count(), 0);

    await agent.click('crm-agent-console >> button:has-text("Resolver")');
    await shopper.waitForSelector('crm-support-chat >> [part=rating]');
    assert.deepEqual(await axeViolations(shopper), []);
    assert.deepEqual(await axeViolations(agent), []);
    assert.deepEqual(shopperProblems, []);
    assert.deepEqual(agentProblems.filter((p) => !p.includes('401')), []);
    await shopper.close();
    await agent.close();
  });

  test('on a phone, the open chat fills the screen and keeps the composer above the keyboard', async () => {
    const page = await demo.browser.newPage({ viewport: { width: 390, height: 760 }, isMobile: true, hasTouch: true });
    await page.goto(demo.server.url);
    await page.selectOption('#shopper', 'cli-0002');
    await page.click('crm-support-chat >> [part~=launcher]');
    await page.click('crm-support-chat >> [part~=conversation] >> nth=0');
    await page.waitForSelector('crm-support-chat >> [part~=composer]');
    const full = await page.locator('crm-support-chat >> [part~=panel]').boundingBox();
    assert.deepEqual([full!.x, full!.y, full!.width, full!.height], [0, 0, 390, 760]);
    // The on-screen keyboard leaves the top 420 px visible: the panel shrinks to them.
    await page.evaluate(() => {
      Object.defineProperty(visualViewport, 'height', { value: 420, configurable: true });
      visualViewport!.dispatchEvent(new Event('resize'));
    });
    await page.waitForFunction(() => document.querySelector('crm-support-chat')!.shadowRoot!.querySelector('[part~=panel]')!.getBoundingClientRect().height === 420);
    const composer = await page.locator('crm-support-chat >> [part~=composer]').boundingBox();
    assert.ok(composer!.y + composer!.height <= 420, `the composer ends at ${composer!.y + composer!.height}`);
    await page.close();
  });

  test('a second start keeps the data and does not seed again', async () => {
    const before = await fetch(`${demo.server.url}/v1/customers/cli-0001`, { headers: { authorization: 'Bearer sk_test_demo' } });
    const ana = await before.json();
    await fetch(`${demo.server.url}/v1/customers/e2e-kept`, {
      method: 'PUT',
      headers: { authorization: 'Bearer sk_test_demo', 'content-type': 'application/json' },
      body: JSON.stringify({ firstName: 'Persistente', lastName: 'Prueba' }),
    });
    await demo.restart();
    assert.ok(!demo.server.output.join('').includes('seeded now'), 'no second seed');
    const kept = await fetch(`${demo.server.url}/v1/customers/e2e-kept`, { headers: { authorization: 'Bearer sk_test_demo' } });
    assert.equal((await kept.json()).firstName, 'Persistente');
    const again = await fetch(`${demo.server.url}/v1/customers/cli-0001`, { headers: { authorization: 'Bearer sk_test_demo' } });
    assert.deepEqual(await again.json(), ana);
  });
});
