import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { repositoryRoot } from '../support/child-process.ts';
import { serveFolder } from '../support/static-files.ts';
import { Baselines } from './baselines.ts';
import { atWidth, launchForScreenshots, screenshot, shopperContext, sidewaysScroll, themes, widths } from './pages.ts';

const storybook = path.join(repositoryRoot, 'storybook-static');

interface Story {
  id: string;
  /** Tagged `widths`: the element's main story, looked at in every width and theme. */
  widths: boolean;
}

/** The built Storybook's stories, grouped by element, in the order they are written. */
async function storiesByElement(): Promise<Map<string, Story[]>> {
  const index = JSON.parse(await readFile(path.join(storybook, 'index.json'), 'utf8')) as {
    entries: Record<string, { type: string; title: string; tags?: string[] }>;
  };
  const byElement = new Map<string, Story[]>();
  for (const [id, entry] of Object.entries(index.entries)) {
    if (entry.type !== 'story') continue;
    byElement.set(entry.title, [...(byElement.get(entry.title) ?? []), { id, widths: entry.tags?.includes('widths') ?? false }]);
  }
  return byElement;
}

/**
 * Every story is a state of a widget (loading, empty, error, offline, signed
 * out, and the states of its data): each is compared with its baseline at a
 * phone's width, and must not scroll sideways at 320 px. Each element's main
 * story (tagged `widths`) is compared at every width, light and dark.
 */
describe('every story looks as its baseline', () => {
  let files: Awaited<ReturnType<typeof serveFolder>>;
  let browser: Browser;
  let page: Page;
  const baselines = new Baselines('stories');

  before(async () => {
    files = await serveFolder(storybook);
    browser = await launchForScreenshots();
    page = await (await shopperContext(browser)).newPage();
  });
  after(async () => {
    await browser?.close();
    files?.close();
  });

  async function open(id: string): Promise<void> {
    await page.goto(`${files.origin}/iframe.html?id=${id}&viewMode=story`);
    await page.waitForFunction(() => [...document.querySelectorAll('#storybook-root *')].some((e) => e.localName.startsWith('crm-')));
  }

  const setTheme = (theme: string) =>
    page.evaluate((value) => {
      for (const canvas of document.querySelectorAll<HTMLElement>('.theme-canvas')) canvas.dataset.crmTheme = value;
    }, theme);

  test('each story', async () => {
    const problems: string[] = [];
    const elements = await storiesByElement();
    assert.ok(elements.size >= 10, `found the stories of ${elements.size} elements`);
    for (const [title, stories] of elements) {
      assert.equal(stories.filter((story) => story.widths).length, 1, `${title} has one story tagged widths`);
      for (const { id, widths: everyWidth } of stories) {
        await open(id);
        const loading = { loading: id.endsWith('--loading') };
        await atWidth(page, 320, loading);
        const overflow = await sidewaysScroll(page);
        if (overflow > 0) problems.push(`${id} scrolls ${overflow} px sideways at 320 px`);
        const looks = everyWidth ? themes.flatMap((theme) => widths.map((width) => ({ theme, width }))) : [{ theme: 'light' as const, width: 375 }];
        for (const { theme, width } of looks) {
          await setTheme(theme);
          await atWidth(page, width, loading);
          const problem = await baselines.check(everyWidth ? `${id}-${width}-${theme}` : id, await screenshot(page));
          if (problem) problems.push(problem);
        }
      }
    }
    await baselines.finish();
    assert.deepEqual(problems, []);
  });
});
