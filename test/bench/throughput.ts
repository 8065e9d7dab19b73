import path from 'node:path';
import autocannon from 'autocannon';
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

/** Load from this process against a server in another: fixed connections, a warm-up, then a measured run. */
export async function load(name: string, url: string, headers: Headers | Headers[] = {}, seconds = 10, connections = 50): Promise<Throughput> {
  await autocannon({ url, ...requestsWith(headers), connections, duration: 2 });
  const result = await autocannon({ url, ...requestsWith(headers), connections, duration: seconds });
  if (result.non2xx > 0) throw new Error(`${name}: ${result.non2xx} answers were not 2xx`);
  return {
    name,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
  };
}

export const helloServerArgs = ['--import', 'tsx', path.join(repositoryRoot, 'test/bench/hello-server.ts')];
export const clientelaArgs = [path.join(repositoryRoot, 'packages/server/bin/clientela.js'), 'serve', '--demo'];
