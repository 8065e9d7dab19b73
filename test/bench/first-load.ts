import { gzipSync } from 'node:zlib';
import { launchChromium } from '../e2e/harness.ts';

export interface FirstLoad {
  /** Clientela elements on the page, all of them out of sight. */
  elements: number;
  /** Gzip bytes of every widget script the page fetched before the shopper did anything. */
  beforeInteraction: number;
  scriptsBeforeInteraction: string[];
  /** The same once the shopper has scrolled down to the elements. */
  afterScrolling: number;
  scriptsAfterScrolling: number;
}

const tags = [
  'crm-greeting',
  'crm-points-balance',
  'crm-account-statement',
  'crm-wishlist',
  'crm-recommendations',
  'crm-support-chat mode="inline"',
];

/**
 * A store page with the script tag and every element three screens below
 * the fold, in headless Chromium: which widget scripts it fetches before
 * any interaction (their gzip -9 sizes), then after the shopper scrolls to
 * the elements. The page is served from the Clientela server's origin.
 */
export async function measureFirstLoad(url: string, token: string): Promise<FirstLoad> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const scripts = new Map<string, number>();
    const reading: Array<Promise<void>> = [];
    page.on('response', (response) => {
      const path = new URL(response.url()).pathname;
      if (!path.startsWith('/widgets/') || !path.endsWith('.js')) return;
      // A script still arriving when the browser closes is not counted, nor left to fail unhandled.
      reading.push(response.body().then((body) => void scripts.set(path, gzipSync(body, { level: 9 }).byteLength), () => undefined));
    });
    const markup = `<!doctype html><html lang="es"><head><meta charset="utf-8"><title>Tienda</title>
      <script type="module" src="/widgets/clientela.js"></script></head>
      <body><h1>Tienda</h1><div style="height: 300vh">Productos</div>
      <crm-portal publishable-key="pk_test_demo" token="${token}">${tags.map((tag) => `<${tag}></${tag.split(' ')[0]}>`).join('')}</crm-portal>
      </body></html>`;
    await page.route(`${url}/bench/below-the-fold`, (route) => route.fulfill({ contentType: 'text/html', body: markup }));
    await page.goto(`${url}/bench/below-the-fold`, { waitUntil: 'networkidle' });
    await page.waitForTimeout(1000);
    const total = async () => {
      await Promise.all(reading);
      return [...scripts.values()].reduce((sum, bytes) => sum + bytes, 0);
    };
    const before = { bytes: await total(), scripts: [...scripts.keys()] };
    await page.evaluate(() => document.querySelector('crm-portal')!.scrollIntoView());
    await page.waitForFunction(() => customElements.get('crm-greeting') && customElements.get('crm-support-chat'), undefined, { timeout: 10_000 });
    await page.waitForLoadState('networkidle');
    return {
      elements: tags.length + 1,
      beforeInteraction: before.bytes,
      scriptsBeforeInteraction: before.scripts,
      afterScrolling: await total(),
      scriptsAfterScrolling: scripts.size,
    };
  } finally {
    await browser.close();
  }
}
