import { expect, waitUntil } from '@open-wc/testing';
import { load } from './clientela.ts';
import { CrmGreeting } from './components/greeting/greeting.component.ts';
import { mintSession } from '../../../test/browser/server-commands.ts';

describe('the script-tag bundle', () => {
  it('defines nothing until a tag is used, then only what the page uses', async () => {
    expect(customElements.get('crm-greeting')).to.equal(undefined);
    expect(customElements.get('crm-points-balance')).to.equal(undefined);
    const greeting = document.createElement('crm-greeting');
    document.body.append(greeting);
    await waitUntil(() => customElements.get('crm-greeting'), 'the greeting is defined', { timeout: 5000 });
    expect(greeting.shadowRoot, 'the element in the page is upgraded').to.exist;
    expect(customElements.get('crm-points-balance'), 'what the page does not use stays unloaded').to.equal(undefined);
    greeting.remove();
  });

  it('finds tags however deep they are added, and ignores look-alikes', async () => {
    const section = document.createElement('section');
    section.innerHTML = '<div><crm-recommendations limit="2"></crm-recommendations><crm-not-ours></crm-not-ours></div>';
    document.body.append(section);
    await waitUntil(() => customElements.get('crm-recommendations'), 'the recommendations are defined', { timeout: 5000 });
    // Recommendations show hearts: the element's own module brings the button with it.
    expect(customElements.get('crm-wishlist-button')).to.exist;
    expect(customElements.get('crm-not-ours')).to.equal(undefined);
    section.remove();
  });

  it('knows no staff element: a store page never loads the agents’ console', async () => {
    const agentConsole = document.createElement('crm-agent-console');
    const greeting = document.createElement('crm-greeting');
    document.body.append(agentConsole, greeting);
    agentConsole.dispatchEvent(new Event('focusin'));
    await waitUntil(() => customElements.get('crm-greeting'), 'the greeting beside it is defined', { timeout: 5000 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(customElements.get('crm-agent-console')).to.equal(undefined);
    agentConsole.remove();
    greeting.remove();
  });

  it('leaves an element far below the fold unloaded until the shopper scrolls near it', async () => {
    const spacer = document.createElement('div');
    spacer.style.height = `${innerHeight * 4}px`;
    const wishlist = document.createElement('crm-wishlist');
    document.body.append(spacer, wishlist);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(customElements.get('crm-wishlist'), 'three screens down, nothing loads').to.equal(undefined);
    wishlist.scrollIntoView();
    await waitUntil(() => customElements.get('crm-wishlist'), 'the wishlist loads once near the viewport', { timeout: 5000 });
    spacer.remove();
    wishlist.remove();
    scrollTo(0, 0);
  });

  it('loads an element out of sight as soon as it is focused or pointed at', async () => {
    const spacer = document.createElement('div');
    spacer.style.height = `${innerHeight * 4}px`;
    const statement = document.createElement('crm-account-statement');
    statement.innerHTML = '<button type="button">Estado de cuenta</button>';
    document.body.append(spacer, statement);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(customElements.get('crm-account-statement')).to.equal(undefined);
    statement.querySelector('button')!.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
    await waitUntil(() => customElements.get('crm-account-statement'), 'the statement loads when focused', { timeout: 5000 });
    spacer.remove();
    statement.remove();
  });

  it('loads on request, once, and defining a tag twice never throws', async () => {
    await Promise.all([load('crm-support-chat'), load('crm-support-chat')]);
    expect(customElements.get('crm-support-chat')).to.exist;
    await load('crm-greeting');
    expect(() => CrmGreeting.define('crm-greeting')).not.to.throw();
    expect(() => CrmGreeting.define('crm-greeting', class extends CrmGreeting {})).not.to.throw();
    expect(customElements.get('crm-greeting')).to.equal(CrmGreeting);
  });

  it('a widget defined before its portal still hears from it once the portal is defined', async () => {
    await load('crm-greeting');
    expect(customElements.get('crm-portal'), 'the portal is not loaded yet').to.equal(undefined);
    const portal = document.createElement('crm-portal');
    portal.setAttribute('locale', 'es');
    portal.setAttribute('token', (await mintSession('cli-0001')).token);
    const greeting = document.createElement('crm-greeting');
    portal.append(greeting);
    document.body.append(portal);
    await waitUntil(() => greeting.shadowRoot?.textContent?.includes('Ana'), 'the greeting names the shopper', { timeout: 5000 });
    portal.remove();
  });
});
