// The script-tag bundle. It knows every tag of the shopper kit (staff
// elements, such as the agents' console, ship apart) but carries none of
// their code: an element's module loads when one of its tags, in the markup
// or added later, comes within a screen of the viewport or is touched,
// hovered or focused. A page with only a greeting pays for the greeting, and
// a wishlist at the foot of a long page waits until the shopper gets there.
import { elements } from './elements.ts';

export type ClientelaTag = keyof typeof elements;

const loading = new Map<string, Promise<void>>();

/** Loads and defines one element now, whether or not the page has its tag yet; loading it again costs nothing. */
export function load(tag: ClientelaTag): Promise<void> {
  let pending = loading.get(tag);
  if (!pending) {
    pending = elements[tag]().then(
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

function reportFailure(error: unknown): void {
  console.error('Clientela could not load an element', error);
}

/** Wakes an element: loads its module, and the portals around it, which give it the shopper. */
function wake(element: Element): void {
  unwatch(element);
  for (let at: Element | null = element; at; at = at.parentElement?.closest('crm-portal') ?? null) {
    const tag = at.localName;
    if (isClientelaTag(tag) && !customElements.get(tag)) void load(tag).catch(reportFailure);
  }
}

const onTouch = (event: Event) => wake(event.currentTarget as Element);
const touches = ['pointerenter', 'focusin', 'touchstart'] as const;

/** Elements that came into sight, woken one per task: starting a module's import costs the main thread a few milliseconds. */
const inSight: Element[] = [];

function wakeInTurn(): void {
  const element = inSight.shift();
  if (!element) return;
  wake(element);
  setTimeout(wakeInTurn);
}

// Within a screen of the viewport counts as visible: the element is ready when the shopper scrolls to it.
const visibility = new IntersectionObserver(
  (entries) => {
    const idle = inSight.length === 0;
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      visibility.unobserve(entry.target);
      inSight.push(entry.target);
    }
    if (idle) wakeInTurn();
  },
  { rootMargin: '100% 0px' },
);

function watch(element: Element): void {
  if (customElements.get(element.localName)) return;
  visibility.observe(element);
  for (const type of touches) element.addEventListener(type, onTouch, { passive: true });
}

function unwatch(element: Element): void {
  visibility.unobserve(element);
  for (const type of touches) element.removeEventListener(type, onTouch);
}

/** Watches every Clientela element in `root` (and under it) that is not defined yet. */
function discover(root: Element | Document | DocumentFragment): void {
  if (root instanceof Element && isClientelaTag(root.localName)) watch(root);
  for (const tag of Object.keys(elements) as ClientelaTag[]) {
    if (!customElements.get(tag)) root.querySelectorAll(tag).forEach(watch);
  }
}

discover(document);
new MutationObserver((records) => {
  for (const record of records) {
    for (const node of record.addedNodes) if (node instanceof Element) discover(node);
  }
}).observe(document, { childList: true, subtree: true });
