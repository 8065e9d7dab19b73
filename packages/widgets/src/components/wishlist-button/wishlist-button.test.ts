import type { Wishlist } from '@clientela/contract';
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { CrmErrorEvent } from '../../events/error.ts';
import { CrmWishlistAddEvent } from '../../events/wishlist-add.ts';
import { fetchAsShopper, mintSession } from '../../../../../test/browser/server-commands.ts';
import type { CrmPortal } from '../portal/portal.component.ts';
import '../portal/portal.ts';
import '../wishlist/wishlist.ts';
import type { CrmWishlistButton } from './wishlist-button.component.ts';
import './wishlist-button.ts';

const button = (element: Element) => element.shadowRoot!.querySelector('button')!;
const pressed = (element: Element) => button(element).getAttribute('aria-pressed') === 'true';
const saved = async (customerId: string) => (await fetchAsShopper<Wishlist>(customerId, '/v1/me/wishlist')).items.map((item) => item.product.id);

/** Takes the product off the customer's list on the server, whatever the demo data saved. */
async function unsave(customerId: string, productId: string) {
  const { token } = await mintSession(customerId);
  await fetch(`/v1/me/wishlist/items/${productId}`, { method: 'DELETE', headers: { authorization: `Bearer ${token}`, 'x-publishable-key': 'pk_test_demo' } });
}

async function portalWith(customerId: string | null, productIds: string[]) {
  const token = customerId ? (await mintSession(customerId)).token : '';
  const portal = await fixture<CrmPortal>(html`<crm-portal api=${location.origin} publishable-key="pk_test_demo" token=${token} locale="es">
    ${productIds.map((id) => html`<crm-wishlist-button product-id=${id} product-name=${`Producto ${id}`}></crm-wishlist-button>`)}
  </crm-portal>`);
  const buttons = [...portal.querySelectorAll('crm-wishlist-button')] as CrmWishlistButton[];
  return { portal, buttons };
}

describe('<crm-wishlist-button>', () => {
  beforeEach(() => localStorage.removeItem('clientela:guest-wishlist'));
  // Other files share this origin's storage: a guest list left here would join the next shopper's account at sign-in.
  afterEach(() => localStorage.removeItem('clientela:guest-wishlist'));

  it('saves and removes a product for the signed-in shopper, pressed state and all', async () => {
    await unsave('cli-0050', 'p-010');
    const { buttons } = await portalWith('cli-0050', ['p-010']);
    const [heart] = buttons as [CrmWishlistButton];
    await waitUntil(() => heart.shadowRoot?.querySelector('button'), 'the heart renders', { timeout: 5000 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(pressed(heart)).to.equal(false);
    expect(button(heart).getAttribute('aria-label')).to.equal('Guardar \u2068Producto p-010\u2069 en favoritos');
    const added = oneEvent(heart, CrmWishlistAddEvent.type) as unknown as Promise<CrmWishlistAddEvent>;
    button(heart).click();
    expect((await added).guest).to.equal(false);
    await heart.updateComplete;
    expect(pressed(heart)).to.equal(true);
    await waitUntil(async () => (await saved('cli-0050')).includes('p-010'), 'saved on the server', { timeout: 5000 });
    button(heart).click();
    await waitUntil(async () => !(await saved('cli-0050')).includes('p-010'), 'removed on the server', { timeout: 5000 });
    await heart.updateComplete;
    expect(pressed(heart)).to.equal(false);
    await expect(heart).to.be.accessible();
  });

  it('shows the change at once, and undoes and announces it when the store refuses', async () => {
    const { buttons } = await portalWith('cli-0051', ['not-in-catalog']);
    const [heart] = buttons as [CrmWishlistButton];
    await waitUntil(() => heart.shadowRoot?.querySelector('button'), 'the heart renders', { timeout: 5000 });
    await waitUntil(() => heart.shadowRoot!.querySelector('button') && (heart as unknown as { isConnected: boolean }).isConnected, 'the heart renders, connected', { timeout: 5000 });
    // Every state the heart shows, in order.
    const shownStates: string[] = [];
    new MutationObserver(() => shownStates.push(button(heart).getAttribute('aria-pressed')!)).observe(button(heart), { attributeFilter: ['aria-pressed'] });
    const failed = oneEvent(heart, CrmErrorEvent.type);
    button(heart).click();
    await failed;
    await heart.updateComplete;
    expect(shownStates).to.deep.equal(['true', 'false'], 'saved at once, undone when refused');
    expect(pressed(heart)).to.equal(false);
    expect(heart.shadowRoot!.querySelector('[role=status]')!.textContent).to.equal('No pudimos actualizar tus favoritos. Intenta de nuevo.');
  });

  it('keeps a guest list on the device, written only when the visitor clicks, merged into the account at sign-in', async () => {
    const { portal, buttons } = await portalWith(null, ['p-020', 'p-021']);
    const [first] = buttons as [CrmWishlistButton];
    await waitUntil(() => first.shadowRoot?.querySelector('button'), 'the heart renders', { timeout: 5000 });
    await first.updateComplete;
    expect(localStorage.getItem('clientela:guest-wishlist')).to.equal(null, 'nothing written before a click');
    const added = oneEvent(first, CrmWishlistAddEvent.type) as unknown as Promise<CrmWishlistAddEvent>;
    button(first).click();
    expect((await added).guest).to.equal(true);
    expect(JSON.parse(localStorage.getItem('clientela:guest-wishlist')!)).to.deep.equal(['p-020']);
    await unsave('cli-0052', 'p-020');
    portal.token = (await mintSession('cli-0052')).token;
    await waitUntil(async () => (await saved('cli-0052')).includes('p-020'), 'merged into the account', { timeout: 5000 });
    await waitUntil(() => localStorage.getItem('clientela:guest-wishlist') === null, 'the guest list is cleared', { timeout: 5000 });
    expect(pressed(first)).to.equal(true);
  });

  it('a page of hearts and a wishlist makes one wishlist request, however late the hearts join it', async () => {
    const original = window.fetch;
    let requests = 0;
    window.fetch = (input, init) => {
      if (new URL(input instanceof Request ? input.url : String(input), location.href).pathname === '/v1/me/wishlist') requests++;
      return original(input, init);
    };
    const heart = (id: number) => html`<crm-wishlist-button product-id=${`p-${String(id).padStart(3, '0')}`}></crm-wishlist-button>`;
    try {
      // Ana, the demo shopper, with an unread price-drop alert the list shows: an alert waiting at sign-in is no reason to load the list again.
      const { token } = await mintSession('cli-0001');
      const portal = await fixture<CrmPortal>(html`<crm-portal api=${location.origin} publishable-key="pk_test_demo" token=${token} locale="es">
        <crm-wishlist></crm-wishlist>
        ${Array.from({ length: 12 }, (_, i) => heart(40 + i))}
      </crm-portal>`);
      const list = portal.querySelector('crm-wishlist')!;
      await waitUntil(() => list.shadowRoot?.querySelector('[part~=items], [part~=message]'), 'the list loads', { timeout: 8000 });
      // The catalog arrives later and adds its cards, each with a heart, as the demo store's home page does.
      const catalog = document.createElement('div');
      portal.append(catalog);
      for (let i = 0; i < 12; i++) catalog.append(Object.assign(document.createElement('crm-wishlist-button'), { productId: `p-${String(60 + i).padStart(3, '0')}` }));
      const hearts = [...portal.querySelectorAll('crm-wishlist-button')];
      await waitUntil(() => hearts.every((b) => b.shadowRoot?.querySelector('button')), 'every heart renders', { timeout: 5000 });
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(requests).to.equal(1);
    } finally {
      window.fetch = original;
    }
  });

  it('a grid of hearts makes one wishlist request', async () => {
    const original = window.fetch;
    let requests = 0;
    window.fetch = (input, init) => {
      if (String(input instanceof Request ? input.url : input).endsWith('/v1/me/wishlist')) requests++;
      return original(input, init);
    };
    try {
      const { buttons } = await portalWith('cli-0053', Array.from({ length: 12 }, (_, i) => `p-${String(i + 30).padStart(3, '0')}`));
      await waitUntil(() => buttons.every((b) => b.shadowRoot?.querySelector('button')), 'every heart renders', { timeout: 5000 });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(requests).to.equal(1);
    } finally {
      window.fetch = original;
    }
  });
});
