import type { Locale } from '@clientela/contract';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import '../packages/staff/src/components/agent-console/agent-console.ts';
import { fixtureClient, type FixtureRoutes } from './fixture-client.ts';
import { agentConversations, anaPanel, chargeMessages, newConversations } from './fixtures.ts';

interface Args {
  locale: Locale;
  signedIn: boolean;
  routes: FixtureRoutes;
  api?: string;
  'publishable-key': string;
}

const session = { token: 'story', expiresAt: '2099-01-01T00:00:00Z', agent: { id: 'agt_demo_sofia', name: 'Sofía Morales', email: 'agente@demo.clientela.dev' } };

const meta: Meta<Args> = {
  title: 'Staff/crm-agent-console',
  component: 'crm-agent-console',
  tags: ['autodocs'],
  parameters: { layout: 'fullscreen' },
  argTypes: {
    locale: { control: 'inline-radio', options: ['es', 'en'] },
    signedIn: { control: 'boolean' },
    routes: { control: false },
  },
  args: { locale: 'es', signedIn: true, 'publishable-key': 'pk_test_demo' },
  render: ({ locale, signedIn, routes, api, 'publishable-key': publishableKey }) => {
    const sessionKey = `clientela:agent-session:${publishableKey}`;
    if (signedIn) sessionStorage.setItem(sessionKey, JSON.stringify(session));
    else sessionStorage.removeItem(sessionKey);
    return html`<crm-agent-console lang=${locale} api=${api || nothing} publishable-key=${publishableKey} .client=${fixtureClient(routes)}></crm-agent-console>`;
  },
};
export default meta;

type Story = StoryObj<Args>;

const routes = (extra: FixtureRoutes = {}): FixtureRoutes => ({
  '/v1/agent/conversations': { items: [...newConversations, ...agentConversations.filter((c) => c.status !== 'resolved')], eventCursor: '120' },
  '/v1/agent/conversations/conv-7': agentConversations[0],
  '/v1/agent/conversations/conv-7/messages': { items: chargeMessages, hasMore: false },
  '/v1/agent/customers/cli-0001': anaPanel,
  '/v1/agent/events': 'stream',
  ...extra,
});

/** Opens Ana's conversation about a statement charge, as an agent clicking it in the inbox would. */
async function openCharge({ canvasElement }: { canvasElement: HTMLElement }) {
  const element = canvasElement.querySelector('crm-agent-console')!;
  const find = () => [...(element.shadowRoot?.querySelectorAll<HTMLButtonElement>('[part~=conversation]') ?? [])].find((b) => b.textContent?.includes('Ana Torres'));
  while (!find()) await new Promise((resolve) => setTimeout(resolve, 20));
  find()!.click();
}

export const SignIn: Story = { args: { signedIn: false, routes: {} } };

export const Inbox: Story = { args: { routes: routes() } };

export const ConversationWithCustomer: Story = { tags: ['widths'], args: { routes: routes() }, play: openCharge };

export const English: Story = { args: { locale: 'en', routes: routes() }, play: openCharge };

export const EmptyInbox: Story = { args: { routes: routes({ '/v1/agent/conversations': { items: [], eventCursor: '0' } }) } };

export const Loading: Story = { args: { routes: { '/v1/agent/conversations': 'never' } } };

export const Error: Story = { args: { routes: { '/v1/agent/conversations': { status: 503, problem: 'unavailable' } } } };

/** The agent's device has no connection. */
export const Offline: Story = { args: { routes: { '/v1/agent/conversations': 'offline' } } };

/** ConversationWithCustomer, in the kit's dark theme. */
export const Dark: Story = { ...ConversationWithCustomer, tags: [], globals: { theme: 'dark' } };
