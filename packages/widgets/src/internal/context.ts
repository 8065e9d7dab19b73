import type { Client } from '@clientela/client';
import type { Locale, Me } from '@clientela/contract';
import { ContextConsumer, ContextRoot, createContext, type Context, type ContextType } from '@lit/context';
import type { ReactiveControllerHost } from 'lit';

/** Where the signed-in shopper is at, as every widget inside `<crm-portal>` sees it. */
export type ShopperState =
  | { status: 'signed-out' }
  | { status: 'loading' }
  | { status: 'error'; error: unknown; retry: () => void }
  | { status: 'ready'; me: Me; refresh: () => void };

export const clientContext = createContext<Client | undefined>(Symbol('crm-client'));
export const shopperContext = createContext<ShopperState>(Symbol('crm-shopper'));
export const localeContext = createContext<Locale>(Symbol('crm-locale'));

let lateProvidersHeard = false;

/**
 * Follows a portal's context from a widget inside it, even when the widget
 * is defined before the portal (the script-tag bundle loads each element on
 * its own, in no set order): a request nobody answered yet is kept by one
 * context root on the document and answered once the portal appears.
 */
export function consume<C extends Context<unknown, unknown>, H extends ReactiveControllerHost & HTMLElement>(
  host: H,
  context: C,
  callback?: (value: ContextType<C>) => void,
): ContextConsumer<C, H> {
  if (!lateProvidersHeard) {
    lateProvidersHeard = true;
    new ContextRoot().attach(document.documentElement);
  }
  return new ContextConsumer(host, { context, subscribe: true, ...(callback ? { callback } : {}) });
}
