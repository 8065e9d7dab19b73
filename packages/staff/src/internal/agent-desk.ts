import type { Client } from '@clientela/client';
import type { Agent, AgentConversation, ConversationStatus, InboxView } from '@clientela/contract';
import {
  assignConversation,
  getAgentConversation,
  listAgentConversations,
  listAgentMessages,
  markAgentRead,
  resolveConversation,
  sendAgentMessage,
  signalAgentTyping,
  streamAgentEvents,
} from '@clientela/contract/routes';
import { ChatChannel, type OutboxItem, type OutgoingMessage } from '@clientela/widgets/internal';

/**
 * A signed-in agent's side of the support chat: the inbox as filtered
 * (unassigned, mine or all, by status), the conversation open in the
 * console, and the agent's replies on their way.
 */
export class AgentDesk extends ChatChannel<AgentConversation> {
  readonly agent: Agent;
  view: InboxView = 'all';
  status: ConversationStatus = 'open';
  inboxState: 'loading' | 'ready' | 'error' = 'loading';
  error: unknown = null;
  /** The conversation open in the console; kept when it leaves the inbox's filter (resolved, assigned away). */
  current: AgentConversation | null = null;
  #listing = 0;

  constructor(client: Client, agent: Agent) {
    super(client, `clientela:agent-outbox:${agent.id}`, {
      side: 'agent',
      unread: 'unreadByAgents',
      theirRead: 'shopperReadSeq',
      markRead: markAgentRead,
      typing: signalAgentTyping,
    });
    this.agent = agent;
  }

  override conversation(id: string): AgentConversation | undefined {
    return this.current?.id === id ? this.current : super.conversation(id);
  }

  /** Loads the inbox as filtered; the first load opens the event stream. */
  async list(): Promise<void> {
    const listing = ++this.#listing;
    this.inboxState = 'loading';
    this.changed();
    try {
      const page = await this.client.call(listAgentConversations, { query: { view: this.view, status: this.status, limit: 100 } });
      if (listing !== this.#listing) return;
      this.conversations = page.items.map((item) => (item.id === this.current?.id ? (this.current = { ...this.current, ...item }) : item));
      this.inboxState = 'ready';
      this.listen(streamAgentEvents, page.eventCursor);
      void this.outbox.flush();
    } catch (error) {
      if (listing !== this.#listing) return;
      this.inboxState = 'error';
      this.error = error;
    }
    this.changed();
  }

  filter(view: InboxView, status: ConversationStatus): Promise<void> {
    this.view = view;
    this.status = status;
    return this.list();
  }

  /** Opens a conversation: its latest messages, read up to the last one. */
  async open(conversationId: string): Promise<void> {
    const [conversation, page] = await Promise.all([
      this.client.call(getAgentConversation, { params: { id: conversationId } }),
      this.client.call(listAgentMessages, { params: { id: conversationId }, query: { limit: 100 } }),
    ]);
    this.current = conversation;
    this.#replace(conversation);
    for (const message of page.items) this.remember(message);
    this.changed();
    await this.markRead(conversationId);
  }

  closeConversation(): void {
    this.current = null;
    this.changed();
  }

  #replace(conversation: AgentConversation): void {
    if (this.current?.id === conversation.id) this.current = conversation;
    this.conversations = this.conversations.map((c) => (c.id === conversation.id ? conversation : c));
  }

  protected conversationChanged(conversationId: string): void {
    void this.list();
    if (this.current?.id === conversationId) {
      void this.client.call(getAgentConversation, { params: { id: conversationId } }).then(
        (conversation) => {
          this.#replace(conversation);
          this.changed();
        },
        () => undefined,
      );
    }
  }

  protected override remember(message: Parameters<ChatChannel<AgentConversation>['remember']>[0]): void {
    super.remember(message);
    // The conversation on screen is read as it arrives.
    if (message.author === 'shopper' && this.current?.id === message.conversationId && document.visibilityState === 'visible') {
      void this.markRead(message.conversationId);
    }
  }

  protected async deliver(item: OutboxItem<OutgoingMessage>): Promise<void> {
    const { conversationId, body } = item.payload;
    this.remember(await this.client.call(sendAgentMessage, { params: { id: conversationId }, body: { clientId: item.key, body } }));
  }

  /** Takes the conversation (no agent id), gives it to another agent, or hands it back to the queue (null). */
  async assign(conversationId: string, agentId?: string | null): Promise<void> {
    const body = agentId === undefined ? {} : { agentId };
    this.#replace(await this.client.call(assignConversation, { params: { id: conversationId }, body }));
    this.changed();
  }

  async resolve(conversationId: string): Promise<void> {
    this.#replace(await this.client.call(resolveConversation, { params: { id: conversationId } }));
    this.changed();
  }
}
