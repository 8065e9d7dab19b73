/**
 * Checks that a webhook request came from Clientela and was not changed or
 * replayed later: `header` is the `clientela-webhook-signature` value (one
 * or more `v1=<hex>`, separated by spaces or commas), `timestamp` the
 * `clientela-webhook-timestamp` value, `body` the request body exactly as
 * received (the raw text, before any JSON parsing). A timestamp further
 * than `toleranceSeconds` from `now` is refused, so a captured request
 * cannot be sent again later. Uses the Web Crypto API: Node 20 and later,
 * Deno, Bun, and edge runtimes.
 */
export async function verifyWebhookSignature(
  secret: string,
  header: string | null | undefined,
  timestamp: string | null | undefined,
  body: string,
  toleranceSeconds = 300,
  now: Date = new Date(),
): Promise<boolean> {
  if (!header || !timestamp || !/^\d{1,12}$/.test(timestamp)) return false;
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > toleranceSeconds) return false;
  const signatures = header
    .split(/[\s,]+/)
    .filter((part) => part.startsWith('v1='))
    .map((part) => hexBytes(part.slice(3)))
    .filter((bytes): bytes is Uint8Array<ArrayBuffer> => bytes !== undefined);
  if (signatures.length === 0) return false;
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
  const signed = encoder.encode(`${timestamp}.${body}`);
  for (const signature of signatures) {
    // `verify` compares in constant time.
    if (await crypto.subtle.verify('HMAC', key, signature, signed)) return true;
  }
  return false;
}

function hexBytes(hex: string): Uint8Array<ArrayBuffer> | undefined {
  if (hex.length !== 64 || !/^[0-9a-f]+$/i.test(hex)) return undefined;
  const bytes = new Uint8Array(32);
  for (let i = 0; i < 32; i++) bytes[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}
