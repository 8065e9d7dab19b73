import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
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

export async function temporaryDirectory(): Promise<{ path: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'clientela-e2e-'));
  return { path: dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Headless Debian Chromium, with the flags this closed network needs. */
export function launchChromium(): Promise<Browser> {
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
    ],
  });
}
