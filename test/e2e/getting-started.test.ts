import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { repositoryRoot, startProcess, type RunningProcess } from '../support/child-process.ts';
import { freePort, launchChromium, temporaryDirectory } from './harness.ts';

/**
 * Follows docs/getting-started.md as a newcomer would, block by block: the
 * `sh run` blocks run in bash one after the other (what one exports, the next
 * sees), the `sh serve` blocks start what keeps running, the `sh setup`
 * block (install and build) is what `npm test` did before this file. Only
 * the ports change, to free ones; then the page opens in Chromium.
 */

interface Block {
  kind: 'setup' | 'run' | 'serve' | 'html';
  code: string;
}

const guide = path.join(repositoryRoot, 'docs/getting-started.md');
const run = promisify(execFile);

function blocksOf(markdown: string): Block[] {
  const blocks: Block[] = [];
  for (const match of markdown.matchAll(/^```(sh (setup|run|serve)|html)\n([\s\S]*?)^```$/gm)) {
    blocks.push({ kind: (match[2] ?? 'html') as Block['kind'], code: match[3]! });
  }
  return blocks;
}

describe('docs/getting-started.md, followed word for word', () => {
  let browser: Browser;
  let dataDir: Awaited<ReturnType<typeof temporaryDirectory>>;
  const running: RunningProcess[] = [];
  let blocks: Block[];
  let shopUrl = '';

  before(async () => {
    blocks = blocksOf(await readFile(guide, 'utf8'));
    dataDir = await temporaryDirectory();
    browser = await launchChromium();
  });
  after(async () => {
    for (const process of running.reverse()) await process.stop();
    await browser?.close();
    await dataDir?.remove();
  });

  test('the page the guide shows is the page the example serves', async () => {
    const page = await readFile(path.join(repositoryRoot, 'docs/getting-started/page.html'), 'utf8');
    const shown = blocks.find((block) => block.kind === 'html')!.code;
    for (const line of shown.split('\n').filter((l) => l.trim())) {
      const asServed = line.trim().replaceAll('http://localhost:8787', '{{CLIENTELA_URL}}').replaceAll('pk_…', '{{CLIENTELA_PUBLISHABLE_KEY}}');
      assert.ok(page.includes(asServed), `page.html lacks ${asServed}`);
    }
    assert.deepEqual(
      blocks.filter((block) => block.kind === 'serve').map((block) => block.code.trim()),
      ['npx clientela serve', 'node docs/getting-started/shop.mjs'],
    );
  });

  test('every step works, and the shopper sees her page', async () => {
    const apiPort = await freePort();
    const shopPort = await freePort();
    const onOurPorts = (code: string) => code.replaceAll('localhost:8787', `localhost:${apiPort}`).replaceAll('localhost:3000', `localhost:${shopPort}`);
    const environment = path.join(dataDir.path, 'environment.sh');
    const env = { DATA_DIR: path.join(dataDir.path, 'data'), HOST: '127.0.0.1' };

    for (const block of blocks) {
      const code = onOurPorts(block.code);
      if (block.kind === 'run') {
        // One shell per block, carrying on from what the last one exported, as one terminal would.
        const script = `set -euo pipefail\n[ -f '${environment}' ] && source '${environment}'\n${code}\nexport -p > '${environment}'\n`;
        const { stdout } = await run('bash', ['-c', script], { cwd: repositoryRoot, env: { ...process.env, ...env } });
        assert.doesNotMatch(stdout, /"type":"https:\/\/clientela\.dev\/problems\//, 'no step answers a problem');
      } else if (block.kind === 'serve') {
        const port = code.includes('clientela serve') ? apiPort : shopPort;
        // What npx runs for `clientela`, run directly so that stopping it stops the server itself.
        const command = code.trim().replace(/^npx clientela/, 'node packages/server/bin/clientela.js');
        const started = await startProcess(['-c', `source '${environment}' && exec ${command}`], { ...env, PORT: String(port) }, 60_000, 'bash');
        running.push(started);
        if (port === shopPort) shopUrl = started.url;
      }
    }
    assert.equal(shopUrl, `http://localhost:${shopPort}`);

    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('response', (response) => {
      // A browser asks every site for its icon; the example shop has none.
      if (response.status() >= 400 && !response.url().endsWith('/favicon.ico')) problems.push(`${response.status()} ${response.url()}`);
    });
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) problems.push(message.text());
    });
    const sessions: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/clientela-session')) sessions.push(request.url());
    });
    await page.goto(shopUrl);
    await page
      .locator('crm-greeting')
      .getByText('Valentina')
      .waitFor({ timeout: 15_000 })
      .catch(async (error: Error) => {
        const shown = await page.evaluate(() => document.querySelector('crm-greeting')?.shadowRoot?.textContent?.replace(/\s+/g, ' '));
        const printed = running.map((process) => process.output.join('')).join('\n');
        throw new Error(`${error.message}\nthe greeting shows: ${shown}\nthe page reported: ${problems.join('\n')}\nthe servers printed: ${printed}`);
      });
    await page.locator('crm-points-balance [part~=balance]').waitFor();
    const balance = (await page.locator('crm-points-balance [part~=balance]').textContent())!;
    assert.match(balance, /[1-9]/, 'her purchase earned points');
    await page.locator('crm-wishlist').getByRole('heading').first().waitFor();
    await page.locator('crm-recommendations').getByRole('heading').first().waitFor();
    await page.locator('crm-support-chat').getByRole('button').first().waitFor();
    assert.ok(sessions.length >= 1, 'the portal asked the shop for its session');

    // Step 8: she pays her balance to date; the page hands it to the shop, which credits the card, and the statement says so.
    const statement = page.locator('crm-account-statement');
    await statement.locator('[part~=summary]').waitFor();
    await statement.locator('[part~=pay-button]').click();
    await statement.locator('[part~=pay-confirm-button]').click();
    await statement.locator('[part~=pay-status]').getByText('Pago recibido').waitFor({ timeout: 15_000 });
    const owed = await page.evaluate(async (api) => {
      const { token } = await (await fetch('/clientela-session')).json();
      const list = await (await fetch(`${api}/v1/me/statements`, { headers: { authorization: `Bearer ${token}` } })).json();
      return list.account.balance;
    }, `http://localhost:${apiPort}`);
    assert.equal(owed, 0, 'the first of her three installments (26.660) is paid, and nothing is owed to date');
    assert.deepEqual(problems, []);
    await page.close();
  });
});
