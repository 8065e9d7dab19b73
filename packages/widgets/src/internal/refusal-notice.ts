import type { ReactiveControllerHost } from 'lit';
import { CrmErrorEvent, isRefusalOfThePage } from '../events/error.ts';
import type { ShopperState } from '../state/shopper/shopper-store.ts';
import { consume, shopperContext } from './context.ts';

/** The kinds of element (their tags) that told the page of a refusal already. */
const toldBy = new WeakMap<object, Set<string>>();

/** What the API refused that the shopper's state shows: the page (its publishable key, its origin) or the shopper's token; undefined when nothing was. */
function refusalIn(state: ShopperState): Error | undefined {
  if (state.status === 'signed-out') return state.refusal;
  if (state.status === 'error' && isRefusalOfThePage(state.error)) return state.error;
  return undefined;
}

/**
 * Makes a widget tell the page, with `crm-error` from itself, when the API
 * refused the page its portal is on (the publishable key, the origin) or the
 * shopper's token: a page that listens on its widgets hears why they show no
 * account, not only one that listens on the portal. Each kind of element
 * tells it once for each refusal (a catalog's fifty hearts fire one event),
 * and the console says it once in all (see `CrmErrorEvent`).
 */
export class RefusalNotice {
  constructor(host: ReactiveControllerHost & HTMLElement) {
    consume(host, shopperContext, (state) => {
      const refusal = refusalIn(state);
      if (!refusal) return;
      const told = toldBy.get(refusal) ?? new Set<string>();
      toldBy.set(refusal, told);
      if (told.has(host.localName)) return;
      told.add(host.localName);
      host.dispatchEvent(new CrmErrorEvent(refusal, host.localName));
    });
  }
}
