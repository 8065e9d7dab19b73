import autocannon from 'autocannon';
import { requestsWith, type LoadJob, type LoadResult } from './throughput.ts';

// The bench's load generator, a process of its own (see `generateLoad`): it
// takes one job, runs the warm-up, says so, waits for the word to measure,
// runs the measured load and answers with its figures.

process.once('message', async (job: LoadJob) => {
  const options = { url: job.url, connections: job.connections };
  await autocannon({ ...options, ...requestsWith(job.headers), duration: job.warmUpSeconds });
  process.send!({ warmedUp: true });
  await new Promise((resolve) => process.once('message', resolve));
  const run = await autocannon({ ...options, ...requestsWith(job.headers), duration: job.seconds });
  const result: LoadResult = {
    requestsPerSecond: run.requests.average,
    requests: run.requests.total,
    p50: run.latency.p50,
    p99: run.latency.p99,
    non2xx: run.non2xx,
    errors: run.errors,
  };
  process.send!({ result }, () => process.disconnect());
});
