import type { Consents, CustomerExport } from '@clientela/contract';
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { CrmConsentChangeEvent } from '../../events/consent-change.ts';
import { CrmPrivacyEraseEvent } from '../../events/privacy-erase.ts';
import { nextDownload } from '../../testing/next-download.ts';
import { defineShopperStateProvider } from '../../testing/shopper-state-provider.ts';
import { asAgent, asMerchant, fetchAsShopper, freshCustomer, mintSession } from '../../../../../test/browser/server-commands.ts';
import type { CrmPortal } from '../portal/portal.component.ts';
import '../portal/portal.ts';
import type { CrmPrivacy } from './privacy.component.ts';
import './privacy.ts';
import '../support-chat/support-chat.ts';

defineShopperStateProvider();

const shadow = (element: Element) => element.shadowRoot!;
const part = (element: Element, name: string) => shadow(element).querySelector<HTMLElement>(`[part~='${name}']`);
const text = (element: Element | null | undefined) => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const switches = (element: Element) => [...shadow(element).querySelectorAll<HTMLInputElement>('[part~=consent] input')];

async function panelFor(customerId: string, locale = 'es') {
  const { token } = await mintSession(customerId);
  const portal = await fixture<CrmPortal>(html`<crm-portal api=${location.origin} publishable-key="pk_test_demo" token=${token} locale=${locale}>
    <crm-privacy></crm-privacy>
  </crm-portal>`);
  const element = portal.querySelector('crm-privacy')! as CrmPrivacy;
  await waitUntil(() => part(element, 'consents') || part(element, 'message'), 'the privacy panel loads', { timeout: 8000 });
  return element;
}

describe('<crm-privacy>', () => {
  it('shows what the store keeps, corrected when the store corrects it (access, rectification)', async () => {
    const customerId = await freshCustomer('privacy-held', 'Rosa', { email: 'rosa@correo.example', birthday: '1985-06-02' });
    const element = await panelFor(customerId);
    expect(text(part(element, 'held'))).to.contain('Rosa Chat').and.to.contain('rosa@correo.example').and.to.contain('0 compras');
    await asMerchant('PUT', `/v1/customers/${customerId}`, { firstName: 'Rosa', lastName: 'Chat', locale: 'es', email: 'rosa.nueva@correo.example' });
    const again = await panelFor(customerId);
    expect(text(part(again, 'held'))).to.contain('rosa.nueva@correo.example');
    await expect(again).to.be.accessible();
  });

  it('asks the store to correct the data through the page’s chat, or says how when there is none (rectification)', async () => {
    const customerId = await freshCustomer('privacy-correct', 'Rosa');
    const alone = await panelFor(customerId);
    expect(part(alone, 'correct-button')).to.equal(null);
    expect(text(part(alone, 'held'))).to.contain('pide a la tienda que lo corrija');
    const { token } = await mintSession(customerId);
    const portal = await fixture<CrmPortal>(html`<crm-portal api=${location.origin} publishable-key="pk_test_demo" token=${token} locale="es">
      <crm-privacy></crm-privacy>
      <crm-support-chat></crm-support-chat>
    </crm-portal>`);
    const element = portal.querySelector('crm-privacy')!;
    const chat = portal.querySelector('crm-support-chat')!;
    await waitUntil(() => part(element, 'correct-button'), 'the panel offers to ask for a correction', { timeout: 8000 });
    part(element, 'correct-button')!.click();
    await waitUntil(() => chat.open && shadow(chat).querySelector<HTMLInputElement>('#subject')?.value === 'Corregir mis datos', 'the chat opens about it', { timeout: 8000 });
    await expect(element).to.be.accessible();
  });

  it('turns consents on and off: each change is recorded, and recommendations follow (objection to profiling)', async () => {
    const customerId = await freshCustomer('privacy-consent');
    const element = await panelFor(customerId);
    expect(switches(element).map((input) => input.checked)).to.deep.equal([false, false, true], 'opt-in for marketing and profiling');
    const changed = oneEvent(element, CrmConsentChangeEvent.type) as unknown as Promise<CrmConsentChangeEvent>;
    switches(element)[1]!.click();
    const event = await changed;
    expect([event.purpose, event.granted]).to.deep.equal(['profiling', true]);
    await waitUntil(() => text(part(element, 'status')) === 'Guardamos tu elección.', 'the choice is announced');
    switches(element)[1]!.click();
    await waitUntil(async () => (await fetchAsShopper<Consents>(customerId, '/v1/me/consents')).history.length === 2, 'both changes are kept');
    const consents = await fetchAsShopper<Consents>(customerId, '/v1/me/consents');
    expect(consents.history.map((change) => [change.purpose, change.granted, change.channel])).to.deep.equal([
      ['profiling', false, 'portal'],
      ['profiling', true, 'portal'],
    ]);
    const { items } = await fetchAsShopper<{ items: Array<{ reason: { kind: string } }> }>(customerId, '/v1/me/recommendations');
    expect(items.every((item) => ['popular', 'together'].includes(item.reason.kind))).to.equal(true);
  });

  it('downloads all the shopper’s data as JSON (portability)', async () => {
    const element = await panelFor('cli-0001');
    const download = nextDownload();
    part(element, 'download-button')!.click();
    const link = await download;
    expect(link.download).to.match(/\.json$/);
    const data = (await (await fetch(link.href)).json()) as CustomerExport;
    expect(data.format).to.equal('clientela.customer-export/1');
    expect(data.profile.id).to.equal('cli-0001');
    expect(data.orders.length).to.be.greaterThan(0);
  });

  it('shows who at the store looked at the shopper’s data', async () => {
    const customerId = await freshCustomer('privacy-access');
    expect(text(part(await panelFor(customerId), 'access-log'))).to.contain('Nadie en la tienda');
    expect((await asAgent('GET', `/v1/agent/customers/${customerId}`)).status).to.equal(200);
    const element = await panelFor(customerId, 'en');
    expect(text(part(element, 'access-log'))).to.match(/Sofía.* looked at your details in a support chat/);
  });

  it('erases the shopper after they confirm, and tells the page to sign them out (erasure)', async () => {
    const customerId = await freshCustomer('privacy-erase', 'Borrar');
    const element = await panelFor(customerId);
    part(element, 'erase-button')!.click();
    await waitUntil(() => part(element, 'cancel-button'), 'a confirmation is asked for');
    expect((await fetchAsShopper(customerId, '/v1/me')).firstName).to.equal('Borrar', 'nothing is erased before the confirmation');
    const erased = oneEvent(element, CrmPrivacyEraseEvent.type) as unknown as Promise<CrmPrivacyEraseEvent>;
    part(element, 'erase-button')!.click();
    expect((await erased).erasedAt).to.be.a('string');
    await waitUntil(() => text(part(element, 'message')).startsWith('Tus datos fueron eliminados'), 'the panel says so');
    const customer = await asMerchant('GET', `/v1/customers/${customerId}`);
    expect([customer.body.firstName, customer.body.email]).to.deep.equal(['Erased', null]);
    expect((await asMerchant('POST', '/v1/sessions', { customerId })).status).to.equal(409);
  });
});
