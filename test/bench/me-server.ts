import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import type { DatabaseHandle } from '../../packages/server/src/db/open.ts';
import { readEnvironment } from '../../packages/server/src/env.ts';
import { startServer } from '../../packages/server/src/serve.ts';
import { demo } from '../../packages/demo/src/index.ts';

// The server side of the `GET /v1/me` bench: `clientela serve --demo` itself
// (startServer, on PGlite in DATA_DIR or on PostgreSQL with DATABASE_URL),
// and on a second port, in the same process and on the same database, what
// the bench compares it with:
//   POST /queries   {headers}  the statements one GET /v1/me with these headers runs
//   POST /raw-loop  {shoppers, seconds, concurrency}  the statements of each of these
//                   shoppers' GET /v1/me, with their parameters, run straight on
//                   PGlite in a loop, a shopper after another: loops a second
//   POST /cpu       the CPU time this process has used, in seconds

export interface RecordedQuery {
  sql: string;
  params: unknown[];
}

export interface RawLoop {
  loopsPerSecond: number;
  /** Loops per second of CPU time the process used meanwhile. */
  loopsPerCpuSecond: number;
  /** Loops running at once; PGlite is one session, so 1 keeps it busy without queueing. */
  concurrency: number;
  /** The statements of the first shopper. */
  queries: RecordedQuery[];
}

function cpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

/** Notes every statement the database is sent while `work` runs. */
async function recordQueries(database: DatabaseHandle, work: () => Promise<void>): Promise<RecordedQuery[]> {
  const recorded: RecordedQuery[] = [];
  if (database.pglite) {
    const pglite = database.pglite;
    const { query, exec } = pglite;
    pglite.query = ((sql: string, params: unknown[] = [], options?: object) => {
      recorded.push({ sql, params });
      return query.call(pglite, sql, params, options);
    }) as typeof query;
    pglite.exec = ((sql: string, options?: object) => {
      recorded.push({ sql, params: [] });
      return exec.call(pglite, sql, options);
    }) as typeof exec;
    try {
      await work();
    } finally {
      pglite.query = query;
      pglite.exec = exec;
    }
    return recorded;
  }
  const { query } = pg.Client.prototype;
  pg.Client.prototype.query = function (this: pg.Client, sql: unknown, params?: unknown) {
    if (typeof sql === 'string') recorded.push({ sql, params: Array.isArray(params) ? params : [] });
    // A prepared statement goes by name, text and values.
    else if (sql && typeof sql === 'object' && 'text' in sql) {
      const { text, values } = sql as { text: string; values?: unknown[] };
      recorded.push({ sql: text, params: values ?? [] });
    }
    return (query as (...args: unknown[]) => unknown).apply(this, [...arguments]);
  } as typeof query;
  try {
    await work();
  } finally {
    pg.Client.prototype.query = query;
  }
  return recorded;
}

/**
 * The statements of one steady-state `GET /v1/me` (after one call has warmed
 * the merchant lookups). Timers of the server (webhook dispatch, chat polls)
 * may query meanwhile, so it records until two calls in a row agree.
 */
async function queriesOfMe(database: DatabaseHandle, url: string, headers: Record<string, string>): Promise<RecordedQuery[]> {
  const callMe = async () => {
    const response = await fetch(`${url}/v1/me`, { headers });
    if (response.status !== 200) throw new Error(`GET /v1/me: ${response.status} ${await response.text()}`);
    await response.arrayBuffer();
  };
  await callMe();
  let previous = await recordQueries(database, callMe);
  for (let attempt = 0; attempt < 10; attempt++) {
    const current = await recordQueries(database, callMe);
    if (JSON.stringify(current) === JSON.stringify(previous)) return current;
    previous = current;
  }
  throw new Error('The statements of GET /v1/me changed from call to call');
}

/** Runs each shopper's statements in turn on PGlite directly, as the PGlite dialect sends them, for `seconds`. */
async function rawLoop(database: DatabaseHandle, queriesOfShoppers: RecordedQuery[][], seconds: number, concurrency: number): Promise<RawLoop> {
  const pglite = database.pglite;
  if (!pglite) throw new Error('The raw loop runs on PGlite only');
  let loops = 0;
  const cpuBefore = cpuSeconds();
  const started = performance.now();
  const end = started + seconds * 1000;
  const loop = async () => {
    while (performance.now() < end) {
      for (const { sql, params } of queriesOfShoppers[loops % queriesOfShoppers.length]!) {
        if (params.length === 0) await pglite.exec(sql);
        else await pglite.query(sql, params);
      }
      loops++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  const elapsed = (performance.now() - started) / 1000;
  return { loopsPerSecond: loops / elapsed, loopsPerCpuSecond: loops / (cpuSeconds() - cpuBefore), concurrency, queries: queriesOfShoppers[0]! };
}

const environment = readEnvironment();
const server = await startServer(environment, { demo });

const control = createServer(async (request, response) => {
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString() || '{}') as {
      headers?: Record<string, string>;
      shoppers?: Record<string, string>[];
      seconds?: number;
      concurrency?: number;
    };
    const statementsOfMe = (headers: Record<string, string>) => queriesOfMe(server.database, server.url, headers);
    let answer: unknown;
    if (request.url === '/cpu') answer = cpuSeconds();
    else if (request.url === '/queries') answer = await statementsOfMe(body.headers ?? {});
    else if (request.url === '/raw-loop') {
      const queriesOfShoppers: RecordedQuery[][] = [];
      for (const shopper of body.shoppers ?? []) queriesOfShoppers.push(await statementsOfMe(shopper));
      answer = await rawLoop(server.database, queriesOfShoppers, body.seconds ?? 10, body.concurrency ?? 1);
    }
    else return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
  } catch (error) {
    response.writeHead(500, { 'content-type': 'text/plain' }).end(String((error as Error).stack ?? error));
  }
});
await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', () => resolve()));
console.log(`raw queries at http://127.0.0.1:${(control.address() as AddressInfo).port}`);
console.log(`database ${server.database.kind}${server.database.kind === 'postgres' ? `, pool of ${environment.DATABASE_POOL_SIZE}` : ''}`);
console.log(`serving on ${server.url}`);

// A clean exit, so that --cpu-prof writes its profile.
process.once('SIGTERM', async () => {
  control.close();
  await server.close();
  process.exit(0);
});
