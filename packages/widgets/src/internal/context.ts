import type { Client } from '@clientela/client';
import type { Locale } from '@clientela/contract';
import { ContextConsumer, ContextRoot, createContext, type Context, type ContextType } from '@lit/context';
import type { ReactiveControllerHost } from 'lit';
import type { PortalState } from '../state/portal-state.ts';
import type { ShopperState } from '../state/shopper/shopper-store.ts';

export const clientContext = createContext<Client | undefined>(Symbol('crm-client'));
export const shopperContext = createContext<ShopperState>(Symbol('crm-shopper'));
export const localeContext = createContext<Locale>(Symbol('crm-locale'));
/** The portal's shared state: its client, its shopper and a store per domain (see state/). */
export const portalStateContext = createContext<PortalState | undefined>(Symbol('crm-portal-state'));

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
