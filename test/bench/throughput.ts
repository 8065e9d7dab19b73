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

/** Load from this process against a server in another: fixed connections, a warm-up, then a measured run. */
export async function load(name: string, url: string, headers: Record<string, string> = {}, seconds = 10, connections = 50): Promise<Throughput> {
  await autocannon({ url, headers, connections, duration: 2 });
  const result = await autocannon({ url, headers, connections, duration: seconds });
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
