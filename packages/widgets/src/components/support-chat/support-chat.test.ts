import type { AgentConversation, ChatMessage, Conversation } from '@clientela/contract';
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { CrmSupportRequestEvent } from '../../events/support-request.ts';
import { asAgent, fetchAsShopper, freshCustomer, latestLineWhere, latestPeriodWithTransactions, mintSession } from '../../../../../test/browser/server-commands.ts';
import type { CrmPortal } from '../portal/portal.component.ts';
import '../portal/portal.ts';
import '../account-statement/account-statement.ts';
import type { CrmSupportChat } from './support-chat.component.ts';
import './support-chat.ts';

const shadow = (element: Element) => element.shadowRoot!;
const part = (element: Element, name: string) => shadow(element).querySelector<HTMLElement>(`[part~='${name}']`);
const text = (element: Element | null | undefined) => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const bodies = (element: Element) => [...shadow(element).querySelectorAll('[part~=log] .message:not(.system) .text')].map((node) => node.textContent);
const outboxKey = (customerId: string) => `clientela:chat-outbox:${customerId}`;

async function chatFor(customerId: string | null, { mode = 'inline', locale = 'es' } = {}) {
  const token = customerId ? (await mintSession(customerId)).token : '';
  const portal = await fixture<CrmPortal>(html`<crm-portal api=${location.origin} publishable-key="pk_test_demo" token=${token} locale=${locale}>
    <crm-support-chat mode=${mode}></crm-support-chat>
  </crm-portal>`);
  const chat = portal.querySelector('crm-support-chat')!;
  await chat.updateComplete;
  if (customerId) await waitUntil(() => part(chat, 'new-button') || part(chat, 'retry-button'), 'the chat loads', { timeout: 8000 });
  return { portal, chat };
}

async function startConversation(chat: CrmSupportChat, body: string, subject = '') {
  part(chat, 'new-button')!.click();
  await chat.updateComplete;
  shadow(chat).querySelector<HTMLInputElement>('#subject')!.value = subject;
  const textarea = shadow(chat).querySelector<HTMLTextAreaElement>('#first-message')!;
  textarea.value = body;
  textarea.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
  await waitUntil(() => part(chat, 'composer'), 'the new conversation opens', { timeout: 8000 });
}

async function send(chat: CrmSupportChat, body: string) {
  const textarea = part(chat, 'composer')!.querySelector('textarea')!;
  textarea.value = body;
  textarea.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
}

const conversationsOf = (customerId: string) => fetchAsShopper<{ items: Conversation[] }>(customerId, '/v1/me/conversations');
const messagesOf = (customerId: string, id: string) => fetchAsShopper<{ items: ChatMessage[] }>(customerId, `/v1/me/conversations/${id}/messages?limit=200`);

describe('<crm-support-chat>', () => {
  // The runner may put this page in a background tab; the chat reads messages only while the shopper can see them.
  before(() => Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true }));
  after(() => delete (document as { visibilityState?: unknown }).visibilityState);

  afterEach(() => {
    for (const key of Object.keys(localStorage)) if (key.startsWith('clientela:chat-outbox:')) localStorage.removeItem(key);
  });

  it('asks a visitor to sign in, from a launcher that opens and closes with the keyboard', async () => {
    const { chat } = await chatFor(null, { mode: 'launcher' });
    const launcher = part(chat, 'launcher') as HTMLButtonElement;
    expect(launcher.getAttribute('aria-expanded')).to.equal('false');
    expect(part(chat, 'panel')!.hidden).to.equal(true);
    launcher.click();
    await chat.updateComplete;
    expect(launcher.getAttribute('aria-expanded')).to.equal('true');
    expect(text(part(chat, 'panel'))).to.contain('Inicia sesión para chatear');
    await expect(chat).to.be.accessible();
    part(chat, 'panel')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    await chat.updateComplete;
    await chat.updateComplete;
    expect(part(chat, 'panel')!.hidden).to.equal(true);
    expect(shadow(chat).activeElement).to.equal(launcher);
  });

  it('on a phone, moves the launcher off the page while the shopper scrolls down, and back on the way up', async () => {
    const page = await fixture<HTMLElement>(html`<div>
      <div style="height: 3000px"></div>
      <crm-portal api=${location.origin} publishable-key="pk_test_demo"><crm-support-chat></crm-support-chat></crm-portal>
    </div>`);
    const chat = page.querySelector('crm-support-chat')!;
    await waitUntil(() => part(chat, 'launcher'), 'the launcher shows');
    const launcher = part(chat, 'launcher')!;
    const scrollTo = async (y: number) => {
      window.scrollTo(0, y);
      await new Promise((resolve) => addEventListener('scroll', resolve, { once: true }));
      await chat.updateComplete;
    };
    const covered = () => launcher.getBoundingClientRect().top < innerHeight;
    try {
      await setViewport({ width: 375, height: 700 });
      await scrollTo(600);
      await waitUntil(() => !covered(), 'the launcher leaves the window while scrolling down', { timeout: 2000 });
      await scrollTo(300);
      await waitUntil(covered, 'the launcher comes back when scrolling up', { timeout: 2000 });
      await scrollTo(document.documentElement.scrollHeight);
      expect(launcher.classList.contains('tucked'), 'back at the end of the page').to.equal(false);
      await setViewport({ width: 1280, height: 800 });
      await scrollTo(100);
      await scrollTo(900);
      expect(launcher.classList.contains('tucked'), 'a wide window keeps it beside the column').to.equal(false);
    } finally {
      window.scrollTo(0, 0);
      await setViewport({ width: 800, height: 600 });
    }
  });

  it('starts a conversation, shows each message once in one polite live region, and the agent’s reply as it comes', async () => {
    const customerId = await freshCustomer('chat-start', 'Marta');
    const { chat } = await chatFor(customerId);
    expect(text(part(chat, 'message'))).to.contain('Aún no tienes conversaciones');
    await startConversation(chat, '¿Cuándo llega mi pedido?', 'Despacho');
    await waitUntil(() => bodies(chat).length === 1 && !shadow(chat).querySelector('.pending'), 'the first message is stored', { timeout: 8000 });
    const [conversation] = (await conversationsOf(customerId)).items;
    expect(conversation!.subject).to.equal('Despacho');

    await send(chat, 'Es el pedido del lunes');
    await waitUntil(() => bodies(chat).length === 2 && !shadow(chat).querySelector('.pending'), 'the second is stored', { timeout: 8000 });
    await asAgent('POST', `/v1/agent/conversations/${conversation!.id}/messages`, { clientId: `agent-${customerId}`, body: 'Llega el jueves.' });
    await waitUntil(() => bodies(chat).includes('Llega el jueves.'), 'the reply arrives over the stream', { timeout: 8000 });
    expect(bodies(chat)).to.deep.equal(['¿Cuándo llega mi pedido?', 'Es el pedido del lunes', 'Llega el jueves.']);
    expect(text(shadow(chat).querySelector('.message.agent .author'))).to.equal('Sofía Morales');

    const live = [...shadow(chat).querySelectorAll('[aria-live], [role=log], [role=status], [role=alert]')];
    expect(live).to.have.length(1);
    expect(live[0]!.getAttribute('role')).to.equal('log');
    expect(live[0]!.getAttribute('aria-live')).to.equal('polite');
    expect((await messagesOf(customerId, conversation!.id)).items).to.have.length(3);
    await expect(chat).to.be.accessible();
  });

  it('sends a burst in the order written, each once', async () => {
    const customerId = await freshCustomer('chat-burst');
    const { chat } = await chatFor(customerId);
    await startConversation(chat as CrmSupportChat, 'Uno');
    const written = ['Uno', 'dos', 'tres', 'cuatro', 'cinco', 'seis', 'siete', 'ocho'];
    for (const body of written.slice(1)) await send(chat as CrmSupportChat, body);
    await waitUntil(() => bodies(chat).length === written.length && !shadow(chat).querySelector('.pending'), 'all are stored', { timeout: 8000 });
    expect(bodies(chat)).to.deep.equal(written);
    const [conversation] = (await conversationsOf(customerId)).items;
    expect((await messagesOf(customerId, conversation!.id)).items.map((m) => [m.seq, m.body])).to.deep.equal(written.map((body, i) => [i + 1, body]));
  });

  it('shows a hostile message as text, never as markup', async () => {
    const customerId = await freshCustomer('chat-xss');
    const { chat } = await chatFor(customerId);
    const hostile = '<img src=x onerror=alert(1)>';
    await startConversation(chat, hostile);
    await waitUntil(() => bodies(chat).length === 1 && !shadow(chat).querySelector('.pending'), 'the message is stored', { timeout: 8000 });
    expect(bodies(chat)).to.deep.equal([hostile]);
    expect(shadow(chat).querySelector('[part~=log] img')).to.equal(null);
  });

  it('keeps what the shopper writes offline, shows it as not sent, and sends it once when asked', async () => {
    const customerId = await freshCustomer('chat-offline');
    const { chat } = await chatFor(customerId);
    await startConversation(chat, 'Hola');
    await waitUntil(() => bodies(chat).length === 1 && !shadow(chat).querySelector('.pending'), 'the first message is stored', { timeout: 8000 });
    const realFetch = window.fetch;
    window.fetch = (input, init) =>
      (input instanceof Request ? input.method : init?.method) === 'POST' ? Promise.reject(new TypeError('Failed to fetch')) : realFetch(input, init);
    try {
      await send(chat, 'Escrito sin conexión');
      await waitUntil(() => shadow(chat).querySelector('.message.failed'), 'the message waits as not sent', { timeout: 8000 });
      expect(text(shadow(chat).querySelector('.message.failed'))).to.contain('Aún no enviado');
      expect(JSON.parse(localStorage.getItem(outboxKey(customerId))!)).to.have.length(1);
    } finally {
      window.fetch = realFetch;
    }
    shadow(chat).querySelector<HTMLButtonElement>('.message.failed button')!.click();
    await waitUntil(() => bodies(chat).length === 2 && !shadow(chat).querySelector('.pending'), 'it is sent', { timeout: 8000 });
    expect(localStorage.getItem(outboxKey(customerId))).to.equal(null);
    const [conversation] = (await conversationsOf(customerId)).items;
    expect((await messagesOf(customerId, conversation!.id)).items.map((m) => m.body)).to.deep.equal(['Hola', 'Escrito sin conexión']);
  });

  it('sends what a closed page left in its outbox, and a resend of a message the store already has is not a duplicate', async () => {
    const customerId = await freshCustomer('chat-reload');
    const first = await chatFor(customerId);
    await startConversation(first.chat as CrmSupportChat, 'Primero');
    await waitUntil(() => bodies(first.chat).length === 1 && !shadow(first.chat).querySelector('.pending'), 'stored', { timeout: 8000 });
    const [conversation] = (await conversationsOf(customerId)).items;
    first.portal.remove();

    // The page closed twice: once before a message left, once after the store had one but before the page heard back.
    const { token } = await mintSession(customerId);
    const acknowledgedButUnheard = 'ya-guardado-0001';
    await fetch(`/v1/me/conversations/${conversation!.id}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'x-publishable-key': 'pk_test_demo', 'content-type': 'application/json' },
      body: JSON.stringify({ clientId: acknowledgedButUnheard, body: 'Segundo' }),
    });
    localStorage.setItem(
      outboxKey(customerId),
      JSON.stringify([
        { key: acknowledgedButUnheard, state: 'sending', payload: { kind: 'message', conversationId: conversation!.id, body: 'Segundo' } },
        { key: 'nunca-salio-0002', state: 'sending', payload: { kind: 'message', conversationId: conversation!.id, body: 'Tercero' } },
      ]),
    );

    const { chat } = await chatFor(customerId);
    await waitUntil(() => localStorage.getItem(outboxKey(customerId)) === null, 'the outbox empties', { timeout: 8000 });
    shadow(chat).querySelector<HTMLButtonElement>('[part~=conversation]')!.click();
    await waitUntil(() => bodies(chat).length === 3, 'the conversation shows', { timeout: 8000 });
    expect(bodies(chat)).to.deep.equal(['Primero', 'Segundo', 'Tercero']);
    expect((await messagesOf(customerId, conversation!.id)).items.map((m) => m.body)).to.deep.equal(['Primero', 'Segundo', 'Tercero']);
  });

  it('badges the launcher with unread replies and clears it once read', async () => {
    const customerId = await freshCustomer('chat-unread');
    const { chat } = await chatFor(customerId, { mode: 'launcher' });
    part(chat, 'launcher')!.click();
    await chat.updateComplete;
    await startConversation(chat as CrmSupportChat, 'Una consulta');
    await waitUntil(() => bodies(chat).length === 1 && !shadow(chat).querySelector('.pending'), 'stored', { timeout: 8000 });
    const [conversation] = (await conversationsOf(customerId)).items;
    part(chat, 'launcher')!.click();
    await chat.updateComplete;
    await asAgent('POST', `/v1/agent/conversations/${conversation!.id}/messages`, { clientId: `a1-${customerId}`, body: 'Respuesta 1' });
    await asAgent('POST', `/v1/agent/conversations/${conversation!.id}/messages`, { clientId: `a2-${customerId}`, body: 'Respuesta 2' });
    await waitUntil(() => text(part(chat, 'badge')) === '2', 'two unread', { timeout: 8000 });
    expect(part(chat, 'launcher')!.getAttribute('aria-label')).to.equal('Chatear con la tienda, 2 sin leer');
    part(chat, 'launcher')!.click();
    await waitUntil(() => !part(chat, 'badge'), 'read once the conversation shows', { timeout: 8000 });
    await waitUntil(async () => (await conversationsOf(customerId)).items[0]!.unread === 0, 'the store knows', { timeout: 8000 });
  });

  it('shows read receipts, the agent typing, and a rating form once resolved', async () => {
    const customerId = await freshCustomer('chat-rate');
    const { chat } = await chatFor(customerId, { locale: 'en' });
    await startConversation(chat as CrmSupportChat, 'Is this on sale?');
    await waitUntil(() => bodies(chat).length === 1 && !shadow(chat).querySelector('.pending'), 'stored', { timeout: 8000 });
    const [conversation] = (await conversationsOf(customerId)).items;
    await asAgent('POST', `/v1/agent/conversations/${conversation!.id}/typing`);
    await waitUntil(() => text(shadow(chat).querySelector('.typing')) === 'The store is typing…', 'typing shows', { timeout: 8000 });
    await asAgent('POST', `/v1/agent/conversations/${conversation!.id}/read`, { seq: 1 });
    await waitUntil(() => text(shadow(chat).querySelector('.seen')) === 'Seen', 'seen shows', { timeout: 8000 });
    await asAgent<AgentConversation>('POST', `/v1/agent/conversations/${conversation!.id}/resolve`);
    await waitUntil(() => part(chat, 'rating'), 'the rating form shows', { timeout: 8000 });
    const rating = part(chat, 'rating')!;
    rating.querySelector<HTMLInputElement>('input[value="4"]')!.click();
    rating.querySelector('textarea')!.value = 'Quick answer';
    rating.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await waitUntil(() => text(part(chat, 'rating')) === 'Thank you! You rated this conversation 4 of 5.', 'thanks', { timeout: 8000 });
    expect((await conversationsOf(customerId)).items[0]!.rating).to.deep.equal({ score: 4, comment: 'Quick answer' });
    await expect(chat).to.be.accessible();
  });

  it('keeps several conversations, each with its own history, on every device', async () => {
    const customerId = await freshCustomer('chat-many');
    const first = await chatFor(customerId);
    await startConversation(first.chat as CrmSupportChat, 'Sobre puntos', 'Puntos');
    await waitUntil(() => !shadow(first.chat).querySelector('.pending') && bodies(first.chat).length === 1, 'stored', { timeout: 8000 });
    shadow(first.chat).querySelector<HTMLButtonElement>('.back')!.click();
    await first.chat.updateComplete;
    await startConversation(first.chat as CrmSupportChat, 'Sobre la tarjeta', 'Tarjeta');
    await waitUntil(() => !shadow(first.chat).querySelector('.pending') && bodies(first.chat).length === 1, 'stored', { timeout: 8000 });
    // Another device: a second portal with its own session.
    const other = await chatFor(customerId);
    const listed = [...shadow(other.chat).querySelectorAll('[part~=conversation] .subject')].map((node) => node.textContent);
    // The test server's clock stands still: both were written at the same instant.
    expect(listed.sort()).to.deep.equal(['Puntos', 'Tarjeta']);
  });

  it('opens a conversation about a statement transaction the shopper asks about, with the transaction attached', async () => {
    const token = (await mintSession('cli-0003')).token;
    const { period } = await latestPeriodWithTransactions('cli-0003');
    const portal = await fixture<CrmPortal>(html`<crm-portal api=${location.origin} publishable-key="pk_test_demo" token=${token} locale="es">
      <crm-account-statement period=${period}></crm-account-statement>
      <crm-support-chat></crm-support-chat>
    </crm-portal>`);
    const statement = portal.querySelector('crm-account-statement')!;
    const chat = portal.querySelector('crm-support-chat')!;
    await waitUntil(() => part(statement, 'ask-button') && part(chat, 'new-button'), 'both load', { timeout: 8000 });
    const asked = oneEvent(statement, CrmSupportRequestEvent.type) as unknown as Promise<CrmSupportRequestEvent>;
    part(statement, 'ask-button')!.click();
    const event = await asked;
    expect(event.attachment?.kind).to.equal('statement-line');
    await waitUntil(() => chat.open && part(chat, 'attachment'), 'the chat opens with the transaction', { timeout: 8000 });
    expect(shadow(chat).querySelector<HTMLInputElement>('#subject')!.value).to.equal(event.subject);
    expect(text(part(chat, 'attachment'))).to.contain('Sobre este movimiento');
    const textarea = shadow(chat).querySelector<HTMLTextAreaElement>('#first-message')!;
    textarea.value = 'No reconozco este cargo';
    textarea.form!.requestSubmit();
    await waitUntil(() => part(chat, 'composer') && !shadow(chat).querySelector('.pending'), 'sent', { timeout: 8000 });
    const conversations = await conversationsOf('cli-0003');
    const started = conversations.items.find((c) => c.subject === event.subject)!;
    expect(started.attachment).to.deep.equal(event.attachment);
    // On a phone the line heads the thread and the first message comes after it, neither drawn over the other.
    await setViewport({ width: 375, height: 700 });
    try {
      await waitUntil(() => bodies(chat).length === 1 && part(chat, 'attachment'), 'the thread shows the line and the message', { timeout: 8000 });
      const line = part(chat, 'attachment')!.getBoundingClientRect();
      const message = shadow(chat).querySelector('[part~=log] .message:not(.system)')!.getBoundingClientRect();
      expect(line.height > 0 && message.height > 0).to.equal(true);
      expect(line.bottom <= message.top || message.bottom <= line.top, `line ${line.top}–${line.bottom}, message ${message.top}–${message.bottom}`).to.equal(true);
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });

  it('names the line by its place in the statement: the store shows the statement’s line, whatever the page claimed', async () => {
    // A line that is not a payment (other tests pay into this card by the thousand): the claim below passes one off as a payment.
    const { statement, line } = await latestLineWhere('cli-0003', (item) => item.kind !== 'payment');
    const { chat } = await chatFor('cli-0003');
    const claimed = { ...line, kind: 'payment' as const, description: 'Pago recibido', amount: -99_999_999 };
    document.dispatchEvent(new CrmSupportRequestEvent('Un pago que no veo', { kind: 'statement-line', period: statement.period, line: claimed }));
    await waitUntil(() => part(chat, 'attachment'), 'the chat opens with the line', { timeout: 8000 });
    const textarea = shadow(chat).querySelector<HTMLTextAreaElement>('#first-message')!;
    textarea.value = '¿Y este pago?';
    textarea.form!.requestSubmit();
    await waitUntil(() => part(chat, 'composer') && !shadow(chat).querySelector('.pending'), 'sent', { timeout: 8000 });
    const started = (await conversationsOf('cli-0003')).items.find((c) => c.subject === 'Un pago que no veo')!;
    expect(started.attachment).to.deep.equal({ kind: 'statement-line', period: statement.period, line });
    await waitUntil(() => !text(part(chat, 'attachment')).includes('Pago recibido'), 'the thread shows the statement’s line', { timeout: 8000 });
  });
});
