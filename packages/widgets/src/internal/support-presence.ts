/**
 * Which support chats are on the page, so that other widgets offer "ask
 * about this" only where a chat will answer it. Fires `change` as chats come
 * and go.
 */
class SupportPresence extends EventTarget {
  readonly #chats = new Set<Element>();

  get available(): boolean {
    return this.#chats.size > 0;
  }

  add(chat: Element): void {
    this.#chats.add(chat);
    this.dispatchEvent(new Event('change'));
  }

  delete(chat: Element): void {
    this.#chats.delete(chat);
    this.dispatchEvent(new Event('change'));
  }
}

export const supportPresence = new SupportPresence();
