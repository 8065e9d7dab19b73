import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { measureFanout } from './chat-fanout.ts';
import { measureModelBuild } from './recommendation-build.ts';
import { measureStatementRender } from './statement-render.ts';
import { startProcess } from '../support/child-process.ts';
import { clientelaArgs, helloServerArgs, load, type Throughput } from './throughput.ts';
import { measureWeights, type Weight } from './weight.ts';
import { measureBlockingTime } from './blocking-time.ts';
import { measureFirstLoad } from './first-load.ts';
import { measureIdleChatMemory } from './idle-chat-memory.ts';
import { demoShoppers, measureMeOnPGlite } from './me-baseline.ts';
import { measureMeOnPostgres, roundRatio } from './me-postgres.ts';
import { profileMe } from './me-profile.ts';
import { asDemoShopper, demoBackend, demoSession } from '../support/demo-session.ts';

// `npm run bench`: every figure is measured in this one run, and speeds are
// given as ratios to a baseline measured moments before on the same machine.

const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

/** Budgets the bench holds the product to; every one broken is listed at the end, and the bench exits 1. */
const broken: string[] = [];
function budget(what: string, value: number, limit: number, unit: string, at: 'most' | 'least' = 'most'): string {
  const kept = at === 'most' ? value <= limit : value >= limit;
  const sign = at === 'most' ? '≤' : '≥';
  if (!kept) broken.push(`${what}: ${value.toFixed(2)}${unit ? ` ${unit}` : ''}, where the budget is ${sign} ${limit}${unit ? ` ${unit}` : ''}`);
  return `${sign} ${limit}${unit ? ` ${unit}` : ''} ${kept ? 'kept' : '**BROKEN**'}`;
}

const MB = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** `clientela serve --demo` on a data folder of its own, for the length of `work`. */
async function withDemoStore<T>(work: (url: string) => Promise<T>): Promise<T> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'clientela-bench-'));
  try {
    const server = await startProcess(clientelaArgs, { PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir });
    try {
      return await work(server.url);
    } finally {
      await server.stop();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function inTheBrowser(floorGzip: number) {
  const { firstLoad, blocking } = await withDemoStore(async (url) => {
    const token = await demoSession(url, 'cli-0001');
    return { firstLoad: await measureFirstLoad(url, token), blocking: await measureBlockingTime(url, 7) };
  });
  const perElement = firstLoad.beforeInteraction / firstLoad.elements / floorGzip;
  console.log(`\nA page with the script tag and ${firstLoad.elements} elements three screens below the fold, in Chromium (widget scripts, gzip -9)`);
  console.log('| moment | scripts | gzip | × F per element out of sight | budget |');
  console.log('|---|---:|---:|---:|---|');
  console.log(
    `| before any interaction | ${firstLoad.scriptsBeforeInteraction.length} (${firstLoad.scriptsBeforeInteraction.join(', ')}) | ${kB(firstLoad.beforeInteraction)} | ${perElement.toFixed(3)} | ${budget('launcher per element out of sight', perElement, 0.5, 'F')} |`,
  );
  console.log(`| once scrolled to them | ${firstLoad.scriptsAfterScrolling} | ${kB(firstLoad.afterScrolling)} | | |`);

  console.log(`\nTotal blocking time, home page of the demo store signed in, ${blocking.cpuSlowdown}× CPU slowdown, median of ${blocking.runs} cold loads each`);
  console.log('| page | TBT ms | long tasks | budget |');
  console.log('|---|---:|---:|---|');
  console.log(`| without Clientela (same markup, no widget script or element) | ${blocking.without.toFixed(0)} | ${blocking.longTasks.without} | |`);
  console.log(`| with every shopper widget | ${blocking.withWidgets.toFixed(0)} | ${blocking.longTasks.withWidgets} | |`);
  console.log(`| added by the widgets | ${blocking.added.toFixed(0)} | | ${budget('total blocking time the widgets add', blocking.added, 50, 'ms')} |`);
}

async function meAgainstTheFloor() {
  const pglite = await measureMeOnPGlite();
  const postgres = await measureMeOnPostgres();
  console.log('\n`GET /v1/me` against its floors (the 320 demo shoppers in turn; each run 10 s on PGlite and 6 s on PostgreSQL, after a 2 s warm-up)');
  console.log('| run | req/s | p50 ms | p99 ms | baseline | ratio | budget |');
  console.log('|---|---:|---:|---:|---|---:|---|');
  console.log(
    `| PGlite, 50 connections | ${Math.round(pglite.me.requestsPerSecond)} | ${pglite.me.p50.toFixed(1)} | ${pglite.me.p99.toFixed(1)} | the same ${pglite.queries.length} statement(s) straight on PGlite in the server's process: ${Math.round(pglite.raw.loopsPerSecond)} loops/s | ${pglite.ratio.toFixed(2)} | ${budget('GET /v1/me on PGlite × raw PGlite loop', pglite.ratio, 0.8, '', 'least')} |`,
  );
  console.log(`| PGlite, per second of the server's CPU | ${Math.round(pglite.perCpuSecond.me)} | | | raw loop: ${Math.round(pglite.perCpuSecond.raw)} | ${pglite.perCpuSecond.ratio.toFixed(2)} | |`);
  console.log(
    `| PostgreSQL, pool of ${postgres.poolSize}, 100 connections (${postgres.rounds.length} runs between ${postgres.rounds.length + 1} of the hello world, medians; ratio: median of the rounds' ratios) | ${Math.round(postgres.me.requestsPerSecond)} | ${postgres.me.p50.toFixed(1)} | ${postgres.me.p99.toFixed(1)} | node:http hello world, 100 connections: ${Math.round(postgres.hello.requestsPerSecond)} req/s (p50 ${postgres.hello.p50.toFixed(1)} ms, p99 ${postgres.hello.p99.toFixed(1)} ms) | ${postgres.ratio.toFixed(3)} | ${budget('GET /v1/me on PostgreSQL × hello world', postgres.ratio, 0.5, '', 'least')} |`,
  );
  // The hello world's own tail, in the same rounds: the floor the machine sets under any server's.
  const helloTail = postgres.hello.p99 / postgres.hello.p50;
  console.log(
    `| PostgreSQL, p99 ÷ p50 | | | | the hello world's own: ${helloTail.toFixed(2)} | ${postgres.tail.toFixed(2)} | ${budget('GET /v1/me p99 ÷ p50 at 100 connections', postgres.tail, 3, '')} |`,
  );
  console.log(
    `\nPostgreSQL rounds, GET /v1/me between two hello worlds (req/s, ratio to their mean): ${postgres.rounds.map((round) => `${Math.round(round.helloBefore)} / ${Math.round(round.me)} / ${Math.round(round.helloAfter)}: ${roundRatio(round).toFixed(2)}`).join('; ')}`,
  );
  console.log(`\nThe statement(s) of one GET /v1/me: ${pglite.queries.map((query) => `\`${query.sql.replace(/\s+/g, ' ').trim()}\``).join('; ')}`);
  for (const database of ['pglite', 'postgres'] as const) {
    const profile = await profileMe(database, { top: 8 });
    console.log(`\nWhere the server's time goes, GET /v1/me on ${database === 'pglite' ? 'PGlite' : 'PostgreSQL'} under load (node --cpu-prof, self time)`);
    console.log('| where | share |');
    console.log('|---|---:|');
    for (const share of profile.byPackage) console.log(`| ${share.name} | ${(share.share * 100).toFixed(1)} % |`);
  }
}

async function idleChatMemory() {
  const [bare, clientela] = await measureIdleChatMemory();
  console.log(`\nResident memory (VmRSS) with ${clientela!.connections.toLocaleString('en')} idle chat streams open, each a shopper's (lowest of 30 readings after forced collections)`);
  console.log('| server | RSS idle | RSS with the streams | per stream | × bare per stream |');
  console.log('|---|---:|---:|---:|---:|');
  for (const result of [bare!, clientela!]) {
    console.log(`| ${result.name} | ${MB(result.baselineRss)} | ${MB(result.withConnectionsRss)} | ${kB(result.perConnection)} | ${(result.perConnection / bare!.perConnection).toFixed(2)} |`);
  }
}

/**
 * Own-code budgets above the 1 F each element keeps: the statement carries the
 * store card's disclosures a Chilean statement must show (rates, CAE, the
 * coming installments, prepayment) and the pay form; the back office is a
 * whole application of six pages for staff, never loaded on a store's page.
 */
const ownBudget: Record<string, number> = { 'crm-account-statement': 1.25, 'staff/crm-back-office': 2.5 };

async function weights(): Promise<number> {
  const { floor, alone, own, chatWithTransport, kits, loader } = await measureWeights();
  const F = (weight: Weight) => weight.gzip / floor.gzip;
  const row = (weight: Weight, limit?: number) =>
    console.log(`| ${weight.name} | ${kB(weight.bytes)} | ${kB(weight.gzip)} | ${F(weight).toFixed(2)} | ${limit === undefined ? '' : budget(weight.name, F(weight), limit, 'F')} |`);
  console.log(`\nWeight: minified ES modules, gzip -9, against F = a minimal LitElement built the same way (${kB(floor.gzip)})`);
  console.log('| bundle | min | gzip | × F | budget |');
  console.log('|---|---:|---:|---:|---|');
  row(floor);
  console.log("| **Own code** (the element's folder, without Lit, the client and the kit's shared modules) | | | | |");
  for (const weight of own) row(weight, ownBudget[weight.name] ?? 1);
  row(chatWithTransport, 1.5);
  console.log('| **The whole kit, and what loads first** | | | | |');
  for (const kit of kits) row(kit, 8);
  row(loader, 0.5);
  console.log('| **Each element alone**, with Lit and everything it loads (a page in Spanish using only that element) | | | | |');
  for (const weight of alone) row(weight);
  return floor.gzip;
}

/** A shopper of the demo store with a long open statement: 1,000 card payments made through the API. */
async function shopperWithLongStatement(url: string) {
  for (let i = 0; i < 1000; i++) {
    const response = await fetch(`${url}/v1/payments`, {
      method: 'POST',
      headers: demoBackend,
      body: JSON.stringify({ id: `bench-${i}`, customerId: 'cli-0001', amount: 1_000 + i, currency: 'CLP' }),
    });
    if (response.status !== 201) throw new Error(`payment ${i}: ${response.status}`);
  }
  const token = await demoSession(url, 'cli-0001');
  const shopper = asDemoShopper(token);
  const list = (await (await fetch(`${url}/v1/me/statements`, { headers: shopper })).json()) as { statements: Array<{ period: string }> };
  return { token, shopper, openPeriod: list.statements[0]!.period, closedPeriod: list.statements[1]!.period };
}

async function throughput() {
  const results: Throughput[] = [];
  const helloServer = await startProcess(helloServerArgs);
  results.push(await load('node:http hello world', helloServer.url));
  await helloServer.stop();
  const render = await withDemoStore(async (url) => {
    const { token, shopper, openPeriod, closedPeriod } = await shopperWithLongStatement(url);
    results.push(await load('GET /v1/me (PGlite)', `${url}/v1/me`, await demoShoppers(url)));
    results.push(await load('GET /v1/me/statements/{closed} (PGlite)', `${url}/v1/me/statements/${closedPeriod}`, shopper));
    results.push(await load('GET /v1/me/statements/{open} (PGlite)', `${url}/v1/me/statements/${openPeriod}`, shopper));
    results.push(await load('GET /v1/me/recommendations?limit=10 (PGlite)', `${url}/v1/me/recommendations?limit=10`, shopper));
    return measureStatementRender(url, token, openPeriod);
  });
  const [hello, me] = results;
  console.log(`\nThroughput (50 connections, 10 s after a 2 s warm-up; ${os.cpus().length} cores, Node ${process.versions.node})`);
  console.log('| endpoint | req/s | p50 ms | p99 ms | × hello world | × GET /v1/me |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const result of results) {
    const ratio = (base: Throughput) => (result.requestsPerSecond / base.requestsPerSecond).toFixed(3);
    console.log(`| ${result.name} | ${Math.round(result.requestsPerSecond)} | ${result.p50.toFixed(1)} | ${result.p99.toFixed(1)} | ${ratio(hello!)} | ${ratio(me!)} |`);
  }
  console.log('\nStatement with 1,000 transactions in Chromium (median of 9, request included)');
  console.log('| render | ms | × plain DOM table |');
  console.log('|---|---:|---:|');
  console.log(`| plain DOM table | ${render.plainTable.toFixed(1)} | 1.00 |`);
  console.log(`| <crm-account-statement> | ${render.widget.toFixed(1)} | ${(render.widget / render.plainTable).toFixed(2)} |`);
}

function recommendationModel() {
  const build = measureModelBuild();
  console.log(`\nRecommendation model over ${build.products.toLocaleString('en')} products and ${build.lines.toLocaleString('en')} order lines (median of 3 builds, 5 scans)`);
  console.log('| step | ms | × plain scan |');
  console.log('|---|---:|---:|');
  console.log(`| one plain scan of the order lines (count per product) | ${build.scanMs.toFixed(0)} | 1.00 |`);
  console.log(`| build the model | ${build.buildMs.toFixed(0)} | ${(build.buildMs / build.scanMs).toFixed(1)} |`);
}

async function chatFanout() {
  const [bare, clientela] = await measureFanout();
  console.log(`\nChat fan-out: one message to ${bare!.listeners.toLocaleString('en')} open event streams, ${bare!.messages} messages, latency from the send to each listener's receipt`);
  console.log('| transport | p50 ms | p99 ms | last listener ms (median) | × bare p50 | × bare p99 | server heap per idle stream |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const result of [bare!, clientela!]) {
    console.log(
      `| ${result.name} | ${result.p50.toFixed(1)} | ${result.p99.toFixed(1)} | ${result.lastMedian.toFixed(1)} | ${(result.p50 / bare!.p50).toFixed(2)} | ${(result.p99 / bare!.p99).toFixed(2)} | ${kB(result.bytesPerConnection)} |`,
    );
  }
}

const floor = await weights();
await inTheBrowser(floor);
await throughput();
await meAgainstTheFloor();
await chatFanout();
await idleChatMemory();
recommendationModel();

if (broken.length > 0) {
  console.error(`\n${broken.length} budget(s) BROKEN:\n${broken.map((line) => `  - ${line}`).join('\n')}`);
  process.exit(1);
}
console.log('\nEvery budget kept.');
