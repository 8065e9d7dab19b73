import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { clientelaArgs, helloServerArgs, load, startProcess, type Throughput } from './throughput.ts';
import { measureWeights } from './weight.ts';

// `npm run bench`: every figure is measured in this one run, and speeds are
// given as ratios to a baseline measured moments before on the same machine.

const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

async function weights() {
  const measured = await measureWeights();
  const floor = measured[0]!;
  console.log('\nWeight (each built alone: minified ES module, gzip -9)');
  console.log('| bundle | min | gzip | × Lit floor |');
  console.log('|---|---:|---:|---:|');
  for (const weight of measured) {
    console.log(`| ${weight.name} | ${kB(weight.bytes)} | ${kB(weight.gzip)} | ${(weight.gzip / floor.gzip).toFixed(2)} |`);
  }
}

async function throughput() {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'clientela-bench-'));
  const results: Throughput[] = [];
  try {
    const hello = await startProcess(helloServerArgs);
    results.push(await load('node:http hello world', hello.url));
    await hello.stop();

    const clientela = await startProcess(clientelaArgs, { PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir });
    const session = await fetch(`${clientela.url}/v1/sessions`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk_test_demo', 'content-type': 'application/json' },
      body: JSON.stringify({ customerId: 'cli-0001' }),
    });
    const { token } = (await session.json()) as { token: string };
    results.push(
      await load('GET /v1/me (PGlite)', `${clientela.url}/v1/me`, { authorization: `Bearer ${token}`, 'x-publishable-key': 'pk_test_demo' }),
    );
    await clientela.stop();
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
  const baseline = results[0]!;
  console.log(`\nThroughput (50 connections, 10 s after a 2 s warm-up; ${os.cpus().length} cores, Node ${process.versions.node})`);
  console.log('| endpoint | req/s | p50 ms | p99 ms | × hello world |');
  console.log('|---|---:|---:|---:|---:|');
  for (const result of results) {
    console.log(
      `| ${result.name} | ${Math.round(result.requestsPerSecond)} | ${result.p50} | ${result.p99} | ${(result.requestsPerSecond / baseline.requestsPerSecond).toFixed(3)} |`,
    );
  }
}

await weights();
await throughput();
