import type { MyOrder } from '@clientela/contract';
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { CrmCartAddManyEvent } from '../../events/cart-add-many.ts';
import { asMerchant, fetchAsShopper, freshCustomer, mintSession } from '../../../../../test/browser/server-commands.ts';
import type { CrmPortal } from '../portal/portal.component.ts';
import '../portal/portal.ts';
import type { CrmOrderHistory } from './order-history.component.ts';
import './order-history.ts';

const shadow = (element: Element) => element.shadowRoot!;
const part = (element: Element, name: string) => shadow(element).querySelector<HTMLElement>(`[part~='${name}']`);
const parts = (element: Element, name: string) => [...shadow(element).querySelectorAll<HTMLElement>(`[part~='${name}']`)];
const text = (element: Element | null | undefined) => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const timeout = { timeout: 8000 };

async function historyOf(customerId: string) {
  const { token } = await mintSession(customerId);
  const portal = await fixture<CrmPortal>(html`<crm-portal api=${location.origin} publishable-key="pk_test_demo" token=${token} locale="es">
    <crm-order-history></crm-order-history>
  </crm-portal>`);
  const element = portal.querySelector('crm-order-history')! as CrmOrderHistory;
  await waitUntil(() => part(element, 'orders') || part(element, 'message'), 'the orders load', timeout);
  return element;
}

async function open(element: CrmOrderHistory, index: number) {
  parts(element, 'detail-button')[index]!.click();
  await waitUntil(() => part(element, 'timeline'), 'the order opens', timeout);
}

describe('<crm-order-history>', () => {
  it("lists the demo shopper's orders as the API does, and shows an order's tracking timeline, step by step", async () => {
    const page = await fetchAsShopper<{ items: Array<{ id: string; fulfillment: { status: string } }> }>('cli-0001', '/v1/me/orders?limit=10');
    const element = await historyOf('cli-0001');
    expect(parts(element, 'order').map((order) => text(order.querySelector('strong')))).to.deep.equal(page.items.map((order) => `Pedido ${order.id}`));
    const shipped = page.items.findIndex((order) => order.fulfillment.status === 'shipped');
    expect(shipped).to.be.greaterThan(-1);
    const detail = await fetchAsShopper<MyOrder>('cli-0001', `/v1/me/orders/${page.items[shipped]!.id}`);
    await open(element, shipped);
    const steps = [...part(element, 'timeline')!.querySelectorAll('li')].map((step) => text(step.querySelector('.status')));
    expect(steps).to.deep.equal(detail.fulfillment.history.map((step) => ({ preparing: 'En preparación', shipped: 'En camino' })[step.status as 'preparing' | 'shipped']));
    const link = part(element, 'tracking-link') as HTMLAnchorElement;
    expect(link.href).to.equal(detail.fulfillment.trackingUrl);
    expect(text(link)).to.contain(detail.fulfillment.trackingNumber!);
    await expect(element).to.be.accessible();
    part(element, 'back-button')!.click();
    await waitUntil(() => part(element, 'orders'), 'back to the list', timeout);
    await expect(element).to.be.accessible();
  });

  it('"Volver a comprar" puts every line in stock in the cart in one event, and says which were out of stock', async () => {
    const customerId = await freshCustomer('pedidos', 'Rosa');
    const suffix = customerId.split('-').pop();
    await asMerchant('PUT', `/v1/products/vaso-${suffix}`, { name: 'Vaso de vidrio', price: 3_990, stock: 12 });
    await asMerchant('PUT', `/v1/products/jarra-${suffix}`, { name: 'Jarra de greda', price: 14_990, stock: 0 });
    await asMerchant('POST', '/v1/orders', {
      id: `pedido-${suffix}`,
      customerId,
      currency: 'CLP',
      lines: [
        { productId: `vaso-${suffix}`, quantity: 4, unitPrice: 3_990 },
        { productId: `jarra-${suffix}`, quantity: 1, unitPrice: 14_990 },
      ],
      total: 30_950,
      payment: { method: 'other' },
    });
    const element = await historyOf(customerId);
    await open(element, 0);
    const added = oneEvent(element, 'crm-cart-add-many') as Promise<CrmCartAddManyEvent>;
    part(element, 'reorder-button')!.click();
    const event = await added;
    expect(event.items).to.deep.equal([{ productId: `vaso-${suffix}`, quantity: 4, price: { amount: 3_990, currency: 'CLP' } }]);
    await waitUntil(() => text(shadow(element).querySelector('[role=status]')), 'the outcome is told', timeout);
    expect(text(shadow(element).querySelector('[role=status]'))).to.equal('Agregamos 1 producto a tu carro. Sin stock, no agregados: Jarra de greda.');
  });

  it('a shopper without orders is told so', async () => {
    const element = await historyOf(await freshCustomer('sin-pedidos'));
    expect(text(part(element, 'message'))).to.equal('Aún no tienes pedidos.');
    await expect(element).to.be.accessible();
  });
});
