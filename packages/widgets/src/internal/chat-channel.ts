import { openEventStream, type Client, type EventStream, type StreamState } from '@clientela/client';
import type { ChatEvent, ChatMessage, Conversation } from '@clientela/contract';
import type { streamAgentEvents, streamMyEvents } from '@clientela/contract/routes';
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

/**
 * One side of the support chat, shopper or agent: its conversations, their
 * messages by seq, the event stream that keeps them current, and an outbox
 * that gets every message to the API exactly once whatever the connection
 * does (sent with a client id, kept in localStorage until acknowledged, sent
 * again when the stream is back). Fires `change` when anything shown changes.
 */
export abstract class ChatChannel<C extends Conversation, P extends { kind: string } = OutgoingMessage> extends EventTarget {
  protected readonly client: Client;
  readonly outbox: Outbox<P>;
  readonly log = new MessageLog();
  conversations: C[] = [];
  streamState: StreamState = 'connecting';
  #stream: EventStream | null = null;
  readonly #typingUntil = new Map<string, number>();
  readonly #typingSentAt = new Map<string, number>();

  /** Who this side writes as: their own messages never count as unread. */
  protected abstract readonly side: 'shopper' | 'agent';

  constructor(client: Client, outboxKey: string) {
    super();
    this.client = client;
    this.outbox = new Outbox<P>(outboxKey, (item) => this.deliver(item));
    this.outbox.addEventListener('change', () => this.changed());
  }

  protected changed(): void {
    this.dispatchEvent(new Event('change'));
  }

  /** Sends one outbox item; throws to keep it for later. */
  protected abstract deliver(item: OutboxItem<P>): Promise<void>;
  /** Something about a conversation changed (new, assigned, resolved, reopened, rated). */
  protected abstract conversationChanged(conversationId: string): void;
  /** One of the other side's messages arrived. */
  protected abstract countUnread(conversation: C): void;
  /** The other side read up to a seq, or this side read on another device. */
  protected abstract readBy(conversation: C, reader: 'shopper' | 'agent', seq: number): void;
  protected abstract signalTyping(conversationId: string): Promise<void>;

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
        if (conversation) this.readBy(conversation, event.reader, event.seq);
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
      this.countUnread(conversation);
      this.#typingUntil.delete(message.conversationId);
    }
  }

  messages(conversationId: string): ChatMessage[] {
    return this.log.list(conversationId);
  }

  /** Messages of the conversation still on their way, not yet stored. */
  pending(conversationId: string): Array<OutboxItem<OutgoingMessage>> {
    const stored = this.log.clientIds(conversationId);
    return this.outbox.items.filter(
      (item): item is OutboxItem<P & OutgoingMessage> =>
        item.payload.kind === 'message' && (item.payload as Partial<OutgoingMessage>).conversationId === conversationId && !stored.has(item.key),
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
    void this.signalTyping(conversationId).catch(() => undefined);
  }
}
