import type { Browser } from 'playwright-core';
import { launchChromium, watch } from '../e2e/harness.ts';
import { median } from './median.ts';

export interface BlockingTime {
  /** Median Total Blocking Time, ms, of the store's home page with every shopper widget on it. */
  withWidgets: number;
  /** Median Total Blocking Time, ms, of the same page without Clientela. */
  without: number;
  /** What the widgets add: `withWidgets − without`. */
  added: number;
  /** Cold page loads of each variant. */
  runs: number;
  /** Median number of long tasks (over 50 ms) per load. */
  longTasks: { withWidgets: number; without: number };
  /** The CPU slowdown the pages ran under. */
  cpuSlowdown: number;
}

const cpuSlowdown = 4;
/** How long the page must go without a long task, after it has rendered, to count as quiet. */
const settleMs = 2_000;
/** Headroom for a cold load at a 4× slowdown on a small machine, before a widget counts as not rendering. */
const renderTimeoutMs = 60_000;
const shopper = 'cli-0001';

/** Each shopper widget, and what its shadow root holds once it shows the shopper's own data. */
const renderedWidget = {
  'crm-greeting': '[part~=points]',
  'crm-points-balance': '[part~=balance]',
  'crm-account-statement': 'tbody tr',
  'crm-wishlist': '[part~=item]',
  'crm-wishlist-button': 'button[part~=base]',
  'crm-recommendations': '[part~=card]',
  'crm-support-chat': '[part~=launcher]',
};

/**
 * The home page carries the portal, greeting, recommendations, support chat
 * and a heart on every product card; the account widgets from the other
 * pages join it above the catalog, so one page holds the whole kit. The
 * script-tag loader wakes an element only within a screen of the viewport,
 * and nothing here scrolls: below the catalog they might never load.
 */
function withEveryWidget(html: string): string {
  const catalog = '<section class="catalog"';
  if (!html.includes(catalog)) throw new Error(`the demo home page has no ${catalog}> to put the account widgets above`);
  return html.replace(catalog, `<crm-points-balance></crm-points-balance><crm-account-statement></crm-account-statement><crm-wishlist></crm-wishlist>${catalog}`);
}

/**
 * The same page as a store without Clientela: no script or stylesheet from
 * /widgets/ and no crm-* element. `<crm-portal>` stays as an undefined, inert
 * element because the store's own scripts hold on to it, so they run exactly
 * as they do beside the widgets (their product-card hearts stay empty tags too).
 */
function withoutClientela(html: string): string {
  return html
    .replace(/<script\b[^>]*\bsrc="\/widgets\/[^"]*"[^>]*><\/script>/g, '')
    .replace(/<link\b[^>]*\bhref="\/widgets\/[^"]*"[^>]*>/g, '')
    .replace(/<(crm-(?!portal\b)[\w-]+)\b[^>]*>[\s\S]*?<\/\1>/g, '');
}

/** Where the init script keeps the page's long tasks, for the bench to read. */
interface LongTaskLog {
  clientelaLongTasks: Array<{ startTime: number; duration: number }>;
}

interface Load {
  blockingTime: number;
  longTasks: number;
}

/**
 * One cold load of the home page, as `variant` rewrites it, by a signed-in
 * shopper: its long tasks until every widget in `rendered` shows data and
 * the page is quiet.
 */
async function loadOnce(browser: Browser, url: string, variant: (html: string) => string, rendered: Record<string, string>): Promise<Load> {
  // A fresh context each time: every load is a first visit, with nothing in the HTTP or code cache.
  const context = await browser.newContext();
  try {
    const signIn = await context.request.post(`${url}/demo/api/sign-in`, { data: { customerId: shopper } });
    if (!signIn.ok()) throw new Error(`the demo store did not sign ${shopper} in: HTTP ${signIn.status()}`);
    const page = await context.newPage();
    const problems = watch(page);
    await page.addInitScript(() => {
      const longTasks: LongTaskLog['clientelaLongTasks'] = [];
      (window as unknown as LongTaskLog).clientelaLongTasks = longTasks;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) longTasks.push({ startTime: entry.startTime, duration: entry.duration });
      }).observe({ type: 'longtask', buffered: true });
    });
    // Both variants come through the same route, so they differ only in the markup.
    await page.route(`${url}/`, async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, body: variant(await response.text()) });
    });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown });

    await page.goto(`${url}/`);
    let renderedAt: number;
    try {
      const handle = await page.waitForFunction(
        (rendered) => {
          // The store's own catalog, in both variants, then every widget instance showing data.
          if (!document.querySelector('#products li')) return false;
          for (const [tag, selector] of Object.entries(rendered)) {
            const instances = [...document.querySelectorAll(tag)];
            if (instances.length === 0 || instances.some((element) => !element.shadowRoot?.querySelector(selector))) return false;
          }
          return performance.now();
        },
        rendered,
        { polling: 100, timeout: renderTimeoutMs },
      );
      renderedAt = (await handle.jsonValue()) as number;
    } catch (error) {
      const missing = await page.evaluate(
        (rendered) =>
          Object.entries(rendered)
            .filter(([tag, selector]) => {
              const instances = [...document.querySelectorAll(tag)];
              return instances.length === 0 || instances.some((element) => !element.shadowRoot?.querySelector(selector));
            })
            .map(([tag]) => `${tag}: ${document.querySelector(tag)?.shadowRoot?.textContent?.replace(/\s+/g, ' ').trim().slice(0, 80) ?? 'not in the page'}`),
        rendered,
      );
      const store = (await page.locator('#products li').count()) > 0 ? '' : ' (nor did the store’s catalog)';
      throw new Error(`the page did not render in ${renderTimeoutMs / 1000} s${store}: ${missing.join('; ') || 'no widget missing'}\n${problems.join('\n')}`, {
        cause: error,
      });
    }
    try {
      await page.waitForFunction(
        ({ renderedAt, settleMs }) => {
          const longTasks = (window as unknown as LongTaskLog).clientelaLongTasks;
          const lastEnd = longTasks.reduce((end, task) => Math.max(end, task.startTime + task.duration), renderedAt);
          return performance.now() - lastEnd >= settleMs;
        },
        { renderedAt, settleMs },
        { polling: 100, timeout: renderTimeoutMs },
      );
    } catch (error) {
      throw new Error(`the page kept running long tasks: no ${settleMs / 1000} s without one in the ${renderTimeoutMs / 1000} s after it rendered`, { cause: error });
    }
    const longTasks = await page.evaluate(() => (window as unknown as LongTaskLog).clientelaLongTasks);
    if (problems.length > 0) throw new Error(`the page reported problems:\n${problems.join('\n')}`);
    return { blockingTime: longTasks.reduce((sum, task) => sum + task.duration - 50, 0), longTasks: longTasks.length };
  } finally {
    await context.close();
  }
}

/**
 * Total Blocking Time of the demo store's home page, signed in as a demo
 * shopper, with every shopper widget on it and without Clientela at all, in
 * headless Chromium at a 4× CPU slowdown; cold loads, alternating, medians.
 * Method: a `longtask` PerformanceObserver, installed before any page script,
 * records every task over 50 ms from navigation start until the page has
 * rendered (the catalog, and each widget its data) and then gone 2 s without
 * a long task; TBT is the sum of each task's time over 50 ms.
 */
export async function measureBlockingTime(url: string, runs = 5): Promise<BlockingTime> {
  const browser = await launchChromium();
  try {
    const withWidgets: Load[] = [];
    const without: Load[] = [];
    for (let run = 0; run < runs; run++) {
      withWidgets.push(await loadOnce(browser, url, withEveryWidget, renderedWidget));
      without.push(await loadOnce(browser, url, (html) => withoutClientela(withEveryWidget(html)), {}));
    }
    const blockingTime = (loads: Load[]) => median(loads.map((load) => load.blockingTime));
    const longTasks = (loads: Load[]) => median(loads.map((load) => load.longTasks));
    return {
      withWidgets: blockingTime(withWidgets),
      without: blockingTime(without),
      added: blockingTime(withWidgets) - blockingTime(without),
      runs,
      longTasks: { withWidgets: longTasks(withWidgets), without: longTasks(without) },
      cpuSlowdown,
    };
  } finally {
    await browser.close();
  }
}
