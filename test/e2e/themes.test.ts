import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { repositoryRoot } from '../support/child-process.ts';
import { demoStoreForSuite } from './harness.ts';

const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const themesDir = path.join(repositoryRoot, 'packages/widgets/themes');
const widgetsSrc = path.join(repositoryRoot, 'packages/widgets/src');

/** The declarations of a theme file, in order: `[property, value]`. */
function declarations(css: string): Array<[string, string]> {
  const body = css.replace(/\/\*[\s\S]*?\*\//g, '');
  return [...body.matchAll(/([\w-]+)\s*:\s*([^;{}]+);/g)].map((m) => [m[1]!, m[2]!.trim()]);
}

const normalize = (value: string) => value.replace(/\s+/g, ' ').trim().toLowerCase();

/** Every `var(--crm-…, fallback)` in the widgets' styles whose fallback is a plain value. */
async function fallbacksInWidgets(): Promise<Array<{ name: string; fallback: string; file: string }>> {
  const found: Array<{ name: string; fallback: string; file: string }> = [];
  for (const entry of await readdir(widgetsSrc, { recursive: true })) {
    if (!entry.endsWith('.ts') || entry.endsWith('.test.ts')) continue;
    const source = await readFile(path.join(widgetsSrc, entry), 'utf8');
    for (const start of source.matchAll(/var\((--crm-[\w-]+)\s*,/g)) {
      // The fallback runs to the parenthesis that closes this var(.
      let depth = 1;
      let end = start.index + start[0].length;
      for (; depth > 0 && end < source.length; end++) {
        if (source[end] === '(') depth++;
        if (source[end] === ')') depth--;
      }
      const fallback = source.slice(start.index + start[0].length, end - 1).trim();
      if (!fallback.startsWith('var(')) found.push({ name: start[1]!, fallback, file: entry });
    }
  }
  return found;
}

/** Injected through the DevTools protocol: the page's CSP rightly forbids adding scripts. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run(): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: unknown }> }> }> } }).axe.run();
    return result.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  });
}

/** How the greeting's box and the page behind it look right now. */
const looks = (page: Page) =>
  page.evaluate(() => {
    const box = getComputedStyle(document.querySelector('crm-greeting')!.shadowRoot!.querySelector('[part~=base]')!);
    const card = document.querySelector('crm-recommendations')!.shadowRoot!.querySelector('[part~=card]');
    return {
      theme: document.documentElement.dataset.crmTheme,
      pressed: document.querySelector('#theme')!.getAttribute('aria-pressed'),
      greetingBackground: box.backgroundColor,
      greetingRadius: box.borderTopLeftRadius,
      greetingText: box.color,
      cardRadius: card ? getComputedStyle(card).borderTopLeftRadius : null,
      page: getComputedStyle(document.documentElement).backgroundColor,
    };
  });

const light = { theme: 'light', pressed: 'false', greetingBackground: 'rgb(255, 255, 255)', greetingRadius: '12px', greetingText: 'rgb(31, 41, 55)', cardRadius: '12px', page: 'rgb(250, 247, 242)' };
const dark = { theme: 'dark', pressed: 'true', greetingBackground: 'rgb(30, 41, 59)', greetingRadius: '20px', greetingText: 'rgb(241, 245, 249)', cardRadius: '20px', page: 'rgb(15, 23, 42)' };

describe('the shipped themes', () => {
  test('set only tokens, and light.css writes out exactly the fallbacks the widgets use', async () => {
    const lightTokens = new Map(declarations(await readFile(path.join(themesDir, 'light.css'), 'utf8')));
    const darkTokens = new Map(declarations(await readFile(path.join(themesDir, 'dark.css'), 'utf8')));
    for (const [file, tokens] of [['light.css', lightTokens], ['dark.css', darkTokens]] as const) {
      for (const property of tokens.keys()) {
        assert.ok(property.startsWith('--crm-') || property === 'color-scheme', `${file} sets only tokens, not ${property}`);
      }
    }
    for (const property of darkTokens.keys()) assert.ok(lightTokens.has(property), `dark.css sets ${property}, which light.css knows too`);

    const fallbacks = (await fallbacksInWidgets()).filter(({ name }) => lightTokens.has(name));
    // Enough to know the scan reads the widgets' styles (shared styles keep the count down: 100 at the last count).
    assert.ok(fallbacks.length > 60, `found ${fallbacks.length} uses of the global tokens`);
    for (const { name, fallback, file } of fallbacks) {
      assert.equal(normalize(fallback), normalize(lightTokens.get(name)!), `${file} falls back for ${name} to light.css's value`);
    }
  });
});

describe('light and dark in the demo store, served by clientela serve --demo, in Chromium', () => {
  const demo = demoStoreForSuite();

  test('the server hands both theme files out under /widgets/themes/', async () => {
    for (const name of ['light', 'dark']) {
      const response = await fetch(`${demo.server.url}/widgets/themes/${name}.css`);
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', /^text\/css/);
      assert.equal(await response.text(), await readFile(path.join(themesDir, `${name}.css`), 'utf8'));
    }
  });

  test('the header switch turns the widgets and the page dark without a reload, remembers it, and stays AA and CSP clean', async () => {
    const page = await demo.browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    // Listening before anything loads, stylesheets included.
    await page.addInitScript(() =>
      document.addEventListener('securitypolicyviolation', (event) => console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`)),
    );

    await page.goto(demo.server.url);
    // Signed in once the store has settled, as a shopper would.
    await page.waitForFunction(() => document.querySelector('crm-greeting')?.shadowRoot?.textContent?.includes('Inicia sesión'));
    await page.selectOption('#shopper', 'cli-0001');
    await page.waitForFunction(() => document.querySelector('crm-greeting')?.shadowRoot?.textContent?.includes('Hola, Ana'));
    await page.locator('crm-recommendations >> [part~=card]').first().waitFor();
    assert.deepEqual(await looks(page), light);

    await page.evaluate(() => Object.assign(window, { sameDocument: true }));
    await page.click('#theme');
    assert.deepEqual(await looks(page), dark);
    assert.equal(await page.evaluate(() => 'sameDocument' in window), true, 'no reload');
    assert.deepEqual(await axeViolations(page), []);

    await page.reload();
    await page.waitForFunction(() => document.querySelector('crm-greeting')?.shadowRoot?.textContent?.includes('Hola, Ana'));
    await page.locator('crm-recommendations >> [part~=card]').first().waitFor();
    assert.deepEqual(await looks(page), dark, 'the choice survives a reload');

    // Every other page of the store, in dark, for contrast.
    for (const [address, ready] of [
      ['/estado-de-cuenta/', 'crm-account-statement >> [part~=summary]'],
      ['/mis-puntos/', 'crm-points-balance >> [part~=reward]'],
      ['/favoritos/', 'crm-wishlist >> [part~=item]'],
      ['/producto/?id=p-114', 'crm-recommendations >> [part~=card]'],
    ] as const) {
      await page.goto(`${demo.server.url}${address}`);
      await page.locator(ready).first().waitFor();
      assert.equal(await page.getAttribute('html', 'data-crm-theme'), 'dark');
      assert.deepEqual(await axeViolations(page), [], `${address} is axe clean in dark`);
    }

    await page.goto(`${demo.server.url}/agent/`);
    await page.locator('crm-agent-console >> [part~=login]').waitFor();
    assert.equal(await page.getAttribute('html', 'data-crm-theme'), 'dark', 'the agent page follows the same choice');
    assert.deepEqual(await axeViolations(page), []);

    await page.goto(demo.server.url);
    await page.waitForFunction(() => document.querySelector('crm-greeting')?.shadowRoot?.textContent?.includes('Hola, Ana'));
    await page.locator('crm-recommendations >> [part~=card]').first().waitFor();
    await page.click('#theme');
    assert.deepEqual(await looks(page), light, 'and back to light');
    assert.deepEqual(problems, []);
    await page.close();
  });
});
