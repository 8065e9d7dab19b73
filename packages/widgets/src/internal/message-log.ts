import type { ChatMessage } from '@clientela/contract';

/**
 * Messages by conversation and seq. The same message arriving twice (in the
 * answer to its send, from the stream, in a page loaded later) is kept once,
 * which is what keeps duplicates off the screen.
 */
export class MessageLog {
  readonly #byConversation = new Map<string, Map<number, ChatMessage>>();

  /** Keeps a message; true when it was not known yet. */
  add(message: ChatMessage): boolean {
    let messages = this.#byConversation.get(message.conversationId);
    if (!messages) this.#byConversation.set(message.conversationId, (messages = new Map()));
    const known = messages.has(message.seq);
    messages.set(message.seq, message);
    return !known;
  }

  /** The conversation's messages in order, as far as they are loaded. */
  list(conversationId: string): ChatMessage[] {
    return [...(this.#byConversation.get(conversationId)?.values() ?? [])].sort((a, b) => a.seq - b.seq);
  }

  /** Client ids already stored, to tell which outbox items have arrived. */
  clientIds(conversationId: string): Set<string> {
    return new Set([...(this.#byConversation.get(conversationId)?.values() ?? [])].map((message) => message.clientId));
  }
}
