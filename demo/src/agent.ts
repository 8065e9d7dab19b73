import { ApiError, createClient } from '@clientela/client';
import { agentLogin, getAgentMe, listAgentConversations, type ConversationStatus, type InboxConversation } from '@clientela/contract';

const text = {
  es: {
    title: 'Atención al cliente',
    signOut: 'Cerrar sesión',
    loginTitle: 'Ingreso de agentes',
    email: 'Correo',
    password: 'Contraseña',
    signIn: 'Ingresar',
    inbox: 'Bandeja de conversaciones',
    wrongLogin: 'El correo o la contraseña no son correctos.',
    unreachable: 'No pudimos conectar con el servidor.',
    loading: 'Cargando…',
    empty: 'No hay conversaciones aquí.',
    statuses: { open: 'Abiertas', pending: 'En espera', resolved: 'Resueltas' },
    assigned: 'Asignada',
    unassigned: 'Sin asignar',
    switchLanguage: 'English',
  },
  en: {
    title: 'Customer support',
    signOut: 'Sign out',
    loginTitle: 'Agent sign-in',
    email: 'Email',
    password: 'Password',
    signIn: 'Sign in',
    inbox: 'Conversations',
    wrongLogin: 'The email or the password is wrong.',
    unreachable: 'We could not reach the server.',
    loading: 'Loading…',
    empty: 'No conversations here.',
    statuses: { open: 'Open', pending: 'Pending', resolved: 'Resolved' },
    assigned: 'Assigned',
    unassigned: 'Unassigned',
    switchLanguage: 'Español',
  },
};

type Locale = keyof typeof text;
let locale: Locale = localStorage.getItem('aurora-locale') === 'en' ? 'en' : 'es';
let status: ConversationStatus = 'open';
const t = () => text[locale];

const client = createClient({
  api: location.origin,
  publishableKey: 'pk_test_demo',
  token: sessionStorage.getItem('aurora-agent-token'),
});

const $ = <T extends HTMLElement>(selector: string) => document.querySelector<T>(selector)!;
const loginForm = $<HTMLFormElement>('#login');
const inbox = $<HTMLElement>('#inbox');

function applyLanguage(): void {
  document.documentElement.lang = locale;
  for (const element of document.querySelectorAll<HTMLElement>('[data-i18n]')) {
    const value = t()[element.dataset.i18n as keyof ReturnType<typeof t>];
    if (typeof value === 'string') element.textContent = value;
  }
  $('#language').textContent = t().switchLanguage;
  $('#language').lang = locale === 'es' ? 'en' : 'es';
  if (!inbox.hidden) void showInbox();
}

function renderTabs(): void {
  const statuses: ConversationStatus[] = ['open', 'pending', 'resolved'];
  $('#tabs').replaceChildren(
    ...statuses.map((value) => {
      const tab = document.createElement('button');
      tab.type = 'button';
      tab.role = 'tab';
      tab.id = `tab-${value}`;
      tab.setAttribute('aria-selected', String(value === status));
      tab.setAttribute('aria-controls', 'inbox-panel');
      tab.tabIndex = value === status ? 0 : -1;
      tab.textContent = t().statuses[value];
      tab.addEventListener('click', () => {
        status = value;
        void showInbox();
      });
      tab.addEventListener('keydown', (event) => {
        const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
        if (!step) return;
        status = statuses[(statuses.indexOf(value) + step + statuses.length) % statuses.length]!;
        void showInbox().then(() => $(`#tab-${status}`).focus());
      });
      return tab;
    }),
  );
  $('#inbox-panel').setAttribute('aria-labelledby', `tab-${status}`);
}

function conversationItem(conversation: InboxConversation): HTMLLIElement {
  const item = document.createElement('li');
  item.className = 'conversation';
  const heading = document.createElement('h2');
  heading.textContent = conversation.subject;
  const who = document.createElement('p');
  who.className = 'who';
  const assignment = conversation.assignedAgentId ? t().assigned : t().unassigned;
  who.textContent = `${conversation.customer.name} · ${assignment}`;
  const last = document.createElement('p');
  last.className = 'last';
  last.textContent = conversation.lastMessage?.body ?? '';
  const time = document.createElement('time');
  time.dateTime = conversation.updatedAt;
  time.textContent = new Intl.DateTimeFormat(locale === 'es' ? 'es-CL' : 'en-US', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(conversation.updatedAt));
  item.append(heading, who, last, time);
  return item;
}

async function showInbox(): Promise<void> {
  renderTabs();
  $('#inbox-status').textContent = t().loading;
  try {
    const { items } = await client.call(listAgentConversations, { query: { status } });
    $('#conversations').replaceChildren(...items.map(conversationItem));
    $('#inbox-status').textContent = items.length ? '' : t().empty;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return signOut();
    $('#inbox-status').textContent = t().unreachable;
  }
}

async function signedIn(): Promise<void> {
  const agent = await client.call(getAgentMe);
  $('#agent-name').textContent = agent.name;
  loginForm.hidden = true;
  inbox.hidden = false;
  $('#sign-out').hidden = false;
  await showInbox();
}

function signOut(): void {
  sessionStorage.removeItem('aurora-agent-token');
  client.token = null;
  loginForm.hidden = false;
  inbox.hidden = true;
  $('#sign-out').hidden = true;
  $('#agent-name').textContent = '';
}

loginForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData(loginForm);
  $('#login-error').textContent = '';
  try {
    const session = await client.call(agentLogin, {
      body: { email: String(form.get('email') ?? ''), password: String(form.get('password') ?? '') },
    });
    client.token = session.token;
    sessionStorage.setItem('aurora-agent-token', session.token);
    await signedIn();
  } catch (error) {
    $('#login-error').textContent = error instanceof ApiError && error.status < 500 ? t().wrongLogin : t().unreachable;
  }
});
$('#sign-out').addEventListener('click', signOut);
$('#language').addEventListener('click', () => {
  locale = locale === 'es' ? 'en' : 'es';
  localStorage.setItem('aurora-locale', locale);
  applyLanguage();
});

applyLanguage();
if (client.token) await signedIn().catch(signOut);
