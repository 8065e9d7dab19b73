import { fileURLToPath } from 'node:url';
import { launchChromium, startClientela, temporaryDirectory } from './harness.ts';

// `npm run screenshot`: the README's picture of the demo store, with a demo shopper signed in.
const output = fileURLToPath(new URL('../../demo/screenshot.png', import.meta.url));
const dataDir = await temporaryDirectory();
const server = await startClientela(dataDir.path);
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 760 }, deviceScaleFactor: 1 });
  await page.goto(server.url);
  await page.selectOption('#shopper', 'cli-0001');
  await page.waitForFunction(() => document.querySelector('crm-greeting')?.shadowRoot?.textContent?.includes('Ana'));
  // Her own recommendations, with their reasons, not the loading cards or a visitor's popular list.
  await page.waitForFunction(() => document.querySelector('crm-recommendations')?.shadowRoot?.querySelector('[part~=reason]'));
  // Lazy images below the fold never load, so only those in the picture are waited for.
  await page.waitForFunction(() =>
    [...document.images].filter((image) => image.getBoundingClientRect().top < innerHeight).every((image) => image.complete),
  );
  await page.screenshot({ path: output });
  console.log(`Saved ${output}`);
} finally {
  await browser.close();
  await server.stop();
  await dataDir.remove();
}
