import type { BrowsingEventBatch, Recommendations } from '@clientela/contract';
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { CrmCartAddEvent } from '../../events/cart-add.ts';
import { defineShopperStateProvider } from '../../testing/shopper-state-provider.ts';
import { allowProfiling, fetchAsShopper, freshCustomer, mintSession } from '../../../../../test/browser/server-commands.ts';
import type { CrmPortal } from '../portal/portal.component.ts';
import '../portal/portal.ts';
import type { CrmRecommendations } from './recommendations.component.ts';
import './recommendations.ts';

defineShopperStateProvider();

const shadow = (element: Element) => element.shadowRoot!;
const part = (element: Element, name: string) => shadow(element).querySelector<HTMLElement>(`[part~='${name}']`);
const cards = (element: Element) => [...shadow(element).querySelectorAll<HTMLElement>('[part~=card]')];
const text = (element: Element | null | undefined) => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

async function recommendationsFor(customerId: string | null, attributes: { limit?: number; context?: string; locale?: string } = {}) {
  const token = customerId ? (await mintSession(customerId)).token : '';
  const portal = await fixture<CrmPortal>(html`<crm-portal api=${location.origin} publishable-key="pk_test_demo" token=${token} locale=${attributes.locale ?? 'es'}>
    <crm-recommendations limit=${attributes.limit ?? 6} context-product=${attributes.context ?? ''}></crm-recommendations>
  </crm-portal>`);
  const element = portal.querySelector('crm-recommendations')! as CrmRecommendations;
  await waitUntil(() => part(element, 'grid') && !part(element, 'base')!.hasAttribute('aria-busy') || part(element, 'message'), 'recommendations load', { timeout: 8000 });
  return { portal, element };
}

/** The calls to `POST /v1/events` the page makes from now on, as they leave and as the API answers them. */
function watchBrowsingEvents() {
  const sent: Array<{ batch: BrowsingEventBatch; authorization: string | null; status: number; answer: unknown }> = [];
  const pageFetch = window.fetch;
  window.fetch = async (input, init) => {
    const request = new Request(input, init);
    if (request.method !== 'POST' || new URL(request.url).pathname !== '/v1/events') return pageFetch(request);
    const batch = (await request.clone().json()) as BrowsingEventBatch;
    const response = await pageFetch(request);
    sent.push({ batch, authorization: request.headers.get('authorization'), status: response.status, answer: await response.clone().json() });
    return response;
  };
  return { sent, restore: () => (window.fetch = pageFetch) };
}

/** Whether a list has a suggestion because it goes with `productId`. */
const followsBrowsing = (list: Recommendations, productId: string) =>
  list.items.some((item) => item.reason.kind === 'together' && item.reason.product.id === productId);

describe('<crm-recommendations>', () => {
  it('tells the API, in one batch, which product page a visitor looked at and what they put in the cart; their list then follows it', async () => {
    localStorage.removeItem('clientela:visitor');
    const events = watchBrowsingEvents();
    try {
      const { element } = await recommendationsFor(null, { limit: 4, context: 'p-114' });
      const first = cards(element)[0]!;
      first.querySelector<HTMLButtonElement>('[part~=cart-button]')!.click();
      await waitUntil(() => events.sent.length > 0, 'the batch is sent', { timeout: 5000 });
      const [call] = events.sent;
      const visitorId = localStorage.getItem('clientela:visitor');
      expect(visitorId).to.match(/^[A-Za-z0-9_-]{16,64}$/);
      expect(call!.authorization).to.equal(null);
      expect(call!.batch.visitorId).to.equal(visitorId);
      const carted = first.querySelector('crm-wishlist-button')!.getAttribute('product-id');
      expect(call!.batch.events.map(({ productId, kind }) => ({ productId, kind }))).to.deep.equal([
        { productId: 'p-114', kind: 'view' },
        { productId: carted, kind: 'cart' },
      ]);
      expect([call!.status, call!.answer]).to.deep.equal([202, { accepted: 2 }]);

      // Kept, and used: the visitor's own list, on the next page, has what goes with the hair dryer they looked at.
      const home = await recommendationsFor(null, { limit: 8 });
      const reasons = cards(home.element).map((card) => text(card.querySelector('[part~=reason]')));
      expect(reasons).to.include.members(['Se compra junto con Secador de pelo iónico Litoral']);
      expect(events.sent).to.have.length(1);
    } finally {
      events.restore();
    }
  });

  it('sends a signed-in shopper’s browsing with their session, and their own list follows it', async () => {
    const customerId = await freshCustomer('browsing');
    await allowProfiling(customerId);
    expect(followsBrowsing(await fetchAsShopper<Recommendations>(customerId, '/v1/me/recommendations?limit=8'), 'p-114')).to.equal(false);
    const events = watchBrowsingEvents();
    try {
      await recommendationsFor(customerId, { limit: 4, context: 'p-114' });
      await waitUntil(() => events.sent.length > 0, 'the batch is sent', { timeout: 5000 });
      const [call] = events.sent;
      expect(call!.authorization).to.match(/^Bearer ./);
      expect(call!.batch.events.map(({ productId, kind }) => ({ productId, kind }))).to.deep.equal([{ productId: 'p-114', kind: 'view' }]);
      expect([call!.status, call!.answer]).to.deep.equal([202, { accepted: 1 }]);
      expect(followsBrowsing(await fetchAsShopper<Recommendations>(customerId, '/v1/me/recommendations?limit=8'), 'p-114')).to.equal(true);
    } finally {
      events.restore();
    }
  });

  it('shows the shopper’s recommendations as the API ranks them, each with its reason and a heart', async () => {
    const expected = await fetchAsShopper<Recommendations>('cli-0002', '/v1/me/recommendations?limit=6');
    const { element } = await recommendationsFor('cli-0002');
    expect(text(shadow(element).querySelector('h2'))).to.equal('Recomendados para ti');
    expect(cards(element).map((card) => text(card.querySelector('h3')))).to.deep.equal(expected.items.map((item) => item.product.name));
    for (const card of cards(element)) {
      expect(text(card.querySelector('[part~=reason]'))).to.match(/^(Porque compraste|Porque guardaste|Popular entre clientes|Lo más vendido|Se compra junto)/);
      expect(card.querySelector('crm-wishlist-button')).to.exist;
    }
    await expect(element).to.be.accessible();
  });

  it('asks the page to add a product to the cart', async () => {
    const { element } = await recommendationsFor('cli-0002', { limit: 2 });
    const added = oneEvent(element, CrmCartAddEvent.type) as unknown as Promise<CrmCartAddEvent>;
    cards(element)[0]!.querySelector<HTMLButtonElement>('[part~=cart-button]')!.click();
    const event = await added;
    expect(event.productId).to.be.a('string');
    expect(event.price.currency).to.equal('CLP');
  });

  it('shows a visitor what sells, and on a product page what goes with it', async () => {
    const { element } = await recommendationsFor(null, { limit: 4, locale: 'en' });
    expect(cards(element)).to.have.length(4);
    // Not made for them: the list says what it is.
    expect(text(shadow(element).querySelector('h2'))).to.equal('Popular right now');
    expect(text(cards(element)[0]!.querySelector('[part~=reason]'))).to.equal('Best seller');
    const inSpanish = await recommendationsFor(null, { limit: 4 });
    expect(text(shadow(inSpanish.element).querySelector('h2'))).to.equal('Lo más popular');
    const withContext = await recommendationsFor(null, { limit: 4, context: 'p-001', locale: 'en' });
    expect(text(shadow(withContext.element).querySelector('h2'))).to.equal('Often bought together');
    expect(cards(withContext.element).map((card) => text(card.querySelector('h3')))).to.not.include('Freidora de aire 5 L Aurora');
  });

  it('reloads when the product on the page changes', async () => {
    const { element } = await recommendationsFor(null, { limit: 3, context: 'p-001' });
    const before = cards(element).map((card) => text(card.querySelector('h3')));
    element.contextProduct = 'p-100';
    await waitUntil(() => cards(element).length > 0 && cards(element).map((card) => text(card.querySelector('h3'))).join() !== before.join(), 'new cards', { timeout: 5000 });
  });

  it('shows loading and error states', async () => {
    const loading = await fixture(html`<crm-test-shopper-state .state=${{ status: 'loading' }} locale="es"><crm-recommendations></crm-recommendations></crm-test-shopper-state>`);
    const busy = loading.querySelector('crm-recommendations')!;
    await busy.updateComplete;
    expect(part(busy, 'base')!.getAttribute('aria-busy')).to.equal('true');
    await expect(busy).to.be.accessible();
    const broken = await fixture<CrmPortal>(html`<crm-portal api="http://127.0.0.1:9" publishable-key="pk_test_demo" locale="es"><crm-recommendations></crm-recommendations></crm-portal>`);
    const element = broken.querySelector('crm-recommendations')!;
    await waitUntil(() => part(element, 'retry-button'), 'the error shows', { timeout: 8000 });
    expect(text(part(element, 'message'))).to.equal('Sin conexión con la tienda. Revisa tu conexión y vuelve a intentarlo.');
  });
});
