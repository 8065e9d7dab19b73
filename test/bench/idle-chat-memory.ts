import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { RunningProcess } from '../support/child-process.ts';
import { collectGarbage, fanoutServer, openListeners, pause } from './chat-fanout.ts';
import { demoCustomerId } from '../../packages/demo/src/index.ts';
import { demoBackend, demoSession } from '../support/demo-session.ts';

export interface IdleMemory {
  name: string;
  connections: number;
  /** The server's resident memory (VmRSS) when up, warmed up and idle, in bytes. */
  baselineRss: number;
  /** The same with every connection open. */
  withConnectionsRss: number;
  /** (withConnectionsRss − baselineRss) / connections. */
  perConnection: number;
}

const connectionCount = 1_000;

/** What the system says the process holds in memory: all of it, V8 heap, PGlite's WebAssembly memory, sockets and buffers. Linux only. */
async function residentBytes(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kB = /^VmRSS:\s+(\d+) kB$/m.exec(status);
  if (!kB) throw new Error(`No VmRSS in /proc/${pid}/status`);
  return Number(kB[1]) * 1024;
}

/**
 * The server's resident memory without its garbage. A single reading swings
 * by more than 1,000 streams weigh: V8 gives back the room it grew while busy
 * only when its memory reducer runs, a few seconds into a quiet spell for the
 * server's own heap, some 25 s after start-up for that of the thread which
 * compiles TypeScript (tsx). So the server collects its garbage once a second
 * for 30 s (with the streams open, a heartbeat passes), and the lowest
 * reading counts.
 */
async function settledRss(server: RunningProcess): Promise<number> {
  let lowest = Infinity;
  for (let second = 0; second < 30; second++) {
    await collectGarbage(server);
    await pause(1_000);
    lowest = Math.min(lowest, await residentBytes(server.pid));
  }
  return lowest;
}

/**
 * Weighs idle event streams by the server's resident memory: once the server
 * is idle after a few streams opened and closed (so what it sets up on first
 * use is in the baseline), and again with every stream open.
 */
async function weigh(name: string, server: RunningProcess, url: string, headers: (index: number) => Record<string, string>): Promise<IdleMemory> {
  (await openListeners(url, headers, 10)).close();
  const baselineRss = await settledRss(server);
  const listeners = await openListeners(url, headers, connectionCount);
  try {
    const withConnectionsRss = await settledRss(server);
    if (listeners.stillOpen() !== connectionCount) throw new Error(`${name}: only ${listeners.stillOpen()} of ${connectionCount} streams stayed open`);
    return { name, connections: connectionCount, baselineRss, withConnectionsRss, perConnection: (withConnectionsRss - baselineRss) / connectionCount };
  } finally {
    listeners.close();
  }
}

async function bareStreams(): Promise<IdleMemory> {
  const server = await fanoutServer('bare');
  try {
    return await weigh('bare SSE server (node:http)', server, `${server.url}/events`, () => ({}));
  } finally {
    await server.stop();
  }
}

/**
 * A shopper token for each of `count` customers of the demo store: its own
 * customers first, then customers the bench adds through the API as a
 * store's backend would. One session each keeps every customer far inside
 * its budget of sessions a minute.
 */
async function shopperTokens(url: string, count: number): Promise<string[]> {
  const signIn = async (index: number) => {
    const customerId = demoCustomerId(index + 1);
    const customer = await fetch(`${url}/v1/customers/${customerId}`, { headers: demoBackend });
    await customer.body?.cancel();
    if (customer.status === 404) {
      const created = await fetch(`${url}/v1/customers/${customerId}`, {
        method: 'PUT',
        headers: demoBackend,
        body: JSON.stringify({ firstName: 'Bench', lastName: `Shopper ${index + 1}` }),
      });
      await created.body?.cancel();
      if (created.status !== 200) throw new Error(`customer ${customerId}: ${created.status}`);
    } else if (customer.status !== 200) {
      throw new Error(`customer ${customerId}: ${customer.status}`);
    }
    return demoSession(url, customerId);
  };
  const tokens: string[] = [];
  for (let start = 0; start < count; start += 20) {
    tokens.push(...(await Promise.all(Array.from({ length: Math.min(20, count - start) }, (_, i) => signIn(start + i)))));
  }
  return tokens;
}

async function clientelaShopperStreams(): Promise<IdleMemory> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'clientela-idle-memory-'));
  try {
    // `clientela serve --demo` itself, in a process that can be told to collect its garbage.
    const server = await fanoutServer('clientela', { PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir });
    try {
      const tokens = await shopperTokens(server.url, connectionCount);
      // Each connection is a different shopper's chat widget, listening for all of their conversations.
      return await weigh('Clientela: shoppers’ chat event streams (PGlite)', server, `${server.url}/v1/me/events`, (index) => ({
        authorization: `Bearer ${tokens[index]}`,
        'x-publishable-key': 'pk_test_demo',
      }));
    } finally {
      await server.stop();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Resident memory per idle open chat stream: first a bare node:http server holding server-sent event streams, then `clientela serve --demo`. */
export async function measureIdleChatMemory(): Promise<IdleMemory[]> {
  return [await bareStreams(), await clientelaShopperStreams()];
}
