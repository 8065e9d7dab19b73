import { fork } from 'node:child_process';
import path from 'node:path';
import type autocannon from 'autocannon';
import { repositoryRoot } from '../support/child-process.ts';

export interface Throughput {
  name: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

type Headers = Record<string, string>;

/**
 * What autocannon sends: the same headers every time, or, given a list, a crowd: each connection goes
 * through the whole list in turn, starting at its own place in it, so that the requests under way at
 * once are for different shoppers. Every request is built once, before the run, as with one set of
 * headers: the load generator does no more work per request than for the hello world.
 */
export function requestsWith(headers: Headers | Headers[]): Partial<autocannon.Options> {
  if (!Array.isArray(headers)) return { headers };
  let connections = 0;
  return {
    setupClient: (client) => {
      const start = (connections++ * 7) % headers.length;
      const turn = [...headers.slice(start), ...headers.slice(0, start)];
      client.setRequests(turn.map((shopper) => ({ method: 'GET', headers: shopper })));
    },
  };
}

/** What the load generator is asked to do: a warm-up, then a measured run, at fixed connections. */
export interface LoadJob {
  url: string;
  headers: Headers | Headers[];
  connections: number;
  warmUpSeconds: number;
  seconds: number;
}

/** The measured run's figures: requests as autocannon counts them, latencies from each answer's own time, in milliseconds. */
export interface LoadResult {
  requestsPerSecond: number;
  requests: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

/**
 * Runs autocannon in a process of its own (`load-generator.ts`), so that the
 * instrument's pauses are its own and not the bench's: in the bench process,
 * with its modules and its earlier runs on the heap, V8 came to allocate
 * autocannon's per-response objects straight in the old generation
 * (allocation-site pretenuring, misled by the burst of requests autocannon
 * builds before each run), and its collector then stopped the load for 10 to
 * 15 ms four times a second: 7 % of the run, added to the latency of every
 * request under way, against 1 % with pretenuring off. `beforeMeasuring` runs
 * between the warm-up and the measured run.
 */
export async function generateLoad(job: LoadJob, beforeMeasuring?: () => Promise<void>): Promise<LoadResult> {
  const generator = fork(path.join(repositoryRoot, 'test/bench/load-generator.ts'), [], {
    cwd: repositoryRoot,
    execArgv: ['--import', 'tsx', '--no-allocation-site-pretenuring'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    return await new Promise<LoadResult>((resolve, reject) => {
      generator.once('error', reject);
      generator.once('exit', (code) => reject(new Error(`The load generator exited with ${code} before it answered`)));
      generator.on('message', (message: { warmedUp: true } | { result: LoadResult }) => {
        if ('result' in message) return resolve(message.result);
        (beforeMeasuring?.() ?? Promise.resolve()).then(() => generator.send('measure'), reject);
      });
      generator.send(job);
    });
  } finally {
    generator.kill();
  }
}

/** The figures of a measured run under `name`; a run with any answer outside 2xx measured something else, and throws. */
export function throughputOf(name: string, result: LoadResult): Throughput {
  if (result.non2xx > 0) throw new Error(`${name}: ${result.non2xx} answers were not 2xx`);
  return { name, requestsPerSecond: result.requestsPerSecond, p50: result.p50, p99: result.p99, errors: result.errors };
}

/** Load against a server in another process: fixed connections, a 2 s warm-up, then a measured run. */
export async function load(name: string, url: string, headers: Headers | Headers[] = {}, seconds = 10, connections = 50): Promise<Throughput> {
  return throughputOf(name, await generateLoad({ url, headers, connections, warmUpSeconds: 2, seconds }));
}

export const helloServerArgs = ['--import', 'tsx', path.join(repositoryRoot, 'test/bench/hello-server.ts')];
export const clientelaArgs = [path.join(repositoryRoot, 'packages/server/bin/clientela.js'), 'serve', '--demo'];
