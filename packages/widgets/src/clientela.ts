// The script-tag bundle. It knows every Clientela tag but carries none of
// their code: the first time a tag shows up in the page, in the markup or
// added later, its element's module loads and defines it. A page with only
// a greeting pays for the greeting.

const elements: Record<string, () => Promise<unknown>> = {
  'crm-portal': () => import('./components/portal/portal.ts'),
  'crm-greeting': () => import('./components/greeting/greeting.ts'),
  'crm-account-statement': () => import('./components/account-statement/account-statement.ts'),
  'crm-points-balance': () => import('./components/points-balance/points-balance.ts'),
  'crm-wishlist': () => import('./components/wishlist/wishlist.ts'),
  'crm-wishlist-button': () => import('./components/wishlist-button/wishlist-button.ts'),
  'crm-recommendations': () => import('./components/recommendations/recommendations.ts'),
  'crm-support-chat': () => import('./components/support-chat/support-chat.ts'),
  'crm-agent-console': () => import('./components/agent-console/agent-console.ts'),
};

export type ClientelaTag = keyof typeof elements;

const loading = new Map<string, Promise<void>>();

/** Loads and defines one element now, whether or not the page has its tag yet; loading it again costs nothing. */
export function load(tag: ClientelaTag): Promise<void> {
  let pending = loading.get(tag);
  if (!pending) {
    pending = elements[tag]!().then(
      () => undefined,
      (error: unknown) => {
        // A failed load (the network, say) may be tried again when the tag is next seen.
        loading.delete(tag);
        throw error;
      },
    );
    loading.set(tag, pending);
  }
  return pending;
}

const isClientelaTag = (name: string): name is ClientelaTag => Object.hasOwn(elements, name);

/** Loads every Clientela element in `root` (and under it) that is not defined yet. */
function discover(root: Element | Document | DocumentFragment): void {
  if (root instanceof Element && isClientelaTag(root.localName)) void load(root.localName).catch(reportFailure);
  for (const tag of Object.keys(elements) as ClientelaTag[]) {
    if (!customElements.get(tag) && root.querySelector(tag)) void load(tag).catch(reportFailure);
  }
}

function reportFailure(error: unknown): void {
  console.error('Clientela could not load an element', error);
}

discover(document);
new MutationObserver((records) => {
  for (const record of records) {
    for (const node of record.addedNodes) if (node instanceof Element) discover(node);
  }
}).observe(document, { childList: true, subtree: true });
