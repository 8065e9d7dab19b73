import { pino, type LevelWithSilent, type Logger } from 'pino';

export type { Logger };

/** A log that keeps nothing: what an app built without one (a test's) logs to. */
export const silentLogger: Logger = pino({ level: 'silent' }, { write: () => undefined });

/**
 * The server's log: one JSON line per entry, from `level` up (`LOG_LEVEL`
 * sets it for `clientela`), on standard output, or on standard error for a
 * command whose output is its answer. Lines are written 4 kB at a time (one
 * write for some twenty requests' lines under load, rather than one each),
 * and at least every second when fewer come; what the process logged is
 * written out when it exits.
 */
export function createLogger(level: LevelWithSilent, to: 'stdout' | 'stderr' = 'stdout'): Logger {
  if (level === 'silent') return silentLogger;
  const destination = pino.destination({ dest: to === 'stdout' ? 1 : 2, sync: false, minLength: 4096 });
  let waiting = false;
  setInterval(() => {
    if (!waiting) return;
    waiting = false;
    destination.flush();
  }, 1_000).unref();
  return pino(
    {
      level,
      hooks: {
        streamWrite: (line) => {
          waiting = true;
          return line;
        },
      },
    },
    destination,
  );
}

