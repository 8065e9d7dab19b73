import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { CrmShopperChangeEvent } from '../../events/shopper-change.ts';
import { CrmTokenExpiredEvent } from '../../events/token-expired.ts';
import { advanceServerClock, mintSession } from '../../../../../test/browser/server-commands.ts';
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
});
