import type { AgentConversation, Conversation, Customer, Statement, StatementList } from '@clientela/contract';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { asAgent, asMerchant, fetchAsShopper, freshCustomer, mintSession } from '../../../../../test/browser/server-commands.ts';
import type { CrmAgentConsole } from './agent-console.component.ts';
import './agent-console.ts';

const shadow = (element: Element) => element.shadowRoot!;
const part = (element: Element, name: string) => shadow(element).querySelector<HTMLElement>(`[part~='${name}']`);
const text = (element: Element | null | undefined) => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const bodies = (element: Element) => [...shadow(element).querySelectorAll('[part~=log] .message .text')].map((node) => node.textContent);
const storageKey = 'clientela:agent-session:pk_test_demo';

async function signedInConsole(lang = 'es') {
  const element = await fixture<CrmAgentConsole>(html`<crm-agent-console api=${location.origin} publishable-key="pk_test_demo" lang=${lang}></crm-agent-console>`);
  const form = part(element, 'login')!;
  form.querySelector<HTMLInputElement>('#email')!.value = 'agente@demo.clientela.dev';
  form.querySelector<HTMLInputElement>('#password')!.value = 'demo-agente';
  (form as HTMLFormElement).requestSubmit();
  await waitUntil(() => part(element, 'inbox') && shadow(element).querySelector('[part~=conversation], .empty:not([aria-busy=true])'), 'the inbox loads', { timeout: 8000 });
  await waitUntil(() => text(shadow(element).querySelector('.connection')) === (lang === 'es' ? 'En vivo' : 'Live'), 'the stream is live', { timeout: 8000 });
  return element;
}

/** A shopper writes to the store, as their chat would. */
async function shopperWrites(customerId: string, body: string, subject = '') {
  const { token } = await mintSession(customerId);
  const headers = { authorization: `Bearer ${token}`, 'x-publishable-key': 'pk_test_demo', 'content-type': 'application/json' };
  const clientId = `c-${Math.random().toString(36).slice(2, 12)}`;
  const response = await fetch('/v1/me/conversations', { method: 'POST', headers, body: JSON.stringify({ clientId, subject, message: { clientId: `${clientId}-m`, body } }) });
  return { conversation: (await response.json()) as Conversation, token, headers };
}

const conversationButton = (element: Element, name: string) =>
  [...shadow(element).querySelectorAll<HTMLButtonElement>('[part~=conversation]')].find((button) => text(button.querySelector('.name')) === name);

describe('<crm-agent-console>', () => {
  afterEach(() => sessionStorage.removeItem(storageKey));

  it('refuses a wrong password, signs the agent in, and keeps the session for the tab', async () => {
    const element = await fixture<CrmAgentConsole>(html`<crm-agent-console api=${location.origin} publishable-key="pk_test_demo" lang="es"></crm-agent-console>`);
    await expect(element).to.be.accessible();
    const form = part(element, 'login') as HTMLFormElement;
    form.querySelector<HTMLInputElement>('#email')!.value = 'agente@demo.clientela.dev';
    form.querySelector<HTMLInputElement>('#password')!.value = 'no es';
    form.requestSubmit();
    await waitUntil(() => text(form.querySelector('.error')) === 'El correo o la contraseña no son correctos.', 'the error shows', { timeout: 8000 });
    element.remove();
    const signedIn = await signedInConsole();
    expect(text(part(signedIn, 'header'))).to.contain('Sesión de Sofía Morales');
    expect(JSON.parse(sessionStorage.getItem(storageKey)!).agent.name).to.equal('Sofía Morales');
    const again = await fixture<CrmAgentConsole>(html`<crm-agent-console api=${location.origin} publishable-key="pk_test_demo"></crm-agent-console>`);
    await waitUntil(() => part(again, 'inbox'), 'signed in from the tab’s session', { timeout: 8000 });
    await expect(again).to.be.accessible();
  });

  it('shows a new conversation as it starts, answers it in real time, with the whole customer beside it', async () => {
    const customerId = await freshCustomer('console-live', 'Irene', { email: 'irene@example.com' });
    await asMerchant('POST', '/v1/orders', {
      id: `${customerId}-o1`,
      customerId,
      placedAt: new Date(Date.now() - 86_400_000).toISOString(),
      currency: 'CLP',
      lines: [{ productId: 'p-003', quantity: 1, unitPrice: 19_990 }],
      total: 19_990,
      payment: { method: 'other' },
    });
    const element = await signedInConsole();
    const { conversation, headers } = await shopperWrites(customerId, '<img src=x onerror=alert(1)> ¿y mi pedido?', 'Pedido');
    await waitUntil(() => conversationButton(element, 'Irene Chat'), 'the new conversation shows up', { timeout: 8000 });
    conversationButton(element, 'Irene Chat')!.click();
    await waitUntil(() => bodies(element).length === 1, 'the conversation opens', { timeout: 8000 });
    expect(bodies(element)).to.deep.equal(['<img src=x onerror=alert(1)> ¿y mi pedido?']);
    expect(shadow(element).querySelector('[part~=log] img')).to.equal(null);

    await waitUntil(() => part(element, 'customer') && text(part(element, 'customer')).includes('Irene Chat') && !part(element, 'customer')!.ariaBusy, 'the customer panel loads', { timeout: 8000 });
    const customer = (await asMerchant<Customer>('GET', `/v1/customers/${customerId}`)).body;
    const panel = text(part(element, 'customer'));
    expect(panel).to.contain('irene@example.com');
    expect(panel).to.contain('Últimas compras');
    expect(panel).to.contain(customer.points.balance.toLocaleString('es-CL'));

    const composer = part(element, 'composer')!.querySelector('textarea')!;
    composer.value = 'Hola Irene, lo reviso.';
    composer.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
    await waitUntil(() => bodies(element).length === 2 && !shadow(element).querySelector('.pending'), 'the reply is stored', { timeout: 8000 });

    await fetch(`/v1/me/conversations/${conversation.id}/messages`, { method: 'POST', headers, body: JSON.stringify({ clientId: `${conversation.id}-2`, body: 'Gracias' }) });
    await waitUntil(() => bodies(element).includes('Gracias'), 'the shopper’s answer arrives', { timeout: 8000 });
    expect(bodies(element)).to.deep.equal(['<img src=x onerror=alert(1)> ¿y mi pedido?', 'Hola Irene, lo reviso.', 'Gracias']);
    const live = [...shadow(element).querySelectorAll('[aria-live], [role=log]')];
    expect(live).to.have.length(1);
    await expect(element).to.be.accessible();
  });

  it('assigns, filters the inbox to the agent’s own, and resolves', async () => {
    const customerId = await freshCustomer('console-assign', 'Bruno');
    const { conversation } = await shopperWrites(customerId, 'Necesito ayuda con mis puntos');
    const element = await signedInConsole('en');
    const views = () => [...shadow(element).querySelectorAll<HTMLButtonElement>('.views button')];
    views().find((button) => text(button) === 'Unassigned')!.click();
    await waitUntil(() => conversationButton(element, 'Bruno Chat'), 'unassigned lists it', { timeout: 8000 });
    conversationButton(element, 'Bruno Chat')!.click();
    await waitUntil(() => bodies(element).length === 1, 'it opens', { timeout: 8000 });
    [...shadow(element).querySelectorAll<HTMLButtonElement>('.actions button')].find((b) => text(b) === 'Assign to me')!.click();
    await waitUntil(() => text(shadow(element).querySelector('.thread-head .meta')).includes('Assigned to Sofía Morales'), 'assigned', { timeout: 8000 });
    await waitUntil(() => !conversationButton(element, 'Bruno Chat'), 'it leaves the unassigned view', { timeout: 8000 });
    views().find((button) => text(button) === 'Mine')!.click();
    await waitUntil(() => conversationButton(element, 'Bruno Chat'), 'mine lists it', { timeout: 8000 });
    [...shadow(element).querySelectorAll<HTMLButtonElement>('.actions button')].find((b) => text(b) === 'Resolve')!.click();
    await waitUntil(() => text(shadow(element).querySelector('.thread-head .meta')).includes('Resolved'), 'resolved', { timeout: 8000 });
    const { body } = await asAgent<AgentConversation>('GET', `/v1/agent/conversations/${conversation.id}`);
    expect([body.status, body.assignedAgent?.name]).to.deep.equal(['resolved', 'Sofía Morales']);
  });

  it('shows what the shopper asked about, and that they are typing', async () => {
    const customerId = await freshCustomer('console-attach', 'Carla');
    const { token } = await mintSession(customerId);
    const headers = { authorization: `Bearer ${token}`, 'x-publishable-key': 'pk_test_demo', 'content-type': 'application/json' };
    // Carla buys a kettle in 6 installments with her store card: its first shows on her open statement, which she asks about.
    await asMerchant('PUT', `/v1/products/${customerId}-kettle`, { name: 'Hervidor eléctrico', price: 275_940, stock: 5 });
    await asMerchant('PUT', `/v1/customers/${customerId}/card`, { creditLimit: 1_000_000 });
    const lines = [{ productId: `${customerId}-kettle`, quantity: 1, unitPrice: 275_940 }];
    await asMerchant('POST', '/v1/orders', { id: `${customerId}-o1`, customerId, currency: 'CLP', lines, total: 275_940, payment: { method: 'store-card', installments: 6 } });
    const period = (await fetchAsShopper<StatementList>(customerId, '/v1/me/statements')).statements[0]!.period;
    const { transactions } = await fetchAsShopper<Statement>(customerId, `/v1/me/statements/${period}`);
    const { seq } = transactions.items.find((line) => line.orderId === `${customerId}-o1`)!;
    const started = await fetch('/v1/me/conversations', {
      method: 'POST',
      headers,
      body: JSON.stringify({ clientId: `${customerId}-conv`, subject: 'Sobre Hervidor', message: { clientId: `${customerId}-m1`, body: '¿Qué es este cargo?' }, attachment: { kind: 'statement-line', period, seq } }),
    });
    const conversation = (await started.json()) as Conversation;
    const element = await signedInConsole();
    await waitUntil(() => conversationButton(element, 'Carla Chat'), 'listed', { timeout: 8000 });
    conversationButton(element, 'Carla Chat')!.click();
    await waitUntil(() => text(part(element, 'attachment')).includes('$45.990'), 'the transaction shows, in the store’s currency', { timeout: 8000 });
    const attachment = text(part(element, 'attachment'));
    expect(attachment).to.contain('Hervidor eléctrico');
    expect(attachment).to.contain('1 de 6');
    await fetch(`/v1/me/conversations/${conversation.id}/typing`, { method: 'POST', headers });
    await waitUntil(() => text(shadow(element).querySelector('.typing')) === 'Carla Chat está escribiendo…', 'typing shows', { timeout: 8000 });
  });

  it('signs out for good: the token it held is refused from then on, and the device keeps its token for the next sign-in', async () => {
    const element = await signedInConsole();
    const { token } = JSON.parse(sessionStorage.getItem(storageKey)!) as { token: string };
    const withThatToken = () => fetch('/v1/agent/me', { headers: { authorization: `Bearer ${token}`, 'x-publishable-key': 'pk_test_demo' } });
    expect((await withThatToken()).status).to.equal(200);
    part(element, 'header')!.querySelector('button')!.click();
    await waitUntil(() => part(element, 'login'), 'the console signs out', { timeout: 8000 });
    await waitUntil(async () => (await withThatToken()).status === 401, 'the server refuses the token', { timeout: 8000 });
    expect(localStorage.getItem('clientela:agent-device:pk_test_demo:agente@demo.clientela.dev')).to.be.a('string');
  });
});
