import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { CrmShopperChangeEvent } from '../../events/shopper-change.ts';
import { CrmTokenExpiredEvent } from '../../events/token-expired.ts';
import { advanceServerClock, asMerchant, mintSession } from '../../../../../test/browser/server-commands.ts';
import type { CrmErrorEvent } from '../../events/error.ts';
import '../points-balance/points-balance.ts';
import type { CrmPortal } from './portal.component.ts';
import './portal.ts';

async function readyPortal(token: string) {
  const portal = await fixture<CrmPortal>(html`<crm-portal api=${location.origin} publishable-key="pk_test_demo" token=${token}></crm-portal>`);
  await waitUntil(() => portal.shopper.status === 'ready', 'the shopper loads', { timeout: 5000 });
  return portal;
}

describe('<crm-portal>', () => {
  it('loads the shopper of its token and shares one client', async () => {
    const { token } = await mintSession('cli-0002');
    const portal = await readyPortal(token);
    const state = portal.shopper;
    expect(state.status === 'ready' && state.me.firstName).to.equal('Emma');
    expect(portal.client?.token).to.equal(token);
  });

  it('signs out when the token is removed', async () => {
    const { token } = await mintSession('cli-0002');
    const portal = await readyPortal(token);
    setTimeout(() => portal.removeAttribute('token'));
    const change = (await oneEvent(portal, CrmShopperChangeEvent.type)) as unknown as CrmShopperChangeEvent;
    expect(change.state.status).to.equal('signed-out');
  });

  it('asks for a new token when the old one expires, and retries once with it', async () => {
    const { token } = await mintSession('cli-0001');
    const portal = await readyPortal(token);
    await advanceServerClock(16 * 60 * 1000);
    let asked = 0;
    portal.addEventListener(CrmTokenExpiredEvent.type, async () => {
      asked++;
      portal.token = (await mintSession('cli-0001')).token;
    });
    const state = portal.shopper;
    if (state.status === 'ready') state.refresh();
    await waitUntil(() => portal.shopper.status === 'ready' && portal.client?.token !== token, 'reloaded with a fresh token', { timeout: 5000 });
    expect(asked).to.equal(1);
  });

  it('signs out when an expired token is answered with another expired one', async () => {
    const { token } = await mintSession('cli-0001');
    const portal = await readyPortal(token);
    await advanceServerClock(16 * 60 * 1000);
    portal.addEventListener(CrmTokenExpiredEvent.type, () => {
      portal.token = token;
    });
    const state = portal.shopper;
    if (state.status === 'ready') state.refresh();
    await waitUntil(() => portal.shopper.status === 'signed-out', 'signed out', { timeout: 5000 });
  });

  describe('a page the store has not set up', () => {
    // The API under another name than the page's own (127.0.0.1 for localhost): the page's calls are cross-origin, as on a real store.
    const elsewhere = () => `http://127.0.0.1:${location.port}`;

    async function refusedPage(token: string, publishableKey = 'pk_test_demo') {
      const errors: CrmErrorEvent[] = [];
      const logged: unknown[][] = [];
      const log = console.error;
      console.error = (...args: unknown[]) => logged.push(args);
      try {
        const portal = await fixture<CrmPortal>(html`<crm-portal api=${elsewhere()} publishable-key=${publishableKey} token=${token} locale="es" @crm-error=${(event: CrmErrorEvent) => errors.push(event)}>
          <crm-points-balance></crm-points-balance>
        </crm-portal>`);
        await waitUntil(() => portal.shopper.status !== 'loading', 'the shopper is answered', { timeout: 5000 });
        await waitUntil(() => errors.length > 0, 'a crm-error', { timeout: 5000 });
        return { portal, errors, logged };
      } finally {
        console.error = log;
      }
    }

    it('an origin the store does not list: the page hears which origin to add where, once in the console, and the shopper sees a calm message', async () => {
      const { token } = await mintSession('cli-0002');
      await asMerchant('DELETE', `/v1/origins?origin=${encodeURIComponent(location.origin)}`);
      try {
        const { portal, errors, logged } = await refusedPage(token);
        expect(errors[0]!.source).to.equal('crm-portal');
        expect(errors[0]!.reason).to.equal(`Origin ${location.origin} is not allowed for pk_test_demo: add it under Settings → Origins (POST /v1/origins)`);
        expect(logged).to.deep.equal([[`Clientela: ${errors[0]!.reason}`]]);
        const points = portal.querySelector('crm-points-balance')!;
        await waitUntil(() => points.shadowRoot?.querySelector('[part=message]'), 'the widget says something');
        const said = points.shadowRoot!.querySelector('[part=message]')!.textContent!;
        expect(said).to.equal('Esto no está disponible aquí por ahora.');
        expect(said).not.to.contain('conexión');
      } finally {
        await asMerchant('POST', '/v1/origins', { origin: location.origin });
      }
    });

    it('a publishable key of no store: the page hears that the key is wrong', async () => {
      const { token } = await mintSession('cli-0002');
      const { errors, portal } = await refusedPage(token, 'pk_test_moved_or_mistyped');
      expect(errors[0]!.reason).to.match(/^The publishable key pk_test_mo.* names no store: check the page's publishable key/);
      expect(portal.shopper.status).to.equal('error');
    });

    it('a token of no session: the shopper is signed out and the page hears why, where before it heard nothing', async () => {
      const { errors, portal } = await refusedPage('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJub2JvZHkifQ.c2lnbmF0dXJl');
      expect(portal.shopper.status).to.equal('signed-out');
      expect(errors[0]!.reason).to.match(/token/i);
    });
  });
});
