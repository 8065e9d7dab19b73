import type { Client } from '@clientela/client';
import type { Locale, Me } from '@clientela/contract';
import { createContext } from '@lit/context';

/** Where the signed-in shopper is at, as every widget inside `<crm-portal>` sees it. */
export type ShopperState =
  | { status: 'signed-out' }
  | { status: 'loading' }
  | { status: 'error'; error: unknown; retry: () => void }
  | { status: 'ready'; me: Me; refresh: () => void };

export const clientContext = createContext<Client | undefined>(Symbol('crm-client'));
export const shopperContext = createContext<ShopperState>(Symbol('crm-shopper'));
export const localeContext = createContext<Locale>(Symbol('crm-locale'));
