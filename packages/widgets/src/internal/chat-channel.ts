import { openEventStream, type Client, type EventStream, type StreamState } from '@clientela/client';
import type { AgentConversation, ChatEvent, ChatMessage, Conversation } from '@clientela/contract';
import type { markAgentRead, markMyConversationRead, signalAgentTyping, signalMyTyping, streamAgentEvents, streamMyEvents } from '@clientela/contract/routes';
import { newIdempotencyKey } from './idempotency-key.ts';
import { MessageLog } from './message-log.ts';
import { Outbox, type OutboxItem } from './outbox.ts';

/** How long "is typing…" shows after the last signal, and how often this side sends one. */
const typingShownMs = 5_000;
const typingSentEveryMs = 3_000;

export interface OutgoingMessage {
  kind: 'message';
  conversationId: string;
  body: string;
}

/** The fields of a conversation that hold a count, such as its unread messages or a side's read mark. */
type CountOf<C> = { [K in keyof C]-?: C[K] extends number ? K : never }[keyof C];
/** A conversation seen through its counts. */
type Counts<C> = Record<CountOf<C>, number>;

/** How a side keeps its marks on a conversation, and where it tells the API about them. */
export interface ChatSide<C> {
  /** Who this side writes as: their own messages never count as unread. */
  side: 'shopper' | 'agent';
  /** The field of this side's unread count. */
  unread: CountOf<C>;
  /** The field of the other side's read mark: the seq it has read up to. */
  theirRead: CountOf<C>;
  /** Where this side says it has read up to a message, and that it is typing. */
  markRead: typeof markMyConversationRead | typeof markAgentRead;
  typing: typeof signalMyTyping | typeof signalAgentTyping;
}

/**
 * One side of the support chat, shopper or agent: its conversations, their
 * messages by seq, the event stream that keeps them current, and an outbox
 * that gets every message to the API exactly once whatever the connection
 * does (sent with a client id, kept in localStorage until acknowledged, sent
 * again when the stream is back). Fires `change` when anything shown changes.
 */
export abstract class ChatChannel<C extends Conversation | AgentConversation, P extends { kind: string } = never> extends EventTarget {
  protected readonly client: Client;
  /** Messages, and whatever else this side sends (`P`), on their way. */
  readonly outbox: Outbox<OutgoingMessage | P>;
  readonly log = new MessageLog();
  conversations: C[] = [];
  streamState: StreamState = 'connecting';
  #stream: EventStream | null = null;
  readonly #typingUntil = new Map<string, number>();
  readonly #typingSentAt = new Map<string, number>();
  /** The newest message of the other side this page has said it read, by conversation. */
  readonly #readUpTo = new Map<string, number>();

  protected readonly side: ChatSide<C>['side'];
  readonly #marks: ChatSide<C>;

  constructor(client: Client, outboxKey: string, side: ChatSide<C>) {
    super();
    this.client = client;
    this.side = side.side;
    this.#marks = side;
    this.outbox = new Outbox<OutgoingMessage | P>(outboxKey, (item) => this.deliver(item));
    this.outbox.addEventListener('change', () => this.changed());
  }

  protected changed(): void {
    this.dispatchEvent(new Event('change'));
  }

  /** Sends one outbox item; throws to keep it for later. */
  protected abstract deliver(item: OutboxItem<OutgoingMessage | P>): Promise<void>;
  /** Something about a conversation changed (new, assigned, resolved, reopened, rated). */
  protected abstract conversationChanged(conversationId: string): void;

  /** Opens the event stream once, resuming after `cursor`. */
  protected listen(endpoint: typeof streamMyEvents | typeof streamAgentEvents, cursor: string): void {
    if (this.#stream) return;
    this.#stream = openEventStream(this.client, endpoint, {}, {
      lastEventId: cursor,
      onEvent: (message) => this.#onEvent(message.data as ChatEvent),
      onState: (state) => {
        this.streamState = state;
        // Back online: what could not be sent goes now.
        if (state === 'open') void this.outbox.flush();
        this.changed();
      },
    });
  }

  close(): void {
    this.#stream?.close();
    this.#stream = null;
  }

  #onEvent(event: ChatEvent): void {
    const conversation = this.conversation(event.conversationId);
    switch (event.type) {
      case 'message':
        this.remember(event.message);
        break;
      case 'read':
        if (conversation) {
          const counts = conversation as Counts<C>;
          const { theirRead, unread } = this.#marks;
          // The other side read up to a seq, or this side read on another device.
          if (event.reader !== this.side) counts[theirRead] = Math.max(counts[theirRead], event.seq);
          else if ((conversation.lastMessage?.seq ?? 0) <= event.seq) counts[unread] = 0;
        }
        break;
      case 'typing':
        if (event.author !== this.side) {
          this.#typingUntil.set(event.conversationId, Date.now() + typingShownMs);
          setTimeout(() => this.changed(), typingShownMs + 50);
        }
        break;
      case 'conversation':
        this.conversationChanged(event.conversationId);
        break;
    }
    this.changed();
  }

  conversation(id: string): C | undefined {
    return this.conversations.find((c) => c.id === id);
  }

  /** Keeps a message (once, however often it arrives) and brings its conversation's preview up to date. */
  protected remember(message: ChatMessage): void {
    const fresh = this.log.add(message);
    const conversation = this.conversation(message.conversationId);
    if (!fresh || !conversation) return;
    if (!conversation.lastMessage || conversation.lastMessage.seq <= message.seq) {
      conversation.lastMessage = message;
      conversation.updatedAt = message.sentAt;
      this.conversations = [conversation, ...this.conversations.filter((c) => c !== conversation)];
    }
    if (message.author !== this.side) {
      (conversation as Counts<C>)[this.#marks.unread] += 1;
      this.#typingUntil.delete(message.conversationId);
    }
  }

  messages(conversationId: string): ChatMessage[] {
    return this.log.list(conversationId);
  }

  /**
   * Tells the API this side has read the conversation up to its last message,
   * once for each message of the other side: what decides is the newest such
   * message, not the unread count, which may arrive after the message itself.
   */
  async markRead(conversationId: string): Promise<void> {
    const last = this.messages(conversationId).at(-1);
    const counts = this.conversation(conversationId) as Counts<C> | undefined;
    if (!last || !counts) return;
    const theirs = this.messages(conversationId).findLast((message) => message.author !== this.side)?.seq ?? 0;
    // A thread first seen with nothing unread was read before this page opened it.
    if (!this.#readUpTo.has(conversationId) && counts[this.#marks.unread] === 0) this.#readUpTo.set(conversationId, theirs);
    const before = this.#readUpTo.get(conversationId) ?? 0;
    if (theirs <= before && counts[this.#marks.unread] === 0) return;
    this.#readUpTo.set(conversationId, theirs);
    counts[this.#marks.unread] = 0;
    this.changed();
    const sent = await this.client.call(this.#marks.markRead, { params: { id: conversationId }, body: { seq: last.seq } }).then(() => true, () => false);
    // Not heard: the next update tries again.
    if (!sent && this.#readUpTo.get(conversationId) === theirs) this.#readUpTo.set(conversationId, before);
  }

  send(conversationId: string, body: string): Promise<void> {
    return this.outbox.add(newIdempotencyKey(), { kind: 'message', conversationId, body });
  }

  /** Messages of the conversation still on their way, not yet stored. */
  pending(conversationId: string): Array<OutboxItem<OutgoingMessage>> {
    const stored = this.log.clientIds(conversationId);
    return this.outbox.items.filter(
      (item): item is OutboxItem<OutgoingMessage> => item.payload.kind === 'message' && (item.payload as OutgoingMessage).conversationId === conversationId && !stored.has(item.key),
    );
  }

  isTyping(conversationId: string): boolean {
    return (this.#typingUntil.get(conversationId) ?? 0) > Date.now();
  }

  /** Lets the other side know this one is typing, at most every few seconds. */
  typing(conversationId: string): void {
    const now = Date.now();
    if (now - (this.#typingSentAt.get(conversationId) ?? 0) < typingSentEveryMs) return;
    this.#typingSentAt.set(conversationId, now);
    void this.client.call(this.#marks.typing, { params: { id: conversationId } }).catch(() => undefined);
  }
}
