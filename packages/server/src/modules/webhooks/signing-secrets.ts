import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { randomToken } from '../../core/random-token.ts';

export const newSigningSecret = () => `whsec_${randomToken(40)}`;

/** The `clientela-webhook-signature` value for a body sent at `timestamp` (Unix seconds). */
export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

const version = 'v1';

/**
 * Keeps endpoints' signing secrets at rest. Unlike secret keys, which are
 * only ever compared and so are stored as hashes, a signing secret must be
 * read back to sign each request; it is stored sealed with AES-256-GCM under
 * a key derived (HKDF-SHA256) from the server's token secret, and bound to
 * its store and endpoint so a sealed value cannot be moved to another row.
 * With TOKEN_SECRET set in the environment, a copy of the database alone
 * does not give the secrets away. Changing TOKEN_SECRET leaves them
 * unreadable: deliveries to those endpoints then fail, saying so, and the
 * store registers its endpoints again.
 */
export class WebhookSecrets {
  readonly #key: Buffer;

  constructor(tokenSecret: Uint8Array) {
    this.#key = Buffer.from(hkdfSync('sha256', tokenSecret, new Uint8Array(0), 'clientela webhook signing secrets', 32));
  }

  seal(secret: string, owner: { merchantId: string; endpointId: string }): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv).setAAD(boundTo(owner));
    const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return `${version}.${Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url')}`;
  }

  /** The secret, or undefined when it was sealed under another key or for another row. */
  open(sealed: string, owner: { merchantId: string; endpointId: string }): string | undefined {
    const [prefix, text] = sealed.split('.');
    if (prefix !== version || !text) return undefined;
    const bytes = Buffer.from(text, 'base64url');
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#key, bytes.subarray(0, 12)).setAAD(boundTo(owner));
      decipher.setAuthTag(bytes.subarray(12, 28));
      return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
    } catch {
      return undefined;
    }
  }
}

const boundTo = (owner: { merchantId: string; endpointId: string }) => Buffer.from(`${owner.merchantId}/${owner.endpointId}`);
