import type { Client } from '@clientela/client';
import type { Locale } from '@clientela/contract';
import { CrmErrorEvent } from '../events/error.ts';
import type { ShopperStore } from './shopper/shopper-store.ts';

/**
 * One domain's state in a portal (the wishlist, the points, the chat…),
 * shared by every widget of the portal that shows it. Widgets reach it with a
 * `StoreController`, which holds it while they are on the page and
 * re-renders them on every `change`.
 */
export abstract class Store extends EventTarget {
  protected readonly portal: PortalState;
  readonly #holders = new Set<Element>();

  constructor(portal: PortalState) {
    super();
    this.portal = portal;
  }

  /** Whether any element on the page uses this store now. */
  protected get held(): boolean {
    return this.#holders.size > 0;
  }

  /** An element starts using the store. */
  hold(element: Element): void {
    const first = !this.held;
    this.#holders.add(element);
    if (first) this.firstHeld();
  }

  /** An element stops using the store (it left the page, or its portal changed). */
  release(element: Element): void {
    if (!this.#holders.delete(element) || this.held) return;
    this.lastReleased();
  }

  /** The first element came: a store that works only while shown (polling, a stream) starts here. */
  protected firstHeld(): void {}

  /** The last element left. */
  protected lastReleased(): void {}

  /** Tells the widgets showing this store to render again. */
  protected changed(): void {
    this.dispatchEvent(new Event('change'));
  }

  /** Tells the page a load or save failed, with `crm-error` from an element that shows this store (so once, not once per heart). */
  protected fail(error: unknown): void {
    const [element] = this.#holders;
    element?.dispatchEvent(new CrmErrorEvent(error, element.localName));
  }

  /** The page's language changed: a store holding text the API wrote in the old one loads it again. */
  localeChanged(): void {}

  /** The portal is done with this store (it has another client now): stop timers, streams and listeners. */
  dispose(): void {}
}

export type StoreKind<S extends Store> = new (portal: PortalState) => S;

/**
 * What one `<crm-portal>` shares with every widget inside it, through
 * context: its API client, its shopper, and one store per domain, made the
 * first time a widget asks for it, so a page pays (in code and in requests)
 * only for the domains its widgets show. Another client (another `api` or
 * publishable key) means another PortalState; the portal disposes the old.
 */
export class PortalState {
  readonly client: Client;
  readonly shopper: ShopperStore;
  readonly #emit: (event: Event) => void;
  readonly #stores = new Map<StoreKind<Store>, Store>();
  #locale: Locale;

  constructor(client: Client, shopper: ShopperStore, locale: Locale, emit: (event: Event) => void) {
    this.client = client;
    this.shopper = shopper;
    this.#locale = locale;
    this.#emit = emit;
  }

  /** The language the portal's widgets speak, which the API writes the merchant's texts in (reward names, points labels). */
  get locale(): Locale {
    return this.#locale;
  }

  set locale(locale: Locale) {
    if (locale === this.#locale) return;
    this.#locale = locale;
    for (const store of this.#stores.values()) store.localeChanged();
  }

  /** The portal's store of that kind, made now if no widget asked for it before. */
  get<S extends Store>(kind: StoreKind<S>): S {
    let store = this.#stores.get(kind) as S | undefined;
    if (!store) {
      store = new kind(this);
      this.#stores.set(kind, store);
    }
    return store;
  }

  /** Fires a `crm-*` event from the portal element: news about the whole portal, such as a wishlist alert that arrived. */
  emit(event: Event): void {
    this.#emit(event);
  }

  dispose(): void {
    for (const store of this.#stores.values()) store.dispose();
    this.#stores.clear();
  }
}
