import autocannon from 'autocannon';
import { requestsWith, type LoadJob, type LoadResult } from './throughput.ts';

// The bench's load generator, a process of its own (see `generateLoad`): it
// takes one job, runs the warm-up, says so, waits for the word to measure,
// runs the measured load and answers with its figures.

/** Each answer's latency in milliseconds, with its fraction: autocannon's own histogram truncates to whole milliseconds. */
class Latencies {
  #values = new Float64Array(1 << 16);
  #count = 0;

  add(milliseconds: number): void {
    if (this.#count === this.#values.length) {
      const grown = new Float64Array(this.#values.length * 2);
      grown.set(this.#values);
      this.#values = grown;
    }
    this.#values[this.#count++] = milliseconds;
  }

  /** The nearest-rank percentile: the least latency that `fraction` of the requests did not exceed. */
  percentiles(...fractions: number[]): number[] {
    const sorted = this.#values.subarray(0, this.#count).sort();
    return fractions.map((fraction) => sorted[Math.max(0, Math.ceil(fraction * sorted.length) - 1)] ?? Number.NaN);
  }
}

process.once('message', async (job: LoadJob) => {
  const options = { url: job.url, connections: job.connections };
  await autocannon({ ...options, ...requestsWith(job.headers), duration: job.warmUpSeconds });
  process.send!({ warmedUp: true });
  await new Promise((resolve) => process.once('message', resolve));
  const latencies = new Latencies();
  const run = await new Promise<autocannon.Result>((resolve, reject) => {
    const measured = autocannon({ ...options, ...requestsWith(job.headers), duration: job.seconds }, (error, result) =>
      error ? reject(error) : resolve(result),
    );
    // Only answers in the 2xx range, as autocannon's own latency figures count.
    measured.on('response', (_client, status, _bytes, milliseconds) => {
      if (status >= 200 && status < 300) latencies.add(milliseconds);
    });
  });
  const [p50, p99] = latencies.percentiles(0.5, 0.99);
  const result: LoadResult = {
    requestsPerSecond: run.requests.average,
    requests: run.requests.total,
    p50: p50!,
    p99: p99!,
    non2xx: run.non2xx,
    errors: run.errors,
  };
  process.send!({ result }, () => process.disconnect());
});
