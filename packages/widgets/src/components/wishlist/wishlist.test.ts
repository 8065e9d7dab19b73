import type { Wishlist } from '@clientela/contract';
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { CrmCartAddEvent } from '../../events/cart-add.ts';
import { defineShopperStateProvider } from '../../testing/shopper-state-provider.ts';
import { asMerchant, fetchAsShopper, freshCustomer, mintSession } from '../../../../../test/browser/server-commands.ts';
import type { CrmPortal } from '../portal/portal.component.ts';
import '../portal/portal.ts';
import type { CrmWishlist } from './wishlist.component.ts';
import './wishlist.ts';

defineShopperStateProvider();

const shadow = (element: Element) => element.shadowRoot!;
const part = (element: Element, name: string) => shadow(element).querySelector<HTMLElement>(`[part~='${name}']`);
const items = (element: Element) => [...shadow(element).querySelectorAll<HTMLElement>('[part~=item]')];
const text = (element: Element | null | undefined) => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const itemNamed = (element: Element, name: string) => items(element).find((item) => text(item.querySelector('h3')) === name)!;

async function listFor(customerId: string | null, locale = 'es') {
  const token = customerId ? (await mintSession(customerId)).token : '';
  const portal = await fixture<CrmPortal>(html`<crm-portal api=${location.origin} publishable-key="pk_test_demo" token=${token} locale=${locale}>
    <crm-wishlist></crm-wishlist>
  </crm-portal>`);
  const element = portal.querySelector('crm-wishlist')! as CrmWishlist;
  await waitUntil(() => part(element, 'items') || part(element, 'message'), 'the wishlist loads', { timeout: 8000 });
  return { portal, element };
}

async function save(customerId: string, productId: string) {
  const { token } = await mintSession(customerId);
  await fetch(`/v1/me/wishlist/items/${productId}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'x-publishable-key': 'pk_test_demo', 'content-type': 'application/json' },
    body: '{}',
  });
}

describe('<crm-wishlist>', () => {
  // A guest list left in this origin's storage by another file would join the shopper's account at sign-in.
  beforeEach(() => localStorage.removeItem('clientela:guest-wishlist'));

  it('lists the demo shopper’s saved products with price drops, stock and alerts', async () => {
    const expected = await fetchAsShopper<Wishlist>('cli-0001', '/v1/me/wishlist');
    const { element } = await listFor('cli-0001');
    expect(items(element).map((item) => text(item.querySelector('h3')))).to.deep.equal(expected.items.map((item) => item.product.name));
    const dropped = expected.items.find((item) => item.priceWhenAdded.amount > item.product.price.amount)!;
    expect(text(itemNamed(element, dropped.product.name).querySelector('.drop'))).to.match(/menos que cuando lo guardaste$/);
    const soldOut = expected.items.find((item) => item.product.stock === 0)!;
    expect(text(itemNamed(element, soldOut.product.name).querySelector('.stock'))).to.equal('Agotado');
    expect(itemNamed(element, soldOut.product.name).querySelector<HTMLButtonElement>('[part~=cart-button]')!.disabled).to.equal(true);
    await waitUntil(() => part(element, 'alerts'), 'the unread alert shows', { timeout: 5000 });
    expect(text(part(element, 'alerts'))).to.contain(`${dropped.product.name} bajó de`);
    await expect(element).to.be.accessible();
  });

  it('saves notes and alert choices, adds to the cart through an event, and removes', async () => {
    // A shopper of this test's own: a demo shopper's saved products would be in the list too.
    const customerId = await freshCustomer('wishlist-notes');
    await save(customerId, 'p-005');
    await save(customerId, 'p-006');
    const { element } = await listFor(customerId);
    const [first] = items(element);
    const input = first!.querySelector('input[type=text]') as HTMLInputElement;
    input.value = 'Regalo';
    first!.querySelector<HTMLButtonElement>('form button')!.click();
    await waitUntil(async () => (await fetchAsShopper<Wishlist>(customerId, '/v1/me/wishlist')).items.some((i) => i.note === 'Regalo'), 'the note is saved', { timeout: 5000 });
    const checkbox = first!.querySelector<HTMLInputElement>('input[type=checkbox]')!;
    checkbox.click();
    await waitUntil(async () => (await fetchAsShopper<Wishlist>(customerId, '/v1/me/wishlist')).items.some((i) => !i.alerts.priceDrop), 'the alert choice is saved', { timeout: 5000 });
    const cart = oneEvent(element, CrmCartAddEvent.type) as unknown as Promise<CrmCartAddEvent>;
    first!.querySelector<HTMLButtonElement>('[part~=cart-button]')!.click();
    const event = await cart;
    expect(['p-005', 'p-006']).to.include(event.productId);
    expect(event.quantity).to.equal(1);
    first!.querySelector<HTMLButtonElement>('[part~=remove-button]')!.click();
    await waitUntil(() => items(element).length === 1, 'one is left', { timeout: 5000 });
  });

  it('keeps a removal when the list reloads while the removal is on its way', async () => {
    const customerId = await freshCustomer('wishlist-race');
    await save(customerId, 'p-005');
    await save(customerId, 'p-006');
    const { element } = await listFor(customerId);
    await waitUntil(() => items(element).length === 2, 'both load', { timeout: 5000 });
    // The removal leaves late; the reload the tab's focus asks for is answered before it, and heard back after it.
    const realFetch = window.fetch;
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    window.fetch = async (input, init) => {
      const request = new Request(input, init);
      if (request.method === 'DELETE') await pause(200);
      const response = await realFetch(request);
      if (request.method === 'GET' && new URL(request.url).pathname === '/v1/me/wishlist') await pause(400);
      return response;
    };
    try {
      items(element)[0]!.querySelector<HTMLButtonElement>('[part~=remove-button]')!.click();
      await pause(20);
      window.dispatchEvent(new Event('focus'));
      await pause(800);
      expect(items(element)).to.have.length(1);
    } finally {
      window.fetch = realFetch;
    }
    expect((await fetchAsShopper<Wishlist>(customerId, '/v1/me/wishlist')).items).to.have.length(1);
  });

  it('shows a price drop alert in the open page when the tab comes back into view', async () => {
    const customerId = await freshCustomer('wishlist-alert');
    await save(customerId, 'p-012');
    const { element } = await listFor(customerId);
    expect(part(element, 'alerts')).to.equal(null);
    const { body: product } = await asMerchant<{ price: { amount: number }; name: string; stock: number }>('GET', '/v1/products?limit=100');
    const current = (product as unknown as { items: Array<{ id: string; name: string; price: { amount: number }; stock: number }> }).items.find((p) => p.id === 'p-012')!;
    const lowered = await asMerchant('PUT', '/v1/products/p-012', { name: current.name, price: current.price.amount - 1_000, stock: current.stock });
    expect(lowered.status).to.equal(200);
    window.dispatchEvent(new Event('focus'));
    await waitUntil(() => part(element, 'alerts'), 'the alert appears', { timeout: 5000 });
    expect(text(part(element, 'alerts'))).to.contain(`${current.name} bajó de`);
    part(element, 'mark-read-button')!.click();
    await waitUntil(() => !part(element, 'alerts'), 'marked read', { timeout: 5000 });
  });

  it('tells a visitor how many products the device keeps, and a shopper with none that it is empty', async () => {
    localStorage.setItem('clientela:guest-wishlist', JSON.stringify(['p-001', 'p-002']));
    const { element } = await listFor(null, 'en');
    expect(text(part(element, 'message'))).to.equal('2 products are saved on this device. Sign in to keep them in your account.');
    localStorage.removeItem('clientela:guest-wishlist');
    const empty = await listFor('cli-0004');
    expect(text(part(empty.element, 'message'))).to.equal('Aún no tienes favoritos. Toca el corazón de cualquier producto para guardarlo aquí.');
    await expect(empty.element).to.be.accessible();
  });

  it('shows loading and error states', async () => {
    const loading = await fixture(html`<crm-test-shopper-state .state=${{ status: 'loading' }} locale="es"><crm-wishlist></crm-wishlist></crm-test-shopper-state>`);
    await loading.querySelector('crm-wishlist')!.updateComplete;
    expect(loading.querySelector('crm-wishlist')!.shadowRoot!.querySelector('[aria-busy=true]')).to.exist;
    const { token } = await mintSession('cli-0001');
    const broken = await fixture<CrmPortal>(html`<crm-portal api="http://127.0.0.1:9" publishable-key="pk_test_demo" token=${token} locale="es"><crm-wishlist></crm-wishlist></crm-portal>`);
    const element = broken.querySelector('crm-wishlist')!;
    await waitUntil(() => part(element, 'retry-button'), 'the error shows', { timeout: 8000 });
    expect(text(part(element, 'message'))).to.equal('Sin conexión con la tienda. Revisa tu conexión y vuelve a intentarlo.');
  });
});
