import { expect, fixture, fixtureSync, html, oneEvent, waitUntil } from '@open-wc/testing';
import { CrmErrorEvent } from '../../events/error.ts';
import { CrmWishlistAlertEvent } from '../../events/wishlist-alert.ts';
import { defineShopperStateProvider } from '../../testing/shopper-state-provider.ts';
import { asMerchant, fetchMe, freshCustomer, mintSession } from '../../../../../test/browser/server-commands.ts';
import type { CrmPortal } from '../portal/portal.component.ts';
import '../portal/portal.ts';
import { CrmGreeting } from './greeting.component.ts';
import './greeting.ts';

defineShopperStateProvider();

const part = (element: Element, name: string) => element.shadowRoot!.querySelector<HTMLElement>(`[part~='${name}']`);
const text = (element: Element, name: string) => part(element, name)?.textContent?.replace(/\s+/g, ' ').trim();

async function signedInPortal(customerId: string, attributes: { locale?: string } = {}) {
  const { token } = await mintSession(customerId);
  const portal = await fixture<CrmPortal>(
    html`<crm-portal api=${location.origin} publishable-key="pk_test_demo" token=${token} locale=${attributes.locale ?? ''}>
      <crm-greeting></crm-greeting>
    </crm-portal>`,
  );
  const greeting = portal.querySelector('crm-greeting')!;
  await waitUntil(() => part(greeting, 'title'), 'the greeting shows the shopper', { timeout: 5000 });
  return { portal, greeting };
}

describe('<crm-greeting>', () => {
  it('greets the shopper by name, with level and points, in Spanish', async () => {
    const me = await fetchMe('cli-0001');
    const { greeting } = await signedInPortal('cli-0001', { locale: 'es' });
    expect(text(greeting, 'title')).to.equal('Hola, Ana');
    expect(me.tier).to.equal('top');
    expect(text(greeting, 'tier')).to.equal('Nivel: Diamante');
    expect(text(greeting, 'points')).to.equal(`${new Intl.NumberFormat('es-CL').format(me.points.balance)} puntos`);
    await expect(greeting).to.be.accessible();
  });

  it('counts a new wishlist alert as it arrives, and the portal tells the page, without a reload', async () => {
    const customerId = await freshCustomer('greeting-alert', 'Rosa');
    const { token } = await mintSession(customerId);
    const headers = { authorization: `Bearer ${token}`, 'x-publishable-key': 'pk_test_demo', 'content-type': 'application/json' };
    expect((await fetch('/v1/me/wishlist/items/p-014', { method: 'PUT', headers, body: '{}' })).ok).to.equal(true);
    const { portal, greeting } = await signedInPortal(customerId, { locale: 'es' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(text(greeting, 'alerts')).to.equal('');
    const { body } = await asMerchant<{ items: Array<{ id: string; name: string; price: { amount: number }; stock: number }> }>('GET', '/v1/products?limit=100');
    const product = body.items.find((p) => p.id === 'p-014')!;
    expect((await asMerchant('PUT', '/v1/products/p-014', { name: product.name, price: product.price.amount - 1_000, stock: product.stock })).status).to.equal(200);
    const arrived = oneEvent(portal, CrmWishlistAlertEvent.type) as unknown as Promise<CrmWishlistAlertEvent>;
    // The shopper comes back to the tab (the greeting also looks every 30 seconds while the page is visible).
    window.dispatchEvent(new Event('focus'));
    const event = await arrived;
    expect(event.alerts.map((alert) => [alert.kind, alert.product.id])).to.deep.equal([['price-drop', 'p-014']]);
    expect(event.unread).to.equal(1);
    await waitUntil(() => text(greeting, 'alerts') === '1 aviso nuevo en tus favoritos', 'the greeting counts it', { timeout: 5000 });
    await expect(greeting).to.be.accessible();
  });

  it('speaks English when the portal says so', async () => {
    const me = await fetchMe('cli-0002');
    const { greeting } = await signedInPortal('cli-0002', { locale: 'en' });
    expect(text(greeting, 'title')).to.equal('Hi, Emma');
    expect(text(greeting, 'points')).to.equal(`${new Intl.NumberFormat('en-US').format(me.points.balance)} points`);
  });

  it("takes the page's language when the portal has no locale", async () => {
    const { token } = await mintSession('cli-0002');
    const wrapper = fixtureSync(html`<div lang="en-GB">
      <crm-portal api=${location.origin} publishable-key="pk_test_demo" token=${token}><crm-greeting></crm-greeting></crm-portal>
    </div>`);
    const greeting = wrapper.querySelector('crm-greeting')!;
    await waitUntil(() => part(greeting, 'title'), 'the greeting shows the shopper', { timeout: 5000 });
    expect(text(greeting, 'title')).to.equal('Hi, Emma');
  });

  it('wishes a happy birthday on the birthday, in the store time zone', async () => {
    const me = await fetchMe('cli-0003');
    expect(me.birthdayToday).to.equal(true);
    const { greeting } = await signedInPortal('cli-0003', { locale: 'es' });
    expect(text(greeting, 'title')).to.contain('¡Feliz cumpleaños, Lucía!');
    expect(part(greeting, 'note')).to.exist;
  });

  it('invites a signed-out visitor to sign in, with the page’s own sign-in control', async () => {
    const portal = await fixture<CrmPortal>(html`<crm-portal api=${location.origin} publishable-key="pk_test_demo" locale="es">
      <crm-greeting><a slot="signed-out" href="#login">Iniciar sesión</a></crm-greeting>
    </crm-portal>`);
    const greeting = portal.querySelector('crm-greeting')!;
    await greeting.updateComplete;
    expect(text(greeting, 'message')).to.equal('¡Hola! Inicia sesión para ver tus puntos y beneficios.');
    const slot = greeting.shadowRoot!.querySelector<HTMLSlotElement>('slot[name=signed-out]')!;
    expect(slot.assignedElements()[0]?.textContent).to.equal('Iniciar sesión');
    await expect(greeting).to.be.accessible();
  });

  it('shows a busy placeholder while loading', async () => {
    const provider = await fixture(html`<crm-test-shopper-state .state=${{ status: 'loading' }} locale="en">
      <crm-greeting></crm-greeting>
    </crm-test-shopper-state>`);
    const greeting = provider.querySelector('crm-greeting')!;
    await greeting.updateComplete;
    expect(part(greeting, 'base')!.getAttribute('aria-busy')).to.equal('true');
    expect(greeting.shadowRoot!.querySelector('[role=status]')!.textContent).to.equal('Loading…');
    await expect(greeting).to.be.accessible();
  });

  it('explains a failed load and recovers when retried', async () => {
    const { token } = await mintSession('cli-0001');
    // Nothing listens on port 9: a real network failure.
    const portal = await fixture<CrmPortal>(html`<crm-portal api="http://127.0.0.1:9" publishable-key="pk_test_demo" token=${token} locale="en">
      <crm-greeting></crm-greeting>
    </crm-portal>`);
    const error = (await oneEvent(portal, CrmErrorEvent.type)) as unknown as CrmErrorEvent;
    expect(error.source).to.equal('crm-portal');
    const greeting = portal.querySelector('crm-greeting')!;
    await waitUntil(() => part(greeting, 'retry-button'), 'the retry button shows', { timeout: 5000 });
    expect(text(greeting, 'message')).to.equal('No connection to the store. Check your connection and try again.');
    await expect(greeting).to.be.accessible();
    portal.api = location.origin;
    await waitUntil(() => part(greeting, 'title'), 'recovers', { timeout: 5000 });
    expect(text(greeting, 'title')).to.equal('Hi, Ana');
  });

  it('retry calls the state’s retry', async () => {
    let retried = 0;
    const provider = await fixture(html`<crm-test-shopper-state .state=${{ status: 'error', error: new Error('x'), retry: () => retried++ }} locale="es">
      <crm-greeting></crm-greeting>
    </crm-test-shopper-state>`);
    const greeting = provider.querySelector('crm-greeting')!;
    await greeting.updateComplete;
    part(greeting, 'retry-button')!.click();
    expect(retried).to.equal(1);
    expect(text(greeting, 'message')).to.equal('No pudimos cargar esto ahora.');
  });

  it('is themable through --crm-* custom properties and parts', async () => {
    const { greeting } = await signedInPortal('cli-0001');
    greeting.style.setProperty('--crm-greeting-background', 'rgb(1, 2, 3)');
    greeting.style.setProperty('--crm-color-accent', 'rgb(200, 0, 0)');
    expect(getComputedStyle(part(greeting, 'base')!).backgroundColor).to.equal('rgb(1, 2, 3)');
    expect(getComputedStyle(part(greeting, 'points')!).color).to.equal('rgb(200, 0, 0)');
  });

  it('can be defined twice without throwing', () => {
    expect(() => CrmGreeting.define('crm-greeting')).not.to.throw();
    expect(customElements.get('crm-greeting')).to.equal(CrmGreeting);
  });
});
