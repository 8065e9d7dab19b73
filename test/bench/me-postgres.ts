import { randomBytes } from 'node:crypto';
import { startProcess } from '../support/child-process.ts';
import { asAdmin } from '../support/postgres.ts';
import { demoShoppers, queriesOfMe, startMeServer, type MeBenchOptions, type RecordedQuery } from './me-baseline.ts';
import { median } from './median.ts';
import { helloServerArgs, load, type Throughput } from './throughput.ts';

/** The PostgreSQL server the bench makes its database on: BENCH_DATABASE_URL, else the one the PostgreSQL tests use. */
export const benchAdminUrl = () =>
  process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://clientela:clientela@127.0.0.1:5432/postgres';

/** Runs `work` with the URL of a new, empty database on the server of `adminUrl`, and drops the database after. */
export async function withBenchDatabase<T>(adminUrl: string, work: (databaseUrl: string) => Promise<T>): Promise<T> {
  const name = `clientela_bench_${randomBytes(6).toString('hex')}`;
  await asAdmin(adminUrl, `create database ${name}`);
  try {
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return await work(url.toString());
  } finally {
    await asAdmin(adminUrl, `drop database if exists ${name} with (force)`);
  }
}

const medianThroughput = (runs: Throughput[]): Throughput => ({
  name: runs[0]!.name,
  requestsPerSecond: median(runs.map((run) => run.requestsPerSecond)),
  p50: median(runs.map((run) => run.p50)),
  p99: median(runs.map((run) => run.p99)),
  errors: runs.reduce((sum, run) => sum + run.errors, 0),
});

export interface MeOnPostgres {
  /** Medians over the rounds, each figure on its own. */
  hello: Throughput;
  me: Throughput;
  /** Requests a second of each round, hello world and `GET /v1/me`, in the order they ran. */
  rounds: { hello: number; me: number }[];
  /** `GET /v1/me` requests per hello-world request, at the same connections: the median over the rounds of each round's ratio. */
  ratio: number;
  /** p99 latency over p50 of `GET /v1/me`. */
  tail: number;
  poolSize: number;
  queries: RecordedQuery[];
}

/**
 * (B) `GET /v1/me` served on PostgreSQL, on a database of its own made for
 * the run (the demo store seeded into it by the server, then dropped), against
 * the node:http hello world at the same connections (100 unless told), the two
 * taking turns for `rounds` (5) rounds: requests a second, p50 and p99, as the
 * median of the rounds. A hello world on two cores shared with its load
 * generator swings by half from one run to the next, as the two processes
 * happen to share a core or not, and the machine itself speeds up and slows
 * down over minutes; so each round's ratio compares two runs made seconds
 * apart, and the ratio is the median of those, which no lucky run decides.
 */
export async function measureMeOnPostgres(options: MeBenchOptions & { adminUrl?: string; poolSize?: number; rounds?: number } = {}): Promise<MeOnPostgres> {
  const { seconds = 10, connections = 100, adminUrl = benchAdminUrl(), rounds = 5 } = options;
  return withBenchDatabase(adminUrl, async (databaseUrl) => {
    const env: Record<string, string> = { DATABASE_URL: databaseUrl };
    if (options.poolSize) env.DATABASE_POOL_SIZE = String(options.poolSize);
    // Seeded first, so that the baseline is measured just before the load.
    const server = await startMeServer(env);
    try {
      const shoppers = await demoShoppers(server.url);
      const queries = await queriesOfMe(server, shoppers[0]!);
      const helloServer = await startProcess(helloServerArgs);
      const hellos: Throughput[] = [];
      const mes: Throughput[] = [];
      try {
        for (let round = 0; round < rounds; round++) {
          // The same requests, headers and all, so that the load generator does the same work for both.
          hellos.push(await load('node:http hello world', helloServer.url, shoppers, seconds, connections));
          mes.push(await load('GET /v1/me (PostgreSQL)', `${server.url}/v1/me`, shoppers, seconds, connections));
        }
      } finally {
        await helloServer.stop();
      }
      const hello = medianThroughput(hellos);
      const me = medianThroughput(mes);
      const poolSize = Number(/pool of (\d+)/.exec(server.output.join(''))![1]);
      const paired = hellos.map((h, round) => ({ hello: h.requestsPerSecond, me: mes[round]!.requestsPerSecond }));
      return {
        hello,
        me,
        rounds: paired,
        ratio: median(paired.map((round) => round.me / round.hello)),
        tail: me.p99 / me.p50,
        poolSize,
        queries,
      };
    } finally {
      await server.stop();
    }
  });
}
