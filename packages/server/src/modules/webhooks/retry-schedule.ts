const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;

/**
 * How long to wait after each failed attempt: 30 s, 2 min, 10 min, 1 h, 6 h,
 * 12 h, 24 h. The first attempt goes out at once, so a delivery gets eight
 * attempts over about two days before it is marked failed.
 */
export const retryDelaysMs = [30 * second, 2 * minute, 10 * minute, hour, 6 * hour, 12 * hour, 24 * hour] as const;

export const maxAttempts = retryDelaysMs.length + 1;

/** Each wait is moved by up to a fifth either way, so deliveries that failed together do not come back together. */
export const jitter = 0.2;

/** When to try again after `attempts` attempts, or null when they are spent. `random` is in [0, 1). */
export function nextAttemptAt(now: Date, attempts: number, limit: number, random: number = Math.random()): Date | null {
  if (attempts >= limit) return null;
  const delay = retryDelaysMs[Math.min(attempts, retryDelaysMs.length) - 1] ?? retryDelaysMs[0];
  return new Date(now.getTime() + Math.round(delay * (1 - jitter + 2 * jitter * random)));
}
