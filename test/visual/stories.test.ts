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

/** What the Storybook preview page exposes, of what this suite uses. */
interface Preview {
  __STORYBOOK_PREVIEW__: {
    currentRender?: { id: string; phase?: string };
  };
}

interface Story {
  id: string;
  /** Tagged `widths`: the element's main story, looked at in every width and theme. */
  widths: boolean;
  /** Its play function acts on the widget (a click, a payment that takes a second) after it renders. */
  plays: boolean;
}

/** The built Storybook's stories, grouped by element, in the order they are written. */
async function storiesByElement(): Promise<Map<string, Story[]>> {
  const index = JSON.parse(await readFile(path.join(storybook, 'index.json'), 'utf8')) as {
    entries: Record<string, { type: string; title: string; tags?: string[] }>;
  };
  const byElement = new Map<string, Story[]>();
  for (const [id, entry] of Object.entries(index.entries)) {
    if (entry.type !== 'story') continue;
    byElement.set(entry.title, [...(byElement.get(entry.title) ?? []), { id, widths: entry.tags?.includes('widths') ?? false, plays: entry.tags?.includes('play-fn') ?? false }]);
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

  /**
   * Shows a story by loading Storybook's preview for it: a story's own
   * globals (the Dark stories pin the theme) apply only on a fresh load.
   */
  async function open(id: string): Promise<void> {
    await page.goto(`${files.origin}/iframe.html?id=${id}&viewMode=story`);
    await page.waitForFunction((storyId) => {
      const render = (window as unknown as Partial<Preview>).__STORYBOOK_PREVIEW__?.currentRender;
      return render?.id === storyId && render.phase === 'finished';
    }, id);
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
      for (const { id, widths: everyWidth, plays } of stories) {
        await open(id);
        const looks = everyWidth ? themes.flatMap((theme) => widths.map((width) => ({ theme, width }))) : [{ theme: undefined, width: 375 }];
        for (const [index, { theme, width }] of looks.entries()) {
          if (theme) await setTheme(theme);
          // What a play function sets going (a pretend payment gateway takes a second) has time to land before the first picture.
          await atWidth(page, width, { loading: id.endsWith('--loading'), quietMs: plays && index === 0 ? 1500 : 250 });
          const problem = await baselines.check(everyWidth ? `${id}-${width}-${theme}` : id, await screenshot(page));
          if (problem) problems.push(problem);
        }
        // Laid out again at the narrowest width, which CSS alone decides: no wait for data.
        await page.setViewportSize({ width: 320, height: 640 });
        const overflow = await sidewaysScroll(page);
        if (overflow > 0) problems.push(`${id} scrolls ${overflow} px sideways at 320 px`);
      }
    }
    await baselines.finish();
    assert.deepEqual(problems, []);
  });
});
