import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { demoStoreForSuite, watch } from './harness.ts';

describe('the development mailbox at /dev/mail/, served by clientela serve --demo, in Chromium', () => {
  const demo = demoStoreForSuite();

  test('shows the mail the demo sent on its first start, each with its headers, HTML and text, under a strict CSP', async () => {
    const page = await demo.browser.newPage();
    const problems = watch(page);
    const list = await page.goto(`${demo.server.url}/dev/mail/`);
    const csp = list!.headers()['content-security-policy'] ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    // The sender runs every two seconds: the demo's mails arrive within a few.
    const code = page.getByRole('link', { name: /Tu código para/ });
    await code.waitFor({ timeout: 20_000 });
    assert.ok(await page.getByRole('link', { name: /Bajó de precio/ }).count() >= 1, 'the price drop on Ana\'s wishlist is there');

    await code.click();
    await page.getByRole('heading', { level: 1, name: /Tu código para/ }).waitFor();
    assert.match(await page.locator('dl').innerText(), /List-Unsubscribe-Post\s+List-Unsubscribe=One-Click/);
    assert.match(await page.locator('pre').innerText(), /Código: [2-9A-Z]{4}-[2-9A-Z]{4}/);
    const mail = page.frameLocator('iframe[title="The mail\'s HTML part"]');
    await mail.getByRole('heading', { level: 1, name: 'Tu código de canje' }).waitFor();
    assert.match(await mail.locator('body').innerText(), /Hola, Ana:/);

    // The footer's link unsubscribes without signing in, after asking.
    const unsubscribe = await mail.getByRole('link', { name: 'No quiero recibir más correos de promociones' }).getAttribute('href');
    await page.goto(unsubscribe!);
    await page.getByRole('button', { name: 'Sí, no quiero más promociones' }).click();
    await page.getByRole('status').filter({ hasText: 'no te enviaremos más correos de promociones' }).waitFor();
    assert.deepEqual(problems, []);
    await page.close();
  });
});
