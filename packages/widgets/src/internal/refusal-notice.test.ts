import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { mintSession } from '../../../../test/browser/server-commands.ts';
import type { CrmErrorEvent } from '../events/error.ts';
import type { CrmPortal } from '../components/portal/portal.component.ts';
import '../components/portal/portal.ts';
import '../components/greeting/greeting.ts';
import '../components/points-balance/points-balance.ts';
import '../components/account-statement/account-statement.ts';
import '../components/wishlist/wishlist.ts';
import '../components/wishlist-button/wishlist-button.ts';
import '../components/support-chat/support-chat.ts';
import '../components/recommendations/recommendations.ts';

/** Every widget that calls the API, each of which must tell the page when the API refuses it. */
const widgets = ['crm-greeting', 'crm-points-balance', 'crm-account-statement', 'crm-wishlist', 'crm-wishlist-button', 'crm-support-chat', 'crm-recommendations'];

const text = (element: Element | null | undefined) => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
/** What a widget says in place of the shopper's account (the chat's first message is its body's). */
const said = (portal: CrmPortal, tag: string) => text(portal.querySelector(tag)!.shadowRoot?.querySelector('[part~=message]'));

/** The API under another name than the page's own (127.0.0.1 for localhost): the page's calls are cross-origin, as on a real store. */
const elsewhere = () => `http://127.0.0.1:${location.port}`;

/** A badly set up token: signed, but by no store's key. */
const forgedToken = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJub2JvZHkifQ.c2lnbmF0dXJl';

/** A page with every widget (two hearts, as on a catalog), and what it heard: crm-error events and console errors. */
async function storePage({ publishableKey, token = '' }: { publishableKey: string; token?: string }) {
  const errors: CrmErrorEvent[] = [];
  const logged: unknown[][] = [];
  const log = console.error;
  console.error = (...args: unknown[]) => logged.push(args);
  try {
    const portal = await fixture<CrmPortal>(html`<crm-portal api=${elsewhere()} publishable-key=${publishableKey} token=${token} locale="es" @crm-error=${(event: CrmErrorEvent) => errors.push(event)}>
      <crm-greeting></crm-greeting>
      <crm-points-balance></crm-points-balance>
      <crm-account-statement></crm-account-statement>
      <crm-wishlist></crm-wishlist>
      <crm-wishlist-button product-id="p1" product-name="Cafetera"></crm-wishlist-button>
      <crm-wishlist-button product-id="p2" product-name="Molinillo"></crm-wishlist-button>
      <crm-support-chat mode="inline"></crm-support-chat>
      <crm-recommendations limit="2"></crm-recommendations>
    </crm-portal>`);
    const heard = () => new Set(errors.map((event) => event.source));
    await waitUntil(() => widgets.every((tag) => heard().has(tag)), `a crm-error from every widget (heard from ${[...heard()].join(', ')})`, { timeout: 8000 });
    // Whatever else was going to be said has been said.
    await new Promise((resolve) => setTimeout(resolve, 300));
    return { portal, errors, logged };
  } finally {
    console.error = log;
  }
}

describe('a refused page or token reaches the page from every widget', () => {
  it('a publishable key of no store, for a visitor: each widget says so once (one heart for the two), the console once, and nobody is asked to sign in', async () => {
    const { portal, errors, logged } = await storePage({ publishableKey: 'pk_test_visitor_mistyped' });
    const fromWidgets = errors.filter((event) => event.source !== 'crm-portal');
    for (const event of fromWidgets) expect(event.reason).to.match(/^The publishable key pk_test_vi.* names no store/);
    expect(fromWidgets.filter((event) => event.source === 'crm-wishlist-button')).to.have.length(1);
    expect(logged).to.deep.equal([[`Clientela: ${fromWidgets[0]!.reason}`]]);
    for (const tag of ['crm-greeting', 'crm-points-balance', 'crm-account-statement', 'crm-wishlist', 'crm-support-chat', 'crm-recommendations']) {
      await waitUntil(() => said(portal, tag) === 'Esto no está disponible aquí por ahora.', `${tag} says the account is not available here (it says "${said(portal, tag)}")`);
    }
    // A heart has no list to save to: it says so at once instead of waiting for a shopper who cannot come.
    const heart = portal.querySelector('crm-wishlist-button')!;
    heart.shadowRoot!.querySelector('button')!.click();
    await waitUntil(() => text(heart.shadowRoot!.querySelector('[role=status]')) === 'No pudimos actualizar tus favoritos. Intenta de nuevo.', 'the heart says it could not save');
  });

  it('a publishable key of no store, for a signed-in shopper: each widget says so', async () => {
    const { token } = await mintSession('cli-0002');
    const { portal, errors } = await storePage({ publishableKey: 'pk_test_shopper_mistyped', token });
    for (const event of errors) expect(event.reason).to.match(/^The publishable key pk_test_sh.* names no store/);
    expect(said(portal, 'crm-greeting')).to.equal('Esto no está disponible aquí por ahora.');
  });

  it('a token the API refuses: each widget says so, the console once, and the shopper is offered to sign in again', async () => {
    const { portal, errors, logged } = await storePage({ publishableKey: 'pk_test_demo', token: forgedToken });
    expect(portal.shopper.status).to.equal('signed-out');
    for (const event of errors) expect(event.reason).to.match(/token/i);
    expect(logged).to.have.length(1);
    expect(said(portal, 'crm-greeting')).to.equal('¡Hola! Inicia sesión para ver tus puntos y beneficios.');
    expect(said(portal, 'crm-support-chat')).to.match(/^Inicia sesión/);
  });

  it('a visitor on a page the store set up hears nothing and is asked to sign in', async () => {
    const errors: CrmErrorEvent[] = [];
    const portal = await fixture<CrmPortal>(html`<crm-portal api=${elsewhere()} publishable-key="pk_test_demo" locale="es" @crm-error=${(event: CrmErrorEvent) => errors.push(event)}>
      <crm-greeting></crm-greeting>
      <crm-recommendations limit="2"></crm-recommendations>
    </crm-portal>`);
    const recommendations = portal.querySelector('crm-recommendations')!;
    await waitUntil(() => recommendations.shadowRoot?.querySelector('[part~=card]'), 'the visitor sees what sells', { timeout: 8000 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(errors).to.deep.equal([]);
    expect(said(portal, 'crm-greeting')).to.equal('¡Hola! Inicia sesión para ver tus puntos y beneficios.');
  });
});
