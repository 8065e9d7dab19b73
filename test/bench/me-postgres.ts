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
  /** Medians over the runs, each figure on its own. */
  hello: Throughput;
  me: Throughput;
  /** Each `GET /v1/me` run with the hello-world runs just before and just after it, in requests a second, in the order they ran. */
  rounds: { helloBefore: number; me: number; helloAfter: number }[];
  /** `GET /v1/me` requests per hello-world request, at the same connections: the median over the rounds of each round's ratio. */
  ratio: number;
  /** p99 latency over p50 of `GET /v1/me`. */
  tail: number;
  poolSize: number;
  queries: RecordedQuery[];
}

/** A round's ratio: its `/me` run against the mean of the hello worlds on either side, which cancels a drift of the machine's speed across the round. */
export const roundRatio = ({ helloBefore, me, helloAfter }: MeOnPostgres['rounds'][number]) => me / ((helloBefore + helloAfter) / 2);

/**
 * (B) `GET /v1/me` served on PostgreSQL, on a database of its own made for
 * the run (the demo store seeded into it by the server, then dropped), against
 * the node:http hello world at the same connections (100 unless told), the two
 * taking turns: `rounds` (7) runs of `/me`, each between two of the hello
 * world, 6 s each. Requests a second, p50 and p99 are medians of the runs. A
 * hello world on two cores shared with its load generator swings by half from
 * one run to the next, as the two processes happen to share a core or not,
 * and the machine itself speeds up and slows down over minutes; so each
 * `/me` run is compared with the mean of the hello worlds run just before and
 * just after it, and the ratio is the median of those, which no lucky run
 * decides.
 */
export async function measureMeOnPostgres(options: MeBenchOptions & { adminUrl?: string; poolSize?: number; rounds?: number } = {}): Promise<MeOnPostgres> {
  const { seconds = 6, connections = 100, adminUrl = benchAdminUrl(), rounds = 7 } = options;
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
      // The same requests, headers and all, so that the load generator does the same work for both.
      const hello = async () => hellos.push(await load('node:http hello world', helloServer.url, shoppers, seconds, connections));
      try {
        await hello();
        for (let round = 0; round < rounds; round++) {
          mes.push(await load('GET /v1/me (PostgreSQL)', `${server.url}/v1/me`, shoppers, seconds, connections));
          await hello();
        }
      } finally {
        await helloServer.stop();
      }
      const me = medianThroughput(mes);
      const poolSize = Number(/pool of (\d+)/.exec(server.output.join(''))![1]);
      const paired = mes.map((run, round) => ({
        helloBefore: hellos[round]!.requestsPerSecond,
        me: run.requestsPerSecond,
        helloAfter: hellos[round + 1]!.requestsPerSecond,
      }));
      return {
        hello: medianThroughput(hellos),
        me,
        rounds: paired,
        ratio: median(paired.map(roundRatio)),
        tail: me.p99 / me.p50,
        poolSize,
        queries,
      };
    } finally {
      await server.stop();
    }
  });
}
