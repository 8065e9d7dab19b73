import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { measureFanout } from './chat-fanout.ts';
import { measureModelBuild } from './recommendation-build.ts';
import { measureStatementRender } from './statement-render.ts';
import { startProcess } from '../support/child-process.ts';
import { clientelaArgs, helloServerArgs, load, type Throughput } from './throughput.ts';
import { measureWeights, type Weight } from './weight.ts';

// `npm run bench`: every figure is measured in this one run, and speeds are
// given as ratios to a baseline measured moments before on the same machine.

const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

/** Budgets the bench holds the product to; every one broken is listed at the end, and the bench exits 1. */
const broken: string[] = [];
function budget(what: string, value: number, limit: number, unit: string): string {
  const kept = value <= limit;
  if (!kept) broken.push(`${what}: ${value.toFixed(2)} ${unit}, over the budget of ${limit} ${unit}`);
  return `≤ ${limit} ${unit} ${kept ? 'kept' : '**BROKEN**'}`;
}

async function weights() {
  const { floor, alone, own, chatWithTransport, kit, loader } = await measureWeights();
  const F = (weight: Weight) => weight.gzip / floor.gzip;
  const row = (weight: Weight, limit?: number) =>
    console.log(`| ${weight.name} | ${kB(weight.bytes)} | ${kB(weight.gzip)} | ${F(weight).toFixed(2)} | ${limit === undefined ? '' : budget(weight.name, F(weight), limit, 'F')} |`);
  console.log(`\nWeight: minified ES modules, gzip -9, against F = a minimal LitElement built the same way (${kB(floor.gzip)})`);
  console.log('| bundle | min | gzip | × F | budget |');
  console.log('|---|---:|---:|---:|---|');
  row(floor);
  console.log("| **Own code** (the element's folder, without Lit, the client and the kit's shared modules) | | | | |");
  for (const weight of own) row(weight, 1);
  row(chatWithTransport, 1.5);
  console.log('| **The whole kit, and what loads first** | | | | |');
  row(kit, 8);
  row(loader, 0.5);
  console.log('| **Each element alone**, with Lit and everything it loads (a page using only that element) | | | | |');
  for (const weight of alone) row(weight);
}

/** A shopper of the demo store with a long open statement: 1,000 card payments made through the API. */
async function shopperWithLongStatement(url: string) {
  const headers = { authorization: 'Bearer sk_test_demo', 'content-type': 'application/json' };
  for (let i = 0; i < 1000; i++) {
    const response = await fetch(`${url}/v1/payments`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ id: `bench-${i}`, customerId: 'cli-0001', amount: 1_000 + i, currency: 'CLP' }),
    });
    if (response.status !== 201) throw new Error(`payment ${i}: ${response.status}`);
  }
  const session = await fetch(`${url}/v1/sessions`, { method: 'POST', headers, body: JSON.stringify({ customerId: 'cli-0001' }) });
  const { token } = (await session.json()) as { token: string };
  const shopper = { authorization: `Bearer ${token}`, 'x-publishable-key': 'pk_test_demo' };
  const list = (await (await fetch(`${url}/v1/me/statements`, { headers: shopper })).json()) as { statements: Array<{ period: string }> };
  return { token, shopper, openPeriod: list.statements[0]!.period, closedPeriod: list.statements[1]!.period };
}

async function throughput() {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'clientela-bench-'));
  const results: Throughput[] = [];
  let render;
  try {
    const hello = await startProcess(helloServerArgs);
    results.push(await load('node:http hello world', hello.url));
    await hello.stop();

    const clientela = await startProcess(clientelaArgs, { PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir });
    try {
      const { token, shopper, openPeriod, closedPeriod } = await shopperWithLongStatement(clientela.url);
      results.push(await load('GET /v1/me (PGlite)', `${clientela.url}/v1/me`, shopper));
      results.push(await load('GET /v1/me/statements/{closed} (PGlite)', `${clientela.url}/v1/me/statements/${closedPeriod}`, shopper));
      results.push(await load('GET /v1/me/statements/{open} (PGlite)', `${clientela.url}/v1/me/statements/${openPeriod}`, shopper));
      results.push(await load('GET /v1/me/recommendations?limit=10 (PGlite)', `${clientela.url}/v1/me/recommendations?limit=10`, shopper));
      render = await measureStatementRender(clientela.url, token, openPeriod);
    } finally {
      await clientela.stop();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
  const [hello, me] = results;
  console.log(`\nThroughput (50 connections, 10 s after a 2 s warm-up; ${os.cpus().length} cores, Node ${process.versions.node})`);
  console.log('| endpoint | req/s | p50 ms | p99 ms | × hello world | × GET /v1/me |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const result of results) {
    const ratio = (base: Throughput) => (result.requestsPerSecond / base.requestsPerSecond).toFixed(3);
    console.log(`| ${result.name} | ${Math.round(result.requestsPerSecond)} | ${result.p50} | ${result.p99} | ${ratio(hello!)} | ${ratio(me!)} |`);
  }
  console.log('\nStatement with 1,000 transactions in Chromium (median of 9, request included)');
  console.log('| render | ms | × plain DOM table |');
  console.log('|---|---:|---:|');
  console.log(`| plain DOM table | ${render!.plainTable.toFixed(1)} | 1.00 |`);
  console.log(`| <crm-account-statement> | ${render!.widget.toFixed(1)} | ${(render!.widget / render!.plainTable).toFixed(2)} |`);
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

await weights();
await throughput();
await chatFanout();
recommendationModel();

if (broken.length > 0) {
  console.error(`\n${broken.length} budget(s) BROKEN:\n${broken.map((line) => `  - ${line}`).join('\n')}`);
  process.exit(1);
}
console.log('\nEvery budget kept.');
