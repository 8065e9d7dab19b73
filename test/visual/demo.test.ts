import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { startClientela, temporaryDirectory, type RunningClientela } from '../e2e/harness.ts';
import { repositoryRoot } from '../support/child-process.ts';
import { Baselines } from './baselines.ts';
import { launchForScreenshots, screenshot, settle, shopperContext, shownAt, sidewaysScroll, themes, widths, type Theme } from './pages.ts';

/**
 * How a page of the demo is opened: as whom, and how its theme is switched.
 * The store's pages follow data-crm-theme on <html> (their "Modo oscuro"
 * button sets it); the back office follows the device's setting.
 */
interface DemoPage {
  name: string;
  path: string;
  /** The demo shopper signed in to the store, if any. */
  shopper?: string;
  /** Staff who sign in on the page, if any. */
  staff?: { email: string; password: string };
  theme: 'attribute' | 'device';
}

const pages: DemoPage[] = [
  { name: 'home-visitor', path: '/', theme: 'attribute' },
  { name: 'home', path: '/', shopper: 'cli-0001', theme: 'attribute' },
  { name: 'product', path: '/producto/?id=p-114', shopper: 'cli-0001', theme: 'attribute' },
  { name: 'orders', path: '/mis-pedidos/', shopper: 'cli-0001', theme: 'attribute' },
  { name: 'points', path: '/mis-puntos/', shopper: 'cli-0001', theme: 'attribute' },
  { name: 'statement', path: '/estado-de-cuenta/', shopper: 'cli-0001', theme: 'attribute' },
  { name: 'wishlist', path: '/favoritos/', shopper: 'cli-0001', theme: 'attribute' },
  { name: 'html', path: '/html/', shopper: 'cli-0001', theme: 'attribute' },
  { name: 'react', path: '/react/', shopper: 'cli-0001', theme: 'attribute' },
  { name: 'agent', path: '/agent/', staff: { email: 'agente@demo.clientela.dev', password: 'demo-agente' }, theme: 'attribute' },
  { name: 'back-office', path: '/admin/', staff: { email: 'dueno@demo.clientela.dev', password: 'demo-dueno' }, theme: 'device' },
];

async function signInStaff(page: Page, staff: NonNullable<DemoPage['staff']>): Promise<void> {
  const form = page.locator('crm-agent-console, crm-back-office');
  await form.locator('input[name=email], #email').first().fill(staff.email);
  await form.locator('input[name=password], #password').first().fill(staff.password);
  await form.locator('button[type=submit]').first().click();
  await form.locator('input[name=password], #password').first().waitFor({ state: 'detached' });
}

async function setTheme(page: Page, how: DemoPage['theme'], theme: Theme): Promise<void> {
  if (how === 'device') {
    await page.emulateMedia({ colorScheme: theme });
    await page.waitForFunction((value) => document.documentElement.dataset.crmTheme === value, theme);
  } else {
    await page.evaluate((value) => (document.documentElement.dataset.crmTheme = value), theme);
  }
}

/**
 * The demo as a shopper, an agent and a merchant see it, served by the real
 * server with its demo data: every page at every width, light and dark,
 * compared with its baseline. The server's clock starts at `shownAt` and the
 * browser's stands there, so the demo's dates are the same on any day.
 */
describe('every page of the demo looks as its baseline', () => {
  let dataDir: Awaited<ReturnType<typeof temporaryDirectory>>;
  let server: RunningClientela;
  let browser: Browser;
  const baselines = new Baselines('demo');

  before(async () => {
    dataDir = await temporaryDirectory();
    server = await startClientela(dataDir.path, {
      NODE_OPTIONS: `--import ${path.join(repositoryRoot, 'test/support/shifted-clock.mjs')}`,
      SHIFTED_CLOCK_START: shownAt.toISOString(),
      LOG_LEVEL: 'warn',
    });
    browser = await launchForScreenshots();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    await dataDir?.remove();
  });

  for (const demoPage of pages) {
    test(demoPage.name, async () => {
      // A few minutes after the server's start: whatever it wrote while starting is in the past.
      const context = await shopperContext(browser, new Date(shownAt.getTime() + 5 * 60_000));
      const page = await context.newPage();
      const problems: string[] = [];
      try {
        if (demoPage.shopper) {
          await page.goto(server.url);
          const status = await page.evaluate(
            (customerId) => fetch('/demo/api/sign-in', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ customerId }) }).then((r) => r.status),
            demoPage.shopper,
          );
          assert.ok(status < 300, `signing in ${demoPage.shopper}: ${status}`);
        }
        await page.goto(`${server.url}${demoPage.path}`);
        if (demoPage.staff) await signInStaff(page, demoPage.staff);
        for (const theme of themes) {
          await setTheme(page, demoPage.theme, theme);
          for (const width of widths) {
            await page.setViewportSize({ width, height: 640 });
            await settle(page);
            const overflow = await sidewaysScroll(page);
            if (width === 320 && overflow > 0) problems.push(`${demoPage.path} scrolls ${overflow} px sideways at 320 px`);
            // From a tablet up the store's navigation reads on one row, each item on one line ("Estado de cuenta" once broke in two, then moved under the rest).
            const navRows = await page.evaluate(() => {
              const rows = new Set<number>();
              for (const link of document.querySelectorAll('.site-nav a')) {
                const text = document.createRange();
                text.selectNodeContents(link);
                for (const box of text.getClientRects()) rows.add(Math.round(box.top));
              }
              return rows.size;
            });
            if (width >= 768 && navRows > 1) problems.push(`${demoPage.path}: the navigation takes ${navRows} rows at ${width} px`);
            const problem = await baselines.check(`${demoPage.name}-${width}-${theme}`, await screenshot(page));
            if (problem) problems.push(problem);
          }
        }
      } finally {
        await context.close();
      }
      assert.deepEqual(problems, []);
    });
  }

  test('no baseline is left over', () => baselines.finish());
});
