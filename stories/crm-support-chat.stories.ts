import type { Me } from '@clientela/contract';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../packages/widgets/src/components/support-chat/support-chat.ts';
import { CrmSupportRequestEvent } from '../packages/widgets/src/events/support-request.ts';
import type { FixtureRoutes } from './fixture-client.ts';
import { inShopperState, shopperArgTypes, signedIn, type ShopperStoryArgs } from './shopper-story.ts';
import { ana, awayUntilMonday, statementAttachment, chargeConversation, chargeMessages, conversations, onlineNow, ratedConversation, resolvedConversation } from './fixtures.ts';

interface Args extends ShopperStoryArgs {
  mode: 'launcher' | 'inline';
  open: boolean;
  conversation: string;
  /** Messages a previous visit left in the outbox, for the outbox stories. */
  outbox?: unknown[];
}

const meta: Meta<Args> = {
  title: 'Widgets/crm-support-chat',
  component: 'crm-support-chat',
  tags: ['autodocs'],
  argTypes: { ...shopperArgTypes, outbox: { control: false } },
  args: { locale: 'es', mode: 'inline', open: false, conversation: '', state: signedIn() },
  render: ({ locale, mode, open, conversation, state, routes, outbox }) => {
    if (outbox && state.status === 'ready') localStorage.setItem(`clientela:chat-outbox:${state.me.id}`, JSON.stringify(outbox));
    return inShopperState({ locale, state, routes }, html`<crm-support-chat mode=${mode} ?open=${open} conversation=${conversation || ''}></crm-support-chat>`);
  },
};
export default meta;

type Story = StoryObj<Args>;

/** The API of a shopper with three conversations, one of them about a statement charge. */
const routes = (extra: FixtureRoutes = {}): FixtureRoutes => ({
  '/v1/me/conversations': { items: conversations, eventCursor: '120' },
  '/v1/me/conversations/conv-7/messages': { items: chargeMessages, hasMore: false },
  '/v1/me/events': 'stream',
  '/v1/support/availability': onlineNow,
  ...extra,
});

export const Conversations: Story = { args: { routes: routes() } };

export const Conversation: Story = { tags: ['widths'], args: { routes: routes(), conversation: 'conv-7' } };

export const English: Story = { args: { locale: 'en', routes: routes(), conversation: 'conv-7' } };

export const LauncherWithUnread: Story = { args: { mode: 'launcher', routes: routes() } };

export const LauncherOpen: Story = { args: { mode: 'launcher', open: true, routes: routes() } };

export const Empty: Story = { args: { routes: routes({ '/v1/me/conversations': { items: [], eventCursor: '0' } }) } };

/** Waits until the chat has loaded the shopper's conversations. */
async function loaded(canvasElement: HTMLElement) {
  const chat = canvasElement.querySelector('crm-support-chat')!;
  const start = () => chat.shadowRoot?.querySelector<HTMLButtonElement>('[part~=new-button]');
  while (!start()) await new Promise((resolve) => setTimeout(resolve, 20));
  return start()!;
}

export const NobodyOnline: Story = {
  args: { routes: routes({ '/v1/support/availability': awayUntilMonday, '/v1/me/conversations': { items: [], eventCursor: '0' } }) },
  play: async ({ canvasElement }) => (await loaded(canvasElement)).click(),
};

export const AskingAboutATransaction: Story = {
  args: { routes: routes() },
  play: async ({ canvasElement }) => {
    await loaded(canvasElement);
    document.dispatchEvent(new CrmSupportRequestEvent('Sobre Hervidor eléctrico 1,7 L Nexo del 5 oct 2026', statementAttachment));
  },
};

export const ResolvedAskingForRating: Story = {
  args: { conversation: 'conv-7', routes: routes({ '/v1/me/conversations': { items: [resolvedConversation], eventCursor: '120' } }) },
};

export const Rated: Story = {
  args: { conversation: 'conv-7', routes: routes({ '/v1/me/conversations': { items: [ratedConversation], eventCursor: '120' } }) },
};

const shopperWithOutbox: Me = { ...ana, id: 'story-outbox' };
const leftInOutbox = [{ key: 'story-outbox-1', state: 'failed', payload: { kind: 'message', conversationId: 'conv-7', body: 'Escrito en el metro, sin señal.' } }];

export const NotSentYet: Story = {
  args: {
    state: signedIn(shopperWithOutbox),
    conversation: 'conv-7',
    outbox: leftInOutbox,
    routes: routes({ 'POST /v1/me/conversations/conv-7/messages': { status: 503, problem: 'unavailable' }, '/v1/me/conversations': { items: [chargeConversation], eventCursor: '120' } }),
  },
};

export const Sending: Story = {
  args: {
    state: signedIn(shopperWithOutbox),
    conversation: 'conv-7',
    outbox: leftInOutbox,
    routes: routes({ 'POST /v1/me/conversations/conv-7/messages': 'never', '/v1/me/conversations': { items: [chargeConversation], eventCursor: '120' } }),
  },
};

export const SignedOut: Story = { args: { state: { status: 'signed-out' }, routes: {} } };

export const Loading: Story = { args: { routes: { '/v1/me/conversations': 'never' } } };

export const Error: Story = { args: { routes: { '/v1/me/conversations': { status: 503, problem: 'unavailable' } } } };

/** The shopper's device has no connection. */
export const Offline: Story = { args: { routes: { '/v1/me/conversations': 'offline' } } };

/** Conversation, in the kit's dark theme. */
export const Dark: Story = { ...Conversation, tags: [], globals: { theme: 'dark' } };
