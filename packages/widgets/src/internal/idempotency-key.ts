/**
 * A fresh key for one operation that may be retried. crypto.randomUUID is
 * missing on pages served over plain HTTP; getRandomValues is everywhere.
 */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
