import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { demoStoreForSuite, watch } from './harness.ts';

const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

async function axeViolations(page: Page) {
  // Injected through the DevTools protocol: the page's CSP rightly forbids adding scripts.
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run(): Promise<{ violations: Array<{ id: string; nodes: unknown[] }> }> } }).axe.run();
    return result.violations.map((v) => `${v.id} (${v.nodes.length})`);
  });
}

/** The store's backend, with the demo secret key: what a shopper's own actions (here, redeeming points) come through. */
async function asStore<T>(url: string, method: string, path: string, body?: unknown, token = 'sk_test_demo', extra: Record<string, string> = {}): Promise<T> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...extra },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  assert.ok(response.ok, `${method} ${path}: ${response.status} ${await response.clone().text()}`);
  return (await response.json()) as T;
}

describe('the back office at /admin/, served by clientela serve, in Chromium', () => {
  const demo = demoStoreForSuite();

  test('prints the back office with the owner and admin sign-ins', () => {
    const printed = demo.server.output.join('');
    for (const expected of ['/admin/', 'dueno@demo.clientela.dev / demo-dueno', 'admin@demo.clientela.dev / demo-admin']) {
      assert.ok(printed.includes(expected), `prints ${expected}`);
    }
  });

  test('a merchant adds their origin, creates a reward, sees Ana at the top of the pyramid, finds her by surname and honours her code at the till', async () => {
    const url = demo.server.url;
    const page = await demo.browser.newPage();
    const problems = watch(page);
    const response = await page.goto(`${url}/admin`);
    assert.equal(new URL(page.url()).pathname, '/admin/');
    const csp = response!.headers()['content-security-policy'] ?? '';
    assert.match(csp, /script-src 'self'/);
    assert.match(csp, /default-src 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.equal(response!.headers()['x-frame-options'], 'DENY');
    await page.evaluate(() => document.addEventListener('securitypolicyviolation', (event) => console.error(`CSP violation: ${event.violatedDirective}`)));

    // Sign in: the same staff sign-in as the agent console, as the store's owner.
    const office = page.locator('crm-back-office');
    await office.locator('#email').fill('dueno@demo.clientela.dev');
    await office.locator('#password').fill('demo-dueno');
    assert.deepEqual(await axeViolations(page), [], 'sign-in');
    await office.getByRole('button', { name: 'Sign in' }).click();
    const nav = office.locator('[part~=nav]');
    await nav.waitFor();
    assert.deepEqual(await nav.locator('button').allTextContents(), ['Overview', 'Customers', 'Loyalty', 'At the till', 'Settings']);

    // Ana at the top of the pyramid: her tier heads it, and she heads the best customers.
    const best = office.locator('[part~=best-customers] li').first();
    await best.waitFor();
    assert.equal((await best.locator('button').textContent())?.trim(), 'Ana Torres');
    assert.equal((await best.locator('[part=tier]').textContent())?.trim(), 'Diamond');
    assert.equal((await office.locator('#pyramid tbody tr').first().locator('th').textContent())?.trim(), 'Diamond');
    assert.equal(await office.locator('#pyramid svg[role=img]').count(), 1);
    assert.deepEqual(await axeViolations(page), [], 'overview');

    // Settings → Origins: the store's page moved to a new domain.
    await nav.getByRole('button', { name: 'Settings' }).click();
    const origins = office.locator('[part~=origins]');
    await origins.locator('li').first().waitFor();
    await origins.getByLabel('Origin').fill('https://tienda.aurora.example');
    await origins.getByRole('button', { name: 'Add origin' }).click();
    await origins.getByText('https://tienda.aurora.example added.').waitFor();
    const allowed = await asStore<{ origins: string[] }>(url, 'GET', '/v1/origins');
    assert.ok(allowed.origins.includes('https://tienda.aurora.example'));
    await office.locator('[part~=webhooks] form').waitFor();
    assert.deepEqual(await axeViolations(page), [], 'settings');

    // Loyalty → a new reward.
    await nav.getByRole('button', { name: 'Loyalty' }).click();
    const rewardForm = office.locator('[part~=reward-form]');
    await office.locator('[part~=rewards] tbody tr').first().waitFor();
    await rewardForm.getByLabel('Name in Spanish').fill('Entrada al evento de clientes');
    await rewardForm.getByLabel('Name in English').fill('Pass to the customer event');
    await rewardForm.getByLabel('Cost in points').fill('500');
    await rewardForm.getByRole('button', { name: 'Create reward' }).click();
    await rewardForm.getByText('Reward “Entrada al evento de clientes” saved.').waitFor();
    await office.locator('[part~=rewards] tbody th', { hasText: 'Entrada al evento de clientes' }).waitFor();
    assert.deepEqual(await axeViolations(page), [], 'loyalty');

    // Ana redeems it from her points page (here through the API, as her session would) and brings the code to the till.
    const rewards = await asStore<{ items: Array<{ id: string; name: string }> }>(url, 'GET', '/v1/reward-catalog');
    const reward = rewards.items.find((item) => item.name === 'Entrada al evento de clientes')!;
    const { token } = await asStore<{ token: string }>(url, 'POST', '/v1/sessions', { customerId: 'cli-0001' });
    const redemption = await asStore<{ code: string }>(url, 'POST', '/v1/me/redemptions', { rewardId: reward.id }, token, {
      'x-publishable-key': 'pk_test_demo',
      'idempotency-key': 'e2e-back-office-redemption',
    });

    // Customers → found by surname.
    await nav.getByRole('button', { name: 'Customers' }).click();
    const search = office.locator('form.search');
    await search.getByLabel('Name, email or id').fill('torres');
    await search.getByRole('button', { name: 'Find' }).click();
    const first = office.locator('[part~=customer-list] tbody tr').first();
    await page.waitForFunction(
      () => document.querySelector('crm-back-office')?.shadowRoot?.querySelector('[part~=customer-list] tbody tr th')?.textContent?.trim() === 'Ana Torres',
    );
    assert.deepEqual(await axeViolations(page), [], 'customers');
    await first.getByRole('button', { name: 'Ana Torres' }).click();
    await office.locator('[part~=profile]').getByText('cli-0001').waitFor();
    await office.locator('[part~=notes] li').first().waitFor();
    await page.waitForFunction(() => !document.querySelector('crm-back-office')?.shadowRoot?.querySelector('[part=page] [aria-busy=true]'));
    assert.deepEqual(await axeViolations(page), [], 'a customer');

    // At the till: the code as she reads it out, then marked used, once.
    await nav.getByRole('button', { name: 'At the till' }).click();
    const till = office.locator('[part~=till]');
    await till.getByLabel('Code').fill(redemption.code.toLowerCase());
    await till.getByRole('button', { name: 'Look up' }).click();
    const card = office.locator('[part~=redemption][data-status=valid]');
    await card.waitFor();
    assert.match((await card.textContent()) ?? '', /Ana Torres/);
    assert.match((await card.textContent()) ?? '', /Entrada al evento de clientes/);
    assert.deepEqual(await axeViolations(page), [], 'the till');
    await card.getByRole('button', { name: 'Mark as used' }).click();
    await office.locator('[part~=till-message]', { hasText: 'Done:' }).waitFor();
    await office.locator('[part~=redemption][data-status=used]').waitFor();
    assert.match((await office.locator('[part~=redemption]').textContent()) ?? '', /Isabel Fuentes/);

    // Her history shows it used; a second use is refused.
    const history = await asStore<{ items: Array<{ reason: string; redemption?: { usedAt: string | null } }> }>(url, 'GET', '/v1/me/points/history', undefined, token, { 'x-publishable-key': 'pk_test_demo' });
    assert.ok(history.items.find((entry) => entry.reason === 'redemption')?.redemption?.usedAt, 'her history shows the code used');
    const again = await fetch(`${url}/v1/redemptions/${redemption.code}/use`, { method: 'POST', headers: { authorization: 'Bearer sk_test_demo' } });
    assert.equal(again.status, 409);

    assert.deepEqual(problems, []);
    await page.close();
  });
});
