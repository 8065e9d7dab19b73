import type { ManagedReward, PointsAccount, PointsEntry } from '@clientela/contract';
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { CrmRewardRedeemEvent } from '../../events/reward-redeem.ts';
import { defineShopperStateProvider } from '../../testing/shopper-state-provider.ts';
import { asMerchant, fetchAsShopper, freshCustomer, mintSession } from '../../../../../test/browser/server-commands.ts';
import '../greeting/greeting.ts';
import type { CrmPortal } from '../portal/portal.component.ts';
import '../portal/portal.ts';
import type { CrmPointsBalance } from './points-balance.component.ts';
import './points-balance.ts';

defineShopperStateProvider();

const shadow = (element: Element) => element.shadowRoot!;
const part = (element: Element, name: string) => shadow(element).querySelector<HTMLElement>(`[part~='${name}']`);
const parts = (element: Element, name: string) => [...shadow(element).querySelectorAll<HTMLElement>(`[part~='${name}']`)];
const text = (element: Element | null | undefined) => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const number = (value: number, locale = 'es-CL') => new Intl.NumberFormat(locale).format(value);

async function pointsFor(customerId: string, locale = 'es') {
  const { token } = await mintSession(customerId);
  const portal = await fixture<CrmPortal>(html`<crm-portal api=${location.origin} publishable-key="pk_test_demo" token=${token} locale=${locale}>
    <crm-points-balance></crm-points-balance>
  </crm-portal>`);
  const element = portal.querySelector('crm-points-balance')! as CrmPointsBalance;
  await waitUntil(() => part(element, 'balance') || part(element, 'message'), 'the points load', { timeout: 8000 });
  return { portal, element };
}

const rewardCard = (element: Element, name: string) => parts(element, 'reward').find((card) => text(card.querySelector('h4')) === name)!;

describe('<crm-points-balance>', () => {
  it('shows balance, tier, progress, expiring points and the history as the API has them', async () => {
    const account = await fetchAsShopper<PointsAccount>('cli-0001', '/v1/me/points');
    const history = await fetchAsShopper<{ items: PointsEntry[] }>('cli-0001', '/v1/me/points/history?limit=10');
    const { element } = await pointsFor('cli-0001');
    expect(text(part(element, 'balance'))).to.equal(`Saldo de puntos: ${number(account.balance)} puntos`);
    expect(text(part(element, 'tier'))).to.equal('Nivel: Diamante');
    expect(text(part(element, 'progress'))).to.equal('Estás en el nivel más alto. ¡Gracias!');
    expect(parts(element, 'expiring')[0]?.children.length ?? 0).to.equal(account.expiring.length);
    const items = [...part(element, 'history')!.children];
    expect(items).to.have.length(history.items.length);
    const amounts = items.map((item) => text(item.querySelector('.amount')));
    expect(amounts).to.deep.equal(history.items.map((entry) => `${entry.amount > 0 ? '+' : ''}${number(entry.amount)}`));
    await expect(element).to.be.accessible();
  });

  it('redeems a reward after confirmation, shows its code and tells the page', async () => {
    const before = await fetchAsShopper<PointsAccount>('cli-0002', '/v1/me/points');
    const { element } = await pointsFor('cli-0002');
    const card = rewardCard(element, 'Café de cortesía');
    card.querySelector<HTMLButtonElement>('button')!.click();
    await waitUntil(() => shadow(element).querySelector('dialog')?.open, 'the dialog opens', { timeout: 5000 });
    const dialog = shadow(element).querySelector('dialog')!;
    expect(text(dialog.querySelector('h3'))).to.equal('¿Canjear esta recompensa?');
    expect(text(dialog.querySelector('p'))).to.equal(`Café de cortesía por 800 puntos. Te quedarán ${number(before.balance - 800)} puntos.`);
    await expect(element).to.be.accessible();
    const redeemed = oneEvent(element, CrmRewardRedeemEvent.type) as unknown as Promise<CrmRewardRedeemEvent>;
    dialog.querySelector<HTMLButtonElement>('[part~=redeem-button]')!.click();
    const event = await redeemed;
    expect(event.reward.id).to.equal('cafe-cortesia');
    expect(event.redemption.balanceAfter).to.equal(before.balance - 800);
    await waitUntil(() => dialog.querySelector('.code'), 'the code shows', { timeout: 5000 });
    expect(text(dialog.querySelector('.code'))).to.equal(event.redemption.code);
    expect(text(part(element, 'balance'))).to.contain(number(before.balance - 800));
    await waitUntil(() => text(part(element, 'history')?.firstElementChild).startsWith('Canje: Café de cortesía'), 'the history shows it', { timeout: 5000 });
    dialog.querySelector<HTMLButtonElement>('button')!.click();
    await waitUntil(() => !dialog.open, 'the dialog closes', { timeout: 5000 });
    expect((await fetchAsShopper<PointsAccount>('cli-0002', '/v1/me/points')).balance).to.equal(before.balance - 800);
  });

  it('leaves the new balance in the greeting beside it at once, without a reload', async () => {
    const customerId = await freshCustomer('points-greeting');
    expect((await asMerchant('POST', `/v1/customers/${customerId}/points/corrections`, { id: `gift-${customerId}`, amount: 5_000, note: 'Prueba' })).status).to.equal(201);
    const { token } = await mintSession(customerId);
    const portal = await fixture<CrmPortal>(html`<crm-portal api=${location.origin} publishable-key="pk_test_demo" token=${token} locale="es">
      <crm-greeting></crm-greeting>
      <crm-points-balance></crm-points-balance>
    </crm-portal>`);
    const greeting = portal.querySelector('crm-greeting')!;
    const element = portal.querySelector('crm-points-balance')!;
    await waitUntil(() => part(element, 'reward') && part(greeting, 'points'), 'both load', { timeout: 8000 });
    expect(text(part(greeting, 'points'))).to.equal(`${number(5_000)} puntos`);
    rewardCard(element, 'Café de cortesía').querySelector<HTMLButtonElement>('button')!.click();
    await waitUntil(() => shadow(element).querySelector('dialog')?.open, 'the dialog opens', { timeout: 5000 });
    shadow(element).querySelector('dialog')!.querySelector<HTMLButtonElement>('[part~=redeem-button]')!.click();
    await waitUntil(() => shadow(element).querySelector('dialog .code'), 'the code shows', { timeout: 5000 });
    await waitUntil(() => text(part(greeting, 'points')) === `${number(4_200)} puntos`, 'the greeting shows the balance left', { timeout: 5000 });
  });

  it('keeps out of reach what the balance cannot pay for', async () => {
    const { element } = await pointsFor('cli-0002');
    const balance = (await fetchAsShopper<PointsAccount>('cli-0002', '/v1/me/points')).balance;
    const hotel = rewardCard(element, 'Noche de hotel para dos');
    const button = hotel.querySelector<HTMLButtonElement>('button')!;
    expect(button.disabled).to.equal(balance < 60_000);
    if (balance < 60_000) expect(text(button)).to.equal(`Te faltan ${number(60_000 - balance)} puntos`);
  });

  it('says so when the points were spent elsewhere before confirming', async () => {
    const { element } = await pointsFor('cli-0003');
    const balance = (await fetchAsShopper<PointsAccount>('cli-0003', '/v1/me/points')).balance;
    rewardCard(element, 'Café de cortesía').querySelector<HTMLButtonElement>('button')!.click();
    await waitUntil(() => shadow(element).querySelector('dialog')?.open, 'the dialog opens', { timeout: 5000 });
    // Meanwhile the store takes all but 100 points back.
    const correction = await asMerchant('POST', '/v1/customers/cli-0003/points/corrections', { id: `spend-${Date.now()}`, amount: -(balance - 100), note: 'Prueba' });
    expect(correction.status).to.equal(201);
    const dialog = shadow(element).querySelector('dialog')!;
    dialog.querySelector<HTMLButtonElement>('[part~=redeem-button]')!.click();
    await waitUntil(() => dialog.querySelector('[role=alert]'), 'the refusal shows', { timeout: 5000 });
    expect(text(dialog.querySelector('[role=alert]'))).to.equal('Ya no tienes puntos suficientes para esta recompensa.');
    expect(dialog.querySelector<HTMLButtonElement>('[part~=redeem-button]')!.disabled).to.equal(true);
  });

  it("names what each purchase bought, not the order's id, in the portal's language", async () => {
    const customerId = await freshCustomer('points-bought');
    const catalog = (await asMerchant<{ items: Array<{ id: string; name: string }> }>('GET', '/v1/products?limit=3')).body.items;
    const lines = catalog.map(({ id }) => ({ productId: id, quantity: 1, unitPrice: 10_000 }));
    const order = { id: `${customerId}-o`, customerId, currency: 'CLP', lines, total: 30_000, payment: { method: 'other' } };
    expect((await asMerchant('POST', '/v1/orders', order)).status).to.equal(201);
    const firstLine = async (locale: string) => {
      const { element } = await pointsFor(customerId, locale);
      return text(part(element, 'history')?.firstElementChild?.querySelector('span'));
    };
    expect(await firstLine('es')).to.equal(`Compra: ${catalog[0]!.name} y 2 más`);
    expect(await firstLine('en')).to.equal(`Purchase: ${catalog[0]!.name} and 2 more`);
  });

  it("shows the rewards in the portal's language, as the merchant wrote them, whatever the shopper's own", async () => {
    const customerId = await freshCustomer('points-english'); // a shopper whose own language is Spanish, on an English page
    const catalog = (await asMerchant<{ items: ManagedReward[] }>('GET', '/v1/reward-catalog')).body.items.filter((reward) => reward.active);
    const { element } = await pointsFor(customerId, 'en');
    await waitUntil(() => part(element, 'reward'), 'the rewards show', { timeout: 5000 });
    const shown = parts(element, 'reward').map((card) => [text(card.querySelector('h4')), text(card.querySelector('p.muted'))]);
    expect(shown).to.deep.include(['Coffee on the house', 'A coffee at the café of any Aurora store.']);
    // Each as the merchant wrote it in English; in the store's language (Spanish) where it wrote no English.
    expect(shown).to.deep.equal(catalog.map(({ localized: { name, description } }) => [name.en ?? name.es, description.en ?? description.es]));
    expect(shown.map(([name]) => name)).to.not.include('Café de cortesía');
  });

  it('pages through the history', async () => {
    const { element } = await pointsFor('cli-0001', 'en');
    expect(part(element, 'history')!.children).to.have.length(10);
    part(element, 'more-button')!.click();
    await waitUntil(() => part(element, 'history')!.children.length > 10, 'more history loads', { timeout: 5000 });
    expect(text(shadow(element).querySelector('h2'))).to.equal('My points');
  });

  it('asks a signed-out visitor to sign in, and shows loading and error states', async () => {
    const signedOut = await fixture(html`<crm-portal api=${location.origin} publishable-key="pk_test_demo" locale="es"><crm-points-balance></crm-points-balance></crm-portal>`);
    const element = signedOut.querySelector('crm-points-balance')!;
    await element.updateComplete;
    expect(text(part(element, 'message'))).to.equal('Inicia sesión para ver tus puntos y recompensas.');
    await expect(element).to.be.accessible();

    const loading = await fixture(html`<crm-test-shopper-state .state=${{ status: 'loading' }} locale="es"><crm-points-balance></crm-points-balance></crm-test-shopper-state>`);
    const busy = loading.querySelector('crm-points-balance')!;
    await busy.updateComplete;
    expect(part(busy, 'base')!.getAttribute('aria-busy')).to.equal('true');

    const { token } = await mintSession('cli-0001');
    const broken = await fixture<CrmPortal>(html`<crm-portal api="http://127.0.0.1:9" publishable-key="pk_test_demo" token=${token} locale="en"><crm-points-balance></crm-points-balance></crm-portal>`);
    const failed = broken.querySelector('crm-points-balance')!;
    await waitUntil(() => part(failed, 'retry-button'), 'the error shows', { timeout: 8000 });
    expect(text(part(failed, 'message'))).to.equal('No connection to the store. Check your connection and try again.');
  });
});
