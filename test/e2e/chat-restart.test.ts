import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { freePort, launchChromium, startClientela, temporaryDirectory, type RunningClientela } from './harness.ts';

/** What the chat shows: stored messages, and what is still on its way. */
const shown = (page: Page, tag: string) =>
  page.evaluate((tag) => {
    // No named helpers in here: the page does not have the names tsx adds to them.
    const root = document.querySelector(tag)!.shadowRoot!;
    const [stored, pending] = ['.message:not(.pending):not(.system)', '.message.pending'].map((selector) =>
      [...root.querySelectorAll(`[part~=log] ${selector} .text`)].map((node) => node.textContent ?? ''),
    );
    return { stored: stored!, pending: pending! };
  }, tag);

describe('the server killed (SIGKILL) mid-conversation and started again', () => {
  let dataDir: Awaited<ReturnType<typeof temporaryDirectory>>;
  let server: RunningClientela;
  let browser: Browser;
  let port: number;

  before(async () => {
    dataDir = await temporaryDirectory();
    port = await freePort();
    server = await startClientela(dataDir.path, { PORT: String(port) });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    await dataDir?.remove();
  });

  test('loses nothing the store acknowledged, and sends what it had not, once each and in order', async () => {
    const shopper = await browser.newPage();
    await shopper.goto(server.url);
    await shopper.selectOption('#shopper', 'cli-0004');
    await shopper.click('crm-support-chat >> [part~=launcher]');
    await shopper.click('crm-support-chat >> [part~=new-button]');
    await shopper.fill('crm-support-chat >> #first-message', 'mensaje 00');
    await shopper.press('crm-support-chat >> #first-message', 'Enter');
    await shopper.waitForSelector('crm-support-chat >> [part~=composer]');

    const agent = await browser.newPage({ viewport: { width: 1360, height: 900 } });
    await agent.goto(`${server.url}/agent/`);
    await agent.fill('crm-agent-console >> input[name=email]', 'agente@demo.clientela.dev');
    await agent.fill('crm-agent-console >> input[name=password]', 'demo-agente');
    await agent.click('crm-agent-console >> button[type=submit]');
    await agent.locator('crm-agent-console >> [part~=conversation]', { hasText: 'Diego Rojas' }).click();
    await agent.waitForSelector('crm-agent-console >> [part~=log] >> text=mensaje 00');

    // A burst of messages; the server dies while they go.
    const written = Array.from({ length: 30 }, (_, i) => `mensaje ${String(i).padStart(2, '0')}`);
    const burst = shopper.evaluate(async (bodies) => {
      const root = document.querySelector('crm-support-chat')!.shadowRoot!;
      for (const body of bodies) {
        const textarea = root.querySelector<HTMLTextAreaElement>('[part~=composer] textarea')!;
        textarea.value = body;
        textarea.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
        await new Promise((resolve) => setTimeout(resolve, 15));
      }
    }, written.slice(1));
    await shopper.waitForFunction(() => document.querySelector('crm-support-chat')!.shadowRoot!.querySelectorAll('[part~=log] .message:not(.pending):not(.system)').length >= 8);
    await server.kill();
    await burst;
    const atCrash = await shown(shopper, 'crm-support-chat');
    assert.ok(atCrash.stored.length >= 8 && atCrash.stored.length < written.length, `${atCrash.stored.length} acknowledged before the crash`);
    assert.equal(atCrash.stored.length + atCrash.pending.length, written.length, 'everything written is either acknowledged or waiting');

    server = await startClientela(dataDir.path, { PORT: String(port) });

    // The chat's stream comes back and the outbox goes out; the console catches up from where its stream stopped.
    await shopper.waitForFunction(
      (count) => {
        const root = document.querySelector('crm-support-chat')!.shadowRoot!;
        return root.querySelectorAll('[part~=log] .message.pending').length === 0 && root.querySelectorAll('[part~=log] .message:not(.system)').length === count;
      },
      written.length,
      { timeout: 30_000 },
    );
    assert.deepEqual((await shown(shopper, 'crm-support-chat')).stored, written);
    await agent.waitForFunction((count) => document.querySelector('crm-agent-console')!.shadowRoot!.querySelectorAll('[part~=log] .message').length >= count, written.length, { timeout: 30_000 });
    assert.deepEqual((await shown(agent, 'crm-agent-console')).stored, written);

    // And the store has each exactly once, in the order written, acknowledged ones included.
    const login = await fetch(`${server.url}/v1/agent/login`, {
      method: 'POST',
      headers: { 'x-publishable-key': 'pk_test_demo', 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'agente@demo.clientela.dev', password: 'demo-agente' }),
    });
    const { token } = (await login.json()) as { token: string };
    const headers = { authorization: `Bearer ${token}`, 'x-publishable-key': 'pk_test_demo' };
    const inbox = (await (await fetch(`${server.url}/v1/agent/conversations?view=all&status=open`, { headers })).json()) as { items: Array<{ id: string; customer: { id: string } }> };
    const diego = inbox.items.find((c) => c.customer.id === 'cli-0004')!;
    const page = (await (await fetch(`${server.url}/v1/agent/conversations/${diego.id}/messages?limit=200`, { headers })).json()) as { items: Array<{ seq: number; body: string }> };
    assert.deepEqual(page.items.map((m) => [m.seq, m.body]), written.map((body, i) => [i + 1, body]));
    await shopper.close();
    await agent.close();
  });
});
