import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { repositoryRoot, startProcess, type RunningProcess } from '../support/child-process.ts';
import type { RawLoop, RecordedQuery } from './me-server.ts';
import { generateLoad, throughputOf, type Throughput } from './throughput.ts';
import { demoCustomerCount, demoCustomerId } from '../../packages/demo/src/index.ts';
import { asDemoShopper, demoSession } from '../support/demo-session.ts';

export type { RawLoop, RecordedQuery };

export interface MeBenchOptions {
  /** Measured seconds of each run (after a 2 s warm-up for the HTTP loads). */
  seconds?: number;
  /** Connections autocannon keeps open. */
  connections?: number;
}

/** `test/bench/me-server.ts` in a process of its own: the real server, plus the raw loop on a second port; with `cpuProfileDir`, under `node --cpu-prof`. */
export async function startMeServer(env: Record<string, string>, cpuProfileDir?: string): Promise<RunningProcess & { controlUrl: string }> {
  const profiling = cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`] : [];
  const server = await startProcess([...profiling, '--import', 'tsx', path.join(repositoryRoot, 'test/bench/me-server.ts')], {
    PORT: '0',
    HOST: '127.0.0.1',
    ...env,
  });
  const controlUrl = /raw queries at (http:\/\/\S+)/.exec(server.output.join(''))![1]!;
  return { ...server, controlUrl };
}

/**
 * Headers of every demo customer signed in from the demo store's page, with sessions minted as the
 * store's backend would: the load comes from a crowd of shoppers, as on a store's busy day, not from
 * one shopper asking over and over.
 */
export async function demoShoppers(url: string): Promise<Record<string, string>[]> {
  const shoppers: Record<string, string>[] = [];
  for (let n = 1; n <= demoCustomerCount; n++) shoppers.push(asDemoShopper(await demoSession(url, demoCustomerId(n))));
  return shoppers;
}

async function control<T>(server: { controlUrl: string }, route: '/queries' | '/raw-loop' | '/cpu', body: object = {}): Promise<T> {
  const response = await fetch(`${server.controlUrl}${route}`, { method: 'POST', body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${route}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** The statements one steady-state `GET /v1/me` of `shopper`, alone on the server, sends to its database. */
export const queriesOfMe = (server: { controlUrl: string }, shopper: Record<string, string>) => control<RecordedQuery[]>(server, '/queries', { headers: shopper });

/**
 * Like `load` of throughput.ts, and also notes the CPU time the server process
 * spent over the measured seconds: on a machine shared with other work (and
 * with autocannon), requests per CPU second say more than requests per second.
 */
async function loadNotingServerCpu(server: { controlUrl: string }, name: string, url: string, shoppers: Record<string, string>[], seconds: number, connections: number) {
  let cpuBefore = 0;
  const result = await generateLoad({ url, headers: shoppers, connections, warmUpSeconds: 2, seconds }, async () => {
    cpuBefore = await control<number>(server, '/cpu');
  });
  const cpuSeconds = (await control<number>(server, '/cpu')) - cpuBefore;
  return { throughput: throughputOf(name, result), requestsPerCpuSecond: result.requests / cpuSeconds };
}

export interface MeOnPGlite {
  me: Throughput;
  /** Each shopper's statements straight on PGlite, in turn, in the server's process: the mean of a run just before and one just after the load. */
  raw: { loopsPerSecond: number; before: number; after: number; concurrency: number };
  /** `GET /v1/me` requests per raw loop. */
  ratio: number;
  /** The same per second of the server process's CPU time, which other work on the machine disturbs less. */
  perCpuSecond: { me: number; raw: number; ratio: number };
  /** The statements of the first shopper's `GET /v1/me`. */
  queries: RecordedQuery[];
}

/**
 * (A) `GET /v1/me` on PGlite against a loop of the very statements it runs,
 * with the same parameters on the same data, run straight on PGlite in the
 * process that serves the API: each of the 320 demo shoppers' statements in
 * turn, as a `GET /v1/me` of each alone on the server sends them. PGlite is
 * one session that runs one statement at a time, so the loop runs one at a
 * time too (concurrency 1 keeps it busy without a queue); the API is loaded
 * with `connections` (50) asking for the same shoppers in turn, so that it
 * is never idle between requests either.
 */
export async function measureMeOnPGlite(options: MeBenchOptions = {}): Promise<MeOnPGlite> {
  const { seconds = 10, connections = 50 } = options;
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'clientela-bench-me-'));
  try {
    const server = await startMeServer({ DATA_DIR: dataDir });
    try {
      const shoppers = await demoShoppers(server.url);
      const raw = () => control<RawLoop>(server, '/raw-loop', { shoppers, seconds, concurrency: 1 });
      const before = await raw();
      const me = await loadNotingServerCpu(server, 'GET /v1/me (PGlite)', `${server.url}/v1/me`, shoppers, seconds, connections);
      const after = await raw();
      const loopsPerSecond = (before.loopsPerSecond + after.loopsPerSecond) / 2;
      const loopsPerCpuSecond = (before.loopsPerCpuSecond + after.loopsPerCpuSecond) / 2;
      return {
        me: me.throughput,
        raw: { loopsPerSecond, before: before.loopsPerSecond, after: after.loopsPerSecond, concurrency: before.concurrency },
        ratio: me.throughput.requestsPerSecond / loopsPerSecond,
        perCpuSecond: { me: me.requestsPerCpuSecond, raw: loopsPerCpuSecond, ratio: me.requestsPerCpuSecond / loopsPerCpuSecond },
        queries: after.queries,
      };
    } finally {
      await server.stop();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
