import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { allowProfiling, asMerchant, fetchAsShopper, freshCustomer, mintSession } from '../../../../../test/browser/server-commands.ts';
import type { CrmPortal } from '../portal/portal.component.ts';
import '../portal/portal.ts';
import type { CrmQuestionnaire } from './questionnaire.component.ts';
import './questionnaire.ts';

const shadow = (element: Element) => element.shadowRoot!;
const part = (element: Element, name: string) => shadow(element).querySelector<HTMLElement>(`[part~='${name}']`);
const timeout = { timeout: 8000 };

/** A visit: the page loads the questionnaire for the shopper and waits until it has decided what to show. */
async function visit(customerId: string) {
  const { token } = await mintSession(customerId);
  const portal = await fixture<CrmPortal>(html`<crm-portal api=${location.origin} publishable-key="pk_test_demo" token=${token} locale="es">
    <crm-questionnaire></crm-questionnaire>
  </crm-portal>`);
  const element = portal.querySelector('crm-questionnaire')! as CrmQuestionnaire;
  await element.updateComplete;
  return element;
}

describe('<crm-questionnaire>', () => {
  beforeEach(() => sessionStorage.clear());

  it('asks one question per visit: after an answer, nothing more until the next visit, which asks the next question', async () => {
    const customerId = await freshCustomer('preguntas', 'Inés');
    // The demo's questions about tastes are asked only of a shopper who allows profiling.
    await allowProfiling(customerId);
    await asMerchant('PUT', '/v1/questionnaire-settings', { intervalDays: 0 });
    const element = await visit(customerId);
    await waitUntil(() => part(element, 'form'), 'a question is asked', timeout);
    const first = shadow(element).querySelector('legend')!.textContent!.trim();
    await expect(element).to.be.accessible();
    shadow(element).querySelector<HTMLInputElement>('input[name=pick]')!.click();
    part(element, 'send-button')!.click();
    await waitUntil(() => part(element, 'message'), 'thanked', timeout);
    expect(part(element, 'message')!.textContent).to.contain('Gracias');
    const profile = await asMerchant<{ answers: unknown[] }>('GET', `/v1/customers/${customerId}/answers`);
    expect(profile.body.answers).to.have.length(1);

    // The same visit: the server has another question, the widget asks nothing.
    const next = await fetchAsShopper<{ next: { type: string } | null }>(customerId, '/v1/me/questions/next');
    expect(next.next).to.not.equal(null);
    const again = await visit(customerId);
    // Long enough for a question to arrive from the server, were the widget to ask for one.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(part(again, 'form')).to.equal(null);

    // The next visit asks the next question.
    sessionStorage.clear();
    const later = await visit(customerId);
    await waitUntil(() => part(later, 'form'), 'the next visit asks', timeout);
    expect(shadow(later).querySelector('legend, label')!.textContent!.trim()).to.not.equal(first);
    await asMerchant('PUT', '/v1/questionnaire-settings', { intervalDays: 7 });
  });

  it('asks the demo shopper how her latest delivery went, 0 to 10', async () => {
    const element = await visit('cli-0001');
    await waitUntil(() => part(element, 'form'), 'the feedback is asked', timeout);
    expect(shadow(element).querySelector('h2')!.textContent).to.equal('¿Cómo fue tu compra?');
    expect(shadow(element).querySelectorAll('input[name=score]')).to.have.length(11);
    await expect(element).to.be.accessible();
  });
});
