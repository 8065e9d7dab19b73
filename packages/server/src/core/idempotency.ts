import { createHash } from 'node:crypto';

/** JSON with object keys sorted, so equal requests have equal text whatever order their fields came in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * A fingerprint of a request's content: a retry carries the same one, while
 * a different request reusing the same id (or idempotency key) does not.
 */
export function requestFingerprint(request: unknown): string {
  return createHash('sha256').update(canonical(request)).digest('base64url');
}

/** Whether a database error is a unique-key violation: two requests raced to create the same thing. */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === '23505';
}
