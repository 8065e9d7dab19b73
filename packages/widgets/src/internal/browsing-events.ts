import type { BrowsingEvent } from '@clientela/contract';
import { recordEvents } from '@clientela/contract/routes';
import { Store } from '../state/portal-state.ts';
import { newIdempotencyKey } from './idempotency-key.ts';

const visitorKey = 'clientela:visitor';

/** The id this device's visitor is known by to the API, once a batch of their browsing was sent; none where the page may not keep storage. */
export function knownVisitor(): string | undefined {
  try {
    return localStorage.getItem(visitorKey) ?? undefined;
  } catch {
    return undefined;
  }
}

/** The API files a batch sent with a shopper's token under the shopper: the same call, with the token a shopper's call carries. */
const recordShopperEvents = { ...recordEvents, audience: 'shopper' } as unknown as typeof recordEvents;

/**
 * What the shopper looks at and puts in the cart, for their recommendations:
 * gathered for two seconds and sent in one `POST /v1/events`, with the
 * portal's publishable key and the visitor's id kept on the device, and the
 * session token once a shopper signs in (their earlier visits then join
 * them). A signal, not a record: a batch that fails is let go, and past 50 in
 * two seconds the page is being clicked, not browsed.
 */
export class BrowsingEvents extends Store {
  #events: BrowsingEvent[] = [];

  note(productId: string, kind: BrowsingEvent['kind']): void {
    if (this.#events.length === 50) return;
    if (this.#events.push({ productId, kind, at: new Date().toISOString() }) === 1) setTimeout(() => this.#send().catch(() => {}), 2000);
  }

  async #send(): Promise<void> {
    const events = this.#events.splice(0);
    // The visitor's id: random, made with their first batch, kept while the device keeps the store's storage.
    let visitorId = knownVisitor();
    if (!visitorId) localStorage.setItem(visitorKey, (visitorId = newIdempotencyKey()));
    const { client } = this.portal;
    await client.call(client.token ? recordShopperEvents : recordEvents, { body: { visitorId, events } });
  }
}
