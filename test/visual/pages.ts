import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../e2e/harness.ts';

/** The widths every page and widget is looked at: small and common phones, a tablet, a laptop. */
export const widths = [320, 375, 768, 1280] as const;
export const themes = ['light', 'dark'] as const;
export type Theme = (typeof themes)[number];

/**
 * The instant the pages are shown at, in the store's zone: a Monday
 * afternoon in Santiago. Dates, "3 days ago" and open statement periods
 * come out the same on every day the suite runs.
 */
export const shownAt = new Date('2026-12-07T15:00:00-03:00');

/** Chromium drawing the same pixels run after run: no colour profile or hinting from the machine. */
export function launchForScreenshots(): Promise<Browser> {
  return launchChromium(['--force-color-profile=srgb', '--font-render-hinting=none', '--hide-scrollbars']);
}

/** A Chilean shopper's browser at `shownAt`, with motion reduced so nothing is caught mid-animation. */
export async function shopperContext(browser: Browser, at = shownAt): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width: widths[0], height: 640 },
    deviceScaleFactor: 1,
    locale: 'es-CL',
    timezoneId: 'America/Santiago',
    reducedMotion: 'reduce',
  });
  await context.clock.setFixedTime(at);
  return context;
}

/**
 * Waits until the page is done: every Clientela element drawn (Lit's
 * `hasUpdated`: a questionnaire with nothing to ask draws nothing), no loading
 * placeholder or busy region left (unless the page shows a loading state on
 * purpose), every image (lazy ones too) loaded, the fonts ready, and nothing
 * changing for `quietMs`. Shadow trees are searched as well as the document.
 */
export async function settle(page: Page, { loading = false, quietMs = 250 } = {}): Promise<void> {
  const pollMs = 50;
  let last = '';
  let unchanged = 0;
  const deadline = Date.now() + 20_000;
  while (unchanged * pollMs < quietMs) {
    const state = await page.evaluate(() => {
      const roots: Array<Document | ShadowRoot> = [document];
      let busy = 0;
      let pending = 0;
      let scrolled = 0;
      let shape = '';
      for (let i = 0; i < roots.length; i++) {
        const root = roots[i]!;
        shape += root instanceof ShadowRoot ? root.innerHTML.length : root.body.innerHTML.length;
        for (const element of root.querySelectorAll('*')) {
          if (element.shadowRoot) roots.push(element.shadowRoot);
          if (element.localName.startsWith('crm-') && (element as Element & { hasUpdated?: boolean }).hasUpdated !== true) busy++;
          if (element.matches('.skeleton, [aria-busy="true"]')) busy++;
          // A message log that keeps to its latest message scrolls after it draws.
          scrolled += element.scrollTop;
          if (element instanceof HTMLImageElement) {
            element.loading = 'eager';
            if (!element.complete) pending++;
          }
        }
      }
      return { busy, pending, shape: `${shape}:${document.documentElement.scrollHeight}:${scrolled}` };
    });
    const done = (loading || state.busy === 0) && state.pending === 0;
    unchanged = done && state.shape === last ? unchanged + 1 : 0;
    last = state.shape;
    if (Date.now() > deadline) throw new Error(`${page.url()} did not settle: ${JSON.stringify(state)}`);
    await page.waitForTimeout(pollMs);
  }
  await page.evaluate(() => document.fonts.ready);
}

/** How far the page scrolls sideways, in pixels: 0 when it fits its window. */
export function sidewaysScroll(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

export function screenshot(page: Page): Promise<Buffer> {
  return page.screenshot({ fullPage: true, animations: 'disabled', caret: 'hide' });
}

/** Shows the page at a width (and, for a full-page shot, any height), then lets it settle. */
export async function atWidth(page: Page, width: number, options: { loading?: boolean; quietMs?: number } = {}): Promise<void> {
  await page.setViewportSize({ width, height: 640 });
  await settle(page, options);
}
