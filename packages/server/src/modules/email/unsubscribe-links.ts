import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/** Who an unsubscribe link is for. */
export interface Subscriber {
  merchantId: string;
  customerId: string;
}

/**
 * The signed links in every mail that unsubscribe without signing in: the
 * store and customer, and an HMAC over them with a key derived (HKDF-SHA256)
 * from the server's token secret, so only this server makes links that work
 * and nobody can unsubscribe someone else by changing an id.
 */
export class UnsubscribeLinks {
  readonly #key: Buffer;
  readonly #baseUrl: () => string;

  constructor(tokenSecret: Uint8Array, baseUrl: () => string) {
    this.#key = Buffer.from(hkdfSync('sha256', tokenSecret, new Uint8Array(0), 'clientela mail unsubscribe links', 32));
    this.#baseUrl = baseUrl;
  }

  #signature(payload: string): Buffer {
    return createHmac('sha256', this.#key).update(payload).digest();
  }

  token(subscriber: Subscriber): string {
    const payload = Buffer.from(JSON.stringify([subscriber.merchantId, subscriber.customerId])).toString('base64url');
    return `${payload}.${this.#signature(payload).toString('base64url')}`;
  }

  /** The link for a mail's footer and its `List-Unsubscribe` header. */
  url(subscriber: Subscriber): string {
    return new URL(`/mail/unsubscribe/${this.token(subscriber)}`, this.#baseUrl()).href;
  }

  /** The subscriber a token names, when this server signed it; undefined otherwise. */
  open(token: string): Subscriber | undefined {
    const [payload, signature, ...rest] = token.split('.');
    if (!payload || !signature || rest.length > 0) return undefined;
    const given = Buffer.from(signature, 'base64url');
    const expected = this.#signature(payload);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    try {
      const ids: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString());
      if (Array.isArray(ids) && ids.length === 2 && typeof ids[0] === 'string' && typeof ids[1] === 'string') return { merchantId: ids[0], customerId: ids[1] };
    } catch {
      // answered below
    }
    return undefined;
  }
}
