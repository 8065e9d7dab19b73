import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { serveFolder } from '../support/static-files.ts';
import { launchChromium } from './harness.ts';

const staticDir = fileURLToPath(new URL('../../storybook-static/', import.meta.url));
const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

describe('every story of the built Storybook renders and is axe clean', () => {
  let server: Awaited<ReturnType<typeof serveFolder>>;
  let origin: string;
  let browser: Browser;

  before(async () => {
    server = await serveFolder(staticDir);
    origin = server.origin;
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    server?.close();
  });

  test('each story', async () => {
    const index = JSON.parse(await readFile(path.join(staticDir, 'index.json'), 'utf8')) as { entries: Record<string, { type: string }> };
    const stories = Object.entries(index.entries).filter(([, entry]) => entry.type === 'story').map(([id]) => id);
    assert.ok(stories.length >= 7, `found ${stories.length} stories`);
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    for (const id of stories) {
      await page.goto(`${origin}/iframe.html?id=${id}&viewMode=story`);
      // Rendered once every Clientela element in the story has drawn its shadow tree (which may be empty: a questionnaire with nothing to ask).
      await page.waitForFunction(() => {
        const elements = [...document.querySelectorAll('#storybook-root *')].filter((e) => e.localName.startsWith('crm-'));
        return elements.length > 0 && elements.every((e) => (e as Element & { hasUpdated?: boolean }).hasUpdated === true);
      });
      await page.evaluate(axeSource);
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(context: unknown): Promise<{ violations: Array<{ id: string }> }> } }).axe;
        return (await axe.run({ include: [['#storybook-root']] })).violations.map((v) => v.id);
      });
      assert.deepEqual(violations, [], `${id} is axe clean`);
    }
    assert.deepEqual(errors, []);
  });

  test("each element's docs page lists every attribute from custom-elements.json, each with a control", async () => {
    const index = JSON.parse(await readFile(path.join(staticDir, 'index.json'), 'utf8')) as { entries: Record<string, { type: string; title: string }> };
    const manifests = await Promise.all(
      ['widgets', 'staff'].map(
        async (name) =>
          JSON.parse(await readFile(fileURLToPath(new URL(`../../packages/${name}/custom-elements.json`, import.meta.url)), 'utf8')) as {
            modules: Array<{ declarations?: Array<{ tagName?: string; attributes?: Array<{ name: string }> }> }>;
          },
      ),
    );
    const attributesOf = new Map(
      manifests
        .flatMap((manifest) => manifest.modules)
        .flatMap((module) => module.declarations ?? [])
        .filter((d) => d.tagName)
        .map((d) => [d.tagName!, (d.attributes ?? []).map((a) => a.name)]),
    );
    const docs = Object.entries(index.entries).filter(([, entry]) => entry.type === 'docs');
    assert.ok(docs.length >= 9, `found ${docs.length} docs pages`);
    const page = await browser.newPage();
    for (const [id, entry] of docs) {
      const tag = entry.title.split('/').pop()!.trim();
      const attributes = attributesOf.get(tag);
      assert.ok(attributes, `${id} documents ${tag}, which the manifest knows`);
      await page.goto(`${origin}/iframe.html?id=${id}&viewMode=docs`);
      const table = page.locator('.docblock-argstable').first();
      await table.waitFor();
      for (const attribute of attributes) {
        const row = table.locator('tr', { has: page.locator('td:first-child', { hasText: new RegExp(`^\\s*${attribute}\\b`) }) }).first();
        await row.waitFor({ timeout: 5000 }).catch(() => assert.fail(`${tag}'s docs page has no row for the ${attribute} attribute`));
        // The control column: a field, a toggle, radios, or "Set string" for a value not set yet.
        assert.ok((await row.locator('td').last().locator('input, select, textarea, button').count()) > 0, `${tag}: ${attribute} has a control`);
      }
    }
    await page.close();
  });
});
