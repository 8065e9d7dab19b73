import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { repositoryRoot, startProcess, type RunningProcess } from '../support/child-process.ts';

export type RunningClientela = RunningProcess;

/** Starts `clientela serve --demo` as its own process, on a free port, and waits until it says where it serves. */
export function startClientela(dataDir: string, env: Record<string, string> = {}): Promise<RunningClientela> {
  return startProcess([path.join(repositoryRoot, 'packages/server/bin/clientela.js'), 'serve', '--demo'], {
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    ...env,
  });
}

/** The demo store and a Chromium to visit it, as a test suite sees them. */
export interface DemoStoreSuite {
  server: RunningClientela;
  browser: Browser;
  /** Stops the server and starts it again on the same data folder. */
  restart(): Promise<void>;
}

/**
 * `clientela serve --demo` on a fresh data folder, and Chromium: started
 * before the enclosing describe block's tests, stopped and removed after.
 */
export function demoStoreForSuite(): DemoStoreSuite {
  let dataDir: Awaited<ReturnType<typeof temporaryDirectory>> | undefined;
  const suite = {
    async restart() {
      await suite.server.stop();
      suite.server = await startClientela(dataDir!.path);
    },
  } as DemoStoreSuite;
  before(async () => {
    dataDir = await temporaryDirectory();
    suite.server = await startClientela(dataDir.path);
    suite.browser = await launchChromium();
  });
  after(async () => {
    await suite.browser?.close();
    await suite.server?.stop();
    await dataDir?.remove();
  });
  return suite;
}

/** A local port nothing listens on now, for a server that must come back on the same one. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export async function temporaryDirectory(): Promise<{ path: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'clientela-e2e-'));
  return { path: dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Headless Debian Chromium, with the flags this closed network needs. */
export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      ...extraArgs,
    ],
  });
}

/** Collects what would tell a merchant something is wrong: script errors, console errors, CSP violations. */
export function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  return problems;
}
