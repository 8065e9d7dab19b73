import { CrmErrorEvent } from '../events/error.ts';
import { ChatSession } from './chat-session.ts';
import { PortalConsumer } from './portal-consumer.ts';

/** Connects an element to the signed-in shopper's chat: follows sign-in and sign-out, re-renders on every change. */
export class ChatController extends PortalConsumer {
  #session: ChatSession | undefined;
  readonly #onChange = () => this.host.requestUpdate();

  get session(): ChatSession | undefined {
    return this.#session;
  }

  hostDisconnected(): void {
    this.#use(undefined);
  }

  protected follow(): void {
    const client = this.client;
    const shopper = this.shopper;
    this.#use(client && shopper.status === 'ready' ? ChatSession.for(client, shopper.me.id) : undefined);
    this.host.requestUpdate();
  }

  #use(session: ChatSession | undefined): void {
    if (session === this.#session) return;
    if (this.#session) {
      this.#session.removeEventListener('change', this.#onChange);
      this.#session.detach();
    }
    this.#session = session;
    if (session) {
      session.addEventListener('change', this.#onChange);
      session.attach().catch((error: unknown) => this.host.dispatchEvent(new CrmErrorEvent(error, this.host.localName)));
    }
  }
}
