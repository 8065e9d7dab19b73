import type { Logger } from './logger.ts';

/**
 * Runs `job` now and then every `everyMs`, one run at a time, logging a
 * failure as `what` and going on; the timer never keeps the process alive.
 * `stop` waits for a run under way.
 */
export function repeat(job: () => Promise<unknown>, what: string, logger: Logger, everyMs: number): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = running.then(job).catch((error: unknown) => logger.error({ err: error }, `${what} failed`));
  };
  tick();
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
